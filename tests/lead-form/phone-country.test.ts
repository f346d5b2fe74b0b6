import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore } from '@crmkit/core';
import type { CrmLeadForm } from '@crmkit/widgets';
import { FAST, posts, stateIs, submit, type, useLeadBackend } from './helpers.js';

// The visitor's phone country: a number typed without "+" is read in the visitor's national format (from the form's
// `country`, the region of `lang`, or the browser's languages), not the CRM's default country, so it is stored in
// E.164 and matches the same person stored earlier.

function setLanguages(languages: readonly string[] | undefined): void {
  if (languages) Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
  else delete (navigator as unknown as { languages?: unknown }).languages;
}

describe('<crm-lead-form> and the visitor’s phone country', () => {
  const b = useLeadBackend();
  afterEach(() => setLanguages(undefined));

  it('a Kazakh visitor (lang="ru-KZ") types 8 701 …: the intake stores +7 701 … and links the contact stored earlier', async () => {
    const backend = b();
    const crm = await backend.crm(); // an English CRM: its own default country is the US
    const contact = await crm.contacts.create({ name: 'Aigerim', phone: '+77011234567' });
    const wrap = await fixture<HTMLDivElement>(html`<div lang="ru-KZ"><crm-lead-form endpoint="/api/leads" form-id="kz" min-fill-ms="0" .delivery=${FAST}></crm-lead-form></div>`);
    const f = wrap.querySelector('crm-lead-form') as CrmLeadForm;
    await type(f, 'name', 'Айгерим');
    await type(f, 'phone', '8 701 123-45-67');
    await submit(f);
    await stateIs(f, 'success');
    expect((posts(backend)[0]!.body as { phoneCountry?: string }).phoneCountry).to.equal('KZ');
    const lead = backend.stored('rest')[0]!.data as { phone: string; contactId?: string };
    expect(lead.phone).to.equal('+77011234567');
    expect(lead.contactId).to.equal(contact.id);
  });

  it('an Uzbek visitor (browser languages uz-UZ) types 90 123 45 67: a crm on the page stores +998 … and links the contact', async () => {
    setLanguages(['uz-UZ', 'ru']);
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, locale: 'en' });
    try {
      const contact = await crm.contacts.create({ name: 'Dilshod', phone: '+998901234567' });
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" .crm=${crm} .delivery=${FAST}></crm-lead-form>`);
      await type(f, 'name', 'Dilshod');
      await type(f, 'phone', '90 123 45 67');
      await submit(f);
      await stateIs(f, 'success');
      await waitUntil(async () => (await crm.leads.list()).length === 1);
      const [lead] = await crm.leads.list();
      expect(lead!.phone).to.equal('+998901234567');
      expect(lead!.contactId).to.equal(contact.id);
    } finally {
      await crm.close();
    }
  });

  it('the form’s country attribute wins; with nothing to go on no country is sent and the CRM’s own decides', async () => {
    const backend = b();
    setLanguages(['en']);
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="none" min-fill-ms="0" .delivery=${FAST}></crm-lead-form>`);
    await type(f, 'phone', '8 701 123-45-67');
    await submit(f);
    await stateIs(f, 'success');
    expect((posts(backend)[0]!.body as { phoneCountry?: string }).phoneCountry).to.equal(undefined);
    expect((backend.stored('rest')[0]!.data as { phone: string }).phone).to.equal('8 701 123-45-67');
    const g = await fixture<CrmLeadForm>(html`<div lang="ru-RU"><crm-lead-form endpoint="/api/leads" form-id="attr" country="kz" min-fill-ms="0" .delivery=${FAST}></crm-lead-form></div>`);
    const form = g.querySelector('crm-lead-form') as CrmLeadForm;
    await type(form, 'phone', '8 701 765-43-21');
    await submit(form);
    await stateIs(form, 'success');
    expect((posts(backend)[1]!.body as { phoneCountry?: string }).phoneCountry).to.equal('KZ');
  });
});
