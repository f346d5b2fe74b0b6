// The board's display, live updates, filters, languages, accessibility and scale.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { dexieStore, type Deal } from '@crmkit/core';
import type { CardOpenDetail, CrmFunnelBoard } from './crm-funnel-board.js';
import { NOW, HOUR, DAY, makeCrm, mount, $, $$, column, cardTitles, card, settle, key, center, deal } from './board-test-helpers.js';

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
