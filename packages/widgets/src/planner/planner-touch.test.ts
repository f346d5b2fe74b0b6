// Touch on the planner, with the press-to-drag gesture it shares with the board: a swipe scrolls and moves nothing;
// a long-press picks a step up and the drop reschedules it (that the page then holds still is pinned by the board's test).
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import { LONG_PRESS_MS } from '../shared/press-drag.js';
import type { CrmPlanner } from './crm-planner.js';
import { definePlanner } from './define-planner.js';
import { dayKey } from './planner-model.js';

definePlanner();

const NOW = new Date(2026, 4, 6, 10, 0);
const at = (day: number, hour: number) => new Date(2026, 4, day, hour, 0);

const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});

async function setUp(): Promise<{ crm: Crm; el: CrmPlanner; id: string }> {
  const crm = await createCrm({ store: memoryStore(), users: [{ id: 'ann', name: 'Ann Lee', role: 'head' }], currentUser: 'ann', now: () => NOW, automationIntervalMs: false });
  crms.push(crm);
  const deal = await crm.deals.create({ title: 'Acme fit-out', ownerId: 'ann' });
  const call = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call Acme', dueAt: at(6, 14), assigneeId: 'ann' });
  const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} view="week" locale="en"></crm-planner>`);
  await waitUntil(() => el.shadowRoot!.querySelector('[data-step]'), 'the planner did not show the step');
  return { crm, el, id: call.id };
}

const stepEl = (el: CrmPlanner) => el.shadowRoot!.querySelector<HTMLElement>('[data-step]')!;
const cell = (el: CrmPlanner, day: Date) => el.shadowRoot!.querySelector<HTMLElement>(`td[data-person="ann"][data-day="${dayKey(day)}"]`)!;
const centre = (e: Element) => {
  const r = e.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
};
const touch = (target: EventTarget, type: string, p: { x: number; y: number }) =>
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: 3, button: 0, isPrimary: true, pointerType: 'touch', clientX: p.x, clientY: p.y }));
function touchMove(target: Element, p: { x: number; y: number }): TouchEvent {
  const t = new Touch({ identifier: 3, target, clientX: p.x, clientY: p.y });
  const e = new TouchEvent('touchmove', { bubbles: true, composed: true, cancelable: true, touches: [t], targetTouches: [t], changedTouches: [t] });
  target.dispatchEvent(e);
  return e;
}

describe('<crm-planner> on touch', () => {
  it('a swipe over a step scrolls and never reschedules it', async () => {
    const { crm, el, id } = await setUp();
    const step = stepEl(el);
    const a = centre(step);
    const b = centre(cell(el, at(7, 0)));
    touch(step, 'pointerdown', a);
    touch(window, 'pointermove', { x: a.x + 30, y: a.y });
    expect(touchMove(step, { x: a.x + 30, y: a.y }).defaultPrevented, 'a swipe is left to the browser').to.equal(false);
    touch(window, 'pointermove', b);
    touch(window, 'pointerup', b);
    await aTimeout(LONG_PRESS_MS + 50);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="cell-target"]')).to.equal(null);
    expect((await crm.activities.get(id)).dueAt).to.equal(at(6, 14).toISOString());
  });

  it('a long-press picks the step up and the drop reschedules it', async () => {
    const { crm, el, id } = await setUp();
    const step = stepEl(el);
    const a = centre(step);
    touch(step, 'pointerdown', a);
    await aTimeout(LONG_PRESS_MS + 50);
    await el.updateComplete;
    const b = centre(cell(el, at(7, 0)));
    touch(window, 'pointermove', b);
    await el.updateComplete;
    expect(cell(el, at(7, 0)).getAttribute('part')).to.contain('cell-target');
    touch(window, 'pointerup', b);
    await waitUntil(async () => dayKey(new Date((await crm.activities.get(id)).dueAt)) === dayKey(at(7, 0)), 'the step was not moved to Thursday');
  });
});
