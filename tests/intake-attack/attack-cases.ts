// The attack corpus: malformed and hostile requests against the intake
// endpoint. Each case sends one or more requests to one of the servers set up
// by the corpus test and may add its own checks; the test checks the rules
// that hold for every answer (no 500, no internal message, nothing stored
// unless the case says a lead may be stored).
import { leadsOf, ORIGIN, post, raw, rawHead, submission, validLead, type Harness } from './http-harness.js';

/** One answer, however it was obtained. */
export interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** The servers a case can use. */
export type ServerName = 'plain' | 'limited' | 'proxied' | 'plugins' | 'slow';

/** One hostile scenario. */
export interface AttackCase {
  name: string;
  server: ServerName;
  /** Leads this case may store (default 0). */
  stores?: number;
  run(h: Harness): Promise<Answer[]>;
  /** Extra checks on the answers and the store. */
  check?(answers: Answer[], h: Harness): void | Promise<void>;
}

async function viaFetch(res: Promise<Response>): Promise<Answer> {
  const r = await res;
  const headers: string[] = [];
  r.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  return { status: r.status, headers: headers.join('\n'), body: await r.text() };
}

const send = (h: Harness, body: unknown, headers: Record<string, string> = {}, key: string | null = crypto.randomUUID()) => viaFetch(post(h, body, headers, key));
const one = async (p: Promise<Answer>) => [await p];

async function viaRaw(h: Harness, parts: (string | Uint8Array)[], opts?: { gapMs?: number; waitMs?: number }): Promise<Answer> {
  const a = await raw(h, parts, opts);
  return { status: a.status, headers: a.head, body: a.body };
}

/** A raw request: head built from `lines`, then `body`. */
const rawPost = (h: Harness, body: string | Uint8Array, lines: string[] = [], head: { host?: string; contentLength?: boolean } = {}) => viaRaw(h, [rawHead(h, body, lines, head), body]);

const bytes = (prefix: string, middle: number[], suffix: string) => {
  const e = new TextEncoder();
  return Uint8Array.from([...e.encode(prefix), ...middle, ...e.encode(suffix)]);
};

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const leadJson = (extra: string) => `{"lead":{"name":"Eve","email":"eve@example.com"${extra}},"submittedAt":"2026-11-23T10:15:00.000Z"}`;
const statusIs =
  (...allowed: number[]) =>
  (answers: Answer[]) => {
    for (const a of answers) if (!allowed.includes(a.status)) throw new Error(`status ${a.status}, expected ${allowed.join(' or ')}`);
  };
const noManagerOwner = async (_: Answer[], h: Harness) => {
  if ((await leadsOf(h.crm)).some((l) => l.ownerId === 'u-boss')) throw new Error('a lead got the owner named in the body');
  if (({} as Record<string, unknown>)['ownerId'] !== undefined) throw new Error('Object.prototype polluted');
};

