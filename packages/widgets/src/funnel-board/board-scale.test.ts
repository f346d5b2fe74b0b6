// The board at 10,000 deals: what a user would notice as lag, pinned by counts (never by time):
// the DOM holds only the visible cards, and a move neither re-reads the pipeline nor re-queries the next steps.
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Activity, type Crm, type Deal } from '@crmkit/core';
import { defineFunnelBoard, type CrmFunnelBoard } from './crm-funnel-board.js';
import { BoardLayout } from './board-model.js';

defineFunnelBoard();

const NOW = new Date('2025-03-10T09:00:00Z');
const STAGES = ['new', 'qualified', 'proposal', 'invoice'];
const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});

async function bigCrm(): Promise<Crm> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, now: () => NOW });
  crms.push(crm);
  const at = NOW.toISOString();
  const deals: Deal[] = [];
  const steps: Activity[] = [];
  for (let i = 0; i < 10_000; i++) {
    deals.push({ id: `d${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: 'system', custom: {}, title: `Deal ${i}`, amount: 10, currency: i % 2 ? 'USD' : 'EUR', pipelineId: 'sales', stageId: STAGES[i % 4]!, status: 'open', contactIds: [] });
    if (i % 3) steps.push({ id: `a${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: 'system', custom: {}, recordType: 'deal', recordId: `d${i}`, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() + ((i % 9) - 3) * 3_600_000).toISOString(), assigneeId: 'system', state: 'pending', done: false } as Activity);
  }
  await crm.store.bulkPut('deals', deals);
  await crm.store.bulkPut('activities', steps);
  return crm;
}

/** Counts every store read from now on, by table and kind. */
function countReads(crm: Crm): { reads: string[]; stop: () => void } {
  const store = crm.store as unknown as Record<string, (...args: unknown[]) => unknown>;
  const reads: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const method of ['query', 'get', 'getMany', 'bulkGet']) {
    const original = store[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    store[method] = function (this: unknown, ...args: unknown[]) {
      const [table, q] = args as [string, { index?: string; equals?: unknown } | undefined];
      reads.push(method === 'query' ? `${table}.query(${q?.index ?? 'all'}${q?.equals !== undefined ? `=${String(q.equals)}` : ''})` : `${table}.${method}`);
      return original.apply(this, args);
    };
  }
  return { reads, stop: () => originals.forEach((fn, m) => (store[m] = fn)) };
}

const cards = (board: CrmFunnelBoard) => board.shadowRoot!.querySelectorAll('.card').length;
const count = (board: CrmFunnelBoard, stage: string) => board.shadowRoot!.querySelector(`section[data-drop="${stage}"] [part="column-count"]`)!.textContent;
const total = (board: CrmFunnelBoard, stage: string) => board.shadowRoot!.querySelector(`section[data-drop="${stage}"] [part="column-total"]`)!.textContent;

