// createIntakeHandler under Node, behind a real HTTP server on 127.0.0.1
// (node:http through toNodeListener from @crmkit/plugin-channels).
import { toNodeListener } from '@crmkit/plugin-channels';
import { createCrm, type Crm } from '../crm.js';
import type { Lead } from '../schemas/lead.js';
import { memoryStore } from '../store/memory-store.js';
import { createIntakeHandler, type IntakeHandlerOptions } from './intake-handler.js';

type Fn = () => void | Promise<void>;
const { describe, it, before, after } = (await import('node:test' as string)) as {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: Fn) => void;
  before: (fn: Fn) => void;
  after: (fn: Fn) => void;
};
const assert = ((await import('node:assert/strict' as string)) as { default: Record<string, (...args: unknown[]) => void> }).default as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(a: unknown, msg?: string): void;
  match(a: string, re: RegExp, msg?: string): void;
  doesNotMatch(a: string, re: RegExp, msg?: string): void;
};
interface NodeServer {
  listen(port: number, host: string, cb: () => void): void;
  address(): { port: number };
  close(cb: () => void): void;
  closeAllConnections?(): void;
}
const http = (await import('node:http' as string)) as {
  createServer(listener: unknown): NodeServer;
  request(url: string, options: Record<string, unknown>, cb: (res: { statusCode: number; headers: Record<string, string>; on(e: string, f: (c?: unknown) => void): void; setEncoding(e: string): void }) => void): {
    on(e: string, f: (e: unknown) => void): void;
    write(chunk: string): void;
    end(): void;
  };
};

const ORIGIN = 'https://shop.example';

interface Harness {
  crm: Crm;
  url: string;
  close(): Promise<void>;
  errors: unknown[];
}

