// A move paints first: the card shows in its new column in the next frame, the core's save starts after that frame,
// and only the columns a move touches are rendered again (never again for the live echo of the board's own write).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Crm } from '@crmkit/core';
import type { CrmFunnelBoard } from './crm-funnel-board.js';
import { DAY, HOUR, makeCrm, mount, card, cardTitles, column, deal, key, pointerDrag, settle } from './board-test-helpers.js';

/** Records which columns the board renders (by stage id). */
function columnRenders(board: CrmFunnelBoard): string[] {
  const seen: string[] = [];
  const original = board.renderColumn.bind(board);
  board.renderColumn = (col, index, pipeline) => {
    seen.push(col.stage.id);
    return original(col, index, pipeline);
  };
  return seen;
}

/** Notes, when the core's moveToStage is called, whether a frame ran since `since()` was called and which cards the target column shows. */
function watchCoreMove(crm: Crm, board: CrmFunnelBoard, to: string) {
  const calls: { framed: boolean; shown: (string | null)[] }[] = [];
  let framed = false;
  const original = crm.deals.moveToStage.bind(crm.deals);
  crm.deals.moveToStage = ((...args: Parameters<Crm['deals']['moveToStage']>) => {
    calls.push({ framed, shown: cardTitles(board, to) });
    return original(...args);
  }) as Crm['deals']['moveToStage'];
  return {
    calls,
    since: () => {
      framed = false;
      requestAnimationFrame(() => (framed = true));
    },
  };
}

async function fourColumns(): Promise<{ crm: Crm; board: CrmFunnelBoard; id: string }> {
  const crm = await makeCrm();
  const d = await deal(crm, 'Boiler', { amount: 5 }, DAY);
  for (const [title, stageId] of [['Pump', 'qualified'], ['Valve', 'proposal'], ['Tank', 'invoice']] as const) await deal(crm, title, { stageId }, DAY);
  const board = await mount(crm);
  await waitUntil(() => card(board, 'Tank'));
  await settle(board);
  return { crm, board, id: d.id };
}

describe('<crm-funnel-board> paints a move first', () => {
  it('calls the core only after the frame that shows the card in its new column', async () => {
    const { crm, board, id } = await fourColumns();
    const core = watchCoreMove(crm, board, 'qualified');
    const done = board.moveCard(id, 'qualified');
    core.since();
    expect(await done).to.equal(true);
    expect(core.calls).to.deep.equal([{ framed: true, shown: ['Boiler', 'Pump'] }]);
    expect((await crm.deals.get(id)).stageId).to.equal('qualified');
  });

  it('does the same for a pointer drop and a keyboard drop', async () => {
    const { crm, board, id } = await fourColumns();
    const core = watchCoreMove(crm, board, 'qualified');
    pointerDrag(card(board, 'Boiler'), column(board, 'qualified'));
    core.since();
    await waitUntil(async () => (await crm.deals.get(id)).stageId === 'qualified', 'pointer drop did not move the deal');
    const el = card(board, 'Pump');
    el.focus();
    key(el, ' ');
    await settle(board);
    key(el, 'ArrowRight');
    await settle(board);
    key(el, ' ');
    core.since();
    await waitUntil(() => core.calls.length === 2, 'keyboard drop did not call the core');
    await settle(board);
    expect(core.calls.map((c) => c.framed)).to.deep.equal([true, true]);
    expect(core.calls[0]!.shown).to.include('Boiler');
  });

  it('renders again only the two columns a move touches, and none for the live echo of its own save', async () => {
    const { board, id } = await fourColumns();
    const rendered = columnRenders(board);
    expect(await board.moveCard(id, 'qualified')).to.equal(true);
    await settle(board);
    // "new" loses the card and "qualified" gains it (pending), then "qualified" once more when the save settles
    // (the card is no longer pending). "proposal" and "invoice" are not rendered at all, nor is anything for the echo.
    expect(rendered.filter((s) => s === 'new')).to.have.length(1);
    expect(rendered.filter((s) => s === 'qualified')).to.have.length(2);
    expect(rendered.filter((s) => s === 'proposal' || s === 'invoice')).to.deep.equal([]);
    expect(cardTitles(board, 'qualified')).to.deep.equal(['Boiler', 'Pump']);
  });

  it('still renders a column again when a live change from elsewhere touches it', async () => {
    const { crm, board } = await fourColumns();
    const rendered = columnRenders(board);
    const [valve] = await crm.deals.list({ stageId: 'proposal' });
    await crm.deals.update(valve!.id, { title: 'Valve kit', version: valve!.version });
    await waitUntil(() => cardTitles(board, 'proposal').includes('Valve kit'), 'the change did not show');
    expect([...new Set(rendered)]).to.deep.equal(['proposal']);
  });
});

