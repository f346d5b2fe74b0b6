import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LeadSubmission } from '@crmkit/core';
import { amocrmConnector, bitrix24Connector, hubspotConnector, mockBackend, pipedriveConnector, type MockBackend, type StoredRecord } from '@crmkit/plugin-channels';
import { pageDrainer, type CrmLeadForm, type LeadCreatedDetail } from '@crmkit/widgets';
import { FAST, isPost, MSW_START_TIMEOUT_MS, restForm, setOnline, stateIs, submit, type, useLeadBackend } from './helpers.js';

// The spam model (docs/embedding.md): a bot (honeypot) sees success and reaches only crmkit's own store, flagged;
// a person who is merely fast reaches every target, flagged for review in that target's own terms; a form posting
// to a crmkit intake sends the signed form token the intake gave it when it rendered.

const SECRET = 'form-token-secret-for-tests';
const text = (records: StoredRecord[], type: string) => JSON.stringify(records.filter((r) => r.type === type).map((r) => r.data));

/** The four third-party CRMs the form can post to, each with what "flagged for review" looks like there. */
const CONNECTORS = [
  {
    target: 'pipedrive',
    make: () => pipedriveConnector({ baseUrl: 'https://acme.pipedrive.com', apiToken: 'pd-token', reviewLabelIds: ['7d5c2f4e-0000-4000-8000-00000000abcd'] }),
    flagged: (s: StoredRecord[]) => {
      const lead = s.find((r) => r.type === 'lead')!.data;
      return String(lead['title']).startsWith('[Review] ') && JSON.stringify(lead['label_ids']).includes('7d5c2f4e') && text(s, 'note').includes('Review:');
    },
  },
  {
    target: 'bitrix24',
    make: () => bitrix24Connector({ webhookUrl: 'https://acme.bitrix24.ru/rest/1/s3cr3t/' }),
    flagged: (s: StoredRecord[]) => {
      const lead = s.find((r) => r.type === 'lead')!.data;
      return String(lead['TITLE']).startsWith('[Review] ') && String(lead['COMMENTS']).startsWith('Review: possible spam');
    },
  },
  {
    target: 'amocrm',
    make: () => amocrmConnector({ baseUrl: 'https://acme.amocrm.ru', accessToken: 'amo-token' }),
    flagged: (s: StoredRecord[]) => {
      const lead = s.find((r) => r.type === 'lead')!.data as { name: string; _embedded: { tags: { name: string }[] } };
      return lead.name.startsWith('[Review] ') && lead._embedded.tags.some((t) => t.name === 'crmkit-review') && text(s, 'note').includes('Review: possible spam');
    },
  },
  {
    target: 'hubspot',
    make: () => hubspotConnector({ portalId: 123, formGuid: 'f-1', reviewField: 'crmkit_review' }),
    flagged: (s: StoredRecord[]) => {
      const fields = (s.find((r) => r.type === 'submission')!.data['fields'] ?? []) as { name: string; value: string }[];
      return fields.some((f) => f.name === 'crmkit_review' && f.value.startsWith('Review: possible spam'));
    },
  },
] as const;

describe('<crm-lead-form> spam model', () => {
  const b = useLeadBackend();
  let backend: MockBackend;
  beforeEach(() => {
    backend = b();
  });

  it('a honeypot (a bot) sees success; crmkit stores it flagged, another company’s CRM never gets it', async () => {
    const f = await restForm(backend);
    await type(f, 'phone', '+1 555 010 9999');
    await type(f, 'hp-url', 'http://spam.example');
    await submit(f);
    await stateIs(f, 'success');
    await waitUntil(() => backend.stored('rest').length === 1);
    expect(backend.stored('rest')[0]!.data['spam']).to.equal(true);
    const calls: LeadSubmission[] = [];
    const g = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" .delivery=${FAST}></crm-lead-form>`);
    g.connector = { name: 'bitrix-like', deliver: async (s) => (calls.push(s), { ok: true }) };
    await type(g, 'phone', '+1 555 010 9999');
    await type(g, 'hp-url', 'http://spam.example');
    await submit(g);
    await stateIs(g, 'success');
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).to.have.length(0);
    expect((await pageDrainer().list()).some((r) => r.status === 'spam' && r.submission.lead.phone === '+1 555 010 9999')).to.equal(true);
  });

  for (const c of CONNECTORS) {
    it(`a person who submits a second after the form rendered reaches ${c.target}, flagged for review there`, async () => {
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="3000" fields="name,phone,email,message" .delivery=${FAST}></crm-lead-form>`);
      f.connector = c.make();
      const created: LeadCreatedDetail[] = [];
      f.addEventListener('crm-lead-created', (e) => created.push((e as CustomEvent<LeadCreatedDetail>).detail));
      await type(f, 'name', 'Fast Autofill');
      await type(f, 'email', 'fast@example.com');
      await type(f, 'message', 'Call me back');
      await submit(f);
      await stateIs(f, 'success');
      const stored = backend.stored(c.target);
      expect(stored.length, `${c.target} stored nothing`).to.be.greaterThan(0);
      expect(c.flagged(stored), `${c.target}: ${JSON.stringify(stored)}`).to.equal(true);
      expect(created.map((d) => d.spam)).to.deep.equal([true]);
      // The same person at a normal pace is not flagged.
      backend.reset();
      const g = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" fields="name,phone,email,message" .delivery=${FAST}></crm-lead-form>`);
      g.connector = c.make();
      await type(g, 'name', 'Calm Person');
      await type(g, 'email', 'calm@example.com');
      await submit(g);
      await stateIs(g, 'success');
      expect(c.flagged(backend.stored(c.target))).to.equal(false);
    });
  }
});

