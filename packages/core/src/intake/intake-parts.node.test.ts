// The intake handler's parts on their own: client addresses, the LRU rate
// limiter, form tokens, JSON depth and body fingerprints.
import { clientKey, parseIp, resolveClientAddress } from './client-address.js';
import { createFormToken, verifyFormToken } from './form-token.js';
import { createRateLimiter } from './rate-limiter.js';
import { fingerprint, jsonDepth, parseUntrustedJson } from './request-body.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => void | Promise<void>) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as {
  equal(a: unknown, b: unknown, m?: string): void;
  notEqual(a: unknown, b: unknown, m?: string): void;
  deepEqual(a: unknown, b: unknown, m?: string): void;
  ok(a: unknown, m?: string): void;
  throws(f: () => unknown, m?: unknown): void;
};

describe('client addresses', () => {
  it('parses IPv4, IPv6 (compressed, bracketed, zoned, with an embedded IPv4) and refuses garbage', () => {
    assert.deepEqual([...(parseIp('203.0.113.7') ?? [])], [203, 0, 113, 7]);
    assert.equal(parseIp('[2001:db8::1]')?.length, 16);
    assert.equal(parseIp('fe80::1%eth0')?.length, 16);
    assert.deepEqual([...(parseIp('::ffff:10.1.2.3') ?? [])], [10, 1, 2, 3]);
    for (const bad of ['256.1.1.1', '1.2.3', '2001:db8::1::2', '1:2:3:4:5:6:7:8:9', 'abc', '', '<script>']) assert.equal(parseIp(bad), undefined, bad);
  });

  it('groups IPv6 clients by /64 and keeps IPv4 as is', () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    assert.notEqual(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'));
    assert.equal(clientKey('::ffff:198.51.100.9'), '198.51.100.9');
    assert.equal(clientKey(' unknown '), 'unknown');
  });

  it('takes the right-most untrusted hop: by count, by list with CIDR ranges (v4 and v6)', () => {
    const hops = ['6.6.6.6', '203.0.113.9', '10.0.0.2', '10.0.0.1'];
    assert.equal(resolveClientAddress(hops, false), '10.0.0.1');
    assert.equal(resolveClientAddress(hops, true), '10.0.0.2');
    assert.equal(resolveClientAddress(hops, 2), '203.0.113.9');
    assert.equal(resolveClientAddress(hops, 99), '6.6.6.6');
    assert.equal(resolveClientAddress(hops, ['10.0.0.0/8']), '203.0.113.9');
    assert.equal(resolveClientAddress(['2001:db8::5', 'fd00::1', 'fd00::2'], ['fd00::/8']), '2001:db8::5');
    assert.equal(resolveClientAddress(['garbage', '10.0.0.1'], ['10.0.0.0/8']), 'garbage');
    assert.equal(resolveClientAddress([], true), undefined);
  });
});

describe('rate limiter', () => {
  it('never remembers more than maxClients and forgets the least recently seen first', () => {
    const limiter = createRateLimiter({ windowMs: 1000, max: 1, maxClients: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`c${i}`, 0);
    assert.equal(limiter.size, 100);
    assert.equal(limiter.hit('c9999', 1).ok, false, 'recent client still limited');
    assert.equal(limiter.hit('c0', 1).ok, true, 'old client forgotten');
  });

  it('counts per window and says how long to wait', () => {
    const limiter = createRateLimiter({ windowMs: 10_000, max: 2, maxClients: 10 });
    assert.equal(limiter.hit('a', 0).ok, true);
    assert.equal(limiter.hit('a', 1).ok, true);
    assert.deepEqual(limiter.hit('a', 2500), { ok: false, retryAfterSeconds: 8 });
    assert.equal(limiter.hit('a', 10_000).ok, true);
  });
});

describe('form tokens', () => {
  const secret = 'a-secret-of-enough-length';
  it('verify with the same secret after the minimum fill time, and say what is wrong otherwise', async () => {
    const token = await createFormToken(secret, { now: 1_000_000 });
    assert.deepEqual(await verifyFormToken(secret, token, { now: 1_005_000 }), { ok: true, issuedAt: 1_000_000, ageMs: 5000 });
    assert.deepEqual(await verifyFormToken(secret, token, { now: 1_001_000 }), { ok: false, problem: 'too_fast' });
    assert.deepEqual(await verifyFormToken(secret, token, { now: 1_000_000 + 8 * 86_400_000 }), { ok: false, problem: 'token_expired' });
    assert.deepEqual(await verifyFormToken('another-secret-entirely', token, { now: 1_005_000 }), { ok: false, problem: 'token_invalid' });
    const [v, , nonce, mac] = token.split('.');
    const backdated = [v, (1_000_000 - 60_000).toString(36), nonce, mac].join('.');
    assert.deepEqual(await verifyFormToken(secret, backdated, { now: 1_001_000 }), { ok: false, problem: 'token_invalid' }, 'the time cannot be changed');
    for (const bad of [undefined, '', 42]) assert.deepEqual(await verifyFormToken(secret, bad), { ok: false, problem: 'token_missing' });
    for (const bad of ['v1.x', 'v2.a.b.c', 'x'.repeat(300)]) assert.deepEqual(await verifyFormToken(secret, bad), { ok: false, problem: 'token_invalid' });
  });

  it('refuse a short secret', async () => {
    let thrown: unknown;
    await createFormToken('short').catch((e: unknown) => (thrown = e));
    assert.ok(thrown instanceof TypeError);
  });
});

describe('request bodies', () => {
  it('measure depth outside strings only, escapes included', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
    assert.equal(jsonDepth('{"a":"[[[[\\"[[["}'), 1);
    assert.equal(jsonDepth('"\\\\"'), 0);
    assert.throws(() => parseUntrustedJson('['.repeat(33) + ']'.repeat(33), 32));
    assert.deepEqual(parseUntrustedJson('['.repeat(32) + ']'.repeat(32), 32) !== undefined, true);
  });

  it('drop __proto__ keys when parsing', () => {
    const parsed = parseUntrustedJson('{"a":{"__proto__":{"x":1},"b":2},"__proto__":{"y":1}}', 32) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(parsed), ['a']);
    assert.deepEqual(Object.keys(parsed['a'] ?? {}), ['b']);
  });

  it('fingerprint equal data equally whatever the key order, different data differently, with or without Web Crypto', async () => {
    const a = await fingerprint({ lead: { name: 'A', email: 'a@x.io' }, formId: 'f' });
    assert.equal(a, await fingerprint({ formId: 'f', lead: { email: 'a@x.io', name: 'A' } }));
    assert.notEqual(a, await fingerprint({ lead: { name: 'B', email: 'a@x.io' }, formId: 'f' }));
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: (b: Uint8Array) => b }, configurable: true });
    try {
      const plain = await fingerprint({ lead: { name: 'A' } });
      assert.ok(plain.startsWith('fnv:'));
      assert.equal(plain, await fingerprint({ lead: { name: 'A' } }));
      assert.notEqual(plain, await fingerprint({ lead: { name: 'B' } }));
    } finally {
      if (original) Object.defineProperty(globalThis, 'crypto', original);
    }
  });
});
