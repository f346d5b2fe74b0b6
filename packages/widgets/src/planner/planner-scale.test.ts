// The planner at scale: 10,000 deals with a next step on two in three, twelve
// people, a week — each cell shows its soonest steps and "+N more", so the
// DOM stays within a few hundred step elements, and the keyboard still
// reaches every step of a cell through that button.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import type { CrmPlanner } from './crm-planner.js';
import { definePlanner } from './define-planner.js';
import { SLICE_STEPS } from './planner-window.js';

definePlanner();

const NOW = new Date(2026, 4, 6, 10, 0);
const DEALS = 10_000;

async function bigTeam(): Promise<{ crm: Crm; total: number }> {
  const users = Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, name: `Manager ${i}`, role: i === 0 ? ('head' as const) : ('manager' as const) }));
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, users, currentUser: 'u0', now: () => NOW });
  const at = NOW.toISOString();
  const deals = [];
  const steps = [];
  for (let i = 0; i < DEALS; i++) {
    const owner = `u${i % 12}`;
    deals.push({ id: `d${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: owner, custom: {}, title: `Deal ${i}`, amount: 100, currency: 'USD', pipelineId: 'sales', stageId: 'new', status: 'open', contactIds: [] });
    if (i % 3)
      steps.push({ id: `a${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: owner, custom: {}, recordType: 'deal', recordId: `d${i}`, type: 'call', title: `Call ${i}`, dueAt: new Date(2026, 4, 6 + ((i * 5) % 42) - 21, 9 + (i % 8), 0).toISOString(), assigneeId: owner, state: 'pending', done: false });
  }
  await crm.store.bulkPut('deals', deals);
  await crm.store.bulkPut('activities', steps);
  return { crm, total: steps.length };
}

