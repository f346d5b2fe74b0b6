import { expect } from '@open-wc/testing';
import type { LeadSubmission } from '@crmkit/core';
import { mockBackend, type MockBackend } from './mock-backend.js';
import { restConnector } from './rest-connector.js';
import { after, afterEach, before, describe, it } from './test/mocha.js';

const submission = (over: Partial<LeadSubmission> = {}): LeadSubmission => ({
  idempotencyKey: crypto.randomUUID(),
  submittedAt: '2026-11-23T10:15:00.000Z',
  formId: 'contact-page',
  lead: {
    name: 'Иван Петров',
    phone: '+7 999 123-45-67',
    email: 'ivan@example.com',
    message: 'Перезвоните мне',
    source: { channel: 'web-form', utm: { source: 'google', campaign: 'spring' }, pageUrl: 'https://example.com/contact' },
    consent: { text: 'I agree to be contacted', locale: 'ru', pageUrl: 'https://example.com/contact', at: '2026-11-23T10:14:58.000Z' },
  },
  ...over,
});

describe('restConnector against the mock backend (msw service worker)', () => {
  let backend: MockBackend;
  const signal = new AbortController().signal;
  before(async () => {
    backend = mockBackend();
    await backend.start();
  });
  after(() => backend.stop());
  afterEach(() => backend.reset());

  it('posts the contract: JSON body, Idempotency-Key header, 201 with the lead id', async () => {
    const s = submission();
    const outcome = await restConnector({ endpoint: '/api/leads' }).deliver(s, signal);
    expect(outcome.ok).to.equal(true);
    const [req] = backend.received('rest');
    expect(req?.method).to.equal('POST');
    expect(req?.headers['idempotency-key']).to.equal(s.idempotencyKey);
    expect(req?.headers['content-type']).to.contain('application/json');
    expect(req?.headers['accept-language']).to.equal('ru');
    expect(req?.body).to.deep.include({ submittedAt: s.submittedAt, formId: 'contact-page' });
    const stored = backend.stored('rest');
    expect(stored).to.have.length(1);
    expect(outcome.ok && outcome.leadId).to.equal(stored[0]?.id);
    expect(stored[0]?.data).to.deep.include({ name: 'Иван Петров', idempotencyKey: s.idempotencyKey });
    expect((stored[0]?.data['consent'] as { text: string }).text).to.equal('I agree to be contacted');
  });

  it('a replay with the same key is delivered as a duplicate and stored once', async () => {
    const s = submission();
    const c = restConnector({ endpoint: '/api/leads' });
    const first = await c.deliver(s, signal);
    const second = await c.deliver(s, signal);
    expect(second).to.deep.equal({ ok: true, leadId: first.ok ? first.leadId : 'x', duplicate: true });
    expect(backend.stored('rest')).to.have.length(1);
    expect(backend.received('rest')).to.have.length(2);
  });

  it('three 503s with Retry-After, then success: each attempt retryable, same key, one lead', async () => {
    backend.failNext(3, 503, 2);
    const s = submission();
    const c = restConnector({ endpoint: '/api/leads' });
    for (let i = 0; i < 3; i++) {
      const o = await c.deliver(s, signal);
      expect(o).to.deep.include({ ok: false, retry: true, status: 503, retryAfterMs: 2000 });
    }
    expect((await c.deliver(s, signal)).ok).to.equal(true);
    expect(backend.received('rest').map((r) => r.headers['idempotency-key'])).to.deep.equal([s.idempotencyKey, s.idempotencyKey, s.idempotencyKey, s.idempotencyKey]);
    expect(backend.stored('rest')).to.have.length(1);
  });

  it('response lost after the server stored the lead: retryable network error, the retry is a duplicate', async () => {
    backend.dropResponseAfterStore();
    const s = submission();
    const c = restConnector({ endpoint: '/api/leads' });
    const lost = await c.deliver(s, signal);
    expect(lost).to.deep.include({ ok: false, retry: true });
    expect(backend.stored('rest')).to.have.length(1);
    const again = await c.deliver(s, signal);
    expect(again).to.deep.include({ ok: true, duplicate: true });
    expect(backend.stored('rest')).to.have.length(1);
  });

  it('422 is refused (not retried) with the field errors, localised by Accept-Language', async () => {
    const s = submission({ lead: { name: 'X', phone: '12', email: 'not-an-email', consent: { locale: 'ru', pageUrl: 'https://example.com', at: '2026-11-23T10:00:00Z' } } });
    const outcome = await restConnector({ endpoint: '/api/leads' }).deliver(s, signal);
    expect(outcome.ok).to.equal(false);
    if (outcome.ok) return;
    expect(outcome.retry).to.equal(false);
    expect(outcome.status).to.equal(422);
    const byField = Object.fromEntries((outcome.fieldErrors ?? []).map((e) => [e.path.join('.'), e.code]));
    expect(byField).to.deep.equal({ phone: 'invalid_phone', email: 'invalid_email' });
    expect(outcome.fieldErrors?.[0]?.message).to.match(/[а-я]/i);
    expect(backend.stored('rest')).to.have.length(0);
  });

  it('a key reused for a different lead (422 idempotency_mismatch) is refused with the server’s message, no field errors', async () => {
    const first = submission();
    expect((await restConnector({ endpoint: '/api/leads' }).deliver(first, signal)).ok).to.equal(true);
    const outcome = await restConnector({ endpoint: '/api/leads' }).deliver({ ...first, lead: { ...first.lead, name: 'Someone else' } }, signal);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 422 });
    if (outcome.ok) return;
    expect(outcome.message).to.match(/Idempotency-Key/);
    expect(outcome.fieldErrors ?? []).to.have.length(0);
    expect(backend.stored('rest')).to.have.length(1);
  });

  it('a network failure is retryable', async () => {
    backend.failNext(1, 0);
    const outcome = await restConnector({ endpoint: '/api/leads' }).deliver(submission(), signal);
    expect(outcome).to.deep.include({ ok: false, retry: true });
  });

  it('a 400 refusal is not retried and carries the server message', async () => {
    backend.failNext(1, 400);
    const outcome = await restConnector({ endpoint: '/api/leads' }).deliver(submission(), signal);
    expect(outcome).to.deep.include({ ok: false, retry: false, status: 400, message: 'Injected failure (400)' });
  });

  it('backend.fetch answers without msw', async () => {
    const other = mockBackend({ restEndpoint: 'https://api.example.com/leads' });
    const outcome = await restConnector({ endpoint: 'https://api.example.com/leads', fetch: other.fetch }).deliver(submission(), signal);
    expect(outcome.ok).to.equal(true);
    expect(other.stored('rest')).to.have.length(1);
    expect(backend.received()).to.have.length(0);
  });
});
