// Standard Webhooks signing, cross-checked with the official `standardwebhooks`
// package: what we sign it verifies, what it signs we verify.
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, verifyWebhook, verifyWebhookSignature, WebhookSecretError, WebhookVerificationError } from '@crmkit/plugin-channels';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
  throws(fn: () => unknown, check?: (e: unknown) => boolean): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
};

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'stage:changed', data: { id: 'd1', name: 'Ёжик 🦔' } });
const code = (c: string) => (e: unknown) => e instanceof WebhookVerificationError && e.code === c && !e.message.includes(SECRET);

describe('Standard Webhooks signatures', () => {
  it('signs what the official library verifies', async () => {
    const headers = await signWebhook(SECRET, body, { id: 'msg_1' });
    assert.equal(headers['webhook-id'], 'msg_1');
    assert.ok(/^v1,[A-Za-z0-9+/]+=*$/.test(headers['webhook-signature']));
    assert.deepEqual(new Webhook(SECRET).verify(body, { ...headers }), JSON.parse(body));
  });

  it('verifies what the official library signs, from Fetch headers too', async () => {
    const at = new Date();
    const signature = new Webhook(SECRET).sign('msg_2', at, body);
    const headers = new Headers({ 'webhook-id': 'msg_2', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature });
    assert.deepEqual(await verifyWebhook(SECRET, body, headers), JSON.parse(body));
    assert.deepEqual(await verifyWebhook(SECRET, new TextEncoder().encode(body), headers), JSON.parse(body));
  });

  it('signs with every secret during a rotation and accepts any of them', async () => {
    const next = generateWebhookSecret();
    const headers = await signWebhook([SECRET, next], body);
    assert.equal(headers['webhook-signature'].split(' ').length, 2);
    assert.ok(new Webhook(next).verify(body, { ...headers }));
    assert.ok(new Webhook(SECRET).verify(body, { ...headers }));
    const onlyOld = await signWebhook(SECRET, body);
    assert.deepEqual(await verifyWebhook([next, SECRET], body, onlyOld), JSON.parse(body));
  });

  it('refuses a changed body, a wrong secret and a missing header', async () => {
    const headers = await signWebhook(SECRET, body);
    await assert.rejects(verifyWebhook(SECRET, body.replace('d1', 'd2'), headers), code('invalid_signature'));
    await assert.rejects(verifyWebhook(generateWebhookSecret(), body, headers), code('invalid_signature'));
    await assert.rejects(verifyWebhook(SECRET, body, { ...headers, 'webhook-signature': 'v1,AAAA' }), code('invalid_signature'));
    await assert.rejects(verifyWebhook(SECRET, body, { 'webhook-id': headers['webhook-id'], 'webhook-timestamp': headers['webhook-timestamp'] }), code('missing_header'));
  });

  it('accepts ±5 minutes of clock difference and no more', async () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const sent = (offset: number) => signWebhook(SECRET, body, { timestamp: new Date(now.getTime() + offset * 1000) });
    assert.ok(await verifyWebhookSignature(SECRET, body, await sent(-299), { now }));
    assert.ok(await verifyWebhookSignature(SECRET, body, await sent(299), { now }));
    await assert.rejects(verifyWebhookSignature(SECRET, body, await sent(-301), { now }), code('timestamp_too_old'));
    await assert.rejects(verifyWebhookSignature(SECRET, body, await sent(301), { now }), code('timestamp_too_new'));
    await assert.rejects(verifyWebhookSignature(SECRET, body, { ...(await sent(0)), 'webhook-timestamp': 'soon' }, { now }), code('invalid_timestamp'));
  });

  it('refuses a secret that is not whsec_ base64, without echoing it', async () => {
    await assert.rejects(signWebhook('hunter2-not-base64!', body), (e) => e instanceof WebhookSecretError && !e.message.includes('hunter2'));
  });

  it('says when a verified body is not JSON', async () => {
    const headers = await signWebhook(SECRET, 'From: a@b.c\r\n\r\nhello');
    assert.ok(await verifyWebhookSignature(SECRET, 'From: a@b.c\r\n\r\nhello', headers));
    await assert.rejects(verifyWebhook(SECRET, 'From: a@b.c\r\n\r\nhello', headers), code('invalid_payload'));
  });
});