describe('<crm-planner> at 10,000 deals', () => {
  let crm: Crm;
  let total: number;
  before(async () => {
    ({ crm, total } = await bigTeam());
  });
  after(async () => {
    await crm.close();
  });

  it('renders at most 300 step elements, and every cell accounts for all its steps', async () => {
    const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner shows steps', { timeout: 15000 });
    const root = el.shadowRoot!;
    expect(total).to.be.greaterThan(6000);
    // Nothing is silently dropped: per cell, shown + "+N more" = the steps due there (once the rows below the first
    // frame's are in, a screenful a frame).
    const week = await crm.activities.list({ state: 'pending' });
    const monday = new Date(2026, 4, 4).getTime();
    const nextMonday = new Date(2026, 4, 11).getTime();
    const inView = week.filter((s) => Date.parse(s.dueAt) < nextMonday).length;
    const accounted = () => [...root.querySelectorAll('td')].reduce((n, td) => n + td.querySelectorAll('[data-step]').length + Number(td.querySelector<HTMLElement>('[data-more]')?.dataset['more'] ?? 0), 0);
    await waitUntil(() => accounted() === inView, 'every step is accounted for', { timeout: 10000 });
    expect(root.querySelectorAll('[data-step]').length).to.be.at.most(300);
    expect(week.some((s) => Date.parse(s.dueAt) < monday)).to.equal(true);
    // Every busy cell shows its soonest step.
    const firstCell = root.querySelector<HTMLTableCellElement>('td[data-day="2026-05-04"][data-person="u1"]')!;
    const soonest = week.filter((s) => s.assigneeId === 'u1' && s.dueAt.startsWith('2026-05-0') && Date.parse(s.dueAt) >= monday && Date.parse(s.dueAt) < new Date(2026, 4, 5).getTime())[0];
    expect(firstCell.querySelector('[data-step]')?.getAttribute('data-step')).to.equal(soonest?.id);
  });

  it('"+N more" is a labelled button that reveals the next steps, focuses the first, and in the end reaches every step', async () => {
    const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-more]'), 'a busy cell has a "+N more" button', { timeout: 15000 });
    const cell = () => el.shadowRoot!.querySelector<HTMLTableCellElement>('td[data-day="2026-05-08"][data-person="u1"]')!;
    const more = () => cell().querySelector<HTMLButtonElement>('[data-more]');
    const initial = cell().querySelectorAll('[data-step]').length;
    const inCell = initial + Number(more()!.dataset['more']);
    expect(more()!.getAttribute('aria-label')).to.match(/^Show \d+ more steps of Manager 1, Friday, May 8$/);
    expect(more()!.textContent!.trim()).to.equal(`+${inCell - initial} more`);
    more()!.click();
    await el.updateComplete;
    await el.updateComplete;
    const ids = [...cell().querySelectorAll<HTMLElement>('[data-step]')];
    expect(ids.length).to.be.greaterThan(initial);
    expect(el.shadowRoot!.activeElement).to.equal(ids[initial]);
    let guard = 0;
    while (more() && guard++ < 100) {
      more()!.click();
      await el.updateComplete;
    }
    expect(cell().querySelectorAll('[data-step]').length).to.equal(inCell);
  });

  it("a week's first frame renders the steps of the rows in view, and the rows below once it is painted", async () => {
    const nextMonday = new Date(2026, 4, 11).getTime();
    const busy = new Set((await crm.activities.list({ state: 'pending' })).filter((s) => Date.parse(s.dueAt) < nextMonday).map((s) => s.assigneeId)).size;
    const el = document.createElement('crm-planner') as CrmPlanner;
    el.crm = crm;
    el.locale = 'en';
    const rowsWithSteps = () => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')].filter((tr) => tr.querySelector('[data-step]'));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    // The DOM as the first frame with steps gets it: seen when the steps enter it, before any frame or task runs.
    const first = await new Promise<{ rows: number[]; lastBottom: number; scrollerBottom: number }>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!el.shadowRoot!.querySelector('[data-step]')) return;
        observer.disconnect();
        const rows = rowsWithSteps();
        resolve({ rows: rows.map((tr) => tr.rowIndex), lastBottom: rows.at(-1)!.getBoundingClientRect().bottom, scrollerBottom: el.shadowRoot!.querySelector('.scroller')!.getBoundingClientRect().bottom });
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    });
    // The rows in view and one more, not every busy row; what the viewport shows is complete (the last row with its
    // steps reaches below the scroller's bottom).
    expect(first.rows.length).to.be.greaterThan(0);
    expect(first.rows.length).to.be.below(busy);
    expect(first.lastBottom).to.be.greaterThan(first.scrollerBottom);
    // The rows below come a screenful a frame, not all in one task: the grid passes through a count in between.
    const counts = new Set<number>();
    const watcher = new MutationObserver(() => counts.add(rowsWithSteps().length));
    watcher.observe(el.shadowRoot!, { childList: true, subtree: true });
    await waitUntil(() => rowsWithSteps().length === busy, 'every row shows its steps after the first paint', { timeout: 5000 });
    watcher.disconnect();
    expect([...counts].some((n) => n > first.rows.length && n < busy), `row counts seen: ${[...counts].join(', ')}`).to.equal(true);
    // The first frame's rows are the top ones.
    expect(rowsWithSteps().map((tr) => tr.rowIndex).slice(0, first.rows.length)).to.deep.equal(first.rows);
  });

  it('the rows below the first frame arrive a small slice per render, each row with all its steps', async () => {
    const el = document.createElement('crm-planner') as CrmPlanner;
    el.crm = crm;
    el.locale = 'en';
    const count = () => el.shadowRoot?.querySelectorAll('[data-step]').length ?? 0;
    // Step elements each render added, counted as it ends (the first frame's and the rows below's).
    const added: number[] = [];
    let last = 0;
    const hooked = el as unknown as { updated(changed: unknown): void };
    const real = hooked.updated.bind(el);
    hooked.updated = (changed) => {
      real(changed);
      const n = count();
      if (n !== last) added.push(n - last);
      last = n;
    };
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(el);
    const rows = () => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    const nextMonday = new Date(2026, 4, 11).getTime();
    const busy = new Set((await crm.activities.list({ state: 'pending' })).filter((s) => Date.parse(s.dueAt) < nextMonday).map((s) => s.assigneeId)).size;
    await waitUntil(() => rows().filter((tr) => tr.querySelector('[data-step]')).length === busy, `every row shows its steps (${added.join(', ')})`, { timeout: 15000 });
    expect(added.length, `step elements added per render: ${added.join(', ')}`).to.be.greaterThan(2);
    expect(Math.max(...added.slice(1)), `step elements added per render: ${added.join(', ')}`).to.be.at.most(SLICE_STEPS);
  });

  it('a step picked up in a row below the first frame keeps its element and the focus when the period changes', async () => {
    const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('td[data-person="u11"] [data-step]'), 'the last row shows its steps', { timeout: 15000 });
    const button = root.querySelector<HTMLElement>('td[data-person="u11"][data-day="2026-05-10"] [data-step], td[data-person="u11"] [data-step]')!;
    const id = button.dataset['step']!;
    const key = (k: string) => root.querySelector<HTMLElement>(`[data-step="${id}"]`)!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
    button.focus();
    key(' ');
    await el.updateComplete;
    // Next week, by the arrows: the planner follows to a new period, whose first frame renders the top rows only.
    for (let i = 0; i < 7 && el.date === ''; i++) {
      key('ArrowRight');
      await el.updateComplete;
    }
    expect(el.date >= '2026-05-11', 'the period followed the step').to.equal(true);
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(rows.filter((tr) => tr.querySelector('[data-step]')).length, 'some rows wait for the first paint').to.be.below(rows.length - 1);
    expect((root.activeElement as HTMLElement | null)?.dataset['step']).to.equal(id);
    key('Escape');
  });
});
