import { VALIDATION_MESSAGES, createCrm, memoryStore, type Activity, type Crm } from '@crmkit/core';
import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CrmClientCard } from './crm-client-card.js';
import { $, $$, button, makeCrm, mount, NOW, settle, text, type } from './test-helpers.js';

const HOUR = 3_600_000;
const collapse = (s: string) => s.replace(/\s+/g, ' ');

async function pendingOf(crm: Crm, recordId: string): Promise<Activity[]> {
  return crm.activities.list({ recordId, state: 'pending' });
}

describe('<crm-client-card>', () => {
  let crm: Crm;
  let clock: { time: Date };

  beforeEach(async () => {
    ({ crm, clock } = await makeCrm());
  });
  afterEach(async () => {
    await crm.close();
  });

  describe('details', () => {
    it('shows a contact with tel:, mailto: and http(s) links, city, note and custom fields', async () => {
      const contact = await crm.contacts.create({
        name: 'Ivan Petrov',
        phones: ['+7 999 123-45-67'],
        emails: ['ivan@example.com'],
        website: 'https://ivan.example.com/',
        city: 'Kazan',
        note: 'Prefers calls after lunch',
        custom: { vip: 'gold' },
      });
      const el = await mount(crm, `contact:${contact.id}`);
      expect($(el, '#card-title').textContent).to.equal('Ivan Petrov');
      const tel = $<HTMLAnchorElement>(el, 'a[href^="tel:"]');
      expect(tel.getAttribute('href')).to.equal('tel:+79991234567');
      expect(tel.textContent).to.equal('+7 999 123-45-67');
      expect($<HTMLAnchorElement>(el, 'a[href^="mailto:"]').getAttribute('href')).to.equal('mailto:ivan@example.com');
      const site = $<HTMLAnchorElement>(el, 'a[href^="https:"]');
      expect(site.getAttribute('href')).to.equal('https://ivan.example.com/');
      expect(site.rel).to.include('noopener');
      const details = text(el, '.details');
      expect(details).to.include('City Kazan');
      expect(details).to.include('Prefers calls after lunch');
      expect(details).to.include('vip gold');
    });

    it('a company lists its contact persons, and a contact shows its company; choosing one opens it in the card', async () => {
      const company = await crm.companies.create({ name: 'ООО Ромашка', city: 'Москва' });
      const a = await crm.contacts.create({ name: 'Анна Смирнова', phone: '+7 900 000-00-01', companyId: company.id, position: 'CEO' });
      await crm.contacts.create({ name: '王芳', email: 'wang@example.cn', companyId: company.id });
      await crm.contacts.create({ name: 'Someone Else', email: 'else@example.com' });
      await crm.deals.create({ title: 'Chamomile supply', amount: 150000, currency: 'RUB', companyId: company.id });

      const el = await mount(crm, `company:${company.id}`);
      const related = text(el, '.related');
      expect(related).to.include('Анна Смирнова');
      expect(related).to.include('王芳');
      expect(related).not.to.include('Someone Else');
      expect(related).to.include('Chamomile supply');
      expect(related).to.include('New'); // the deal's stage

      const opened = oneEvent(el, 'crm-card-open');
      $(el, `[data-open="contact:${a.id}"]`).click();
      expect((await opened).detail).to.deep.equal({ recordType: 'contact', id: a.id });
      await waitUntil(() => el.shadowRoot?.querySelector('#card-title')?.textContent === 'Анна Смирнова', 'the card shows the contact');
      expect(el.record).to.equal(`contact:${a.id}`);
      await waitUntil(() => text(el, '.related').includes('ООО Ромашка'), 'the contact shows its company');
    });

    it('a contact lists its deals and leads with their stage names', async () => {
      const contact = await crm.contacts.create({ name: 'Dilnoza Karimova', phone: '+998 90 123 45 67' });
      const deal = await crm.deals.create({ title: 'Cotton order', contactIds: [contact.id] });
      await crm.deals.moveToStage(deal.id, 'proposal');
      await crm.leads.create({ name: 'Dilnoza', phone: '+998 90 123 45 67', message: 'Need more' });
      const el = await mount(crm, `contact:${contact.id}`);
      await waitUntil(() => text(el, '.related').includes('Cotton order'));
      const related = text(el, '.related');
      expect(related).to.match(/Cotton order .*Proposal/);
      expect(related).to.match(/Dilnoza .*New/);
    });

    it('updates live when the record is changed elsewhere', async () => {
      const contact = await crm.contacts.create({ name: 'Bat-Erdene', city: 'Ulaanbaatar' });
      const el = await mount(crm, `contact:${contact.id}`);
      await crm.contacts.update(contact.id, { city: 'Darkhan' });
      await waitUntil(() => text(el, '.details').includes('Darkhan'), 'the new city shows');
    });

    it('shows not found for a missing record, and a message for a malformed record attribute', async () => {
      const el = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record="contact:nope" locale="en"></crm-client-card>`);
      await waitUntil(() => text(el).includes('does not exist'));
      const bad = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record="nonsense" locale="en"></crm-client-card>`);
      await waitUntil(() => text(bad).includes('No record chosen'));
    });
  });

  describe('inline editing', () => {
    it('saves a field with Enter and fires crm-record-updated', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan', city: 'Kazan' });
      const el = await mount(crm, `contact:${contact.id}`);
      $(el, '[data-edit="city"]').click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#edit-city');
      await waitUntil(() => el.shadowRoot?.activeElement === input, 'the editor has focus');
      input.select();
      await sendKeys({ type: 'Samara' });
      const updated = oneEvent(el, 'crm-record-updated');
      await sendKeys({ press: 'Enter' });
      const { detail } = await updated;
      expect(detail.recordType).to.equal('contact');
      expect(detail.record.city).to.equal('Samara');
      expect((await crm.contacts.get(contact.id)).city).to.equal('Samara');
      await waitUntil(() => !el.shadowRoot?.querySelector('#edit-city'), 'the editor closes');
      expect(text(el, '.details')).to.include('Samara');
    });

    it('Escape cancels an edit without saving', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan', city: 'Kazan' });
      const el = await mount(crm, `contact:${contact.id}`);
      $(el, '[data-edit="city"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-city'), 'Nowhere');
      $(el, '#edit-city').focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('#edit-city')).to.equal(null);
      expect((await crm.contacts.get(contact.id)).city).to.equal('Kazan');
    });

    it('shows the core validation error on the field and keeps the typed value', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan', email: 'ivan@example.com' });
      const el = await mount(crm, `contact:${contact.id}`);
      $(el, '[data-edit="emails"]').click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#edit-emails');
      type(input, 'ivan@example.com, not-an-email');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(() => el.shadowRoot?.querySelector('#err-emails'), 'an error shows on the field');
      expect($(el, '#err-emails').textContent).to.equal(VALIDATION_MESSAGES.en.invalid_email);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.include('err-emails');
      expect(input.value).to.equal('ivan@example.com, not-an-email');
      expect((await crm.contacts.get(contact.id)).emails).to.deep.equal(['ivan@example.com']);
      await expect(el).to.be.accessible();
    });

    it('a required field cannot be cleared', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan' });
      const el = await mount(crm, `contact:${contact.id}`);
      $(el, '[data-edit="name"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-name'), '  ');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(() => el.shadowRoot?.querySelector('#err-name'));
      expect($(el, '#err-name').textContent).to.equal(VALIDATION_MESSAGES.en.required);
    });

    it('on a conflict shows a message with Reload, keeps what the user typed, and saves after reloading', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan', city: 'Kazan' });
      const el = await mount(crm, `contact:${contact.id}`);
      $(el, '[data-edit="city"]').click();
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#edit-city');
      type(input, 'Samara');
      // Someone else saves the same record meanwhile.
      await crm.as('bo').contacts.update(contact.id, { city: 'Omsk' });
      await settle(el);
      button(el, 'Save', '.field.editing').click();
      await waitUntil(() => el.shadowRoot?.querySelector('[part="conflict"]'), 'the conflict message shows');
      expect(text(el, '[part="conflict"]')).to.include('Someone else changed this record');
      expect($<HTMLInputElement>(el, '#edit-city').value).to.equal('Samara');
      expect((await crm.contacts.get(contact.id)).city).to.equal('Omsk');
      await expect(el).to.be.accessible();

      button(el, 'Reload', '[part="conflict"]').click();
      await waitUntil(() => !el.shadowRoot?.querySelector('[part="conflict"]'), 'the conflict message goes');
      expect(text(el, '.field.editing')).to.include('Saved meanwhile: Omsk');
      expect($<HTMLInputElement>(el, '#edit-city').value).to.equal('Samara');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(async () => (await crm.contacts.get(contact.id)).city === 'Samara', 'the typed value is saved');
    });

    it('edits a deal amount and shows it as money for the locale', async () => {
      const deal = await crm.deals.create({ title: 'Yurts', amount: 1000, currency: 'MNT' });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, '[data-edit="amount"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-amount'), '2 500 000');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(async () => (await crm.deals.get(deal.id)).amount === 2_500_000);
      await waitUntil(() => !el.shadowRoot?.querySelector('#edit-amount'));
      expect(text(el, '.details')).to.include(collapse(new Intl.NumberFormat('en', { style: 'currency', currency: 'MNT', maximumFractionDigits: 0 }).format(2_500_000)));
    });
  });

  describe('numbers as the locale writes them', () => {
    it('saves “1,500” typed in English as 1500, and refuses “1,50” with a message instead of guessing', async () => {
      const deal = await crm.deals.create({ title: 'Tents', amount: 10, currency: 'USD' });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, '[data-edit="amount"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-amount'), '1,500');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(async () => (await crm.deals.get(deal.id)).amount === 1500, 'saved as fifteen hundred');
      await waitUntil(() => !el.shadowRoot?.querySelector('#edit-amount'));
      $(el, '[data-edit="amount"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-amount'), '1,50');
      button(el, 'Save', '.field.editing').click();
      await waitUntil(() => text(el, '.details').includes('could be read two ways'), 'the ambiguity is explained');
      expect((await crm.deals.get(deal.id)).amount).to.equal(1500);
      expect($<HTMLInputElement>(el, '#edit-amount').value).to.equal('1,50');
    });

    it('reads “1 500,5” in Russian as 1500.5', async () => {
      const deal = await crm.deals.create({ title: 'Юрты', amount: 10, currency: 'RUB' });
      const el = await mount(crm, `deal:${deal.id}`, 'ru');
      $(el, '[data-edit="amount"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-amount'), '1 500,5');
      $<HTMLInputElement>(el, '#edit-amount').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await waitUntil(async () => (await crm.deals.get(deal.id)).amount === 1500.5, 'saved');
    });
  });

  describe('next step', () => {
    const cases: [string, Date][] = [
      ['hour', new Date(NOW.getTime() + HOUR)],
      ['tomorrow', new Date(2025, 2, 6, 10, 0)],
      ['three-days', new Date(2025, 2, 10, 10, 0)], // Saturday the 8th is a weekend day: the Monday after
      ['next-week', new Date(2025, 2, 10, 10, 0)], // the next Monday
    ];
    for (const [quick, due] of cases) {
      it(`the "${quick}" button schedules the next step at ${due.toString()}`, async () => {
        const deal = await crm.deals.create({ title: 'Deal' });
        const el = await mount(crm, `deal:${deal.id}`);
        type($<HTMLSelectElement>(el, '#ns-type'), 'meeting');
        type($<HTMLInputElement>(el, '#ns-title'), 'Demo at their office');
        const scheduled = oneEvent(el, 'crm-next-step-scheduled');
        $(el, `[data-quick="${quick}"]`).click();
        const { detail } = await scheduled;
        expect(detail.activity.dueAt).to.equal(due.toISOString());
        const [step] = await pendingOf(crm, deal.id);
        expect(step?.dueAt).to.equal(due.toISOString());
        expect(step?.type).to.equal('meeting');
        expect(step?.title).to.equal('Demo at their office');
        await waitUntil(() => $$(el, '.step').length === 1, 'the step shows in the panel');
      });
    }

    it("offers the quick times the CRM configures for the record's pipeline", async () => {
      const own = await createCrm({
        store: memoryStore(),
        automationIntervalMs: false,
        now: () => new Date(NOW),
        quickTimes: [{ id: 'half-hour', label: { en: 'In 30 minutes', ru: 'Через 30 минут' }, in: '30m' }],
      });
      const deal = await own.deals.create({ title: 'Deal' });
      const el = await mount(own, `deal:${deal.id}`);
      expect($$(el, '[data-quick]').map((b) => b.getAttribute('data-quick'))).to.deep.equal(['half-hour']);
      expect(text(el, '[data-quick="half-hour"]')).to.include('In 30 minutes');
      type($<HTMLInputElement>(el, '#ns-title'), 'Call back');
      const scheduled = oneEvent(el, 'crm-next-step-scheduled');
      $(el, '[data-quick="half-hour"]').click();
      expect((await scheduled).detail.activity.dueAt).to.equal(new Date(NOW.getTime() + 30 * 60_000).toISOString());
      await own.close();
    });

    it('schedules at a chosen date and time, and refuses a time in the past', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const el = await mount(crm, `deal:${deal.id}`);
      type($<HTMLInputElement>(el, '#ns-at'), '2025-03-01T09:00');
      button(el, 'Schedule', '.schedule').click();
      await waitUntil(() => el.shadowRoot?.querySelector('#ns-error'));
      expect(await pendingOf(crm, deal.id)).to.have.length(0);
      type($<HTMLInputElement>(el, '#ns-at'), '2025-03-12T16:45');
      button(el, 'Schedule', '.schedule').click();
      await waitUntil(async () => (await pendingOf(crm, deal.id)).length === 1);
      const [step] = await pendingOf(crm, deal.id);
      expect(step?.dueAt).to.equal(new Date(2025, 2, 12, 16, 45).toISOString());
      expect(step?.title).to.equal('Call'); // the type's name when no title is typed
    });

    it('marks an overdue step, and an open deal with no next step', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const el = await mount(crm, `deal:${deal.id}`);
      expect(text(el, '.next-step')).to.include('No next step!');
      expect(el.shadowRoot?.querySelector('[part="no-next-step"]')).to.exist;
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(NOW.getTime() - 2 * HOUR) });
      await waitUntil(() => $$(el, '.step').length === 1);
      expect($(el, '.step').getAttribute('part')).to.include('step-overdue');
      expect(text(el, '.step')).to.include('Overdue');
      expect(el.shadowRoot?.querySelector('[part="no-next-step"]')).to.equal(null);
    });

    it('completing a step without a next step or closing is impossible', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      // No "nothing more" choice is offered for an open deal with no other step.
      expect($$<HTMLInputElement>(el, 'input[name="cf-choice"]').map((r) => r.value)).to.deep.equal(['next', 'close']);
      button(el, 'Complete', '#complete-form').click();
      await el.updateComplete;
      expect($(el, '#cf-result-error').textContent).to.equal('Write down what happened.');
      expect($(el, '#cf-choice-error').textContent).to.include('An open deal needs a next step');
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'They want a discount');
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect(el.shadowRoot?.querySelector('#cf-choice-error')).to.exist;
      // Choosing "next step" but no time still does not finish.
      $(el, 'input[name="cf-choice"][value="next"]').click();
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect(el.shadowRoot?.querySelector('#cf-when-error')).to.exist;
      await expect(el).to.be.accessible();
      const pending = await pendingOf(crm, deal.id);
      expect(pending.map((a) => a.id)).to.deep.equal([step.id]);
      expect((await crm.deals.get(deal.id)).status).to.equal('open');
    });

    it('completes a step and schedules the next one in the same write', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Agreed on a demo');
      $(el, 'input[name="cf-choice"][value="next"]').click();
      await el.updateComplete;
      type($<HTMLSelectElement>(el, '#cf-type'), 'meeting');
      type($<HTMLInputElement>(el, '#cf-title'), 'Demo');
      $(el, 'input[name="cf-when"][value="tomorrow"]').click();
      await el.updateComplete;
      const scheduled = oneEvent(el, 'crm-next-step-scheduled');
      button(el, 'Complete', '#complete-form').click();
      const { detail } = await scheduled;
      expect(detail.activity.title).to.equal('Demo');
      const done = await crm.activities.get(step.id);
      expect(done.state).to.equal('done');
      expect(done.result).to.equal('Agreed on a demo');
      const pending = await pendingOf(crm, deal.id);
      expect(pending).to.have.length(1);
      expect(pending[0]?.dueAt).to.equal(new Date(2025, 2, 6, 10, 0).toISOString());
      expect(pending[0]?.type).to.equal('meeting');
      await waitUntil(() => !el.shadowRoot?.querySelector('#complete-form') && text(el, '.steps').includes('Demo'));
    });

    it('completes a step and loses the deal with a reason ("other" needs a comment)', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Bought elsewhere');
      $(el, 'input[name="cf-choice"][value="close"]').click();
      await el.updateComplete;
      $(el, 'input[name="cf-close-outcome"][value="lost"]').click();
      await el.updateComplete;
      const reasons = $$<HTMLOptionElement>(el, '#cf-close-reason option').map((o) => o.value);
      expect(reasons).to.deep.equal(['', 'price', 'competitor', 'no-budget', 'no-response', 'timing', 'other']);
      type($<HTMLSelectElement>(el, '#cf-close-reason'), 'other');
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect($(el, '#cf-close-comment-error').textContent).to.equal('Explain the reason in a comment.');
      expect((await pendingOf(crm, deal.id)).map((a) => a.id)).to.deep.equal([step.id]);
      await expect(el).to.be.accessible();

      type($<HTMLTextAreaElement>(el, '#cf-close-comment'), 'Their cousin sells the same');
      const closed = oneEvent(el, 'crm-record-closed');
      button(el, 'Complete', '#complete-form').click();
      const { detail } = await closed;
      expect(detail).to.deep.include({ recordType: 'deal', outcome: 'lost', reason: 'other', comment: 'Their cousin sells the same' });
      const stored = await crm.deals.get(deal.id);
      expect(stored.status).to.equal('lost');
      expect(stored.lostReason).to.equal('other');
      expect((await crm.activities.get(step.id)).result).to.equal('Bought elsewhere');
      await waitUntil(() => text(el, '.next-step').includes('Deal lost'));
      expect(text(el, '.next-step')).to.include('Other');
    });

    it('a closed deal shows its outcome and offers no next step; its pending step was settled', async () => {
      const deal = await crm.deals.create({ title: 'Gone' });
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(NOW.getTime() + HOUR) });
      await crm.deals.lose(deal.id, { reason: 'price' });
      const el = await mount(crm, `deal:${deal.id}`);
      await waitUntil(() => text(el, '.next-step').includes('Deal lost'));
      expect(el.shadowRoot!.querySelector('[part="schedule-form"]')).to.equal(null);
      expect(el.shadowRoot!.querySelectorAll('.steps li')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('closes a lead as junk from the close form', async () => {
      const lead = await crm.leads.create({ name: 'Spammer', email: 'spam@example.com' });
      const el = await mount(crm, `lead:${lead.id}`);
      $(el, '#close-open').click();
      await el.updateComplete;
      button(el, 'Close the lead', '#close-form').click();
      await el.updateComplete;
      expect($(el, '#close-outcome-error').textContent).to.equal('Choose the outcome.');
      await expect(el).to.be.accessible();
      $(el, 'input[name="close-outcome"][value="lost"]').click();
      await el.updateComplete;
      type($<HTMLSelectElement>(el, '#close-reason'), 'spam');
      const closed = oneEvent(el, 'crm-record-closed');
      button(el, 'Close the lead', '#close-form').click();
      expect((await closed).detail).to.deep.include({ recordType: 'lead', outcome: 'lost', reason: 'spam' });
      expect((await crm.leads.get(lead.id)).status).to.equal('lost');
    });

    it('for a contact, offers a next step but no closing, and may finish with nothing more', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan' });
      const step = await crm.activities.schedule({ recordType: 'contact', recordId: contact.id, type: 'email', title: 'Send catalogue', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `contact:${contact.id}`);
      expect(el.shadowRoot?.querySelector('#close-open')).to.equal(null);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      expect($$<HTMLInputElement>(el, 'input[name="cf-choice"]').map((r) => r.value)).to.deep.equal(['next', 'none']);
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Sent');
      $(el, 'input[name="cf-choice"][value="none"]').click();
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await waitUntil(async () => (await crm.activities.get(step.id)).state === 'done');
    });
  });

  describe('timeline', () => {
    it('lists every entry newest first with who and when', async () => {
      const deal = await crm.deals.create({ title: 'Timeline deal', ownerId: 'ann' });
      clock.time = new Date(NOW.getTime() + HOUR);
      await crm.as('ann').history.addNote('deal', deal.id, 'Called, no answer');
      clock.time = new Date(NOW.getTime() + 2 * HOUR);
      await crm.deals.moveToStage(deal.id, 'qualified');
      const el = await mount(crm, `deal:${deal.id}`);
      await waitUntil(() => $$(el, '.entry').length === 3);
      const entries = $$(el, '.entry').map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
      expect(entries[0]).to.include('Stage: New → Qualified').and.include('Bo Chen');
      expect(entries[1]).to.include('Called, no answer').and.include('Ann Petrova');
      expect(entries[2]).to.include('Deal created').and.include('Bo Chen');
      const time = $$(el, '.entry time')[1];
      expect(time?.getAttribute('datetime')).to.equal(new Date(NOW.getTime() + HOUR).toISOString());
      expect(time?.textContent).to.equal(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(NOW.getTime() + HOUR)));
    });

    it('adds a note', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan' });
      const el = await mount(crm, `contact:${contact.id}`);
      button(el, 'Add note', '.note-form').click();
      await el.updateComplete;
      expect($(el, '#note-error').textContent).to.equal('Write the note first.');
      type($<HTMLTextAreaElement>(el, '#note-text'), 'Met at the fair');
      button(el, 'Add note', '.note-form').click();
      await waitUntil(() => text(el, '.entries').startsWith('Note Met at the fair'), 'the note tops the timeline');
      const history = await crm.history.list({ recordType: 'contact', recordId: contact.id });
      expect(history.at(-1)?.data['text']).to.equal('Met at the fair');
      expect($<HTMLTextAreaElement>(el, '#note-text').value).to.equal('');
    });
  });

  describe('localisation', () => {
    it('speaks Russian: labels, stage names, dates and validation errors', async () => {
      const deal = await crm.deals.create({ title: 'Поставка', amount: 1500000, currency: 'RUB' });
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Созвон', dueAt: new Date(2025, 2, 6, 10, 0) });
      const el = await mount(crm, `deal:${deal.id}`, 'ru');
      await waitUntil(() => $$(el, '.step').length === 1);
      const all = text(el);
      expect(all).to.include('Следующий шаг');
      expect(all).to.include('Сделка');
      expect(all).to.include('Новая'); // the stage
      expect(all).to.include('Продажи'); // the pipeline
      expect(all).to.include('Завтра');
      expect(all).to.include(collapse(new Intl.NumberFormat('ru', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(1500000)));
      expect(text(el, '.step')).to.include(collapse(new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(2025, 2, 6, 10, 0))));
      expect(text(el, '.entries')).to.include('Сделка создана');
      $(el, '[data-edit="title"]').click();
      await el.updateComplete;
      type($<HTMLInputElement>(el, '#edit-title'), '');
      button(el, 'Сохранить', '.field.editing').click();
      await waitUntil(() => el.shadowRoot?.querySelector('#err-title'));
      expect($(el, '#err-title').textContent).to.equal(VALIDATION_MESSAGES.ru.required);
    });

    it('has every locale, and takes the nearest lang attribute when none is set', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan' });
      const expected = { zh: '下一步', mn: 'Дараагийн алхам', uz: 'Keyingi qadam', en: 'Next step' };
      for (const [locale, heading] of Object.entries(expected)) {
        // fixtureSync: a plain <div> fixture waits for an animation frame, which a background test page may never get.
        const wrapper = fixtureSync<HTMLDivElement>(html`<div lang=${locale}><crm-client-card .crm=${crm} record=${`contact:${contact.id}`}></crm-client-card></div>`);
        const el = wrapper.querySelector('crm-client-card') as CrmClientCard;
        await waitUntil(() => el.shadowRoot?.querySelector('#next-step-h'));
        expect($(el, '#next-step-h').textContent).to.equal(heading);
      }
    });
  });

  describe('accessibility', () => {
    it('has no axe violations while loading, when not found, and in view for every record type', async () => {
      const loading = await fixture<CrmClientCard>(html`<crm-client-card record="contact:x" locale="en"></crm-client-card>`);
      expect(text(loading)).to.include('no CRM connected'); // no crm yet: said so, not “Loading…” forever
      await expect(loading).to.be.accessible();
      const missing = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record="deal:none" locale="en"></crm-client-card>`);
      await waitUntil(() => text(missing).includes('does not exist'));
      await expect(missing).to.be.accessible();

      const company = await crm.companies.create({ name: 'Acme', website: 'https://acme.test' });
      const contact = await crm.contacts.create({ name: 'Ann', phone: '+1 202 555 0100', companyId: company.id });
      const deal = await crm.deals.create({ title: 'Big one', amount: 10, companyId: company.id, contactIds: [contact.id] });
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Late call', dueAt: new Date(NOW.getTime() - HOUR) });
      const lead = await crm.leads.create({ phone: '+1 202 555 0100' });
      for (const record of [`company:${company.id}`, `contact:${contact.id}`, `deal:${deal.id}`, `lead:${lead.id}`]) {
        const el = await mount(crm, record);
        await settle(el);
        await expect(el).to.be.accessible();
      }
    });

    it('the completion form is keyboard operable and accessible', async () => {
      const lead = await crm.leads.create({ name: 'Lead', phone: '+7 900 000-00-02' });
      const step = await crm.activities.schedule({ recordType: 'lead', recordId: lead.id, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `lead:${lead.id}`);
      $(el, `[data-complete="${step.id}"]`).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot?.activeElement?.id === 'cf-result', 'focus moves to the result');
      await sendKeys({ type: 'Interested' });
      $(el, 'input[name="cf-choice"][value="close"]').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      $(el, 'input[name="cf-choice"][value="next"]').click();
      await el.updateComplete;
      $(el, 'input[name="cf-when"][value="custom"]').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      $(el, '#cf-result').focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('#complete-form')).to.equal(null);
      expect((await crm.activities.get(step.id)).state).to.equal('pending');
    });
  });

  describe('user data is text', () => {
    it('renders an XSS payload in every field as text, and a javascript: website as text, not a link', async () => {
      const payload = '<img src=x onerror="window.__cardXss=1">';
      const company = await crm.companies.create({ name: `${payload} Inc` });
      const contact = await crm.contacts.create({ name: payload, city: payload, note: `<script>window.__cardXss=2</script>`, companyId: company.id, custom: { [payload]: payload } });
      // Bypass validation, as an import or an old store might: a script URL as the website.
      await crm.store.put('contacts', { ...(await crm.contacts.get(contact.id)), website: 'javascript:window.__cardXss=3' });
      await crm.history.addNote('contact', contact.id, payload);
      const el = await mount(crm, `contact:${contact.id}`);
      await waitUntil(() => text(el, '.details').includes('javascript:'));
      expect(el.shadowRoot?.querySelector('img, script')).to.equal(null);
      expect($(el, '#card-title').textContent).to.equal(payload);
      expect(text(el, '.details')).to.include('<script>window.__cardXss=2</script>');
      expect(text(el, '.details')).to.include('javascript:window.__cardXss=3');
      expect($$<HTMLAnchorElement>(el, 'a').some((a) => a.href.startsWith('javascript:'))).to.equal(false);
      expect(text(el, '.related')).to.include(`${payload} Inc`);
      expect(text(el, '.entries')).to.include(payload);
      expect((window as unknown as Record<string, unknown>)['__cardXss']).to.equal(undefined);
    });
  });

  describe('style isolation', () => {
    it('page CSS does not reach into the card, and the card\'s CSS does not leak out', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan', city: 'Kazan' });
      const page = fixtureSync<HTMLDivElement>(html`<div>
        <style>
          p, button, a, dd, .field { color: rgb(255, 0, 0) !important; display: none !important; }
        </style>
        <p class="field" id="outside">page text</p>
        <crm-client-card .crm=${crm} record=${`contact:${contact.id}`} locale="en" style="--crm-color-accent: rgb(0, 128, 0)"></crm-client-card>
      </div>`);
      const el = page.querySelector('crm-client-card') as CrmClientCard;
      await waitUntil(() => el.shadowRoot?.querySelector('#card-title'));
      const edit = $(el, '[data-edit="city"]');
      expect(getComputedStyle(edit).display).not.to.equal('none');
      expect(getComputedStyle(edit).color).to.equal('rgb(0, 128, 0)'); // themed through --crm-color-accent
      const outside = page.querySelector('#outside') as HTMLElement;
      expect(getComputedStyle(outside).display).to.equal('none'); // the page's own rule, untouched by the card's .field grid
    });
  });

  describe('on IndexedDB', () => {
    it('works over dexieStore with live updates', async () => {
      const { crm: dx } = await makeCrm({ dexie: true });
      try {
        const contact = await dx.contacts.create({ name: 'Ganbold', city: 'Erdenet' });
        const el = await mount(dx, `contact:${contact.id}`);
        await dx.history.addNote('contact', contact.id, 'From another tab');
        await waitUntil(() => text(el, '.entries').includes('From another tab'));
      } finally {
        await dx.close();
      }
    });
  });
});
