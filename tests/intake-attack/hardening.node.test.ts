// The intake handler's defences, one defect of issue 7 per test, over a real
// HTTP server on 127.0.0.1.
import { createCrm, createFormToken, memoryStore, OperationRefusedError, StorageError, type Lead, type Store } from '@crmkit/core';
import { crmWithCaptcha, leadsOf, ORIGIN, post, raw, rawHead, serve, submission, validLead, type Harness } from './http-harness.js';

type Fn = () => void | Promise<void>;
const { describe, it, before, after } = (await import('node:test' as string)) as {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: Fn) => void;
  before: (fn: Fn) => void;
  after: (fn: Fn) => void;
};
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(a: unknown, msg?: string): void;
  match(a: string, re: RegExp, msg?: string): void;
  doesNotMatch(a: string, re: RegExp, msg?: string): void;
};

const errorCode = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code;

describe('intake hardening: input', () => {
  let h: Harness;
  before(async () => {
    h = await serve({ rateLimit: false });
  });
  after(() => h.close());

  it('a "__proto__" key inside lead sets neither ownerId nor anything else', async () => {
    for (const body of [
      '{"lead":{"name":"A","email":"a@example.com","__proto__":{"ownerId":"u-boss"}}}',
      '{"lead":{"name":"A","email":"a@example.com","source":{"__proto__":{"ownerId":"u-boss"}}}}',
      '{"lead":{"__proto__":{"ownerId":"u-boss","email":"a@example.com"}}}',
    ]) {
      const res = await post(h, body);
      assert.ok(res.status !== 500, `no 500 for ${body}`);
    }
    const leads = await leadsOf(h.crm);
    assert.ok(!leads.some((l) => l.ownerId === 'u-boss'), 'no lead owned by the user named in __proto__');
    assert.equal(({} as Record<string, unknown>)['ownerId'], undefined, 'Object.prototype untouched');
  });

  it('10,000-level nested JSON is a 400, at the top and inside lead', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    for (const body of [deep, `{"lead":{"name":"A","email":"a@example.com","custom":{"x":${deep}}}}`, `{"lead":{"source":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`]) {
      const res = await post(h, body);
      assert.equal(res.status, 400);
      assert.equal(await errorCode(res), 'bad_request');
    }
    assert.equal(h.errors.length, 0, 'nothing unexpected reported');
  });

  it('the same Idempotency-Key with a different body is 422 idempotency_mismatch; the first lead is kept', async () => {
    const key = crypto.randomUUID();
    const first = await post(h, submission({ ...validLead(), name: 'First' }), {}, key);
    assert.equal(first.status, 201);
    const again = await post(h, submission({ ...validLead(), name: 'Second' }), {}, key);
    assert.equal(again.status, 422);
    assert.equal(await errorCode(again), 'idempotency_mismatch');
    const same = await post(h, submission({ ...validLead(), name: 'First' }), {}, key);
    assert.equal(same.status, 200);
    const mine = (await leadsOf(h.crm)).filter((l) => l.idempotencyKey === key);
    assert.deepEqual(
      mine.map((l) => l.name),
      ['First'],
    );
  });

  it('concurrency: 50 distinct leads with distinct keys are all stored; 50 distinct leads on one key store one and refuse 49', async () => {
    const c = await serve({ rateLimit: false });
    try {
      const names = Array.from({ length: 50 }, (_, i) => `Visitor ${i}`);
      const distinct = await Promise.all(names.map((name) => post(c, submission({ ...validLead(), name }))));
      assert.deepEqual(new Set(distinct.map((r) => r.status)), new Set([201]));
      assert.deepEqual((await leadsOf(c.crm)).map((l) => l.name).sort(), [...names].sort());

      const key = crypto.randomUUID();
      const shared = await Promise.all(names.map((name) => post(c, submission({ ...validLead(), name: `${name}!` }), {}, key)));
      const statuses = shared.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, ...Array<number>(49).fill(422)]);
      assert.equal((await leadsOf(c.crm)).filter((l) => l.idempotencyKey === key).length, 1);

      const same = crypto.randomUUID();
      const repeats = await Promise.all(names.map(() => post(c, submission(), {}, same)));
      assert.deepEqual(repeats.map((r) => r.status).sort(), [...Array<number>(49).fill(200), 201]);
      assert.equal((await leadsOf(c.crm)).filter((l) => l.idempotencyKey === same).length, 1);
    } finally {
      await c.close();
    }
  });
});

