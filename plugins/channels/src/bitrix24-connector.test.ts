import { expect } from '@open-wc/testing';
import { bitrix24Connector } from './bitrix24-connector.js';
import { mockBackend, type MockBackend } from './mock-backend.js';
import { never, sampleSubmission } from './test/fixtures.js';
import { after, afterEach, before, describe, it } from './test/mocha.js';

const WEBHOOK = 'https://acme.bitrix24.ru/rest/1/s3cr3t/';

describe('bitrix24Connector against the emulated Bitrix24 REST API', () => {
  let backend: MockBackend;
  before(async () => {
    backend = mockBackend({ bitrix24Token: 's3cr3t' });
    await backend.start();
  });
  after(() => backend.stop());
  afterEach(() => backend.reset());

  it('checks for the key, then calls crm.lead.add.json with the mapped fields', async () => {
    const s = sampleSubmission();
    const outcome = await bitrix24Connector({ webhookUrl: WEBHOOK, assignedById: 7 }).deliver(s, never);
    const [list, add] = backend.received('bitrix24');
    expect(list?.url).to.equal('https://acme.bitrix24.ru/rest/1/s3cr3t/crm.lead.list.json');
    expect(list?.body).to.deep.equal({ filter: { ORIGINATOR_ID: 'crmkit', ORIGIN_ID: s.idempotencyKey }, select: ['ID'] });
    expect(add?.method).to.equal('POST');
    expect(add?.url).to.equal('https://acme.bitrix24.ru/rest/1/s3cr3t/crm.lead.add.json');
    expect(add?.headers['content-type']).to.contain('application/json');
    const body = add?.body as { fields: Record<string, unknown>; params: Record<string, unknown> };
    expect(body.params).to.deep.equal({ REGISTER_SONET_EVENT: 'Y' });
    expect(body.fields).to.deep.include({
      TITLE: 'contact-page: Иван Петров',
      NAME: 'Иван Петров',
      PHONE: [{ VALUE: '+7 999 123-45-67', VALUE_TYPE: 'WORK' }],
      EMAIL: [{ VALUE: 'ivan@example.com', VALUE_TYPE: 'WORK' }],
      COMPANY_TITLE: 'ООО Ромашка',
      SOURCE_ID: 'WEB',
      SOURCE_DESCRIPTION: 'https://shop.example/contact',
      UTM_SOURCE: 'google',
      UTM_MEDIUM: 'cpc',
      UTM_CAMPAIGN: 'spring',
      ORIGINATOR_ID: 'crmkit',
      ORIGIN_ID: s.idempotencyKey,
      ASSIGNED_BY_ID: 7,
      OPENED: 'Y',
    });
    const comments = String(body.fields['COMMENTS']);
    expect(comments).to.contain('Перезвоните, пожалуйста');
    expect(comments).to.contain('Consent text: Я согласен на обработку персональных данных');
    expect(comments).to.contain('Consent given at: 2026-11-23T10:14:58.000Z');
    expect(outcome).to.deep.equal({ ok: true, leadId: String(backend.stored('bitrix24')[0]?.id), duplicate: false });
  });

  it('accepts the full method URL as webhookUrl too', async () => {
    await bitrix24Connector({ webhookUrl: 'https://acme.bitrix24.ru/rest/1/s3cr3t/crm.lead.add.json', checkDuplicates: false }).deliver(sampleSubmission(), never);
    expect(backend.received('bitrix24').map((r) => r.url)).to.deep.equal(['https://acme.bitrix24.ru/rest/1/s3cr3t/crm.lead.add.json']);
  });

  it('response lost after Bitrix24 stored the lead: the retry finds it by ORIGIN_ID, one lead', async () => {
    const s = sampleSubmission();
    const c = bitrix24Connector({ webhookUrl: WEBHOOK });
    backend.dropResponseAfterStore(1, (r) => r.url.endsWith('crm.lead.add.json'));
    expect(await c.deliver(s, never)).to.deep.include({ ok: false, retry: true });
    const again = await c.deliver(s, never);
    expect(again).to.deep.equal({ ok: true, leadId: String(backend.stored('bitrix24')[0]?.id), duplicate: true });
    expect(backend.stored('bitrix24')).to.have.length(1);
  });

  it('QUERY_LIMIT_EXCEEDED (503) is retried after Retry-After', async () => {
    backend.failNext(1, 503, 2);
    const outcome = await bitrix24Connector({ webhookUrl: WEBHOOK }).deliver(sampleSubmission(), never);
    expect(outcome).to.deep.include({ ok: false, retry: true, status: 503, retryAfterMs: 2000 });
    if (!outcome.ok) expect(outcome.message).to.contain('QUERY_LIMIT_EXCEEDED');
  });

  it('a wrong webhook token is refused, not retried', async () => {
    const outcome = await bitrix24Connector({ webhookUrl: 'https://acme.bitrix24.ru/rest/1/wrong/' }).deliver(sampleSubmission(), never);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 401 });
    if (!outcome.ok) expect(outcome.message).to.contain('INVALID_CREDENTIALS');
  });

  it('a 400 from Bitrix24 is refused with its error_description', async () => {
    const outcome = await bitrix24Connector({ webhookUrl: WEBHOOK, checkDuplicates: false, extraFields: () => ({ PHONE: 'not-a-list' }) }).deliver(sampleSubmission(), never);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 400 });
    if (!outcome.ok) expect(outcome.message).to.contain('PHONE must be an array');
    expect(backend.stored('bitrix24')).to.have.length(0);
  });

  it('a network error is retried', async () => {
    backend.failNext(1, 0);
    expect(await bitrix24Connector({ webhookUrl: WEBHOOK }).deliver(sampleSubmission(), never)).to.deep.include({ ok: false, retry: true });
  });

  it('a lead the form flagged (sent too fast) is delivered, marked for review in its title and comments', async () => {
    expect((await bitrix24Connector({ webhookUrl: WEBHOOK }).deliver(sampleSubmission({ spam: true }), never)).ok).to.equal(true);
    const lead = backend.stored('bitrix24')[0]!.data;
    expect(String(lead['TITLE'])).to.match(/^\[Review\] /);
    expect(String(lead['COMMENTS'])).to.match(/^Review: possible spam/);
  });
});
