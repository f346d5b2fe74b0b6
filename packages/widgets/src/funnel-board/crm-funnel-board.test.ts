import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createCrm, definePlugin, dexieStore, memoryStore, type Crm, type CrmOptions, type Deal } from '@crmkit/core';
import type { CrmFunnelBoard} from './crm-funnel-board.js';
import { defineFunnelBoard, type CardOpenDetail, type StageChangeDetail } from './crm-funnel-board.js';

defineFunnelBoard();

const NOW = new Date('2025-03-10T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const USERS = [
  { id: 'ann', name: 'Ann Lee', role: 'head' as const },
  { id: 'bob', name: 'Bob Stone', role: 'manager' as const },
];

const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});

async function makeCrm(options: CrmOptions = {}): Promise<Crm> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, now: () => NOW, users: USERS, currentUser: 'ann', ...options });
  crms.push(crm);
  return crm;
}

async function mount(crm: Crm, attrs: { pipeline?: string; locale?: string } = {}): Promise<CrmFunnelBoard> {
  const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline=${attrs.pipeline ?? 'sales'} locale=${attrs.locale ?? 'en'}></crm-funnel-board>`);
  await waitUntil(() => board.shadowRoot!.querySelector('.columns'), 'board did not render');
  await board.updateComplete;
  return board;
}

const $ = <T extends Element = HTMLElement>(board: CrmFunnelBoard, sel: string) => board.shadowRoot!.querySelector<T & Element>(sel) as T;
const $$ = (board: CrmFunnelBoard, sel: string) => [...board.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const column = (board: CrmFunnelBoard, stage: string) => $(board, `section[data-drop="${stage}"]`);
const cardTitles = (board: CrmFunnelBoard, stage: string) => [...column(board, stage).querySelectorAll('[part~="card-title"]')].map((e) => e.textContent);
const card = (board: CrmFunnelBoard, title: string) => $$(board, '.card').find((c) => c.querySelector('.title')?.textContent === title)!;
const announced = (board: CrmFunnelBoard) => $(board, '[aria-live]').textContent ?? '';

async function settle(board: CrmFunnelBoard): Promise<void> {
  await aTimeout(30);
  await new Promise((r) => requestAnimationFrame(r));
  await board.updateComplete;
}

function key(el: HTMLElement, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
}

function center(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 40) };
}

function pointerDrag(from: HTMLElement, to: Element): void {
  const a = center(from);
  const b = center(to);
  const opts = { bubbles: true, composed: true, pointerId: 1, button: 0, isPrimary: true };
  from.dispatchEvent(new PointerEvent('pointerdown', { ...opts, clientX: a.x, clientY: a.y }));
  from.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: a.x + 20, clientY: a.y + 5 }));
  to.dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: b.x, clientY: b.y }));
  to.dispatchEvent(new PointerEvent('pointerup', { ...opts, clientX: b.x, clientY: b.y }));
}

async function deal(crm: Crm, title: string, extra: Partial<Parameters<Crm['deals']['create']>[0]> = {}, dueInMs?: number): Promise<Deal> {
  const d = await crm.deals.create({ title, ownerId: 'ann', ...extra });
  if (dueInMs !== undefined) await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() + dueInMs) });
  return d;
}

describe('<crm-funnel-board>', () => {
  it('shows a column per open stage with card counts and money totals per currency, and drop zones for won and lost', async () => {
    const crm = await makeCrm();
    await deal(crm, 'Boiler', { amount: 1000, currency: 'USD' }, DAY);
    await deal(crm, 'Pump', { amount: 500, currency: 'USD' }, DAY);
    await deal(crm, 'Valve', { amount: 200, currency: 'EUR' }, DAY);
    await deal(crm, 'Pipes', { amount: 70, currency: 'USD', stageId: 'proposal' }, DAY);
    const board = await mount(crm);
    await waitUntil(() => $$(board, '.card').length === 4);

    expect($$(board, '[part="column-title"]').map((h) => h.textContent)).to.deep.equal(['New', 'Qualified', 'Proposal', 'Invoice sent']);
    expect(column(board, 'new').querySelector('[part="column-count"]')!.textContent).to.equal('3 deals');
    const total = column(board, 'new').querySelector('[part="column-total"]')!.textContent!;
    expect(total).to.contain('$1,500').and.to.contain('€200');
    expect(column(board, 'proposal').querySelector('[part="column-count"]')!.textContent).to.equal('1 deal');
    expect(column(board, 'qualified').querySelector('[part="column-count"]')!.textContent).to.equal('0 deals');
    expect(column(board, 'qualified').querySelector('[part="column-total"]')).to.equal(null);
    expect($(board, '[part="zone-won"]').textContent).to.contain('Won');
    expect($(board, '[part="zone-lost"]').textContent).to.contain('Lost');
  });

  it('reveals what to do at a stage with a disclosure button', async () => {
    const crm = await makeCrm();
    const board = await mount(crm);
    const button = column(board, 'proposal').querySelector<HTMLButtonElement>('[part="stage-help-button"]')!;
    const help = column(board, 'proposal').querySelector<HTMLElement>('[part="stage-help"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(help.hidden).to.equal(true);
    button.click();
    await board.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(help.hidden).to.equal(false);
    expect(help.textContent).to.contain('Send the offer with the amount');
  });

  it('marks overdue and missing next steps and sorts the most urgent first', async () => {
    const crm = await makeCrm();
    await deal(crm, 'Soon', {}, 3 * HOUR);
    await deal(crm, 'Later', {}, 2 * DAY);
    await deal(crm, 'Forgotten');
    await deal(crm, 'Late', {}, -2 * DAY);
    await deal(crm, 'Very late', {}, -5 * DAY);
    const board = await mount(crm);
    await waitUntil(() => $$(board, '.card').length === 5);

    expect(cardTitles(board, 'new')).to.deep.equal(['Very late', 'Late', 'Forgotten', 'Soon', 'Later']);
    const late = card(board, 'Late');
    expect(late.getAttribute('part')).to.contain('card-overdue');
    expect(late.querySelector('[part="card-due"]')!.textContent).to.match(/Overdue: 2 days ago/);
    const forgotten = card(board, 'Forgotten');
    expect(forgotten.getAttribute('part')).to.contain('card-missing');
    expect(forgotten.querySelector('[part="card-due"]')!.textContent).to.contain('No next step');
    expect(card(board, 'Soon').querySelector('[part="card-due"]')!.textContent).to.match(/Next step in 3 hours/);
    expect(card(board, 'Soon').getAttribute('part')).to.equal('card');
  });

  it('shows the client and owner names, looked up in one batch', async () => {
    const crm = await makeCrm();
    const company = await crm.companies.create({ name: 'ООО «Ромашка»' });
    const contact = await crm.contacts.create({ name: 'Батбаяр Дорж', phone: '+976 9911 2233' });
    await deal(crm, 'With company', { companyId: company.id, amount: 10, ownerId: 'bob' }, DAY);
    await deal(crm, 'With contact', { contactIds: [contact.id] }, DAY);
    let companyCalls = 0;
    const list = crm.companies.list.bind(crm.companies);
    crm.companies.list = (q) => {
      companyCalls++;
      return list(q);
    };
    const board = await mount(crm);
    await waitUntil(() => card(board, 'With company')?.querySelector('.client')?.textContent === 'ООО «Ромашка»');
    expect(card(board, 'With contact').querySelector('.client')!.textContent).to.equal('Батбаяр Дорж');
    expect(card(board, 'With company').querySelector('[part="card-owner"]')!.textContent).to.equal('Bob Stone');
    expect(companyCalls).to.equal(1);
  });

  it('moves a card by pointer drag and drop after a cancelable crm-stage-change', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', { amount: 5 }, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));
    const events: StageChangeDetail[] = [];
    board.addEventListener('crm-stage-change', (e) => events.push((e as CustomEvent<StageChangeDetail>).detail));

    pointerDrag(card(board, 'Boiler'), column(board, 'qualified'));
    await waitUntil(async () => (await crm.deals.get(d.id)).stageId === 'qualified', 'deal did not move');
    await settle(board);
    expect(events).to.have.length(1);
    expect(events[0]!.record.id).to.equal(d.id);
    expect(events[0]!.recordType).to.equal('deal');
    expect(events[0]!.from.id).to.equal('new');
    expect(events[0]!.to.id).to.equal('qualified');
    expect(cardTitles(board, 'qualified')).to.deep.equal(['Boiler']);
    expect(cardTitles(board, 'new')).to.deep.equal([]);
  });

  it('keeps the card where it is when crm-stage-change is cancelled', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));
    const intents: CustomEvent<StageChangeDetail>[] = [];
    board.addEventListener('crm-stage-change', (e) => {
      intents.push(e as CustomEvent<StageChangeDetail>);
      e.preventDefault();
    });
    pointerDrag(card(board, 'Boiler'), column(board, 'proposal'));
    await settle(board);
    // The drop did announce the move (a drag that never reached the board would also leave the card in place).
    expect(intents.length).to.equal(1);
    expect(intents[0]!.cancelable).to.equal(true);
    expect(intents[0]!.defaultPrevented).to.equal(true);
    expect(intents[0]!.detail.to.id).to.equal('proposal');
    expect((await crm.deals.get(d.id)).stageId).to.equal('new');
    expect(cardTitles(board, 'new')).to.deep.equal(['Boiler']);
    expect(cardTitles(board, 'proposal')).to.deep.equal([]);
  });

  it('moves a card with the keyboard alone and announces every step', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));
    const el = card(board, 'Boiler');
    expect(el.tabIndex).to.equal(0);
    el.focus();
    key(el, ' ');
    await settle(board);
    expect(announced(board)).to.contain('Picked up “Boiler” from New');
    expect(el.classList.contains('grabbed')).to.equal(true);
    key(el, 'ArrowRight');
    await settle(board);
    expect(announced(board)).to.contain('Qualified, 2 of 6');
    key(el, 'ArrowRight');
    await settle(board);
    expect(column(board, 'proposal').classList.contains('drop-target')).to.equal(true);
    key(el, ' ');
    await waitUntil(async () => (await crm.deals.get(d.id)).stageId === 'proposal', 'deal did not move');
    await settle(board);
    expect(announced(board)).to.contain('“Boiler” moved to Proposal');
    expect(cardTitles(board, 'proposal')).to.deep.equal(['Boiler']);
    await waitUntil(() => board.shadowRoot!.activeElement === card(board, 'Boiler'), 'focus did not follow the card');
  });

  it('cancels a keyboard move with Escape', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));
    const el = card(board, 'Boiler');
    el.focus();
    key(el, ' ');
    key(el, 'ArrowRight');
    key(el, 'Escape');
    await settle(board);
    expect(announced(board)).to.contain('Move cancelled');
    expect((await crm.deals.get(d.id)).stageId).to.equal('new');
    expect(el.classList.contains('grabbed')).to.equal(false);
  });

  it('wins a deal by dropping it on the won zone with the keyboard', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, -DAY);
    await deal(crm, 'Pump', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler') && card(board, 'Pump'));
    const el = card(board, 'Boiler');
    el.focus();
    key(el, ' ');
    key(el, 'End'); // last target: lost
    key(el, 'ArrowLeft'); // won
    await settle(board);
    expect($(board, '[part="zone-won"]').classList.contains('drop-target')).to.equal(true);
    key(el, 'Enter');
    await waitUntil(async () => (await crm.deals.get(d.id)).status === 'won', 'deal was not won');
    await settle(board);
    expect(cardTitles(board, 'new')).to.deep.equal(['Pump']);
    await waitUntil(() => board.shadowRoot!.activeElement === card(board, 'Pump'), 'focus did not stay in the column');
  });

  it('shows a guard refusal with the plugin reason and returns the card', async () => {
    const guard = definePlugin({
      name: 'amount-guard',
      setup(crm) {
        crm.hooks.on('stage:beforeChange', ({ record, to }) => {
          if (to.id === 'proposal' && !(record as Deal).amount) return { cancel: 'Amount is required before Proposal' };
          return undefined;
        });
      },
    });
    const crm = await makeCrm({ plugins: [guard] });
    const d = await deal(crm, 'No amount', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'No amount'));
    pointerDrag(card(board, 'No amount'), column(board, 'proposal'));
    await waitUntil(() => $(board, '[part="notice"]'), 'no refusal shown');
    await settle(board);
    const notice = $(board, '[part="notice"]');
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('Amount is required before Proposal');
    expect(notice.textContent).to.contain('amount-guard');
    expect(cardTitles(board, 'new')).to.deep.equal(['No amount']);
    expect(cardTitles(board, 'proposal')).to.deep.equal([]);
    expect((await crm.deals.get(d.id)).stageId).to.equal('new');
    await expect(board).to.be.accessible();
  });

  it('asks for a loss reason when a card is dropped on lost; cancel returns the card, confirm closes the deal', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));

    pointerDrag(card(board, 'Boiler'), $(board, '[part="zone-lost"]'));
    await waitUntil(() => $<HTMLDialogElement>(board, 'dialog')?.open, 'no reason dialog');
    expect(cardTitles(board, 'new')).to.deep.equal([]);
    const dialog = $<HTMLDialogElement>(board, 'dialog');
    expect(dialog.textContent).to.contain('Why was “Boiler” lost?');
    await expect(board).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click();
    await settle(board);
    expect($(board, 'dialog')).to.equal(null);
    expect(cardTitles(board, 'new')).to.deep.equal(['Boiler']);
    expect((await crm.deals.get(d.id)).status).to.equal('open');

    pointerDrag(card(board, 'Boiler'), $(board, '[part="zone-lost"]'));
    await waitUntil(() => $<HTMLDialogElement>(board, 'dialog')?.open, 'no reason dialog');
    const form = $(board, 'dialog form') as HTMLFormElement;
    const submit = () => (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    submit();
    await settle(board);
    expect($(board, '#loss-reason-error').textContent).to.equal('Choose a reason.');
    const other = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'other')!;
    other.click();
    await settle(board);
    submit();
    await settle(board);
    expect($(board, '#loss-comment-error').textContent).to.equal('This reason needs a comment.');
    expect(form.querySelector('textarea')!.getAttribute('aria-invalid')).to.equal('true');
    const textarea = form.querySelector('textarea')!;
    textarea.value = 'Moved abroad';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await settle(board);
    submit();
    await waitUntil(async () => (await crm.deals.get(d.id)).status === 'lost', 'deal was not lost');
    const lost = await crm.deals.get(d.id);
    expect(lost.lostReason).to.equal('other');
    expect(lost.lostComment).to.equal('Moved abroad');
    await settle(board);
    expect($(board, 'dialog')).to.equal(null);
  });

  it('updates live when another tab (a second CRM on the same IndexedDB) changes records', async () => {
    const name = 't-' + Math.random().toString(36).slice(2);
    const crm = await makeCrm({ store: dexieStore(name) });
    const other = await makeCrm({ store: dexieStore(name) });
    const board = await mount(crm);
    const d = await other.deals.create({ title: 'From the other tab', ownerId: 'bob', amount: 100, currency: 'USD' });
    await waitUntil(() => card(board, 'From the other tab'), 'the new deal did not appear', { timeout: 5000 });
    expect(card(board, 'From the other tab').getAttribute('part')).to.contain('card-missing');
    await other.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() - HOUR) });
    await waitUntil(() => card(board, 'From the other tab')?.getAttribute('part')?.includes('card-overdue'), 'the next step did not show', { timeout: 5000 });
    await other.deals.moveToStage(d.id, 'invoice');
    await waitUntil(() => cardTitles(board, 'invoice').includes('From the other tab'), 'the move did not show', { timeout: 5000 });
    expect(cardTitles(board, 'new')).to.deep.equal([]);
  });

  it('fires crm-card-open on click and on Enter', async () => {
    const crm = await makeCrm();
    const d = await deal(crm, 'Boiler', {}, DAY);
    const board = await mount(crm);
    await waitUntil(() => card(board, 'Boiler'));
    setTimeout(() => card(board, 'Boiler').click());
    const clicked = (await oneEvent(board, 'crm-card-open')) as CustomEvent<CardOpenDetail>;
    expect(clicked.detail).to.deep.equal({ recordType: 'deal', id: d.id });
    setTimeout(() => key(card(board, 'Boiler'), 'Enter'));
    const entered = (await oneEvent(board, 'crm-card-open')) as CustomEvent<CardOpenDetail>;
    expect(entered.detail.id).to.equal(d.id);
    expect(entered.composed && entered.bubbles).to.equal(true);
  });

  it('filters by owner and by text (title or client)', async () => {
    const crm = await makeCrm();
    const company = await crm.companies.create({ name: 'Тошкент Савдо' });
    await deal(crm, 'Boiler', { ownerId: 'ann' }, DAY);
    await deal(crm, 'Pump', { ownerId: 'bob', companyId: company.id }, DAY);
    const board = await mount(crm);
    await waitUntil(() => $$(board, '.card').length === 2);
    const owner = $<HTMLSelectElement>(board, '[part="owner-select"]');
    owner.value = 'bob';
    owner.dispatchEvent(new Event('change'));
    await settle(board);
    expect($$(board, '.title').map((e) => e.textContent)).to.deep.equal(['Pump']);
    owner.value = '';
    owner.dispatchEvent(new Event('change'));
    const search = $<HTMLInputElement>(board, '[part="search"]');
    search.value = 'тошкент';
    search.dispatchEvent(new InputEvent('input'));
    await waitUntil(() => $$(board, '.card').length === 1);
    expect($$(board, '.title').map((e) => e.textContent)).to.deep.equal(['Pump']);
    search.value = 'boil';
    search.dispatchEvent(new InputEvent('input'));
    await waitUntil(() => $$(board, '.title')[0]?.textContent === 'Boiler');
  });

  it('speaks Russian: strings, plural forms, money and relative dates', async () => {
    const crm = await makeCrm({ locale: 'ru' });
    await deal(crm, 'Котёл', { amount: 1500000, currency: 'RUB' }, -DAY * 3);
    await deal(crm, 'Насос', { amount: 250000, currency: 'RUB' }, HOUR * 3);
    await deal(crm, 'Кран', { amount: 1000, currency: 'RUB' });
    const board = await mount(crm, { locale: 'ru' });
    await waitUntil(() => $$(board, '.card').length === 3);
    expect($$(board, '[part="column-title"]')[0]!.textContent).to.equal('Новая');
    expect(column(board, 'new').querySelector('[part="column-count"]')!.textContent).to.equal('3 сделки');
    expect(column(board, 'qualified').querySelector('[part="column-count"]')!.textContent).to.equal('0 сделок');
    expect(column(board, 'new').querySelector('[part="column-total"]')!.textContent).to.match(/^1\s751\s000\s₽$/);
    expect(card(board, 'Котёл').querySelector('[part="card-due"]')!.textContent).to.match(/Просрочено: 3 дня назад/);
    expect(card(board, 'Насос').querySelector('[part="card-due"]')!.textContent).to.match(/Следующий шаг через 3 часа/);
    expect(card(board, 'Кран').querySelector('[part="card-due"]')!.textContent).to.contain('Нет следующего шага');
    expect($(board, '[part="zone-lost"]').textContent).to.contain('Проиграна');
    expect($(board, '[part="search"]').getAttribute('placeholder')).to.equal('Название или клиент');
  });

  it('takes its locale from the nearest lang attribute', async () => {
    const crm = await makeCrm();
    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-CN"><crm-funnel-board .crm=${crm}></crm-funnel-board></div>`);
    const board = wrapper.querySelector('crm-funnel-board') as CrmFunnelBoard;
    await waitUntil(() => board.shadowRoot!.querySelector('.columns'));
    expect($$(board, '[part="column-title"]')[0]!.textContent).to.equal('新交易');
    expect(column(board, 'new').querySelector('[part="column-count"]')!.textContent).to.equal('0 笔交易');
  });

  it('has no axe violations while loading, empty, populated and while a card is picked up', async () => {
    const crm = await makeCrm();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const list = crm.deals.list.bind(crm.deals);
    crm.deals.list = async (q) => {
      await gate;
      return list(q);
    };
    const loading = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} locale="en"></crm-funnel-board>`);
    expect($(loading, '.loading').textContent).to.contain('Loading');
    await expect(loading).to.be.accessible();
    release();
    await waitUntil(() => loading.shadowRoot!.querySelector('.columns'));
    await expect(loading).to.be.accessible();

    await deal(crm, 'Boiler', { amount: 10 }, -DAY);
    await deal(crm, 'Pump');
    await waitUntil(() => $$(loading, '.card').length === 2);
    await expect(loading).to.be.accessible();
    const el = card(loading, 'Boiler');
    el.focus();
    key(el, ' ');
    key(el, 'ArrowRight');
    await settle(loading);
    await expect(loading).to.be.accessible();
    key(el, 'Escape');

    // Mid pointer drag: the ghost follows the pointer, the target column is outlined.
    const a = center(card(loading, 'Pump'));
    const b = center(column(loading, 'proposal'));
    const opts = { bubbles: true, composed: true, pointerId: 1, button: 0, isPrimary: true };
    card(loading, 'Pump').dispatchEvent(new PointerEvent('pointerdown', { ...opts, clientX: a.x, clientY: a.y }));
    column(loading, 'proposal').dispatchEvent(new PointerEvent('pointermove', { ...opts, clientX: b.x, clientY: b.y }));
    await settle(loading);
    expect($(loading, '[part="drag-ghost"]').textContent).to.equal('Pump');
    expect(column(loading, 'proposal').classList.contains('drop-target')).to.equal(true);
    await expect(loading).to.be.accessible();
    window.dispatchEvent(new PointerEvent('pointercancel', opts));
    await settle(loading);
    expect($(loading, '[part="drag-ghost"]')).to.equal(null);
  });

  it('closes a lead as junk with a reason given from code (moveCard)', async () => {
    const crm = await makeCrm();
    const lead = await crm.leads.create({ name: 'Spam Bot', email: 'bot@example.com' });
    const board = await mount(crm, { pipeline: 'leads' });
    await waitUntil(() => card(board, 'Spam Bot'));
    expect(await board.moveCard(lead.id, 'junk', { reason: 'spam' })).to.equal(true);
    const closed = await crm.leads.get(lead.id);
    expect(closed.status).to.equal('lost');
    expect(closed.closeReason).to.equal('spam');
    await waitUntil(() => !card(board, 'Spam Bot'));
  });

  it('renders user data as text (an XSS payload stays text)', async () => {
    const crm = await makeCrm();
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const company = await crm.companies.create({ name: payload });
    await deal(crm, payload, { companyId: company.id }, DAY);
    const board = await mount(crm);
    await waitUntil(() => $$(board, '.card').length === 1);
    await waitUntil(() => $(board, '.client').textContent === payload);
    expect($(board, '.title').textContent).to.equal(payload);
    expect(board.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('keeps only the visible cards in the DOM for 10,000 deals', async () => {
    const crm = await makeCrm();
    const stages = ['new', 'qualified', 'proposal', 'invoice'];
    const at = NOW.toISOString();
    const rows: Deal[] = [];
    for (let i = 0; i < 10_000; i++) {
      rows.push({ id: `d${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: 'ann', custom: {}, title: `Deal ${i}`, amount: 100, currency: 'USD', pipelineId: 'sales', stageId: stages[i % 4]!, status: 'open', contactIds: [] });
    }
    await crm.store.bulkPut('deals', rows);
    const board = await mount(crm);
    await waitUntil(() => $$(board, '.card').length > 0);
    expect(column(board, 'new').querySelector('[part="column-count"]')!.textContent).to.equal('2,500 deals');
    expect(column(board, 'new').querySelector('[part="column-total"]')!.textContent).to.equal('$250,000');
    const rendered = $$(board, '.card').length;
    expect(rendered).to.be.at.most(300);
    expect(rendered).to.be.at.least(4);
    // With no next steps and one creation time, a column is sorted by id: the card at position p is known.
    const newIds = rows.filter((r) => r.stageId === 'new').map((r) => r.id).sort();
    const expectedAt = (position: number) => `Deal ${newIds[position - 1]!.slice(1)}`;
    const shown = () =>
      [...column(board, 'new').querySelectorAll('[role="listitem"]')].map((slot) => ({
        position: Number(slot.getAttribute('aria-posinset')),
        title: slot.querySelector('[part~="card-title"]')?.textContent,
      }));
    const first = shown();
    expect(first.map((s) => s.position)).to.include(1);
    expect(first.map((s) => s.title)).to.deep.equal(first.map((s) => expectedAt(s.position)));
    const scroller = column(board, 'new').querySelector<HTMLElement>('.scroller')!;
    scroller.scrollTop = 104 * 1200;
    scroller.dispatchEvent(new Event('scroll'));
    await settle(board);
    const later = shown();
    // Scrolled about 1,200 cards down: only cards from there are in the DOM, each the deal that belongs at its position.
    expect(Math.min(...later.map((s) => s.position))).to.be.greaterThan(1000);
    expect(Math.max(...later.map((s) => s.position))).to.be.greaterThan(1200);
    expect(later.map((s) => s.title)).to.deep.equal(later.map((s) => expectedAt(s.position)));
    expect(later.some((s) => first.some((f) => f.title === s.title))).to.equal(false);
    expect($$(board, '.card').length).to.be.at.most(300);
  });

  it('works on a lead pipeline: dropping on the won zone converts the lead', async () => {
    const crm = await makeCrm();
    const lead = await crm.leads.create({ name: 'Dilnoza Karimova', companyName: 'Samarqand Textile', phone: '+998 90 123 45 67', ownerId: 'ann' });
    const board = await mount(crm, { pipeline: 'leads' });
    await waitUntil(() => card(board, 'Dilnoza Karimova'));
    expect(card(board, 'Dilnoza Karimova').querySelector('.client')!.textContent).to.equal('Samarqand Textile');
    expect(column(board, 'new').querySelector('[part="column-count"]')!.textContent).to.equal('1 lead');
    pointerDrag(card(board, 'Dilnoza Karimova'), $(board, '[part="zone-won"]'));
    await waitUntil(async () => (await crm.leads.get(lead.id)).status === 'won', 'lead was not converted');
    const converted = await crm.leads.get(lead.id);
    expect(converted.convertedTo?.dealId).to.be.a('string');
  });

  it('switches pipelines with the switcher', async () => {
    const crm = await makeCrm();
    await crm.leads.create({ name: 'Wang Fang', email: 'fang@example.cn' });
    const board = await mount(crm);
    const select = $<HTMLSelectElement>(board, '[part="pipeline-select"]');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['leads', 'sales']);
    select.value = 'leads';
    setTimeout(() => select.dispatchEvent(new Event('change')));
    const ev = await oneEvent(board, 'crm-pipeline-change');
    expect(ev.detail).to.deep.equal({ pipelineId: 'leads' });
    await waitUntil(() => card(board, 'Wang Fang'));
    expect(board.getAttribute('pipeline')).to.equal('leads');
  });
});
