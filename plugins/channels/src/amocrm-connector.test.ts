import { expect } from '@open-wc/testing';
import { amocrmConnector } from './amocrm-connector.js';
import { mockBackend, type MockBackend } from './mock-backend.js';
import { never, sampleSubmission } from './test/fixtures.js';
import { after, afterEach, before, describe, it } from './test/mocha.js';

const base = { baseUrl: 'https://acme.amocrm.ru', accessToken: 'tok-123' };

describe('amocrmConnector against the emulated amoCRM/Kommo API v4', () => {
  let backend: MockBackend;
  before(async () => {
    backend = mockBackend({ amocrmToken: 'tok-123' });
    await backend.start();
  });
  after(() => backend.stop());
  afterEach(() => backend.reset());

  it('creates the lead with its contact and company via /api/v4/leads/complex, then a note', async () => {
    const s = sampleSubmission();
    const outcome = await amocrmConnector({ ...base, pipelineId: 11, statusId: 22, responsibleUserId: 33 }).deliver(s, never);
    const [complex, note] = backend.received('amocrm');
    expect(complex?.method).to.equal('POST');
    expect(complex?.url).to.equal('https://acme.amocrm.ru/api/v4/leads/complex');
    expect(complex?.headers['authorization']).to.equal('Bearer tok-123');
    expect(complex?.headers['content-type']).to.contain('application/json');
    expect(complex?.body).to.deep.equal([
      {
        name: 'contact-page: Иван Петров',
        request_id: 'crmkit',
        pipeline_id: 11,
        status_id: 22,
        responsible_user_id: 33,
        _embedded: {
          contacts: [
            {
              name: 'Иван Петров',
              custom_fields_values: [
                { field_code: 'PHONE', values: [{ value: '+7 999 123-45-67', enum_code: 'WORK' }] },
                { field_code: 'EMAIL', values: [{ value: 'ivan@example.com', enum_code: 'WORK' }] },
              ],
            },
          ],
          companies: [{ name: 'ООО Ромашка' }],
          tags: [{ name: 'crmkit' }],
        },
      },
    ]);
    const lead = backend.stored('amocrm').find((r) => r.type === 'lead');
    expect(outcome).to.deep.equal({ ok: true, leadId: String(lead?.id), duplicate: false });
    expect(note?.url).to.equal('https://acme.amocrm.ru/api/v4/leads/notes');
    const [n] = note?.body as { entity_id: number; note_type: string; params: { text: string } }[];
    expect(n?.entity_id).to.equal(lead?.id);
    expect(n?.note_type).to.equal('common');
    expect(n?.params.text).to.contain('Перезвоните, пожалуйста');
    expect(n?.params.text).to.contain('utm_campaign: spring');
    expect(n?.params.text).to.contain('Consent text: Я согласен на обработку персональных данных');
    expect(n?.params.text).to.contain(`Idempotency key: ${s.idempotencyKey}`);
  });

  it('utmFieldCodes writes UTM into the lead tracking fields', async () => {
    await amocrmConnector({ ...base, utmFieldCodes: true, note: false }).deliver(sampleSubmission(), never);
    const [lead] = backend.received('amocrm')[0]?.body as { custom_fields_values: unknown[] }[];
    expect(lead?.custom_fields_values).to.deep.equal([
      { field_code: 'UTM_SOURCE', values: [{ value: 'google' }] },
      { field_code: 'UTM_MEDIUM', values: [{ value: 'cpc' }] },
      { field_code: 'UTM_CAMPAIGN', values: [{ value: 'spring' }] },
    ]);
    expect(backend.received('amocrm')).to.have.length(1);
  });

  it('with keyFieldId, a retry after a lost response finds the lead instead of adding another', async () => {
    const s = sampleSubmission();
    const c = amocrmConnector({ ...base, keyFieldId: 555 });
    backend.dropResponseAfterStore(1, (r) => r.url.endsWith('/leads/complex'));
    expect(await c.deliver(s, never)).to.deep.include({ ok: false, retry: true });
    const first = backend.received('amocrm');
    expect(first[0]?.url).to.equal(`https://acme.amocrm.ru/api/v4/leads?query=${s.idempotencyKey}`);
    const again = await c.deliver(s, never);
    const leads = backend.stored('amocrm').filter((r) => r.type === 'lead');
    expect(leads).to.have.length(1);
    expect(again).to.deep.equal({ ok: true, leadId: String(leads[0]?.id), duplicate: true });
  });

  it('without a valid token: 401 refused, with a hint', async () => {
    const outcome = await amocrmConnector({ baseUrl: 'https://acme.kommo.com', accessToken: 'expired' }).deliver(sampleSubmission(), never);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 401 });
    if (!outcome.ok) expect(outcome.message).to.contain('access token');
  });

  it('400 validation errors are refused with amoCRM detail; 429 and 5xx are retried', async () => {
    backend.failNext(1, 400);
    const refused = await amocrmConnector(base).deliver(sampleSubmission(), never);
    expect(refused).to.deep.include({ ok: false, retry: false, status: 400 });
    if (!refused.ok) expect(refused.message).to.contain('Injected failure (400)');
    backend.failNext(1, 429, 1);
    expect(await amocrmConnector(base).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 429, retryAfterMs: 1000 });
    backend.failNext(1, 500);
    expect(await amocrmConnector(base).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 500 });
    expect(backend.stored('amocrm')).to.have.length(0);
  });

  it('a failed note does not fail the delivery', async () => {
    backend.failNext(1, 500, undefined, (r) => r.url.endsWith('/leads/notes'));
    const outcome = await amocrmConnector(base).deliver(sampleSubmission(), never);
    expect(outcome.ok).to.equal(true);
  });
});
