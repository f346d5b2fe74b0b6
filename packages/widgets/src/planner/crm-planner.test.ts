import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createCrm, ForbiddenError, memoryStore, type Activity, type Crm, type Store } from '@crmkit/core';
import { planner as en } from '../locales/en.js';
import { planner as mn } from '../locales/mn.js';
import { planner as ru } from '../locales/ru.js';
import { planner as uz } from '../locales/uz.js';
import { planner as zh } from '../locales/zh.js';
import type { CrmPlanner, StepMoveDetail, StepOpenDetail } from './crm-planner.js';
import { definePlanner } from './define-planner.js';
import { dayKey } from './planner-model.js';

definePlanner();

// Wednesday 6 May 2026, 10:00 local time.
const NOW = new Date(2026, 4, 6, 10, 0);
const at = (day: number, hour: number) => new Date(2026, 4, day, hour, 0);
const USERS = [
  { id: 'ann', name: 'Ann Lee', role: 'manager' as const },
  { id: 'bob', name: 'Bob Stone', role: 'manager' as const },
  { id: 'boss', name: 'Bo Head', role: 'head' as const },
];

const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});

async function team(currentUser = 'boss', store: Store = memoryStore()): Promise<{ crm: Crm; store: Store; steps: { call: Activity; late: Activity; old: Activity; bob: Activity } }> {
  const crm = await createCrm({ store, users: USERS, currentUser, now: () => NOW, automationIntervalMs: false });
  crms.push(crm);
  const head = crm.as('boss');
  const annDeal = await head.deals.create({ title: 'Acme fit-out', ownerId: 'ann' });
  const bobDeal = await head.deals.create({ title: 'Globex renewal', ownerId: 'bob' });
  const steps = {
    call: await head.activities.schedule({ recordType: 'deal', recordId: annDeal.id, type: 'call', title: 'Call Acme', dueAt: at(6, 14) }),
    late: await head.activities.schedule({ recordType: 'deal', recordId: annDeal.id, type: 'email', title: 'Send offer', dueAt: at(5, 9) }),
    old: await head.activities.schedule({ recordType: 'deal', recordId: annDeal.id, type: 'task', title: 'Old task', dueAt: at(1, 9) }),
    bob: await head.activities.schedule({ recordType: 'deal', recordId: bobDeal.id, type: 'meeting', title: 'Meet Globex', dueAt: at(7, 11) }),
  };
  return { crm, store, steps };
}

