// The card as a whole: timeline, languages, accessibility, user data as text, style isolation, IndexedDB.
import { VALIDATION_MESSAGES, type Crm } from '@crmkit/core';
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CrmClientCard } from './crm-client-card.js';
import { $, $$, button, makeCrm, mount, NOW, settle, text, type } from './test-helpers.js';

const HOUR = 3_600_000;
const collapse = (s: string) => s.replace(/\s+/g, ' ');

describe('<crm-client-card>: timeline, languages and safety', () => {
  let crm: Crm;
  let clock: { time: Date };

  beforeEach(async () => {
    ({ crm, clock } = await makeCrm());
  });
  afterEach(async () => {
    await crm.close();
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
