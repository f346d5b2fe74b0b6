// The intake's idempotency keys expire (24 h by default, configurable) like the team server's:
// within the window a replay gets the first answer, after it the key is a new submission; a sweep
// deletes expired keys, once across handlers (processes) sharing the store. The clock is injected.
import { createCrm, type Crm } from '../crm.js';
import type { Lead } from '../schemas/lead.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { IDEMPOTENCY_META_PREFIX } from './idempotency-keys.js';
import { createIntakeHandler, type IntakeHandlerOptions } from './intake-handler.js';

type Fn = () => void | Promise<void>;
const { describe, it } = (await import('node:test' as string)) as { describe: (name: string, fn: () => void) => void; it: (name: string, fn: Fn) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  notEqual(a: unknown, b: unknown, msg?: string): void;
  throws(fn: () => unknown, re: RegExp): void;
};

const HOUR = 3_600_000;
const ORIGIN = 'https://shop.example';
const submission = { lead: { name: 'Ann Lee', phone: '+7 999 123-45-67', consent: { text: 'I agree', version: '1', locale: 'en', pageUrl: 'https://shop.example/', at: '2026-11-23T10:14:58.000Z' } }, submittedAt: '2026-11-23T10:15:00.000Z', formId: 'contact' };

async function setup(store: Store = memoryStore()) {
  const clock = { t: Date.parse('2026-12-01T08:00:00Z') };
  const crm = await createCrm({ store, automationIntervalMs: false, now: () => new Date(clock.t) });
  const sweeps: number[] = [];
  const handler = (options: Partial<IntakeHandlerOptions> = {}) => createIntakeHandler(crm, { allowedOrigins: [ORIGIN], rateLimit: false, now: () => clock.t, onError: (e) => { throw e; }, ...options });
  const post = async (h: ReturnType<typeof handler>, key: string) => {
    const res = await h(new Request('http://intake.test/api/leads', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'Idempotency-Key': key }, body: JSON.stringify(submission) }));
    return { status: res.status, body: (await res.json()) as { id: string; duplicate: boolean } };
  };
  const keyRows = async () => (await crm.store.query<{ id: string }>('meta')).filter((r) => r.id.startsWith(IDEMPOTENCY_META_PREFIX)).map((r) => r.id.slice(IDEMPOTENCY_META_PREFIX.length)).sort();
  const leadsWith = async (key: string) => (await crm.store.query<Lead>('leads')).filter((l) => l.idempotencyKey === key).length;
  return { clock, crm: crm as Crm, handler, post, keyRows, leadsWith, sweeps };
}

describe('intake idempotency keys expire', () => {
  it('within 24 h a replay returns the first answer; after that the key is a new submission', async () => {
    const s = await setup();
    const h = s.handler();
    const first = await s.post(h, 'k-1');
    assert.equal(first.status, 201);
    s.clock.t += 24 * HOUR - 1;
    assert.deepEqual(await s.post(h, 'k-1'), { status: 200, body: { id: first.body.id, duplicate: true } }, 'a replay just inside the window');
    // A second handler (another process on the same store) knows the key from the store alone.
    assert.deepEqual(await s.post(s.handler(), 'k-1'), { status: 200, body: { id: first.body.id, duplicate: true } }, 'from the store');
    s.clock.t += 1;
    const late = await s.post(h, 'k-1');
    assert.equal(late.status, 201, 'expired: stored as new (also past the in-memory cache)');
    assert.notEqual(late.body.id, first.body.id);
    assert.equal(await s.leadsWith('k-1'), 2);
    assert.deepEqual(await s.post(s.handler(), 'k-1'), { status: 200, body: { id: late.body.id, duplicate: true } }, 'the new answer is the one replayed now');
  });

  it('the lifetime is configurable', async () => {
    const s = await setup();
    const h = s.handler({ idempotencyTtlMs: HOUR });
    const first = await s.post(h, 'k-short');
    s.clock.t += HOUR;
    assert.equal((await s.post(h, 'k-short')).status, 201);
    assert.notEqual(first.body.id, undefined);
    assert.throws(() => s.handler({ idempotencyTtlMs: 0 }), /idempotencyTtlMs/);
  });

  it('a sweep deletes expired keys once across handlers sharing the store, at most every ttl / 24', async () => {
    const s = await setup();
    const swept: { by: string; before: number }[] = [];
    const sweepOf = (by: string) => async (before: number) => {
      swept.push({ by, before });
      for (const row of await s.crm.store.query<{ id: string; at: number }>('meta')) if (row.id.startsWith(IDEMPOTENCY_META_PREFIX) && row.at < before) await s.crm.store.delete('meta', row.id);
    };
    const a = s.handler({ sweepIdempotencyKeys: sweepOf('a') });
    const b = s.handler({ sweepIdempotencyKeys: sweepOf('b') });
    await s.post(a, 'old');
    assert.equal(swept.length, 1, 'the first claim sweeps');
    s.clock.t += 30 * 60_000;
    await s.post(b, 'newer');
    assert.equal(swept.length, 1, 'another process within the hour does not sweep again');
    s.clock.t += 24 * HOUR - 30 * 60_000 + 1;
    await s.post(b, 'fresh');
    await s.post(a, 'fresher');
    assert.deepEqual(swept.map((x) => x.by), ['a', 'b'], 'one sweep an hour, by whichever process comes first');
    assert.deepEqual(await s.keyRows(), ['fresh', 'fresher', 'newer'], 'the expired key is gone, the others stay');
  });

  it('the default sweep deletes expired keys from the store without help', async () => {
    const s = await setup();
    const h = s.handler();
    await s.post(h, 'a');
    s.clock.t += 25 * HOUR;
    await s.post(h, 'b');
    assert.deepEqual(await s.keyRows(), ['b']);
  });
});