const proto: AttackCase[] = [
  { name: 'lead.__proto__.ownerId', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"__proto__":{"ownerId":"u-boss"}'))), check: noManagerOwner },
  { name: 'lead.constructor.prototype.ownerId', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"constructor":{"prototype":{"ownerId":"u-boss"}}'))), check: noManagerOwner },
  { name: 'top-level __proto__ carrying the lead', server: 'plain', run: (h) => one(send(h, '{"__proto__":{"lead":{"name":"Eve","email":"eve@example.com"}}}')), check: statusIs(400) },
  { name: 'lead.source.__proto__', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"source":{"channel":"web","__proto__":{"ownerId":"u-boss"}}'))), check: noManagerOwner },
  { name: 'lead.custom.__proto__', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"custom":{"__proto__":{"ownerId":"u-boss","isAdmin":true}}'))), check: noManagerOwner },
  { name: '__proto__ as a string value', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"__proto__":"u-boss"'))), check: noManagerOwner },
  { name: 'unicode-escaped \\u005f_proto__ key', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"\\u005f_proto__":{"ownerId":"u-boss"}'))), check: noManagerOwner },
  { name: 'lead.consent.__proto__', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"consent":{"version":"1","text":"ok","__proto__":{"ownerId":"u-boss"}}'))), check: noManagerOwner },
  { name: 'ownerId and idempotencyKey sent in lead are ignored', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"ownerId":"u-boss","idempotencyKey":"other"'))), check: noManagerOwner },
];

const nesting: AttackCase[] = [
  { name: '10,000 nested arrays as the body', server: 'plain', run: (h) => one(send(h, deep(10_000))), check: statusIs(400) },
  { name: '10,000 nested arrays in lead.custom', server: 'plain', run: (h) => one(send(h, leadJson(`,"custom":{"x":${deep(10_000)}}`))), check: statusIs(400) },
  { name: '5,000 nested objects in lead.source', server: 'plain', run: (h) => one(send(h, leadJson(`,"source":${deepObject(5000)}`))), check: statusIs(400) },
  { name: '40 levels, just past the limit', server: 'plain', run: (h) => one(send(h, leadJson(`,"custom":{"x":${deep(40)}}`))), check: statusIs(400) },
  { name: 'brackets inside strings are not nesting', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), message: '['.repeat(800) + '{'.repeat(800) }))), check: statusIs(201) },
  { name: 'unbalanced brackets', server: 'plain', run: (h) => one(send(h, ']]]]{{{{' + '['.repeat(100))), check: statusIs(400) },
];

const sizes: AttackCase[] = [
  { name: '1 MB message, declared', server: 'plain', run: (h) => one(send(h, submission({ ...validLead(), message: 'x'.repeat(1_000_000) }))), check: statusIs(413) },
  { name: 'Content-Length of 10^11', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '', [], { contentLength: false }).replace('\r\n\r\n', '\r\nContent-Length: 99999999999\r\n\r\n'), '{'])), check: statusIs(413) },
  { name: 'chunked body growing past the limit', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '', ['Transfer-Encoding: chunked'], { contentLength: false }), ...Array.from({ length: 20 }, () => `1000\r\n${'x'.repeat(4096)}\r\n`), '0\r\n\r\n'])), check: statusIs(413) },
  { name: 'negative Content-Length', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '', ['Content-Length: -5'], { contentLength: false }), '{}'])), check: statusIs(400) },
  { name: 'Content-Length and Transfer-Encoding together (smuggling)', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '0\r\n\r\n', ['Transfer-Encoding: chunked']), '0\r\n\r\n'])), check: statusIs(400) },
  { name: '4,000 unknown fields in lead', server: 'plain', run: (h) => one(send(h, submission({ ...validLead(), ...Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`f${i}`, 1])) }))), check: statusIs(422, 201) , stores: 1 },
  { name: 'name of 10,000 characters', server: 'plain', run: (h) => one(send(h, submission({ ...validLead(), name: 'N'.repeat(10_000) }))), check: statusIs(422) },
  { name: 'email of 5,000 characters', server: 'plain', run: (h) => one(send(h, submission({ ...validLead(), email: `${'a'.repeat(5000)}@example.com` }))), check: statusIs(422) },
  { name: 'phone of 1,000 digits', server: 'plain', run: (h) => one(send(h, submission({ ...validLead(), phone: '9'.repeat(1000) }))), check: statusIs(422) },
  { name: 'formId of 201 characters', server: 'plain', run: (h) => one(send(h, submission(validLead(), { formId: 'f'.repeat(201) }))), check: statusIs(400) },
  { name: 'submittedAt of 10,000 characters', server: 'plain', run: (h) => one(send(h, submission(validLead(), { submittedAt: '2'.repeat(10_000) }))), check: statusIs(400) },
  { name: 'submittedAt not a date', server: 'plain', run: (h) => one(send(h, submission(validLead(), { submittedAt: 'yesterday' }))), check: statusIs(400) },
  { name: 'lead is an array', server: 'plain', run: (h) => one(send(h, { lead: [validLead()] })), check: statusIs(400) },
  { name: 'body is a JSON string', server: 'plain', run: (h) => one(send(h, JSON.stringify(JSON.stringify(submission())))), check: statusIs(400) },
  { name: 'empty body', server: 'plain', run: (h) => one(send(h, '')), check: statusIs(400) },
];

