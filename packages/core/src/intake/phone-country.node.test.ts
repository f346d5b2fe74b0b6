// The visitor's phone country on the lead intake: a number typed without "+" is read in the country the form says the
// visitor is in (not the CRM's default), stored in E.164, and so matches the same number stored earlier.
import { createCrm, type Crm } from '../crm.js';
import { memoryStore } from '../store/memory-store.js';
import { createIntakeHandler } from './intake-handler.js';

const { describe, it, before, after } = (await import('node:test' as string)) as {
  describe: (n: string, f: () => void) => void;
  it: (n: string, f: () => Promise<void>) => void;
  before: (f: () => Promise<void>) => void;
  after: (f: () => Promise<void>) => void;
};
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as {
  equal(a: unknown, b: unknown, m?: string): void;
  notEqual(a: unknown, b: unknown, m?: string): void;
  match(a: string, re: RegExp, m?: string): void;
};

let n = 0;
function post(handler: (r: Request) => Promise<Response>, body: Record<string, unknown>): Promise<Response> {
  return handler(
    new Request('https://crm.example/api/leads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://shop.example', 'Idempotency-Key': `pc-${++n}` },
      body: JSON.stringify(body),
    }),
  );
}

describe('the intake reads a phone in the visitor’s country (phoneCountry)', () => {
  let crm: Crm;
  let handler: (r: Request) => Promise<Response>;
  let kz: string;
  let uz: string;
  before(async () => {
    // An English-language CRM: its default phone country is the US.
    crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, locale: 'en' });
    handler = createIntakeHandler(crm, { allowedOrigins: '*' });
    kz = (await crm.contacts.create({ name: 'Aigerim', phone: '+77011234567' })).id;
    uz = (await crm.contacts.create({ name: 'Dilshod', phone: '+998901234567' })).id;
  });
  after(() => crm.close());

  it('a Kazakh visitor’s 8 701 … and an Uzbek visitor’s 90 … are stored in E.164 and linked to the contacts they match', async () => {
    const a = (await (await post(handler, { lead: { name: 'Айгерим', phone: '8 701 123-45-67' }, phoneCountry: 'KZ' })).json()) as { id: string };
    const b = (await (await post(handler, { lead: { name: 'Dilshod', phone: '90 123 45 67' }, phoneCountry: 'UZ' })).json()) as { id: string };
    const leadA = await crm.leads.get(a.id);
    const leadB = await crm.leads.get(b.id);
    assert.equal(leadA.phone, '+77011234567');
    assert.equal(leadA.contactId, kz);
    assert.equal(leadB.phone, '+998901234567');
    assert.equal(leadB.contactId, uz);
  });

  it('without phoneCountry the CRM’s own country reads the number (here the US: no match), kept as typed', async () => {
    const r = (await (await post(handler, { lead: { phone: '8 701 123-45-67' } })).json()) as { id: string };
    const lead = await crm.leads.get(r.id);
    assert.equal(lead.phone, '8 701 123-45-67');
    assert.notEqual(lead.contactId, kz);
  });

  it('a number typed with + or not possible in that country stays exactly as typed; an extension is kept', async () => {
    const intl = (await (await post(handler, { lead: { phone: '+7 701 123-45-67' }, phoneCountry: 'UZ' })).json()) as { id: string };
    const stored = await crm.leads.get(intl.id);
    assert.equal(stored.phone, '+7 701 123-45-67');
    assert.equal(stored.contactId, kz);
    const odd = (await (await post(handler, { lead: { phone: '123-45', email: 'odd@example.com' }, phoneCountry: 'KZ' })).json()) as { id: string };
    assert.equal((await crm.leads.get(odd.id)).phone, '123-45');
    const ext = (await (await post(handler, { lead: { phone: '8 701 123 45 67 доб. 12' }, phoneCountry: 'KZ' })).json()) as { id: string };
    assert.equal((await crm.leads.get(ext.id)).phone, '+77011234567;ext=12');
  });

  it('a bad phoneCountry is a 400 naming the field', async () => {
    for (const bad of ['kz', 'XX', 'KAZ', 7]) {
      const res = await post(handler, { lead: { phone: '8 701 123 45 67' }, phoneCountry: bad });
      assert.equal(res.status, 400, String(bad));
      assert.match(JSON.stringify(await res.json()), /phoneCountry/);
    }
  });
});
