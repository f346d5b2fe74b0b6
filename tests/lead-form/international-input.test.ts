import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './reportable-failures.js';
import { MSW_START_TIMEOUT_MS } from './helpers.js';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import { mockBackend, type MockBackend } from '@crmkit/plugin-channels';
import { defineLeadForm, pageDrainer, type CrmLeadForm } from '@crmkit/widgets';

defineLeadForm();

// What visitors really type: an email on an IDN domain (Unicode or punycode), a phone typed with a
// Chinese input method (full-width digits and plus), one with en-dashes, and one with an extension.
const FAST = { baseDelayMs: 5, maxDelayMs: 40 };
const root = (f: CrmLeadForm) => f.shadowRoot!;

async function type(f: CrmLeadForm, name: string, value: string): Promise<void> {
  const el = root(f).querySelector(`[name="${name}"]`) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('blur'));
  await f.updateComplete;
}
async function submit(f: CrmLeadForm): Promise<void> {
  (root(f).querySelector('button[type=submit]') as HTMLButtonElement).click();
  await f.updateComplete;
}
/** The problems the form shows, in words (a failed assertion must not carry DOM nodes). */
const shownErrors = (f: CrmLeadForm) => [...root(f).querySelectorAll('[aria-invalid="true"]')].map((e) => e.getAttribute('name'));
const stateIs = (f: CrmLeadForm, s: string) =>
  waitUntil(() => f.state === s, `form never reached "${s}" (is "${f.state}", invalid: ${shownErrors(f).join(', ')})`, { timeout: 5000 });

async function clearOutbox(): Promise<void> {
  const d = pageDrainer();
  for (const r of await d.list()) await d.outbox.delete(r.key);
  localStorage.clear();
}

const CASES = [
  { what: 'IDN email in Unicode, full-width phone (Chinese IME)', email: 'ivan@пример.рф', phone: '＋７ ９０３ ０９５-２７-２９', emailKey: 'e:ivan@xn--e1afmkfd.xn--p1ai', phoneKey: 'p:+79030952729' },
  { what: 'IDN email in punycode, phone with en-dashes', email: 'Ivan@xn--e1afmkfd.xn--p1ai', phone: '+7 903 095–27–29', emailKey: 'e:ivan@xn--e1afmkfd.xn--p1ai', phoneKey: 'p:+79030952729' },
  { what: 'phone with an extension', email: 'office@example.com', phone: '+1 212 555 0100 ext. 12', emailKey: 'e:office@example.com', phoneKey: 'p:+12125550100' },
] as const;

describe('<crm-lead-form> with international input', () => {
  beforeEach(clearOutbox);

  describe('to a crm on the page', () => {
    let crm: Crm;
    beforeEach(async () => {
      crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
    });
    afterEach(() => crm.close());

    for (const c of CASES) {
      it(`accepts ${c.what}; the stored lead keeps what was typed and holds the normalised keys`, async () => {
        const f = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" fields="name,phone,email" .crm=${crm} .delivery=${FAST}></crm-lead-form>`);
        await type(f, 'name', 'Иван');
        await type(f, 'phone', c.phone);
        await type(f, 'email', c.email);
        expect(shownErrors(f), 'no field marked invalid while typing').to.deep.equal([]);
        await submit(f);
        await stateIs(f, 'success');
        const leads = await crm.leads.list();
        expect(leads).to.have.length(1);
        const lead = leads[0]!;
        expect(lead.phone, 'the phone as typed is kept').to.equal(c.phone);
        expect(lead.email, 'the email as typed is kept').to.equal(c.email);
        expect(lead.dupKeys, 'normalised phone and email').to.include.members([c.phoneKey, c.emailKey]);
      });
    }

    it('a second lead with the punycode spelling and an en-dashed phone matches the first one', async () => {
      const contact = await crm.contacts.create({ name: 'Иван', email: 'ivan@пример.рф', phone: '＋７ ９０３ ０９５-２７-２９' });
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" fields="name,phone,email" .crm=${crm} .delivery=${FAST}></crm-lead-form>`);
      await type(f, 'email', 'ivan@xn--e1afmkfd.xn--p1ai');
      await type(f, 'phone', '+7 903 095–27–29');
      await submit(f);
      await stateIs(f, 'success');
      const [lead] = await crm.leads.list();
      expect(lead?.contactId, 'linked to the contact typed the other way').to.equal(contact.id);
    });
  });

  describe('to a REST intake', () => {
    let backend: MockBackend;
    before(async function (this: { timeout(ms: number): void }) {
      // The service worker msw starts can take far longer than a test on a busy machine (it timed out at 20 s once).
      this.timeout(MSW_START_TIMEOUT_MS);
      backend = mockBackend({ restEndpoint: '/api/intl-leads' });
      await backend.start();
    });
    after(() => backend.stop());
    beforeEach(() => backend.reset());

    it('sends the values as typed and the intake stores them, with no refusal', async () => {
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/intl-leads" form-id="intl" min-fill-ms="0" fields="name,phone,email" .delivery=${FAST}></crm-lead-form>`);
      await type(f, 'phone', '+1 212 555 0100 ext. 12');
      await type(f, 'email', 'ivan@пример.рф');
      await submit(f);
      await stateIs(f, 'success');
      await waitUntil(() => backend.stored('rest').length === 1, 'the intake never stored the lead');
      const data = backend.stored('rest')[0]!.data;
      expect(data['phone']).to.equal('+1 212 555 0100 ext. 12');
      expect(data['email']).to.equal('ivan@пример.рф');
    });
  });
});