const types: AttackCase[] = [
  { name: 'text/plain', server: 'plain', run: (h) => one(send(h, submission(), { 'Content-Type': 'text/plain' })), check: statusIs(415) },
  { name: 'multipart/form-data', server: 'plain', run: (h) => one(send(h, '--x\r\nContent-Disposition: form-data; name="lead"\r\n\r\n{}\r\n--x--', { 'Content-Type': 'multipart/form-data; boundary=x' })), check: statusIs(415) },
  { name: 'urlencoded', server: 'plain', run: (h) => one(send(h, 'lead[name]=x&lead[__proto__][ownerId]=u-boss', { 'Content-Type': 'application/x-www-form-urlencoded' })), check: statusIs(415) },
  { name: 'no Content-Type', server: 'plain', run: (h) => { const body = JSON.stringify(submission()); return one(viaRaw(h, [rawHead(h, body).replace('Content-Type: application/json\r\n', ''), body])); }, check: statusIs(415) },
  { name: 'a list of types in Content-Type', server: 'plain', run: (h) => one(send(h, submission(), { 'Content-Type': 'application/json, text/html' })), check: statusIs(415) },
  { name: 'UTF-16 body labelled as such', server: 'plain', run: (h) => one(viaFetch(fetch(h.url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-16le', Origin: ORIGIN, 'Idempotency-Key': crypto.randomUUID() }, body: new Uint8Array(Array.from(JSON.stringify(submission())).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])) }))), check: statusIs(400) },
];

const utf8: AttackCase[] = [
  { name: 'invalid UTF-8 byte 0xFF in a string', server: 'plain', run: (h) => one(rawPost(h, bytes('{"lead":{"name":"', [0xff, 0xfe], '","email":"a@example.com"}}'))), check: statusIs(400) },
  { name: 'overlong encoding of "/"', server: 'plain', run: (h) => one(rawPost(h, bytes('{"lead":{"name":"', [0xc0, 0xaf], '","email":"a@example.com"}}'))), check: statusIs(400) },
  { name: 'UTF-8-encoded surrogate (CESU)', server: 'plain', run: (h) => one(rawPost(h, bytes('{"lead":{"name":"', [0xed, 0xa0, 0x80], '","email":"a@example.com"}}'))), check: statusIs(400) },
  { name: 'truncated multi-byte sequence at the end', server: 'plain', run: (h) => one(rawPost(h, bytes('{"lead":{"name":"x","email":"a@example.com"}}', [0xe2, 0x82], ''))), check: statusIs(400) },
  { name: 'byte order mark before JSON', server: 'plain', stores: 1, run: (h) => one(rawPost(h, bytes('', [0xef, 0xbb, 0xbf], JSON.stringify(submission())))), check: statusIs(201, 400) },
];

const headers: AttackCase[] = [
  { name: 'non-ASCII Idempotency-Key', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '{}').replace(/Idempotency-Key: [^\r]+/, 'Idempotency-Key: ключ'), '{}'])), check: statusIs(400) },
  { name: 'control character in Idempotency-Key', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '{}').replace(/Idempotency-Key: [^\r]+/, 'Idempotency-Key: a\x01b'), '{}'])), check: statusIs(400) },
  { name: 'Idempotency-Key of 201 characters', server: 'plain', run: (h) => one(send(h, submission(), {}, 'k'.repeat(201))), check: statusIs(400) },
  { name: 'Idempotency-Key of spaces', server: 'plain', run: (h) => one(send(h, submission(), { 'Idempotency-Key': '   ' }, null)), check: statusIs(400) },
  { name: 'header injection through a folded Origin', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '{}').replace(`Origin: ${ORIGIN}`, `Origin: ${ORIGIN}\r\n Set-Cookie: session=evil`), '{}'])), check: (a) => { if (/set-cookie|session=evil/i.test(a[0]?.headers ?? '')) throw new Error('injected header echoed'); } },
  { name: 'CR inside a header value', server: 'plain', run: (h) => one(viaRaw(h, [rawHead(h, '{}').replace('Content-Type: application/json', 'Content-Type: application/json\rX-Evil: 1'), '{}'])), check: statusIs(400) },
  { name: 'Accept-Language of 6,000 characters', server: 'plain', run: (h) => one(send(h, submission({ name: 'X', email: 'bad' }), { 'Accept-Language': Array.from({ length: 600 }, (_, i) => `x${i};q=0.${i % 9}`).join(',') })), check: statusIs(422) },
  { name: 'Accept-Language "__proto__"', server: 'plain', run: (h) => one(send(h, submission({ name: 'X', email: 'bad' }), { 'Accept-Language': '__proto__, constructor;q=0.5' })), check: statusIs(422) },
  { name: 'origin not allowed', server: 'plain', run: (h) => one(send(h, submission(), { Origin: 'https://shop.example.evil.example' })), check: statusIs(403) },
  { name: 'Origin "null"', server: 'plain', run: (h) => one(send(h, submission(), { Origin: 'null' })), check: statusIs(403) },
];

