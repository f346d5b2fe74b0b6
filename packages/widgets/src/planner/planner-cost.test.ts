// What a planner render costs, counted (never timed): the date formats are
// made once per locale, not on every render, and sorting a busy week's steps
// into cells makes no Date per step; record names are read after the first
// frame is painted, so they do not render the grid twice before it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Activity, type Crm } from '@crmkit/core';
import type { CrmPlanner } from './crm-planner.js';
import { definePlanner } from './define-planner.js';
import { PlannerCells } from './planner-cells.js';
import { visibleDays } from './planner-model.js';

definePlanner();

const NOW = new Date(2026, 4, 6, 10, 0);

function step(i: number, dueAt: Date): Activity {
  const at = NOW.toISOString();
  return { id: `a${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: `u${i % 3}`, custom: {}, recordType: 'deal', recordId: `d${i}`, type: 'call', title: `Call ${i}`, dueAt: dueAt.toISOString(), assigneeId: `u${i % 3}`, state: 'pending', done: false } as Activity;
}

/** Runs `fn` with `globalThis.Date` and `Intl.DateTimeFormat` counting how often they are constructed. */
async function counting<T>(fn: () => T | Promise<T>): Promise<{ result: T; dates: number; formats: number }> {
  const RealDate = globalThis.Date;
  const RealFormat = Intl.DateTimeFormat;
  let dates = 0;
  let formats = 0;
  class CountingDate extends RealDate {
    constructor(...args: unknown[]) {
      super(...(args as [number]));
      dates++;
    }
  }
  const CountingFormat = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    formats++;
    return new RealFormat(...args);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.assign(CountingFormat, { supportedLocalesOf: RealFormat.supportedLocalesOf.bind(RealFormat) });
  globalThis.Date = CountingDate as DateConstructor;
  Intl.DateTimeFormat = CountingFormat;
  try {
    const result = await fn();
    return { result, dates, formats };
  } finally {
    globalThis.Date = RealDate;
    Intl.DateTimeFormat = RealFormat;
  }
}

describe('planner render cost', () => {
  it('sorts 3,000 steps into a week\'s cells without a Date per step, each cell still soonest first', async () => {
    const days = visibleDays(NOW, 'week');
    const steps = Array.from({ length: 3000 }, (_, i) => step(i, new Date(2026, 4, 1 + (i % 14), 8 + ((i * 7) % 10), 0)));
    steps.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const { result, dates } = await counting(() => {
      const cells = new PlannerCells();
      cells.load(steps);
      cells.view(days, '', () => true);
      return cells.cells;
    });
    expect(dates).to.be.below(50);
    // Same buckets as a day key per step would give.
    const cell = result.get('u1|2026-05-06')!;
    expect(cell.length).to.be.greaterThan(0);
    expect(cell.every((s) => new Date(s.dueAt).getDate() === 6 && s.assigneeId === 'u1')).to.equal(true);
    expect(cell.map((s) => s.dueAt)).to.deep.equal([...cell.map((s) => s.dueAt)].sort());
    const inWeek = steps.filter((s) => Date.parse(s.dueAt) >= days[0]!.start.getTime() && Date.parse(s.dueAt) < new Date(2026, 4, 11).getTime()).length;
    const count = (earlier: boolean) => [...result].filter(([k]) => k.endsWith('|earlier') === earlier).reduce((n, [, l]) => n + l.length, 0);
    expect(count(false)).to.equal(inWeek);
    expect(count(true)).to.equal(steps.filter((s) => Date.parse(s.dueAt) < days[0]!.start.getTime()).length);
  });

  it('a first render of 1,200 pending steps sorts no list of steps longer than a cell shows, and each cell still shows its soonest steps first', async () => {
    const users = [0, 1, 2].map((i) => ({ id: `u${i}`, name: `Manager ${i}`, role: i === 0 ? ('head' as const) : ('manager' as const) }));
    const big = await createCrm({ store: memoryStore(), automationIntervalMs: false, users, currentUser: 'u0', now: () => NOW });
    // Written in reverse order, so store order is not due order.
    const steps = Array.from({ length: 1200 }, (_, i) => step(i, new Date(2026, 4, 1 + (i % 14), 8 + ((i * 7) % 10), i % 60))).reverse();
    await big.store.bulkPut('activities', steps);
    const realSort = Array.prototype.sort;
    let longest = 0;
    Array.prototype.sort = function <T>(this: T[], compare?: (a: T, b: T) => number): T[] {
      // Rows (the store's own index sorts ids once; that is not the planner's).
      if (typeof this[0] === 'object') longest = Math.max(longest, this.length);
      return realSort.call(this, compare) as T[];
    };
    let el: CrmPlanner;
    try {
      el = await fixture<CrmPlanner>(html`<crm-planner .crm=${big} locale="en"></crm-planner>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner shows steps');
      await el.updateComplete;
    } finally {
      Array.prototype.sort = realSort;
    }
    expect(longest).to.be.below(100);
    const due = new Map(steps.map((s) => [s.id, s.dueAt]));
    for (const td of el.shadowRoot!.querySelectorAll<HTMLElement>('td[data-day]')) {
      const shown = [...td.querySelectorAll<HTMLElement>('[data-step]')].map((b) => b.dataset['step']!);
      const times = shown.map((id) => Date.parse(due.get(id)!));
      expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    }
    const cell = el.shadowRoot!.querySelector<HTMLElement>('td[data-day="2026-05-06"][data-person="u1"]')!;
    const inCell = steps.filter((s) => s.assigneeId === 'u1' && new Date(s.dueAt).getDate() === 6 && new Date(s.dueAt).getMonth() === 4);
    const soonestTime = Math.min(...inCell.map((s) => Date.parse(s.dueAt)));
    expect(Date.parse(due.get(cell.querySelector<HTMLElement>('[data-step]')!.dataset['step']!)!)).to.equal(soonestTime);
    await big.close();
  });

  describe('<crm-planner>', () => {
    let crm: Crm;
    before(async () => {
      crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, users: [{ id: 'u0', name: 'Ann', role: 'head' }], currentUser: 'u0', now: () => NOW });
      await crm.store.bulkPut('deals', [{ id: 'd1', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), version: 1, ownerId: 'u0', custom: {}, title: 'Deal 1', amount: 1, currency: 'USD', pipelineId: 'sales', stageId: 'new', status: 'open', contactIds: [] }]);
      await crm.store.bulkPut('activities', [{ ...step(1, new Date(2026, 4, 6, 11)), assigneeId: 'u0', ownerId: 'u0' }]);
    });
    after(async () => {
      await crm.close();
    });

    it('makes its date formats once per locale, not on every render', async () => {
      const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner shows its step');
      await el.updateComplete;
      const { formats } = await counting(async () => {
        for (let i = 0; i < 3; i++) {
          el.requestUpdate();
          await el.updateComplete;
        }
      });
      expect(formats).to.equal(0);
      expect(el.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.match(/May 4.*10, 2026/);
    });

    it('a second planner on the page makes no date formats of its own', async () => {
      const first = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
      await waitUntil(() => first.shadowRoot!.querySelector('[data-step]'), 'the first planner shows its step');
      const { result: second, formats } = await counting(async () => {
        const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
        await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the second planner shows its step');
        await el.updateComplete;
        return el;
      });
      expect(formats).to.equal(0);
      expect(second.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.match(/May 4.*10, 2026/);
    });

    it('reads record names once the frame showing the steps is painted, not before it', async () => {
      let finds = 0;
      const realFind = crm.deals.find.bind(crm.deals);
      crm.deals.find = (id: string) => {
        finds++;
        return realFind(id);
      };
      // Frames are held: until they run, nothing has been painted.
      const held: FrameRequestCallback[] = [];
      const realRaf = globalThis.requestAnimationFrame;
      globalThis.requestAnimationFrame = (cb) => (held.push(cb), held.length);
      try {
        const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
        await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner shows its step');
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 50));
        expect(finds).to.equal(0);
        globalThis.requestAnimationFrame = realRaf;
        for (const cb of held.splice(0)) cb(performance.now());
        await waitUntil(() => el.shadowRoot!.querySelector('.record')?.textContent === 'Deal 1', 'the record name shows after the frame');
        expect(finds).to.equal(1);
      } finally {
        globalThis.requestAnimationFrame = realRaf;
        crm.deals.find = realFind;
      }
    });
  });
});