describe('<crm-funnel-board> at 10,000 deals', () => {
  it('formats amounts and dates only for the cards it renders at first render, not for all 10,000', async () => {
    const crm = await bigCrm();
    // Every Intl formatting call from here on (number, date and relative-time formats).
    let calls = 0;
    const restore: Array<() => void> = [];
    for (const proto of [Intl.NumberFormat.prototype, Intl.DateTimeFormat.prototype]) {
      const desc = Object.getOwnPropertyDescriptor(proto, 'format')!;
      Object.defineProperty(proto, 'format', {
        configurable: true,
        get(this: unknown) {
          const f = desc.get!.call(this) as (...a: unknown[]) => string;
          return (...a: unknown[]) => (calls++, f(...a));
        },
      });
      restore.push(() => Object.defineProperty(proto, 'format', desc));
    }
    const rtf = Intl.RelativeTimeFormat.prototype.format;
    Intl.RelativeTimeFormat.prototype.format = function (this: Intl.RelativeTimeFormat, ...a: Parameters<typeof rtf>) {
      calls++;
      return rtf.apply(this, a);
    };
    restore.push(() => (Intl.RelativeTimeFormat.prototype.format = rtf));
    try {
      const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`);
      await waitUntil(() => cards(board) > 0, 'no cards', { timeout: 10_000 });
      await board.updateComplete;
      // A card formats at most its amount, its due time and the due time's tooltip; columns their count and totals.
      expect(calls, `${calls} formats for ${cards(board)} cards`).to.be.at.most(3 * cards(board) + 40);
      expect(count(board, 'new')).to.equal('2,500 deals');
    } finally {
      restore.forEach((r) => r());
    }
  });

  it('keeps at most 300 card elements in the DOM through moves and scrolling, with totals kept right', async () => {
    const crm = await bigCrm();
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`);
    await waitUntil(() => cards(board) > 0, 'no cards', { timeout: 10_000 });
    expect(cards(board)).to.be.within(4, 300);
    expect(count(board, 'new')).to.equal('2,500 deals');
    // "new" holds the even deals (EUR), "qualified" the odd ones (USD), 10 each.
    expect(total(board, 'new')).to.equal('€25,000');
    expect(total(board, 'qualified')).to.equal('$25,000');
    const before = { newTotal: total(board, 'new'), qualified: total(board, 'qualified') };
    for (let i = 0; i < 5; i++) {
      const id = board.shadowRoot!.querySelector<HTMLElement>('section[data-drop="new"] .card')!.dataset['id']!;
      expect(await board.moveCard(id, 'qualified')).to.equal(true);
      expect(cards(board)).to.be.at.most(300);
    }
    await aTimeout(50);
    await board.updateComplete;
    expect(count(board, 'new')).to.equal('2,495 deals');
    expect(count(board, 'qualified')).to.equal('2,505 deals');
    expect(total(board, 'new')).not.to.equal(before.newTotal);
    // The totals after five incremental moves equal what the core's summary says.
    const summary = await crm.deals.summary({ pipelineId: 'sales' });
    const fmt = (totals: Record<string, number>) => Object.entries(totals).sort().map(([c, v]) => new Intl.NumberFormat('en', { style: 'currency', currency: c, maximumFractionDigits: 0 }).format(v));
    for (const stage of ['new', 'qualified']) {
      const shown = total(board, stage).split(' · ').sort();
      expect(shown).to.deep.equal(fmt(summary.stages.find((s) => s.stageId === stage)!.totals).sort());
    }
    for (const stage of STAGES) {
      const scroller = board.shadowRoot!.querySelector<HTMLElement>(`.scroller[data-stage="${stage}"]`)!;
      scroller.scrollTop = scroller.scrollHeight / 2;
      scroller.dispatchEvent(new Event('scroll'));
    }
    await new Promise((r) => requestAnimationFrame(r));
    await board.updateComplete;
    expect(cards(board)).to.be.within(4, 300);
  });

  it('a move reads neither the pipeline’s deals nor the next steps again (its own echo arrives with the row)', async () => {
    const crm = await bigCrm();
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`);
    await waitUntil(() => cards(board) > 0, 'no cards', { timeout: 10_000 });
    await aTimeout(50);
    const listed: string[] = [];
    const listDeals = crm.deals.list.bind(crm.deals);
    const listSteps = crm.activities.list.bind(crm.activities);
    crm.deals.list = (q) => (listed.push('deals.list'), listDeals(q));
    crm.activities.list = (q) => (listed.push('activities.list'), listSteps(q));
    const { reads, stop } = countReads(crm);
    const id = board.shadowRoot!.querySelector<HTMLElement>('section[data-drop="new"] .card')!.dataset['id']!;
    expect(await board.moveCard(id, 'proposal')).to.equal(true);
    await aTimeout(100);
    await board.updateComplete;
    stop();
    expect(listed).to.deep.equal([]);
    // The core's move reads the one deal and that deal's own steps; nothing table-wide.
    const wide = reads.filter((r) => (r.startsWith('deals.query') || r.startsWith('activities.query')) && !r.includes(`=${id})`));
    expect(wide, reads.join(', ')).to.deep.equal([]);
    expect(count(board, 'proposal')).to.equal('2,501 deals');
  });

  it('a move is one write of the deal and re-places only that card: shown at once, then saved; its own echo re-places nothing', async () => {
    const crm = await bigCrm();
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`);
    await waitUntil(() => cards(board) > 0, 'no cards', { timeout: 10_000 });
    await aTimeout(50);
    const writes: string[] = [];
    const unsubscribe = crm.store.subscribe((changes) => changes.forEach((c) => c.table === 'deals' && writes.push(c.id)));
    const patched: string[][] = [];
    const patch = BoardLayout.prototype.patch;
    BoardLayout.prototype.patch = function (this: BoardLayout, ...args: Parameters<typeof patch>) {
      patched.push([...args[0]]);
      return patch.apply(this, args);
    };
    try {
      const id = board.shadowRoot!.querySelector<HTMLElement>('section[data-drop="new"] .card')!.dataset['id']!;
      expect(await board.moveCard(id, 'proposal')).to.equal(true);
      await aTimeout(100);
      await board.updateComplete;
      expect(writes).to.deep.equal([id]);
      // Only the moved card, never a column or the board: once when it is shown in its new column, once when the save settles it.
      expect(patched.flat().every((x) => x === id), JSON.stringify(patched)).to.equal(true);
      expect(patched.length, JSON.stringify(patched)).to.be.at.most(2);
      expect(count(board, 'proposal')).to.equal('2,501 deals');
      expect(count(board, 'new')).to.equal('2,499 deals');
    } finally {
      BoardLayout.prototype.patch = patch;
      unsubscribe();
    }
  });

  it('orders only the first rows of each column and builds no index by id before the first frame; the rest after it', async () => {
    const crm = await bigCrm();
    // Every sort of the board's cards (arrays of cards with a sort key) and every Map entry keyed by a deal id.
    const sort = Array.prototype.sort;
    const set = Map.prototype.set;
    const log = { cardSorts: [] as number[], dealKeys: 0 };
    Array.prototype.sort = function (this: unknown[], ...args: [((a: unknown, b: unknown) => number)?]) {
      const first = this[0] as { key?: unknown; record?: unknown } | undefined;
      if (first && typeof first.key === 'number' && first.record) log.cardSorts.push(this.length);
      return sort.apply(this, args);
    };
    Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      if (typeof key === 'string' && /^d\d+$/.test(key)) log.dealKeys++;
      return set.call(this, key, value);
    };
    try {
      const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" locale="en"></crm-funnel-board>`);
      await waitUntil(() => cards(board) > 0, 'no cards', { timeout: 10_000 });
      const atFirstFrame = { cardSorts: [...log.cardSorts], dealKeys: log.dealKeys };
      expect(count(board, 'new')).to.equal('2,500 deals');
      expect(atFirstFrame.cardSorts.filter((n) => n > 100), 'sorts of a whole column before the first frame').to.deep.equal([]);
      // Only the soonest next step of each deal that has one (6,666 of them: urgency needs it); no index of deals or cards.
      expect(atFirstFrame.dealKeys, 'deal ids indexed before the first frame').to.be.at.most(6_666);
      // After the frame is painted, every column is put in order and the cards indexed (a move needs them).
      await waitUntil(() => log.cardSorts.filter((n) => n === 2500).length === 4, 'the columns were not ordered after the first frame');
      expect(log.dealKeys).to.be.at.least(10_000);
      expect(cards(board)).to.be.within(4, 300);
    } finally {
      Array.prototype.sort = sort;
      Map.prototype.set = set;
    }
  });
});