/** Moves this page's clock (the form's and the emulated intake's) `ms` ahead until the returned function is called. */
function shiftClock(ms: number): () => void {
  const realNow = Date.now;
  Date.now = () => realNow() + ms;
  return () => void (Date.now = realNow);
}

describe('<crm-lead-form> and the intake’s signed form token', () => {
  let tokens: MockBackend;
  let n = 0;
  // Token answers the form itself has read: a request seen by the intake, or a body the test read, is not yet a
  // token held by the form (counting those raced the form's own read and let a keystroke land while its fetch was
  // still in flight). The count goes up when the form's `json()` of the answer settles.
  let answered = 0;
  const realFetch = window.fetch;
  before(async function (this: { timeout(ms: number): void }) {
    // The service worker msw starts can take far longer than a test on a busy machine (it timed out at 20 s once).
    this.timeout(MSW_START_TIMEOUT_MS);
    tokens = mockBackend({ restEndpoint: '/api/token-leads', intake: { formToken: { secret: SECRET } } });
    await tokens.start();
    window.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if ((init?.method ?? 'GET') === 'GET' && String(input).includes('/api/token-leads')) {
        const json = res.json.bind(res);
        res.json = () => json().finally(() => answered++);
      }
      return res;
    };
  });
  after(async () => {
    window.fetch = realFetch;
    await tokens.stop();
  });
  beforeEach(async () => {
    tokens.reset();
    setOnline(true);
    const d = pageDrainer();
    for (const r of await d.list()) await d.outbox.delete(r.key);
  });
  const gets = () => tokens.received('rest').filter((r) => r.method === 'GET');
  const sent = () => tokens.received('rest').filter(isPost).map((r) => (r.body as { formToken?: string }).formToken);
  const form = () => fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/token-leads" form-id=${`tok${++n}`} min-fill-ms="0" .delivery=${FAST}></crm-lead-form>`);

  it('is fetched after render and sent as formToken; the server flags a lead sooner than 3 s after it and keeps a later one clean', async () => {
    answered = 0;
    const f = await form();
    await waitUntil(() => answered === 1, 'the form never got a token', { timeout: 5000 });
    await type(f, 'phone', '+1 555 010 9999');
    await submit(f);
    await stateIs(f, 'success');
    expect(sent()[0]).to.match(/^v1\./);
    expect(tokens.stored('rest')[0]!.data['spam'], 'sooner than 3 s after the token').to.equal(true);
    const g = await form();
    await waitUntil(() => answered === 2, 'the second form never got a token', { timeout: 5000 });
    await type(g, 'name', 'Calm');
    await type(g, 'phone', '+1 555 010 8888');
    const restore = shiftClock(3500);
    try {
      await submit(g);
      await stateIs(g, 'success');
    } finally {
      restore();
    }
    expect(gets(), 'a fresh token is kept while the visitor types').to.have.length(2);
    expect(sent()[1]).to.match(/^v1\./).and.not.equal(sent()[0]);
    expect(tokens.stored('rest')[1]!.data['spam']).to.not.equal(true);
  });

  it('an aged token is replaced on the next keystroke, and the new one is sent', async () => {
    answered = 0;
    const f = await form();
    await waitUntil(() => answered === 1, 'the form never got a token', { timeout: 5000 });
    let restore = shiftClock(2 * 3_600_000);
    try {
      await type(f, 'phone', '+1 555 010 7777');
      await waitUntil(() => answered === 2, 'an aged token was not refreshed', { timeout: 5000 });
      restore();
      restore = shiftClock(2 * 3_600_000 + 3500);
      await submit(f);
      await stateIs(f, 'success');
    } finally {
      restore();
    }
    expect(sent()).to.have.length(1);
    expect(tokens.stored('rest')[0]!.data['spam'], 'the refreshed token is 3.5 s old: a person').to.not.equal(true);
  });

  it('offline when the form renders: no token, the lead waits in the outbox and is delivered once after reconnecting, flagged for review', async () => {
    setOnline(false);
    tokens.failNext(1000, 0); // the network is gone: every request fails
    const f = await form();
    await waitUntil(() => gets().length >= 1, 'the form never asked for a token', { timeout: 5000 });
    await type(f, 'phone', '+1 555 010 6666');
    await submit(f);
    await stateIs(f, 'queued');
    tokens.reset();
    setOnline(true);
    window.dispatchEvent(new Event('online'));
    await stateIs(f, 'success');
    expect(tokens.stored('rest')).to.have.length(1);
    expect(sent()).to.deep.equal([undefined]);
    expect(tokens.stored('rest')[0]!.data['spam'], 'token_missing: kept for review').to.equal(true);
  });
});