describe('<crm-funnel-board> first render', () => {
  it('renders each column twice: its visible rows for the first frame, then the overscan rows once that is painted', async () => {
    const crm = await makeCrm();
    // More cards than a column shows, so the column's window (not its length) decides which rows are rendered.
    for (let i = 0; i < 40; i++) await deal(crm, `Deal ${i}`, { stageId: i % 2 ? 'new' : 'qualified' }, (i + 1) * HOUR);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const board = document.createElement('crm-funnel-board') as CrmFunnelBoard;
    // Each render of a column, with the number of its card rows it renders.
    const renders: { stage: string; rows: number }[] = [];
    const original = board.renderColumn.bind(board);
    board.renderColumn = (col, index, pipeline) => {
      renders.push({ stage: col.stage.id, rows: board.windows.bounds(col.stage.id, col.cards.length).last });
      return original(col, index, pipeline);
    };
    board.crm = crm;
    board.pipeline = 'sales';
    board.locale = 'en';
    host.append(board);
    await waitUntil(() => column(board, 'new')?.querySelector('.card'), 'no cards');
    await settle(board);
    await settle(board);
    const visible = Math.ceil(column(board, 'new').querySelector<HTMLElement>('.scroller')!.clientHeight / 104);
    // The measurement of the columns (after the first layout) agrees with the estimate and renders nothing again.
    expect(renders.filter((r) => r.stage === 'new')).to.deep.equal([
      { stage: 'new', rows: visible },
      { stage: 'new', rows: visible + 3 },
    ]);
    expect(renders.filter((r) => r.stage === 'qualified').map((r) => r.rows)).to.deep.equal([visible, visible + 3]);
    expect(column(board, 'new').querySelectorAll('.card')).to.have.length(visible + 3);
  });

  it('a removed board leaves nothing listening: no store subscription, no change listener, no timer', async () => {
    const crm = await makeCrm();
    for (let i = 0; i < 6; i++) await deal(crm, `Deal ${i}`, { stageId: i % 2 ? 'new' : 'qualified' }, (i + 1) * HOUR);
    // Live store subscriptions and crm.on listeners, counted as they are added and removed.
    const live = { store: 0, on: 0 };
    const subscribe = crm.store.subscribe.bind(crm.store);
    crm.store.subscribe = (listener) => {
      live.store++;
      const stop = subscribe(listener);
      let stopped = false;
      return () => {
        if (!stopped) live.store--;
        stopped = true;
        stop();
      };
    };
    const on = crm.on.bind(crm) as (...args: unknown[]) => () => void;
    (crm as unknown as { on: unknown }).on = (...args: unknown[]) => {
      live.on++;
      const stop = on(...args);
      let stopped = false;
      return () => {
        if (!stopped) live.on--;
        stopped = true;
        stop();
      };
    };
    const timers = new Set<unknown>();
    const setInterval = window.setInterval;
    const clearInterval = window.clearInterval;
    window.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const id = setInterval(...args);
      timers.add(id);
      return id;
    }) as typeof setInterval;
    window.clearInterval = ((id?: number) => (timers.delete(id), clearInterval(id))) as typeof clearInterval;
    try {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      for (let round = 0; round < 3; round++) {
        const board = document.createElement('crm-funnel-board') as CrmFunnelBoard;
        board.crm = crm;
        board.pipeline = 'sales';
        host.append(board);
        await waitUntil(() => column(board, 'new')?.querySelector('.card'), 'no cards');
        expect(live.store, 'listening while shown').to.be.at.least(1);
        // An update still pending as it leaves (a change just arrived, a window measured): Lit runs it, detached.
        if (round > 0) board.requestUpdate();
        board.remove();
        await settle(board);
        expect(live, `after removing board ${round + 1}`).to.deep.equal({ store: 0, on: 0 });
        expect(timers.size, 'intervals left running').to.equal(0);
      }
    } finally {
      window.setInterval = setInterval;
      window.clearInterval = clearInterval;
    }
  });
});
