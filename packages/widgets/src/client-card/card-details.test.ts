// The card's details: what it shows for each record type, inline editing, and numbers as the locale writes them.
import { VALIDATION_MESSAGES, type Crm } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CrmClientCard } from './crm-client-card.js';
import { $, button, makeCrm, mount, settle, text, type } from './test-helpers.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ');

describe('<crm-client-card>: details and editing', () => {
  let crm: Crm;

  beforeEach(async () => {
    ({ crm } = await makeCrm());
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
});
