// A reschedule as the user sees it: the step is in its new cell in the next
// frame, before the core is called; only the two cells it leaves and enters
// render again (counted, never timed); a refusal puts it back with the notice.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, ForbiddenError, memoryStore, type Activity, type Crm } from '@crmkit/core';
import { planner as en } from '../locales/en.js';
import type { CrmPlanner } from './crm-planner.js';
import { definePlanner } from './define-planner.js';
import { dayKey } from './planner-model.js';

definePlanner();

// Wednesday 6 May 2026, 10:00 local time.
const NOW = new Date(2026, 4, 6, 10, 0);
const USERS = [
  { id: 'ann', name: 'Ann Lee', role: 'manager' as const },
  { id: 'bob', name: 'Bob Stone', role: 'manager' as const },
  { id: 'boss', name: 'Bo Head', role: 'head' as const },
];
const WAIT = { timeout: 5000 };

/** Two steps on every day of the week for each of the three people (42 steps, 21 cells), but on the days `skip` names. */
async function busyWeek(skip: (person: string, day: number) => boolean = () => false): Promise<{ crm: Crm; steps: Activity[] }> {
  const crm = await createCrm({ store: memoryStore(), users: USERS, currentUser: 'boss', now: () => NOW, automationIntervalMs: false });
  const at = NOW.toISOString();
  const deals = USERS.map((u) => ({ id: `d-${u.id}`, createdAt: at, updatedAt: at, version: 1, ownerId: u.id, custom: {}, title: `Deal of ${u.name}`, amount: 100, currency: 'USD', pipelineId: 'sales', stageId: 'new', status: 'open', contactIds: [] }));
  const steps: Activity[] = [];
  for (const u of USERS)
    for (let day = 4; day <= 10; day++)
      for (const hour of skip(u.id, day) ? [] : [11, 15])
        steps.push({ id: `s-${u.id}-${day}-${hour}`, createdAt: at, updatedAt: at, version: 1, ownerId: u.id, custom: {}, recordType: 'deal', recordId: `d-${u.id}`, type: 'call', title: `Call ${u.id} ${day} ${hour}`, dueAt: new Date(2026, 4, day, hour).toISOString(), assigneeId: u.id, state: 'pending', done: false } as Activity);
  await crm.store.bulkPut('deals', deals);
  await crm.store.bulkPut('activities', steps);
  return { crm, steps };
}

/** `crm` whose `activities.update` calls `onUpdate` first (which may hold or refuse the call). */
function spyingUpdates(crm: Crm, onUpdate: (id: string, patch: Partial<Activity>) => Promise<void> | void): Crm {
  return new Proxy(crm, {
    get(target, prop, receiver) {
      if (prop !== 'activities') return Reflect.get(target, prop, receiver) as unknown;
      return new Proxy(target.activities, {
        get(acts, name, r) {
          if (name === 'update')
            return async (id: string, patch: Partial<Activity> & { version?: number }) => {
              await onUpdate(id, patch);
              return acts.update(id, patch);
            };
          const value = Reflect.get(acts, name, r) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(acts) : value;
        },
      });
    },
  });
}

/** Counts how many times a step's due time is formatted (once per step rendered) while `fn` runs. */
async function countStepRenders(steps: readonly Activity[], fn: () => Promise<void>): Promise<number> {
  const due = new Set(steps.map((s) => Date.parse(s.dueAt)));
  const proto = Intl.DateTimeFormat.prototype;
  const real = Object.getOwnPropertyDescriptor(proto, 'format')!;
  let count = 0;
  Object.defineProperty(proto, 'format', {
    configurable: true,
    get(this: Intl.DateTimeFormat) {
      const format = (real.get!.call(this) as (d?: Date | number) => string);
      return (d?: Date | number) => {
        if (d !== undefined && due.has(Number(d))) count++;
        return format(d);
      };
    },
  });
  try {
    await fn();
  } finally {
    Object.defineProperty(proto, 'format', real);
  }
  return count;
}