describe('intake hardening: plugins', () => {
  it('a form:beforeSubmit plugin failing for its own reasons is 503 + Retry-After with a generic message; nothing leaks', async () => {
    const crm = await crmWithCaptcha(() => {
      throw new Error('GET https://captcha.example/verify?secret=s3cr3t-key failed: ECONNREFUSED');
    });
    const h = await serve({}, {}, crm);
    try {
      const res = await post(h, submission());
      assert.equal(res.status, 503);
      assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
      const text = await res.text();
      assert.doesNotMatch(text, /s3cr3t|captcha|ECONNREFUSED|https?:/);
      assert.equal(JSON.parse(text).error.code, 'unavailable');
      assert.equal((await leadsOf(crm)).length, 0);
      assert.equal(h.errors.length, 1, 'the real cause goes to onError');
    } finally {
      await h.close();
    }
  });

  it('only an explicit refusal is a 4xx: OperationRefusedError or a returned { cancel } → 400 rejected with that reason', async () => {
    let mode: 'throw' | 'cancel' = 'throw';
    const crm = await crmWithCaptcha((p) => {
      if (mode === 'throw') throw new OperationRefusedError('The captcha answer is wrong', 'captcha');
      return { ...p, cancel: 'Solve the captcha first' } as typeof p;
    });
    const h = await serve({}, {}, crm);
    try {
      const thrown = await post(h, submission());
      assert.equal(thrown.status, 400);
      assert.deepEqual(await thrown.json(), { error: { code: 'rejected', message: 'The captcha answer is wrong' } });
      mode = 'cancel';
      const cancelled = await post(h, submission());
      assert.equal(cancelled.status, 400);
      assert.deepEqual(await cancelled.json(), { error: { code: 'rejected', message: 'Solve the captcha first' } });
      assert.equal((await leadsOf(crm)).length, 0);
    } finally {
      await h.close();
    }
  });
});

describe('intake hardening: storage', () => {
  it('a store failure (an aborted transaction) answers 503 + Retry-After, with no internal detail', async () => {
    const inner = memoryStore();
    const failing: Store = { ...inner, transaction: () => Promise.reject(new StorageError('The storage transaction was aborted (AbortError at idb.js:12)')) };
    const crm = await createCrm({ store: failing, automationIntervalMs: false });
    const h = await serve({}, {}, crm);
    try {
      const res = await post(h, submission());
      assert.equal(res.status, 503);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      const text = await res.text();
      assert.doesNotMatch(text, /AbortError|idb\.js/);
      assert.equal((await inner.query('leads')).length, 0);
    } finally {
      await h.close();
    }
  });
});

describe('intake hardening: client address and rate limit', () => {
  it('trustProxy: the right-most untrusted X-Forwarded-For hop is the client, not the spoofable first one', async () => {
    const h = await serve({ rateLimit: { windowMs: 60_000, max: 1 } }, { trustProxy: true });
    try {
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '1.1.1.1, 9.9.9.9' })).status, 201);
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '2.2.2.2, 9.9.9.9' })).status, 429, 'same client behind a forged first hop');
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '9.9.9.8' })).status, 201);
    } finally {
      await h.close();
    }
    const listed = await serve({ rateLimit: { windowMs: 60_000, max: 1 } }, { trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
    try {
      assert.equal((await post(listed, submission(), { 'X-Forwarded-For': '6.6.6.6, 5.5.5.5, 10.1.2.3' })).status, 201);
      assert.equal((await post(listed, submission(), { 'X-Forwarded-For': '7.7.7.7, 5.5.5.5, 10.9.9.9' })).status, 429, '5.5.5.5 again');
    } finally {
      await listed.close();
    }
  });

  it('IPv6 clients are limited per /64 (one subscriber), IPv4-mapped addresses as IPv4', async () => {
    const h = await serve({ rateLimit: { windowMs: 60_000, max: 1 } }, { trustProxy: true });
    try {
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '2001:db8:1:2::1' })).status, 201);
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '2001:db8:1:2:ffff:ffff:ffff:fffe' })).status, 429);
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '2001:db8:1:3::1' })).status, 201, 'another /64');
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '203.0.113.7' })).status, 201);
      assert.equal((await post(h, submission(), { 'X-Forwarded-For': '::ffff:203.0.113.7' })).status, 429);
    } finally {
      await h.close();
    }
  });

  it('the rate limiter remembers a bounded number of clients (least recently seen forgotten first)', async () => {
    const now = 1_000;
    const h = await serve({ rateLimit: { windowMs: 60_000, max: 1, maxClients: 3 }, now: () => now }, { trustProxy: true });
    try {
      const ip = (i: number) => ({ 'X-Forwarded-For': `198.51.100.${i}` });
      for (let i = 1; i <= 3; i++) assert.equal((await post(h, submission(), ip(i))).status, 201);
      assert.equal((await post(h, submission(), ip(1))).status, 429, 'remembered');
      assert.equal((await post(h, submission(), ip(4))).status, 201, 'a fourth client evicts the least recent (2)');
      assert.equal((await post(h, submission(), ip(1))).status, 429, '1 was seen recently: still limited');
      assert.equal((await post(h, submission(), ip(2))).status, 201, '2 was forgotten');
    } finally {
      await h.close();
    }
  });
});