const hosts: AttackCase[] = ['[bad', 'a b', 'example.com:99999', 'x:y:z', 'ex%ample.com/evil?', ''].map((host) => ({
  name: `Host ${JSON.stringify(host)}`,
  server: 'plain' as const,
  run: (h: Harness) => one(rawPost(h, JSON.stringify(submission()), [], { host })),
  check: statusIs(400),
}));

const addresses: AttackCase[] = [
  { name: 'a new X-Forwarded-For per request does not reset the limit', server: 'limited', run: (h) => Promise.all(Array.from({ length: 5 }, (_, i) => send(h, submission(), { 'X-Forwarded-For': `10.0.0.${i}` }))), stores: 3, check: (a) => statusIs(201, 429)(a) },
  { name: 'X-Real-IP does not pick a bucket either', server: 'limited', stores: 3, run: (h) => Promise.all(Array.from({ length: 5 }, (_, i) => send(h, submission(), { 'X-Real-IP': `10.1.0.${i}` }))), check: (a) => { if (a.filter((x) => x.status === 429).length !== 2) throw new Error('X-Real-IP picked its own bucket'); } },
  { name: 'forged first hops behind a trusted proxy', server: 'proxied', stores: 3, run: (h) => Promise.all(Array.from({ length: 5 }, (_, i) => send(h, submission(), { 'X-Forwarded-For': `6.6.6.${i}, 203.0.113.50` }))), check: (a) => { if (a.filter((x) => x.status === 429).length !== 2) throw new Error('the client behind forged hops was not limited'); } },
  { name: 'garbage in X-Forwarded-For', server: 'proxied', stores: 1, run: (h) => one(send(h, submission(), { 'X-Forwarded-For': '<script>alert(1)</script>, ::::, 999.1.1.1' })), check: statusIs(201) },
  { name: '1,000 X-Forwarded-For hops', server: 'proxied', stores: 1, run: (h) => one(send(h, submission(), { 'X-Forwarded-For': Array.from({ length: 1000 }, (_, i) => `10.2.${i >> 8}.${i & 255}`).join(', ') })), check: statusIs(201) },
  { name: 'addresses spread over one IPv6 /64', server: 'proxied', stores: 3, run: (h) => Promise.all(Array.from({ length: 6 }, (_, i) => send(h, submission(), { 'X-Forwarded-For': `2001:db8:77:1::${(i + 1).toString(16)}` }))), check: (a) => { if (a.filter((x) => x.status === 429).length !== 3) throw new Error('one /64 got more than its budget'); } },
];

const keys: AttackCase[] = [
  { name: 'same key, different lead', server: 'plain', stores: 1, run: async (h) => [await send(h, submission(), {}, 'reuse-1'), await send(h, submission({ ...validLead(), name: 'Mallory' }), {}, 'reuse-1')], check: (a) => { if (a[1]?.status !== 422 || !a[1].body.includes('idempotency_mismatch')) throw new Error('reuse not refused'); } },
  { name: 'same key, different formId', server: 'plain', stores: 1, run: async (h) => [await send(h, submission(), {}, 'reuse-2'), await send(h, submission(validLead(), { formId: 'other' }), {}, 'reuse-2')], check: (a) => statusIs(201, 422)(a) },
  { name: '20 concurrent replays of one submission', server: 'plain', stores: 1, run: (h) => Promise.all(Array.from({ length: 20 }, () => send(h, submission(), {}, 'burst-1'))), check: (a) => statusIs(200, 201)(a) },
  { name: '20 concurrent different leads on one key', server: 'plain', stores: 1, run: (h) => Promise.all(Array.from({ length: 20 }, (_, i) => send(h, submission({ ...validLead(), name: `N${i}` }), {}, 'burst-2'))), check: (a) => { if (a.filter((x) => x.status === 422).length !== 19) throw new Error('19 should be refused'); } },
  { name: 'key "__proto__"', server: 'plain', stores: 1, run: async (h) => [await send(h, submission(), {}, '__proto__'), await send(h, submission(), {}, '__proto__')], check: (a) => { if (a[1]?.status !== 200) throw new Error('replay of key "__proto__" not recognised'); } },
  { name: 'key "constructor"', server: 'plain', stores: 1, run: (h) => one(send(h, submission(), {}, 'constructor')), check: statusIs(201) },
  { name: 'missing key', server: 'plain', run: (h) => one(send(h, submission(), {}, null)), check: statusIs(400) },
];

