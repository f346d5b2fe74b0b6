import { expect } from '@open-wc/testing';
import { hubspotConnector } from './hubspot-connector.js';
import { mockBackend, type MockBackend } from './mock-backend.js';
import { never, sampleSubmission } from './test/fixtures.js';
import { after, afterEach, before, describe, it } from './test/mocha.js';

const options = { portalId: 4040, formGuid: '78c2891f-ebdd-44c0-bd94-15c012bbbfbf', hutk: () => 'abc123hutk', pageName: () => 'Contact us' };

describe('hubspotConnector against the emulated HubSpot Forms API v3', () => {
  let backend: MockBackend;
  before(async () => {
    backend = mockBackend();
    await backend.start();
  });
  after(() => backend.stop());
  afterEach(() => backend.reset());

  it('submits fields, context and consent to /submissions/v3/integration/submit/{portalId}/{formGuid}', async () => {
    const s = sampleSubmission();
    const outcome = await hubspotConnector(options).deliver(s, never);
    expect(outcome).to.deep.equal({ ok: true, duplicate: false });
    const [req] = backend.received('hubspot');
    expect(req?.method).to.equal('POST');
    expect(req?.url).to.equal('https://api.hsforms.com/submissions/v3/integration/submit/4040/78c2891f-ebdd-44c0-bd94-15c012bbbfbf');
    expect(req?.headers['content-type']).to.contain('application/json');
    expect(req?.headers['authorization']).to.equal(undefined);
    const body = req?.body as Record<string, unknown>;
    expect(body['submittedAt']).to.equal(String(Date.parse(s.submittedAt)));
    expect(body['fields']).to.deep.equal([
      { objectTypeId: '0-1', name: 'firstname', value: 'Иван Петров' },
      { objectTypeId: '0-1', name: 'email', value: 'ivan@example.com' },
      { objectTypeId: '0-1', name: 'phone', value: '+7 999 123-45-67' },
      { objectTypeId: '0-1', name: 'company', value: 'ООО Ромашка' },
      { objectTypeId: '0-1', name: 'message', value: 'Перезвоните, пожалуйста' },
    ]);
    const context = body['context'] as Record<string, string>;
    expect(context['hutk']).to.equal('abc123hutk');
    expect(context['pageName']).to.equal('Contact us');
    const page = new URL(context['pageUri'] ?? '');
    expect(page.origin + page.pathname).to.equal('https://shop.example/contact');
    expect(Object.fromEntries(page.searchParams)).to.deep.equal({ utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'spring' });
    expect(body['legalConsentOptions']).to.deep.equal({ consent: { consentToProcess: true, text: 'Я согласен на обработку персональных данных', communications: [] } });
    expect(backend.stored('hubspot')).to.have.length(1);
  });

  it('maps custom property names, UTM fields, the key field and subscription communications', async () => {
    const s = sampleSubmission({ message: undefined });
    await hubspotConnector({ ...options, fieldNames: { name: 'full_name', companyName: null }, utmFields: { source: 'utm_source', campaign: 'utm_campaign' }, keyField: 'crmkit_key', communications: [{ subscriptionTypeId: 999, text: 'Send me news' }] }).deliver(s, never);
    const body = backend.received('hubspot')[0]?.body as { fields: { name: string; value: string }[]; legalConsentOptions: { consent: { communications: unknown[] } } };
    expect(body.fields.map((f) => [f.name, f.value])).to.deep.equal([
      ['full_name', 'Иван Петров'],
      ['email', 'ivan@example.com'],
      ['phone', '+7 999 123-45-67'],
      ['utm_source', 'google'],
      ['utm_campaign', 'spring'],
      ['crmkit_key', s.idempotencyKey],
    ]);
    expect(body.legalConsentOptions.consent.communications).to.deep.equal([{ value: true, subscriptionTypeId: 999, text: 'Send me news' }]);
  });

  it('consent stored as hash + version is described by them', async () => {
    const s = sampleSubmission({ consent: { textHash: 'ab'.repeat(32), version: 'v3', locale: 'en', pageUrl: 'https://shop.example/', at: '2026-11-23T10:00:00Z' } });
    await hubspotConnector(options).deliver(s, never);
    const body = backend.received('hubspot')[0]?.body as { legalConsentOptions: { consent: { text: string } } };
    expect(body.legalConsentOptions.consent.text).to.equal(`Consent version v3, text SHA-256 ${'ab'.repeat(32)}`);
  });

  it('400 with errorType INVALID_EMAIL is refused with a field error on email', async () => {
    const outcome = await hubspotConnector(options).deliver(sampleSubmission({ email: 'ivan@localhost' }), never);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 400 });
    if (outcome.ok) return;
    expect(outcome.fieldErrors).to.deep.equal([{ path: ['email'], code: 'invalid_email', message: "Error in 'fields.email'. Invalid email address" }]);
    expect(backend.stored('hubspot')).to.have.length(0);
  });

  it('429 is retried after Retry-After, 5xx and network errors are retried', async () => {
    backend.failNext(1, 429, 10);
    expect(await hubspotConnector(options).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 429, retryAfterMs: 10_000 });
    backend.failNext(1, 502);
    expect(await hubspotConnector(options).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true, status: 502 });
    backend.failNext(1, 0);
    expect(await hubspotConnector(options).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true });
  });

  it('404 (no such form) is refused', async () => {
    backend.failNext(1, 404);
    expect(await hubspotConnector(options).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: false, status: 404 });
  });
});
