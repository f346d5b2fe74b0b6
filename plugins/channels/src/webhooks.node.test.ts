// Outgoing webhooks: a real receiver on 127.0.0.1 that fails three times, then accepts.
import { Webhook } from 'standardwebhooks';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import { channelsPlugin, deliverWebhooks, generateWebhookSecret, webhookDeliveries, type WebhookSubscription } from '@crmkit/plugin-channels';
import { nodeTest, serve } from './test/node-harness.js';

const { describe, it, assert } = await nodeTest();

interface Received {
  id: string;
  verified: boolean;
  body: Record<string, unknown>;
}

/** A receiver that answers `statuses` in turn (then 200) and keeps each event once by webhook-id, as the spec asks receivers to. */
async function receiver(secret: string, statuses: number[]) {
  const requests: Received[] = [];
  const events = new Map<string, Record<string, unknown>>();
  const server = await serve(async (request) => {
    const raw = await request.text();
    const headers = Object.fromEntries(request.headers);
    let verified = true;
    try {
      new Webhook(secret).verify(raw, headers);
    } catch {
      verified = false;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    requests.push({ id: headers['webhook-id'] ?? '', verified, body });
    const status = statuses.shift() ?? 200;
    if (status === 200 && verified && !events.has(headers['webhook-id'] ?? '')) events.set(headers['webhook-id'] ?? '', body);
    return new Response(status === 200 ? 'ok' : 'down', { status });
  });
  return { ...server, requests, events };
}

async function crmWith(webhooks: WebhookSubscription[], clock: { t: Date }, errors: unknown[], maxAttempts = 10): Promise<Crm> {
  return createCrm({
    store: memoryStore(),
    automationIntervalMs: false,
    now: () => clock.t,
    plugins: [channelsPlugin({ webhooks, webhookQueue: { intervalMs: false, maxAttempts, backoffMs: (n) => n * 60_000 }, onError: (e) => errors.push(e) })],
  });
}

describe('outgoing webhooks', () => {
  it('delivers each event once from the receiver view: three failures, then success, one webhook-id, all signed', async () => {
    const secret = generateWebhookSecret();
    const hook = await receiver(secret, [500, 503, 502]);
    const clock = { t: new Date('2026-12-01T09:00:00Z') };
    const errors: unknown[] = [];
    try {
      const crm = await crmWith([{ url: `${hook.url}/hooks?key=abc`, secret, events: ['record:created', 'stage:changed'] }], clock, errors);
      const lead = await crm.leads.create({ name: 'Ivan', phone: '+79991234567' });
      await deliverWebhooks(crm);
      assert.equal(hook.requests.length, 1);
      await deliverWebhooks(crm);
      assert.equal(hook.requests.length, 1, 'not retried before its backoff');
      for (let i = 0; i < 5; i++) {
        clock.t = new Date(clock.t.getTime() + 10 * 60_000);
        await deliverWebhooks(crm);
      }
      assert.equal(hook.requests.length, 4);
      assert.equal(new Set(hook.requests.map((r) => r.id)).size, 1, 'the same webhook-id on every retry');
      assert.ok(hook.requests.every((r) => r.verified), 'every attempt verifies with the official library');
      assert.equal(hook.events.size, 1);
      const [event] = [...hook.events.values()];
      assert.equal(event?.['type'], 'record:created');
      assert.equal((event?.['data'] as { record: { id: string } }).record.id, lead.id);
      assert.equal((event?.['data'] as { record: Record<string, unknown> }).record['dupKeys'], undefined);
      const [delivery] = await webhookDeliveries(crm);
      assert.equal(delivery?.state, 'webhook_delivered');
      assert.deepEqual(delivery?.log.map((a) => a.status), [500, 503, 502, 200]);
      assert.equal(delivery?.target, `${hook.url}/hooks`);

      await crm.leads.moveToStage(lead.id, 'qualifying');
      await crm.leads.update(lead.id, { name: 'Ivan P.' });
      await deliverWebhooks(crm);
      const types = [...hook.events.values()].map((e) => e['type']);
      assert.deepEqual(types, ['record:created', 'stage:changed'], 'only subscribed events');
      const moved = [...hook.events.values()][1]?.['data'] as { from: { id: string }; to: { id: string }; recordType: string };
      assert.deepEqual([moved.recordType, moved.from.id, moved.to.id], ['lead', 'new', 'qualifying']);
    } finally {
      await hook.close();
    }
  });

  it('gives up after the last attempt, keeps the log, and never shows a secret', async () => {
    const secret = generateWebhookSecret();
    const next = generateWebhookSecret();
    const hook = await receiver(secret, [500, 500, 500, 500]);
    const clock = { t: new Date('2026-12-01T09:00:00Z') };
    const errors: unknown[] = [];
    try {
      const crm = await crmWith([{ url: `${hook.url}/hooks`, secret: [secret, next], events: ['record:created'] }], clock, errors, 2);
      await crm.contacts.create({ name: 'Anna', email: 'anna@example.com' });
      for (let i = 0; i < 4; i++) {
        await deliverWebhooks(crm);
        clock.t = new Date(clock.t.getTime() + 10 * 60_000);
      }
      assert.equal(hook.requests.length, 2);
      const [delivery] = await webhookDeliveries(crm);
      assert.equal(delivery?.state, 'webhook_failed');
      assert.equal(delivery?.attempts, 2);
      assert.ok(errors.length >= 2);
      const everything = JSON.stringify([await crm.store.query('jobs'), await crm.store.query('meta'), await crm.store.query('history'), errors.map((e) => `${String(e)} ${(e as Error).stack}`)]);
      for (const s of [secret, next, secret.slice(6), next.slice(6)]) assert.ok(!everything.includes(s), 'no secret in the store, errors or logs');
    } finally {
      await hook.close();
    }
  });

  it('refuses a bad subscription at start-up without echoing its secret', async () => {
    const clock = { t: new Date() };
    await assert.rejects(crmWith([{ url: 'https://x.example/h', secret: 'my-plain-secret-value', events: ['record:created'] }], clock, []), (e) => e instanceof TypeError && /webhooks\[0\]\.secret/.test(e.message) && !e.message.includes('my-plain-secret-value'));
    await assert.rejects(crmWith([{ url: 'ftp://x.example/h', secret: generateWebhookSecret(), events: ['record:created'] }], clock, []), (e) => e instanceof TypeError && /webhooks\[0\]\.url/.test(e.message));
    await assert.rejects(crmWith([{ url: 'https://x.example/h', secret: generateWebhookSecret(), events: ['deal:exploded' as never] }], clock, []), (e) => e instanceof TypeError && /deal:exploded/.test(e.message));
  });
});
