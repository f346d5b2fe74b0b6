// Moving cards on the board: pointer and keyboard drag, won/lost zones, guards, loss reasons and lead pipelines.
import { expect, waitUntil } from '@open-wc/testing';
import { definePlugin, type Deal } from '@crmkit/core';
import type { StageChangeDetail } from './crm-funnel-board.js';
import { DAY, makeCrm, mount, $, column, cardTitles, card, announced, settle, key, pointerDrag, deal } from './board-test-helpers.js';

describe('<crm-funnel-board> moves', () => {
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
});