async function serve(options: Partial<IntakeHandlerOptions> = {}, crmArg?: Crm): Promise<Harness> {
  const crm = crmArg ?? (await createCrm({ store: memoryStore(), automationIntervalMs: false }));
  const errors: unknown[] = [];
  const handler = createIntakeHandler(crm, { allowedOrigins: [ORIGIN], onError: (e) => errors.push(e), ...options });
  const server = http.createServer(toNodeListener(handler, { onError: (e) => errors.push(e) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    crm,
    errors,
    url: `http://127.0.0.1:${server.address().port}/api/leads`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

const validLead = () => ({
  name: 'Иван',
  phone: '+7 999 123-45-67',
  email: 'ivan@example.com',
  message: 'Call me',
  source: { channel: 'web-form', utm: { source: 'google', campaign: 'spring' }, pageUrl: 'https://shop.example/contact' },
  consent: { text: 'I agree to be contacted about my request.', version: '2026-01', locale: 'ru', pageUrl: 'https://shop.example/contact', at: '2026-11-23T10:14:58.000Z' },
});

function post(h: Harness, body: unknown, headers: Record<string, string> = {}, key: string | null = crypto.randomUUID()): Promise<Response> {
  return fetch(h.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const submission = (lead: Record<string, unknown> = validLead()) => ({ lead, submittedAt: '2026-11-23T10:15:00.000Z', formId: 'contact-page' });
const leadsOf = (crm: Crm) => crm.store.query<Lead>('leads');

describe('createIntakeHandler over HTTP (node:http on 127.0.0.1)', () => {
  let h: Harness;
  before(async () => {
    h = await serve();
  });
  after(() => h.close());

  it('stores a valid lead: 201 { id, duplicate: false }, consent evidence as sent, CORS header for the origin', async () => {
    const key = crypto.randomUUID();
    const res = await post(h, submission(), {}, key);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    const body = (await res.json()) as { id: string; duplicate: boolean };
    assert.equal(body.duplicate, false);
    const lead = await h.crm.leads.get(body.id);
    assert.equal(lead.idempotencyKey, key);
    assert.equal(lead.name, 'Иван');
    assert.deepEqual(lead.consent, validLead().consent);
    assert.equal(lead.source?.formId, 'contact-page');
    assert.equal(lead.status, 'open');
  });

  it('a replay with the same Idempotency-Key returns 200 with the same id and stores one lead', async () => {
    const key = crypto.randomUUID();
    const before = (await leadsOf(h.crm)).length;
    const first = (await (await post(h, submission(), {}, key)).json()) as { id: string };
    const res = await post(h, submission(), {}, key);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { id: first.id, duplicate: true });
    assert.equal((await leadsOf(h.crm)).length, before + 1);
  });

  it('concurrent requests with one key store one lead', async () => {
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(h, submission(), {}, key)));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { id: string }[];
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 200, 200, 200, 201]);
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
    assert.equal((await leadsOf(h.crm)).filter((l) => l.idempotencyKey === key).length, 1);
  });

  it('keys survive a restart: a new handler over the same store still answers a replay as a duplicate', async () => {
    const key = crypto.randomUUID();
    const first = (await (await post(h, submission(), {}, key)).json()) as { id: string };
    const restarted = await serve({}, h.crm);
    try {
      const res = await post(restarted, submission(), {}, key);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { id: first.id, duplicate: true });
      assert.equal((await leadsOf(h.crm)).filter((l) => l.idempotencyKey === key).length, 1);
    } finally {
      await restarted.close();
    }
  });

  it('invalid fields: 422 { errors: [{ path, code, message }] } in the Accept-Language locale, nothing stored', async () => {
    const before = (await leadsOf(h.crm)).length;
    const res = await post(h, submission({ name: 'X', phone: '12', email: 'nope' }), { 'Accept-Language': 'ru-RU,ru;q=0.9,en;q=0.5' });
    assert.equal(res.status, 422);
    const { errors } = (await res.json()) as { errors: { path: string[]; code: string; message: string }[] };
    assert.deepEqual(
      errors.map((e) => [e.path.join('.'), e.code]).sort(),
      [
        ['email', 'invalid_email'],
        ['phone', 'invalid_phone'],
      ],
    );
    for (const e of errors) assert.match(e.message, /[а-яё]/i, 'message in Russian');
    const en = (await (await post(h, submission({ email: 'nope' }))).json()) as { errors: { message: string }[] };
    assert.doesNotMatch(en.errors[0]?.message ?? '', /[а-яё]/i);
    assert.equal((await leadsOf(h.crm)).length, before);
  });

  it('a lead with neither phone nor email (empty strings mean "not given") is refused with phone_or_email, in Mongolian when asked', async () => {
    const res = await post(h, submission({ name: 'Anna', email: '', phone: '  ' }), { 'Accept-Language': 'mn' });
    assert.equal(res.status, 422);
    const { errors } = (await res.json()) as { errors: { path: string[]; code: string; message: string }[] };
    assert.deepEqual(errors.map((e) => [e.path.join('.'), e.code]), [['phone', 'phone_or_email']]);
    assert.match(errors[0]?.message ?? '', /[а-яөү]/i, 'message in Mongolian (Cyrillic)');
  });

  it('malformed requests: missing key 400, bad JSON 400, no lead object 400, wrong type 415, GET 405', async () => {
    const noKey = await post(h, submission(), {}, null);
    assert.equal(noKey.status, 400);
    assert.match(JSON.stringify(await noKey.json()), /Idempotency-Key/);
    assert.equal((await post(h, '{"lead":')).status, 400);
    assert.equal((await post(h, { submittedAt: 'x' })).status, 400);
    assert.equal((await post(h, 'name=x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status, 415);
    const get = await fetch(h.url, { headers: { Origin: ORIGIN } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
  });

  it('CORS: preflight from an allowed origin is answered, other origins get 403 and store nothing', async () => {
    const ok = await fetch(h.url, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match((ok.headers.get('access-control-allow-headers') ?? '').toLowerCase(), /idempotency-key/);
    assert.match((ok.headers.get('access-control-allow-headers') ?? '').toLowerCase(), /content-type/);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);

    const denied = await fetch(h.url, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get('access-control-allow-origin'), null);

    const before = (await leadsOf(h.crm)).length;
    const post403 = await post(h, submission(), { Origin: 'https://evil.example' });
    assert.equal(post403.status, 403);
    assert.equal(post403.headers.get('access-control-allow-origin'), null);
    assert.equal((await leadsOf(h.crm)).length, before);
  });

  it('allowedOrigins "*" answers any origin with a wildcard', async () => {
    const any = await serve({ allowedOrigins: '*' });
    try {
      const res = await post(any, submission(), { Origin: 'https://anyone.example' });
      assert.equal(res.status, 201);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    } finally {
      await any.close();
    }
  });

  it('spam is stored with spam: true and closed as junk with reason "spam", answered like a real lead', async () => {
    const res = await post(h, submission({ ...validLead(), spam: true }));
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    const lead = await h.crm.leads.get(id);
    assert.equal(lead.spam, true);
    assert.equal(lead.status, 'lost');
    assert.equal(lead.closeReason, 'spam');
    assert.ok(!(await h.crm.leads.list({ status: 'open' })).some((l) => l.id === id), 'not among open leads');
  });

  it('isSpam lets the server flag spam the form did not', async () => {
    const s = await serve({ isSpam: ({ lead }) => String(lead.message ?? '').includes('casino') });
    try {
      const { id } = (await (await post(s, submission({ ...validLead(), message: 'best casino' }))).json()) as { id: string };
      const lead = await s.crm.leads.get(id);
      assert.equal(lead.spam, true);
      assert.equal(lead.closeReason, 'spam');
    } finally {
      await s.close();
    }
  });

  it('a form cannot choose the owner', async () => {
    const res = await post(h, submission({ ...validLead(), ownerId: 'someone' }));
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    assert.equal((await h.crm.leads.get(id)).ownerId, 'system');
  });

  it('errors never leak stack traces: a failing plugin gives 503 { error: unavailable } + Retry-After, so the form retries', async () => {
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
    crm.hooks.on('record:beforeCreate', () => {
      throw new Error('secret detail at /srv/app/plugin.js:12');
    });
    const s = await serve({}, crm);
    try {
      const res = await post(s, submission());
      assert.equal(res.status, 503);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      const text = await res.text();
      assert.equal(JSON.parse(text).error.code, 'unavailable');
      assert.doesNotMatch(text, /secret|\.js|at /);
      assert.equal(s.errors.length, 1, 'reported to onError');
    } finally {
      await s.close();
    }
  });
});

describe('createIntakeHandler limits over HTTP', () => {
  it('rate limit per IP: 429 with Retry-After after `max` requests, and a new window lets the client in again', async () => {
    let now = 1_000_000;
    const h = await serve({ rateLimit: { windowMs: 60_000, max: 3 }, now: () => now });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await post(h, submission())).status, 201);
      const limited = await post(h, submission());
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      assert.deepEqual(((await limited.json()) as { error: { code: string } }).error.code, 'rate_limited');
      now += 30_000;
      assert.equal((await post(h, submission())).headers.get('retry-after'), '30');
      now += 30_000;
      assert.equal((await post(h, submission())).status, 201);
      assert.equal((await leadsOf(h.crm)).length, 4);
    } finally {
      await h.close();
    }
  });

  it('client IP comes from getClientIp: different IPs have their own budget', async () => {
    const h = await serve({ rateLimit: { windowMs: 60_000, max: 1 }, getClientIp: (r) => r.headers.get('x-client') ?? undefined });
    try {
      assert.equal((await post(h, submission(), { 'x-client': 'a' })).status, 201);
      assert.equal((await post(h, submission(), { 'x-client': 'a' })).status, 429);
      assert.equal((await post(h, submission(), { 'x-client': 'b' })).status, 201);
    } finally {
      await h.close();
    }
  });

  it('oversized bodies get 413, declared (Content-Length) or streamed (chunked)', async () => {
    const h = await serve({ maxBodyBytes: 1024 });
    try {
      const big = submission({ ...validLead(), message: 'x'.repeat(4000) });
      const declared = await post(h, big);
      assert.equal(declared.status, 413);
      assert.equal(((await declared.json()) as { error: { code: string } }).error.code, 'too_large');

      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(h.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-chunked', Origin: ORIGIN, 'Transfer-Encoding': 'chunked' } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += String(c)));
          res.on('end', () => resolve({ status: res.statusCode, body }));
        });
        req.on('error', reject);
        const text = JSON.stringify(big);
        for (let i = 0; i < text.length; i += 500) req.write(text.slice(i, i + 500));
        req.end();
      });
      assert.equal(streamed.status, 413);
      assert.match(streamed.body, /too_large/);
      assert.equal((await leadsOf(h.crm)).length, 0);
      // The server still works after cutting a body short.
      assert.equal((await post(h, submission())).status, 201);
    } finally {
      await h.close();
    }
  });
});
