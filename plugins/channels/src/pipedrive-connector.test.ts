import { expect } from '@open-wc/testing';
import { mockBackend, type MockBackend } from './mock-backend.js';
import { pipedriveConnector } from './pipedrive-connector.js';
import { never, sampleSubmission } from './test/fixtures.js';
import { after, afterEach, before, describe, it } from './test/mocha.js';

const base = { baseUrl: 'https://acme.pipedrive.com/api', apiToken: 'pd-token' };
const route = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.searchParams.has('term') ? `?term=${u.searchParams.get('term')}&fields=${u.searchParams.get('fields')}` : ''}`;
};

describe('pipedriveConnector against the emulated Pipedrive API (persons and organizations on v2, leads and notes on v1)', () => {
  let backend: MockBackend;
  before(async () => {
    backend = mockBackend({ pipedriveToken: 'pd-token' });
    await backend.start();
  });
  after(() => backend.stop());
  afterEach(() => backend.reset());

  it('searches, creates the person, the organization, the lead (origin_id = key) and a note', async () => {
    const s = sampleSubmission();
    const outcome = await pipedriveConnector({ ...base, ownerId: 9 }).deliver(s, never);
    const reqs = backend.received('pipedrive');
    expect(reqs.map((r) => `${r.method} ${route(r.url)}`)).to.deep.equal([
      'GET /api/v2/persons/search?term=ivan@example.com&fields=email',
      'GET /api/v2/persons/search?term=+7 999 123-45-67&fields=phone',
      'POST /api/v2/persons',
      'GET /api/v2/organizations/search?term=ООО Ромашка&fields=name',
      'POST /api/v2/organizations',
      'POST /api/v1/leads',
      'POST /api/v1/notes',
    ]);
    // The token travels in a header, never in a URL (URLs end up in logs).
    for (const r of reqs) {
      expect(r.headers['x-api-token']).to.equal('pd-token');
      expect(r.url).not.to.contain('pd-token');
    }
    expect(new URL(reqs[0]?.url ?? '').searchParams.get('exact_match')).to.equal('true');
    expect(reqs[2]?.body).to.deep.equal({
      name: 'Иван Петров',
      emails: [{ value: 'ivan@example.com', primary: true, label: 'work' }],
      phones: [{ value: '+7 999 123-45-67', primary: true, label: 'work' }],
      owner_id: 9,
    });
    const person = backend.stored('pipedrive').find((r) => r.type === 'person');
    const org = backend.stored('pipedrive').find((r) => r.type === 'organization');
    expect(reqs[4]?.body).to.deep.equal({ name: 'ООО Ромашка', owner_id: 9 });
    expect(reqs[5]?.headers['content-type']).to.contain('application/json');
    expect(reqs[5]?.body).to.deep.equal({ title: 'contact-page: Иван Петров', person_id: person?.id, organization_id: org?.id, owner_id: 9, origin_id: s.idempotencyKey });
    const lead = backend.stored('pipedrive').find((r) => r.type === 'lead');
    expect(outcome).to.deep.equal({ ok: true, leadId: lead?.id, duplicate: false });
    const note = reqs[6]?.body as { content: string; lead_id: string };
    expect(note.lead_id).to.equal(lead?.id);
    expect(note.content).to.contain('<p>Перезвоните, пожалуйста</p>');
    expect(note.content).to.contain('<b>Consent text:</b> Я согласен на обработку персональных данных');
  });

  it('reuses a person found by email and an organization found by name', async () => {
    const c = pipedriveConnector(base);
    await c.deliver(sampleSubmission(), never);
    await c.deliver(sampleSubmission({ message: 'second request' }), never);
    const stored = backend.stored('pipedrive');
    expect(stored.filter((r) => r.type === 'person')).to.have.length(1);
    expect(stored.filter((r) => r.type === 'organization')).to.have.length(1);
    expect(stored.filter((r) => r.type === 'lead')).to.have.length(2);
  });

  it('response lost after the lead was stored: the retry finds it by origin_id, one lead', async () => {
    const s = sampleSubmission();
    const c = pipedriveConnector(base);
    backend.dropResponseAfterStore(1, (r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/v1/leads'));
    expect(await c.deliver(s, never)).to.deep.include({ ok: false, retry: true });
    const again = await c.deliver(s, never);
    const leads = backend.stored('pipedrive').filter((r) => r.type === 'lead');
    expect(leads).to.have.length(1);
    expect(again).to.deep.equal({ ok: true, leadId: leads[0]?.id, duplicate: true });
    expect(backend.stored('pipedrive').filter((r) => r.type === 'person')).to.have.length(1);
  });

  it('a lead archived in Pipedrive before the retry is still found: no second lead', async () => {
    const s = sampleSubmission();
    const c = pipedriveConnector(base);
    backend.dropResponseAfterStore(1, (r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/v1/leads'));
    expect(await c.deliver(s, never)).to.deep.include({ ok: false, retry: true });
    // A manager archives the lead in Pipedrive before the form retries.
    const stored = backend.stored('pipedrive').find((r) => r.type === 'lead');
    stored!.data['is_archived'] = true;
    const again = await c.deliver(s, never);
    expect(backend.stored('pipedrive').filter((r) => r.type === 'lead')).to.have.length(1);
    expect(again).to.deep.equal({ ok: true, leadId: stored?.id, duplicate: true });
  });

  it('accepts the older base URL forms ({company}.pipedrive.com/api, api.pipedrive.com/v1)', async () => {
    for (const baseUrl of ['https://acme.pipedrive.com/api', 'https://acme.pipedrive.com/api/v1/', 'https://api.pipedrive.com/v1', 'https://acme.pipedrive.com']) {
      backend.reset();
      expect(await pipedriveConnector({ baseUrl, apiToken: 'pd-token' }).deliver(sampleSubmission(), never)).to.deep.include({ ok: true });
      const paths = backend.received('pipedrive').map((r) => new URL(r.url).pathname);
      expect(paths[0]).to.equal('/api/v2/persons/search');
      expect(paths).to.include('/api/v1/leads');
    }
  });

  it('what a visitor typed is escaped in the HTML note', async () => {
    await pipedriveConnector(base).deliver(sampleSubmission({ message: '<img src=x onerror=alert(1)>', name: '"><script>x()</script>' }), never);
    const note = backend.stored('pipedrive').find((r) => r.type === 'note');
    const content = String(note?.data['content']);
    expect(content).to.contain('&lt;img src=x onerror=alert(1)&gt;');
    expect(content).not.to.contain('<img');
    expect(content).not.to.contain('<script');
  });

  it('a wrong token is refused; 429 and 5xx are retried', async () => {
    const refused = await pipedriveConnector({ ...base, apiToken: 'nope' }).deliver(sampleSubmission(), never);
    expect(refused).to.deep.include({ ok: false, retry: false, status: 401 });
    if (!refused.ok) expect(refused.message).to.contain('unauthorized');
    backend.failNext(1, 429, 2);
    expect(await pipedriveConnector(base).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 429, retryAfterMs: 2000 });
    backend.failNext(1, 503, undefined, (r) => r.method === 'POST' && r.url.includes('/v1/leads'));
    expect(await pipedriveConnector(base).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 503 });
  });

  it('a 400 is refused with Pipedrive\'s error', async () => {
    backend.failNext(1, 400, undefined, (r) => r.method === 'POST');
    const outcome = await pipedriveConnector(base).deliver(sampleSubmission(), never);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 400 });
    if (!outcome.ok) expect(outcome.message).to.equal('Pipedrive: Injected failure (400)');
  });
});