const floods: AttackCase[] = [
  { name: '30 POSTs from one client (limit 3)', server: 'limited', run: async (h) => { const out: Answer[] = []; for (let i = 0; i < 30; i++) out.push(await send(h, { lead: 1 })); return out; }, check: (a) => { if (a.filter((x) => x.status === 429).length < 27 || !a.at(-1)?.headers.includes('retry-after')) throw new Error('flood not limited'); } },
  { name: '50 preflights', server: 'plain', run: (h) => Promise.all(Array.from({ length: 50 }, () => viaFetch(fetch(h.url, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } })))), check: statusIs(204) },
  { name: 'methods other than POST', server: 'plain', run: (h) => Promise.all(['PUT', 'DELETE', 'PATCH', 'GET'].map((method) => viaFetch(fetch(h.url, { method, headers: { Origin: ORIGIN } })))), check: statusIs(405) },
];

const slow: AttackCase[] = [
  { name: 'slowloris body (a byte every 250 ms)', server: 'slow', run: (h) => { const body = JSON.stringify(submission()); return one(viaRaw(h, [rawHead(h, body), ...body.slice(0, 8).split('')], { gapMs: 250, waitMs: 4000 })); }, check: statusIs(408) },
  { name: 'declared body never sent', server: 'slow', run: (h) => one(viaRaw(h, [rawHead(h, 'x'.repeat(100)), '{"lead":'], { waitMs: 3000 })), check: statusIs(408) },
];

const unicode: AttackCase[] = [
  { name: 'right-to-left override in the name', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), name: 'Eve\u202Egnp.exe' }))), check: statusIs(201) },
  { name: 'homoglyph domain in the email', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), email: 'ivan@exаmple.com' }))), check: statusIs(201, 422) },
  { name: 'zero-width characters in the phone', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), phone: '+7\u200B999\u200D123\uFEFF4567' }))), check: statusIs(201, 422) },
  { name: 'NUL characters in the message', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), message: 'a\u0000b\u0000' }))), check: statusIs(201, 422) },
  { name: 'lone surrogate escape in the name', server: 'plain', stores: 1, run: (h) => one(send(h, leadJson(',"message":"\\ud800x"'))), check: statusIs(201, 422) },
  { name: '5,000 combining marks', server: 'plain', stores: 1, run: (h) => one(send(h, submission({ ...validLead(), name: 'Z' + '\u0301'.repeat(5000) }))), check: statusIs(201, 422) },
];

const plugins: AttackCase[] = [
  { name: 'a captcha plugin that is down', server: 'plugins', run: (h) => one(send(h, submission())), check: statusIs(503) },
  { name: 'a plugin refusing with a reason', server: 'plugins', run: (h) => one(send(h, submission({ ...validLead(), message: 'refuse me' }))), check: (a) => { statusIs(400)(a); if (!a[0]?.body.includes('captcha answer is wrong')) throw new Error('the refusal reason is missing'); } },
  { name: 'isSpam throwing', server: 'plugins', run: (h) => one(send(h, submission({ ...validLead(), message: 'pass the captcha, then break isSpam' }))), check: statusIs(503) },
];

/** Every case of the corpus. */
export const ATTACK_CASES: readonly AttackCase[] = [...proto, ...nesting, ...sizes, ...types, ...utf8, ...headers, ...hosts, ...addresses, ...keys, ...floods, ...slow, ...unicode, ...plugins];