async function mount(crm: Crm | undefined, attrs: { view?: string; locale?: string } = {}): Promise<CrmPlanner> {
  const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} view=${attrs.view ?? 'week'} locale=${attrs.locale ?? 'en'}></crm-planner>`);
  if (crm) await waitUntil(() => el.shadowRoot!.querySelector('table'), 'the planner did not render its grid');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CrmPlanner, sel: string) => el.shadowRoot!.querySelector(sel) as T;
const $$ = (el: CrmPlanner, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const step = (el: CrmPlanner, title: string) => $$(el, '[data-step]').find((b) => b.querySelector('.title')?.textContent === title)!;
const cellOf = (el: CrmPlanner, title: string) => step(el, title)?.closest('td') as HTMLTableCellElement | null;
const rowName = (cell: Element | null) => cell?.closest('tr')?.querySelector('th')?.textContent?.trim();
const key = (target: HTMLElement, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

describe('<crm-planner>', () => {
  it("shows a head everyone's week by person, with today and overdue marked", async () => {
    const { crm } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Meet Globex'));
    expect($$(el, 'tbody th').map((th) => th.textContent?.trim())).to.deep.equal(['Ann Lee', 'Bob Stone', 'Bo Head']);
    expect(cellOf(el, 'Call Acme')!.dataset['day']).to.equal(dayKey(NOW));
    expect(rowName(cellOf(el, 'Meet Globex'))).to.equal('Bob Stone');
    const today = $(el, 'th[aria-current="date"]');
    expect(today.getAttribute('part')).to.contain('day-today');
    expect(step(el, 'Send offer').getAttribute('part')).to.contain('step-overdue');
    expect(step(el, 'Call Acme').getAttribute('part')).not.to.contain('step-overdue');
    // Due last week and still pending: in the overdue column.
    expect(cellOf(el, 'Old task')!.getAttribute('part')).to.contain('cell-earlier');
    await waitUntil(() => step(el, 'Call Acme').querySelector('.record')?.textContent === 'Acme fit-out', 'the record name is shown');
  });

  it('shows a manager only their own steps', async () => {
    const { crm } = await team('ann');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    expect($$(el, 'tbody th').map((th) => th.textContent?.trim())).to.deep.equal(['Ann Lee']);
    expect(step(el, 'Meet Globex')).to.equal(undefined);
  });

  it('switches between day and week, and moves through time', async () => {
    const { crm } = await team('boss');
    const el = await mount(crm, { view: 'day' });
    await waitUntil(() => step(el, 'Call Acme'));
    expect($$(el, 'thead th[part~="day-header"]').length).to.equal(2); // the overdue column and today
    expect(step(el, 'Meet Globex')).to.equal(undefined);
    $$(el, '[part~="nav-button"]')[2]!.click();
    await waitUntil(() => step(el, 'Meet Globex'), 'the next day shows Thursday');
    $$(el, '[part~="view-button"]')[1]!.click();
    await el.updateComplete;
    expect(el.view).to.equal('week');
    expect($$(el, 'thead th[part~="day-header"]').length).to.equal(8);
  });

  it('reschedules and hands over a step by keyboard alone', async () => {
    const { crm, steps } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    const button = step(el, 'Call Acme');
    button.focus();
    key(button, ' ');
    await el.updateComplete;
    key(step(el, 'Call Acme'), 'ArrowRight');
    await el.updateComplete;
    key(step(el, 'Call Acme'), 'ArrowDown');
    await el.updateComplete;
    expect($(el, 'td[part~="cell-target"]').dataset['day']).to.equal(dayKey(at(7, 0)));
    key(step(el, 'Call Acme'), 'Enter');
    await waitUntil(async () => (await crm.activities.get(steps.call.id)).assigneeId === 'bob', 'handed to Bob');
    const moved = await crm.activities.get(steps.call.id);
    expect(new Date(moved.dueAt).getTime()).to.equal(at(7, 14).getTime());
    await waitUntil(() => rowName(cellOf(el, 'Call Acme')) === 'Bob Stone', 'shown in Bob’s row');
    await waitUntil(() => el.shadowRoot!.activeElement === step(el, 'Call Acme'), 'focus stays on the step');
    await waitUntil(() => $(el, '[aria-live]').textContent!.includes('moved'), 'announced');
    // The hand-over is on the deal's timeline, with who handed it to whom.
    const history = await crm.history.list({ recordType: 'deal', recordId: steps.call.recordId });
    const entry = history.find((h) => h.type === 'activity_reassigned');
    expect(entry?.data).to.deep.include({ activityId: steps.call.id, from: 'ann', to: 'bob' });
    expect(entry?.by).to.equal('boss');
  });

  it('Escape puts a picked-up step back', async () => {
    const { crm, steps } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    key(step(el, 'Call Acme'), ' ');
    key(step(el, 'Call Acme'), 'ArrowRight');
    await el.updateComplete;
    key(step(el, 'Call Acme'), 'Escape');
    await frame();
    expect((await crm.activities.get(steps.call.id)).dueAt).to.equal(steps.call.dueAt);
  });

  it('reschedules a step dragged with the mouse to another day', async () => {
    const { crm, steps } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    const from = step(el, 'Call Acme');
    const target = $<HTMLTableCellElement>(el, `td[data-person="ann"][data-day="${dayKey(at(5, 0))}"]`);
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const a = from.getBoundingClientRect();
    const b = target.getBoundingClientRect();
    const opts = { bubbles: true, composed: true, pointerId: 7, button: 0, isPrimary: true, pointerType: 'mouse' };
    from.dispatchEvent(new PointerEvent('pointerdown', { ...opts, clientX: a.left + 5, clientY: a.top + 5 }));
    window.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: a.left + 20, clientY: a.top + 5 }));
    window.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: b.left + b.width / 2, clientY: b.top + b.height / 2 }));
    await el.updateComplete;
    expect(target.getAttribute('part')).to.contain('cell-target');
    window.dispatchEvent(new PointerEvent('pointerup', { ...opts, clientX: b.left + b.width / 2, clientY: b.top + b.height / 2 }));
    await waitUntil(async () => dayKey(new Date((await crm.activities.get(steps.call.id)).dueAt)) === dayKey(at(5, 0)), 'moved to Tuesday');
    expect(new Date((await crm.activities.get(steps.call.id)).dueAt).getHours()).to.equal(14);
  });

  it('a cancelled crm-step-move leaves the step where it was', async () => {
    const { crm, steps } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    el.addEventListener('crm-step-move', (e) => e.preventDefault(), { once: true });
    const moving = oneEvent(el, 'crm-step-move');
    void el.moveStep(steps.call, { day: dayKey(at(8, 0)), person: 'ann' });
    const { detail } = (await moving) as CustomEvent<StepMoveDetail>;
    expect(new Date(detail.dueAt).getTime()).to.equal(at(8, 14).getTime());
    await frame();
    expect((await crm.activities.get(steps.call.id)).dueAt).to.equal(steps.call.dueAt);
  });

  it('shows a refused move and keeps the step', async () => {
    const { crm, steps } = await team('ann');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    await crm.as('boss').activities.update(steps.call.id, { title: 'Call Acme' , dueAt: at(6, 15) });
    const moved = await el.moveStep(steps.call, { day: dayKey(at(8, 0)), person: 'ann' });
    expect(moved).to.equal(false);
    await el.updateComplete;
    expect($(el, '[role="alert"]').textContent).to.contain(en.conflict);
    await expect(el).to.be.accessible();
  });

  it('a busy day shows its soonest steps and an accessible "+N more"', async () => {
    const { crm } = await team();
    const deal = await crm.deals.create({ title: 'Busy deal', ownerId: 'bob' });
    for (let i = 0; i < 24; i++) await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: `Call ${i}`, dueAt: new Date(2026, 4, 8, 9, i), assigneeId: 'bob' });
    const el = await mount(crm);
    await waitUntil(() => $(el, '[data-more]'), 'the busy cell offers more');
    const cell = $(el, '[data-more]').closest('td')!;
    expect(cell.querySelectorAll('[data-step]')).to.have.length(20);
    expect($(el, '[data-more]').textContent!.trim()).to.equal('+4 more');
    await expect(el).to.be.accessible();
  });

  it('a refused hand-over says to whom it was refused, and the step stays in its row with the focus', async () => {
    const { crm, steps } = await team('boss');
    // The core refuses hand-overs the user may not make with a ForbiddenError; stand in for such a rule.
    const refusing = new Proxy(crm, {
      get(target, prop, receiver) {
        if (prop !== 'activities') return Reflect.get(target, prop, receiver) as unknown;
        return new Proxy(target.activities, {
          get(acts, name, r) {
            if (name === 'update') return async (id: string, patch: { assigneeId?: string }) => {
              if (patch.assigneeId) throw new ForbiddenError('boss', `boss may not hand ${id} over`);
              return acts.update(id, patch);
            };
            const value = Reflect.get(acts, name, r) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(acts) : value;
          },
        });
      },
    });
    const el = await mount(refusing);
    await waitUntil(() => step(el, 'Call Acme'));
    step(el, 'Call Acme').focus();
    key(step(el, 'Call Acme'), ' ');
    await el.updateComplete;
    key(step(el, 'Call Acme'), 'ArrowDown');
    await el.updateComplete;
    key(step(el, 'Call Acme'), 'Enter');
    await waitUntil(() => $(el, '[role="alert"]'), 'the refusal is shown');
    expect($(el, '[role="alert"]').textContent).to.contain(en.forbiddenHandOver('Bob Stone'));
    expect((await crm.activities.get(steps.call.id)).assigneeId).to.equal('ann');
    expect(rowName(cellOf(el, 'Call Acme'))).to.equal('Ann Lee');
    await waitUntil(() => el.shadowRoot!.activeElement === step(el, 'Call Acme'), 'focus back on the step');
    await expect(el).to.be.accessible();
  });

  it('opens a step on click', async () => {
    const { crm, steps } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    const opened = oneEvent(el, 'crm-step-open');
    step(el, 'Call Acme').click();
    expect(((await opened) as CustomEvent<StepOpenDetail>).detail.activity.id).to.equal(steps.call.id);
  });

  it('shows a step scheduled from a second CRM instance on the same store', async () => {
    const { crm, store } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    const other = await createCrm({ store, users: USERS, currentUser: 'bob', now: () => NOW, automationIntervalMs: false });
    crms.push(other);
    const [deal] = await other.deals.list();
    await other.activities.schedule({ recordType: 'deal', recordId: deal!.id, type: 'call', title: 'Call from tab 2', dueAt: at(8, 9) });
    await waitUntil(() => step(el, 'Call from tab 2'), 'the new step appears');
    expect(rowName(cellOf(el, 'Call from tab 2'))).to.equal('Bob Stone');
  });

  it('says so when there is no CRM, and when the period is empty', async () => {
    const none = await mount(undefined);
    expect($(none, '[part="status"]').textContent).to.equal(en.noCrm);
    await expect(none).to.be.accessible();
    const crm = await createCrm({ store: memoryStore(), users: USERS, currentUser: 'boss', now: () => NOW, automationIntervalMs: false });
    crms.push(crm);
    const empty = await mount(crm);
    expect($(empty, '[part="status"]').textContent).to.equal(en.empty);
    await expect(empty).to.be.accessible();
  });

  it('takes its heading level from heading-level', async () => {
    const { crm } = await team('boss');
    const el = await fixture<CrmPlanner>(html`<crm-planner .crm=${crm} heading-level="3" locale="en"></crm-planner>`);
    expect($(el, '[role="heading"]').getAttribute('aria-level')).to.equal('3');
  });

  it('speaks en, ru, zh, mn and uz', async () => {
    const { crm } = await team('boss');
    for (const [locale, t] of Object.entries({ en, ru, zh, mn, uz })) {
      const el = await mount(crm, { locale });
      await waitUntil(() => step(el, 'Call Acme'));
      expect($(el, '[role="heading"]').textContent).to.contain(t.title);
      expect($$(el, '[part~="nav-button"]').map((b) => b.textContent)).to.deep.equal([t.previous('week'), t.today, t.next('week')]);
      expect(step(el, 'Send offer').querySelector('.badge')!.textContent).to.equal(t.overdue);
      expect($(el, 'thead .earlier').textContent).to.equal(t.earlier);
    }
  });

  it('is axe-clean in the week, day and picked-up states', async () => {
    const { crm } = await team('boss');
    const el = await mount(crm);
    await waitUntil(() => step(el, 'Call Acme'));
    await expect(el).to.be.accessible();
    key(step(el, 'Call Acme'), ' ');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.view = 'day';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