async function mount(crm: Crm): Promise<CrmPlanner> {
  const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} locale="en"></crm-planner>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner shows its steps', WAIT);
  // Record names come after the first paint: wait for them, so they do not render the grid during the move.
  await waitUntil(() => el.shadowRoot!.querySelector('.record'), 'the record names are shown', WAIT);
  await el.updateComplete;
  return el;
}

const cellOf = (el: CrmPlanner, id: string) => el.shadowRoot!.querySelector(`[data-step="${id}"]`)?.closest('td') ?? null;
const cell = (el: CrmPlanner, person: string, day: number) => el.shadowRoot!.querySelector(`td[data-person="${person}"][data-day="${dayKey(new Date(2026, 4, day))}"]`);

describe('<crm-planner> reschedule', () => {
  let crm: Crm;
  let steps: Activity[];
  beforeEach(async () => {
    ({ crm, steps } = await busyWeek());
  });
  afterEach(async () => {
    await crm.close();
  });

  it('shows the step in its new cell in a painted frame before the core is called', async () => {
    const moving = steps.find((s) => s.id === 's-ann-6-11')!;
    let atCall: { cell: Element | null; framed: boolean; waited: number } | undefined;
    let framed = false;
    let started = 0;
    const el = await mount(
      spyingUpdates(crm, (id) => {
        if (id === moving.id) atCall = { cell: cellOf(el, id), framed, waited: performance.now() - started };
      }),
    );
    started = performance.now();
    const moved = el.moveStep(moving, { day: dayKey(new Date(2026, 4, 7)), person: 'ann' });
    requestAnimationFrame(() => (framed = true));
    expect(await moved).to.equal(true);
    expect(atCall, 'the core was called').not.to.equal(undefined);
    expect(atCall!.cell, 'in its new cell when the core is called').to.equal(cell(el, 'ann', 7));
    // A frame ran first — or, when the renderer gave the page no frame (a loaded machine, a page in the background),
    // the planner waited its 100 ms for one before calling the core anyway.
    expect(atCall!.framed || atCall!.waited >= 100, `a frame ran before the core was called (waited ${atCall!.waited.toFixed(0)} ms)`).to.equal(true);
    await waitUntil(() => cellOf(el, moving.id) === cell(el, 'ann', 7), 'still there once saved', WAIT);
    expect(new Date((await crm.activities.get(moving.id)).dueAt).getTime()).to.equal(new Date(2026, 4, 7, 11).getTime());
  });

  it('renders only the two cells the step leaves and enters, not the grid — also when it fills an empty cell', async () => {
    await crm.close();
    // Bob's Saturday is empty: the move fills a cell (the cells' step limit stays as it was).
    ({ crm, steps } = await busyWeek((person, day) => person === 'bob' && day === 9));
    const el = await mount(crm);
    const moving = steps.find((s) => s.id === 's-bob-8-15')!;
    const renders = await countStepRenders(steps, async () => {
      expect(await el.moveStep(moving, { day: dayKey(new Date(2026, 4, 9)), person: 'bob' })).to.equal(true);
      // The live echo of the save, too.
      await waitUntil(async () => (await crm.activities.get(moving.id)).version === 2, 'saved', WAIT);
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
    });
    // The two cells hold 1 + 1 steps after the move; each renders at most three times (the move, its save, the
    // echo). A render of the grid would format all 40.
    expect(renders).to.be.greaterThan(0);
    expect(renders).to.be.at.most(6);
    expect(cellOf(el, moving.id)).to.equal(cell(el, 'bob', 9));
    expect(cell(el, 'bob', 8)!.querySelectorAll('[data-step]')).to.have.length(1);
  });

  it('a keyboard drop focuses the moved step once the frame showing it is painted, not before it', async () => {
    const el = await mount(crm);
    const moving = steps.find((s) => s.id === 's-ann-6-11')!;
    const key = (k: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-step="${moving.id}"]`)!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
    el.shadowRoot!.querySelector<HTMLElement>(`[data-step="${moving.id}"]`)!.focus();
    key(' ');
    await el.updateComplete;
    key('ArrowRight');
    await el.updateComplete;
    // Frames are held from the drop on: focusing before the first one would force style and layout of the grid.
    const held: FrameRequestCallback[] = [];
    const realRaf = globalThis.requestAnimationFrame;
    const realFocus = HTMLElement.prototype.focus;
    let focused = 0;
    HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
      focused++;
      realFocus.call(this, options);
    };
    globalThis.requestAnimationFrame = (cb) => (held.push(cb), held.length);
    try {
      key('Enter');
      await el.updateComplete;
      expect(cellOf(el, moving.id), 'in its new cell before any frame').to.equal(cell(el, 'ann', 7));
      expect(focused, 'no focus before the frame').to.equal(0);
      globalThis.requestAnimationFrame = realRaf;
      for (const cb of held.splice(0)) cb(performance.now());
      await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['step'] === moving.id, 'the moved step has the focus after the frame', WAIT);
      expect(focused).to.be.greaterThan(0);
    } finally {
      globalThis.requestAnimationFrame = realRaf;
      HTMLElement.prototype.focus = realFocus;
    }
    expect(cellOf(el, moving.id)).to.equal(cell(el, 'ann', 7));
    await waitUntil(async () => (await crm.activities.get(moving.id)).version === 2, 'saved', WAIT);
  });

  it("a record's new name renders only the cells showing its steps, not the grid", async () => {
    const el = await mount(crm);
    const renders = await countStepRenders(steps, async () => {
      await crm.deals.update('d-bob', { title: 'Renamed deal' });
      await waitUntil(() => el.shadowRoot!.querySelector(`[data-step="s-bob-6-11"] .record`)?.textContent === 'Renamed deal', 'the new name shows', WAIT);
      await new Promise((r) => setTimeout(r, 50));
      await el.updateComplete;
    });
    // Bob's seven cells show his deal's 14 steps; a render of the grid would format all 42.
    expect(renders).to.be.greaterThan(0);
    expect(renders).to.be.at.most(14);
    expect(el.shadowRoot!.querySelector(`[data-step="s-ann-6-11"] .record`)!.textContent).to.equal('Deal of Ann Lee');
  });

  it('keeps a change inside a cell to that cell: cells contain layout and paint, steps off screen are not rendered', async () => {
    const el = await mount(crm);
    const td = cell(el, 'ann', 6)!;
    expect(getComputedStyle(td).contain).to.equal('content');
    const box = td.querySelector<HTMLElement>('.box')!;
    expect(getComputedStyle(box).contentVisibility).to.equal('auto');
    // What the cell and its steps clip still shows a step's focus ring (2px, 2px outside it) whole.
    const step = box.querySelector('[data-step]')!.getBoundingClientRect();
    for (const clip of [box.getBoundingClientRect(), td.getBoundingClientRect()]) {
      expect(step.left - clip.left, 'room on the left').to.be.at.least(4);
      expect(clip.right - step.right, 'room on the right').to.be.at.least(4);
      expect(step.top - clip.top, 'room above').to.be.at.least(4);
    }
  });

  it('a refusal puts the step back where it was, with the notice, and keeps the focus on it', async () => {
    let release: (() => void) | undefined;
    const held = new Promise<void>((r) => (release = r));
    const refusing = spyingUpdates(crm, async (id) => {
      await held;
      throw new ForbiddenError('boss', `boss may not move ${id}`);
    });
    const el = await mount(refusing);
    const moving = steps.find((s) => s.id === 's-ann-5-15')!;
    (el.shadowRoot!.querySelector(`[data-step="${moving.id}"]`) as HTMLElement).focus();
    const moved = el.moveStep(moving, { day: dayKey(new Date(2026, 4, 8)), person: 'ann' });
    try {
      await waitUntil(() => cellOf(el, moving.id) === cell(el, 'ann', 8), 'shown in its new cell while the core decides', WAIT);
    } finally {
      release!();
    }
    expect(await moved).to.equal(false);
    await el.updateComplete;
    expect(cellOf(el, moving.id)).to.equal(cell(el, 'ann', 5));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(en.notMoved(moving.title, en.forbidden));
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['step'] === moving.id, 'the focus is on the step again', WAIT);
    expect((await crm.activities.get(moving.id)).dueAt).to.equal(moving.dueAt);
    await expect(el).to.be.accessible();
  });
});