describe('intake hardening: spam signals the server checks', () => {
  it('a signed form token: GET issues it; too fast, missing or forged → stored as spam for review; a human pace → an open lead', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const secret = 'handler-secret-0123456789';
    const h = await serve({ rateLimit: false, formToken: { secret, minFillMs: 3000 }, now: () => now });
    try {
      const issued = await fetch(h.url, { headers: { Origin: ORIGIN } });
      assert.equal(issued.status, 200);
      const { token } = (await issued.json()) as { token: string };
      assert.match(token, /\S{20,}/);

      now += 1000;
      const fast = (await (await post(h, submission(validLead(), { formToken: token }))).json()) as { id: string };
      now += 9000;
      const human = (await (await post(h, submission(validLead(), { formToken: token }))).json()) as { id: string };
      const missing = (await (await post(h, submission())).json()) as { id: string };
      const forgedToken = await createFormToken('not-the-handler-secret-at-all', { now: now - 60_000 });
      const forged = (await (await post(h, submission(validLead(), { formToken: forgedToken }))).json()) as { id: string };
      const tampered = (await (await post(h, submission(validLead(), { formToken: token.replace(/^(\w+)\.(\w)/, (_, v: string, c: string) => `${v}.${c === 'a' ? 'b' : 'a'}`) }))).json()) as { id: string };

      const get = (id: string) => h.crm.leads.get(id);
      assert.equal((await get(human.id)).spam ?? false, false);
      assert.equal((await get(human.id)).status, 'open');
      for (const [what, id, signal] of [
        ['too fast', fast.id, 'too_fast'],
        ['missing', missing.id, 'token_missing'],
        ['forged', forged.id, 'token_invalid'],
        ['tampered', tampered.id, 'token_invalid'],
      ] as const) {
        const lead: Lead = await get(id);
        assert.equal(lead.spam, true, `${what}: flagged`);
        assert.equal(lead.closeReason, 'spam', `${what}: kept for review among junk`);
        const history = await h.crm.history.list({ recordType: 'lead', recordId: id });
        assert.ok(JSON.stringify(history).includes(signal), `${what}: the history says why (${signal})`);
      }
    } finally {
      await h.close();
    }
  });

  it('the honeypot is checked on the server: a filled "hp-url" field stores the lead as spam', async () => {
    const h = await serve({ rateLimit: false });
    try {
      const res = await post(h, submission(validLead(), { 'hp-url': 'http://bot.example' }));
      assert.equal(res.status, 201, 'answered like a real lead');
      const lead = await h.crm.leads.get(((await res.json()) as { id: string }).id);
      assert.equal(lead.spam, true);
      assert.equal(lead.closeReason, 'spam');
    } finally {
      await h.close();
    }
  });
});

describe('intake hardening: transport', () => {
  it('a body that trickles in slower than the read deadline gets 408, and nothing is stored', async () => {
    const h = await serve({ rateLimit: false, bodyTimeoutMs: 300 });
    try {
      const body = JSON.stringify(submission());
      const answer = await raw(h, [rawHead(h, body), body.slice(0, 10), body.slice(10, 20), body.slice(20, 30), body.slice(30)], { gapMs: 400, waitMs: 3000 });
      assert.equal(answer.status, 408);
      assert.match(answer.body, /timeout/);
      assert.equal((await leadsOf(h.crm)).length, 0);
    } finally {
      await h.close();
    }
  });

  it('a malformed Host header is a 400 from toNodeListener, not a 500', async () => {
    const h = await serve({ rateLimit: false });
    try {
      const body = JSON.stringify(submission());
      for (const host of ['[bad', 'a b', 'exa mple.com:99999', '::1', 'x:y:z']) {
        const answer = await raw(h, [rawHead(h, body, [], { host }), body]);
        assert.ok(answer.status === 400, `Host ${host}: ${answer.status}`);
      }
      assert.equal(h.errors.length, 0);
      assert.equal((await leadsOf(h.crm)).length, 0);
    } finally {
      await h.close();
    }
  });
});
