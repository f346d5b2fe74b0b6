import type { SqlStore } from '../store/sql-store.js';
import { openFeed, startServer, type Harness } from './harness.js';

/** node:test's functions the suite uses. */
export interface SuiteApi {
  describe(name: string, fn: () => void): unknown;
  it(name: string, fn: () => Promise<void>): unknown;
  before(fn: () => Promise<void>): unknown;
  after(fn: () => Promise<void>): unknown;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

function equal(actual: unknown, expected: unknown, message: string): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

/**
 * The REST, auth, roles and feed behaviour of the team server, run against
 * one store per backend (one server for the whole suite; each test makes its
 * own records).
 */
export function describeServer(label: string, makeStore: () => Promise<SqlStore>, api: SuiteApi): void {
  const { describe, it, before, after } = api;
  describe(`team server on ${label}`, () => {
    let h: Harness;
    before(async () => {
      h = await startServer(await makeStore(), { webhooks: { ping: (crm) => async (request) => Response.json({ method: request.method, locale: crm.locale }) } });
    });
    after(async () => {
      await h.server.close();
    });
    const deal = async (user: string, body: Record<string, unknown> = {}) => {
      const r = await h.call(user, 'POST', '/api/v1/deals', { title: 'Boiler', amount: 100, ...body });
      check(r.status === 201, `deal created: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { id: string; version: number; stageId: string };
    };

    it('refuses calls without valid credentials, with a JSON error', async () => {
      const anonymous = await h.call(undefined, 'GET', '/api/v1/deals');
      equal([anonymous.status, anonymous.body.error.code], [401, 'unauthorized'], 'no token');
      const bad = await h.call(undefined, 'GET', '/api/v1/deals', undefined, { Authorization: `Bearer ${h.tokens['ann']!.slice(0, -2)}xx` });
      equal(bad.status, 401, 'wrong token');
    });

    it('creates, reads, changes and removes a record with ETag / If-Match', async () => {
      const created = await h.call('ann', 'POST', '/api/v1/contacts', { name: 'Ivan', phone: '+7 999 123-45-67' });
      equal([created.status, created.headers.get('etag'), created.headers.get('location')], [201, '"1"', `/api/v1/contacts/${created.body.id}`], 'create');
      const read = await h.call('ann', 'GET', `/api/v1/contacts/${created.body.id}`);
      equal([read.status, read.body.name, read.headers.get('etag')], [200, 'Ivan', '"1"'], 'read');
      const changed = await h.call('ann', 'PATCH', `/api/v1/contacts/${created.body.id}`, { city: 'Kazan' }, { 'If-Match': '"1"' });
      equal([changed.status, changed.body.city, changed.headers.get('etag')], [200, 'Kazan', '"2"'], 'patch with a current If-Match');
      const stale = await h.call('ann', 'PATCH', `/api/v1/contacts/${created.body.id}`, { city: 'Omsk' }, { 'If-Match': '"1"' });
      equal([stale.status, stale.body.error.code, stale.body.error.actualVersion], [412, 'precondition_failed', 2], 'patch with a stale If-Match');
      const staleBody = await h.call('ann', 'PATCH', `/api/v1/contacts/${created.body.id}`, { city: 'Omsk', version: 1 });
      equal([staleBody.status, staleBody.body.error.code], [409, 'conflict'], 'patch with a stale version in the body');
      equal((await h.call('ann', 'GET', `/api/v1/contacts/${created.body.id}`)).body.city, 'Kazan', 'nothing overwritten');
      const staleDelete = await h.call('ann', 'DELETE', `/api/v1/contacts/${created.body.id}`, undefined, { 'If-Match': '"1"' });
      equal(staleDelete.status, 412, 'delete with a stale If-Match');
      equal((await h.call('ann', 'DELETE', `/api/v1/contacts/${created.body.id}`, undefined, { 'If-Match': '"2"' })).status, 204, 'delete');
      const gone = await h.call('ann', 'GET', `/api/v1/contacts/${created.body.id}`);
      equal([gone.status, gone.body.error.code], [404, 'not_found'], 'read after delete');
    });

    it('answers invalid input with 422, one issue per field, in the Accept-Language locale', async () => {
      const r = await h.call('ann', 'POST', '/api/v1/deals', { title: '', amount: -5 }, { 'Accept-Language': 'ru-RU,ru;q=0.9' });
      equal(r.status, 422, 'status');
      equal(r.body.error.code, 'validation', 'code');
      equal(r.body.error.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort(), ['amount', 'title'], 'issue paths');
      check(/[а-я]/i.test(r.body.error.title), `a Russian title: ${r.body.error.title}`);
      const malformed = await fetch(`${h.base}/api/v1/deals`, { method: 'POST', headers: { Authorization: `Bearer ${h.tokens['ann']}`, 'Content-Type': 'application/json' }, body: '{"title":' });
      equal([malformed.status, ((await malformed.json()) as { error: { code: string } }).error.code], [400, 'bad_request'], 'malformed JSON');
      const unknownFilter = await h.call('ann', 'GET', '/api/v1/deals?colour=red');
      equal([unknownFilter.status, unknownFilter.body.error.issues[0].path], [400, ['colour']], 'unknown filter named');
    });

    it('lists with the core filters and pages with a cursor, without gaps or repeats', async () => {
      const pipeline = `p-${Math.random().toString(36).slice(2)}`;
      void pipeline;
      const made = [await deal('bob', { title: 'Page 1' }), await deal('bob', { title: 'Page 2' }), await deal('bob', { title: 'Page 3' })];
      const seen: string[] = [];
      let cursor: string | null = '';
      let pages = 0;
      do {
        const r = await h.call('bob', 'GET', `/api/v1/deals?ownerId=bob&text=Page&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        equal(r.status, 200, 'page status');
        seen.push(...r.body.items.map((d: { id: string }) => d.id));
        cursor = r.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 5);
      equal([...seen].sort(), made.map((d) => d.id).sort(), 'every deal once');
      equal(pages, 2, 'two pages of two');
      const byStage = await h.call('bob', 'GET', '/api/v1/deals?stageId=new&text=Page');
      equal(byStage.body.items.length, 3, 'filter by stage');
    });

    it('moves, wins, loses deals; moves, closes and converts leads; summaries per stage', async () => {
      const d = await deal('ann');
      const moved = await h.call('ann', 'POST', `/api/v1/deals/${d.id}/move`, { stageId: 'qualified' }, { 'If-Match': '"1"' });
      equal([moved.status, moved.body.stageId, moved.headers.get('etag')], [200, 'qualified', '"2"'], 'move');
      const staleMove = await h.call('ann', 'POST', `/api/v1/deals/${d.id}/move`, { stageId: 'new' }, { 'If-Match': '"1"' });
      equal(staleMove.status, 412, 'stale move');
      const noStage = await h.call('ann', 'POST', `/api/v1/deals/${d.id}/move`, {});
      equal([noStage.status, noStage.body.error.issues[0].path], [422, ['stageId']], 'move without a stage');
      equal((await h.call('ann', 'POST', `/api/v1/deals/${d.id}/win`)).body.status, 'won', 'win');
      const d2 = await deal('ann');
      const lost = await h.call('ann', 'POST', `/api/v1/deals/${d2.id}/lose`, { reason: 'price' });
      equal([lost.status, lost.body.status], [200, 'lost', ], 'lose');
      const lead = (await h.call('ann', 'POST', '/api/v1/leads', { name: 'Petr', phone: '+7 912 000-11-22' })).body;
      equal((await h.call('ann', 'POST', `/api/v1/leads/${lead.id}/move`, { stageId: 'qualifying' })).body.stageId, 'qualifying', 'lead move');
      const converted = await h.call('ann', 'POST', `/api/v1/leads/${lead.id}/convert`, { pipelineId: 'sales' });
      equal([converted.status, Boolean(converted.body.deal?.id), converted.body.contact?.name], [201, true, 'Petr'], 'convert');
      const junk = (await h.call('ann', 'POST', '/api/v1/leads', { name: 'Spam', email: 'x@spam.example' })).body;
      equal((await h.call('ann', 'POST', `/api/v1/leads/${junk.id}/close`, { reason: 'spam' })).body.status, 'lost', 'close');
      const summary = await h.call('boss', 'GET', '/api/v1/deals/summary?pipelineId=sales');
      const won = summary.body.stages.find((s: { stageId: string }) => s.stageId === 'won');
      check(won.count >= 1 && won.totals.USD >= 100, `summary of won deals: ${JSON.stringify(won)}`);
    });

    it('schedules and completes next steps; shows and extends the history', async () => {
      const d = await deal('ann');
      const step = await h.call('ann', 'POST', '/api/v1/activities', { recordType: 'deal', recordId: d.id, type: 'call', title: 'Call back', dueAt: new Date(Date.now() + 86_400_000).toISOString() });
      equal([step.status, step.body.state], [201, 'pending'], 'schedule');
      const listed = await h.call('ann', 'GET', `/api/v1/activities?recordId=${d.id}`);
      equal(listed.body.items.map((a: { id: string }) => a.id), [step.body.id], 'list by record');
      const done = await h.call('ann', 'POST', `/api/v1/activities/${step.body.id}/complete`, { result: 'Agreed on a demo' });
      equal([done.status, done.body.activity.state], [200, 'done'], 'complete');
      equal((await h.call('ann', 'POST', '/api/v1/history', { recordType: 'deal', recordId: d.id, text: 'Spoke to the CFO' })).status, 201, 'note');
      const history = await h.call('ann', 'GET', `/api/v1/history?recordType=deal&recordId=${d.id}`);
      const types = history.body.items.map((e: { type: string }) => e.type);
      check(types.includes('created') && types.includes('activity_done') && types.includes('note'), `history: ${types}`);
      equal((await h.call('ann', 'GET', '/api/v1/history?recordType=ship')).status, 400, 'bad history query');
    });

    it('a manager never reads or changes a colleague’s records over any route', async () => {
      const bobs = await deal('bob', { title: 'Bob only' });
      const routes: [string, string, unknown?][] = [
        ['GET', `/api/v1/deals/${bobs.id}`],
        ['PATCH', `/api/v1/deals/${bobs.id}`, { title: 'Mine now' }],
        ['DELETE', `/api/v1/deals/${bobs.id}`],
        ['POST', `/api/v1/deals/${bobs.id}/move`, { stageId: 'qualified' }],
        ['POST', `/api/v1/deals/${bobs.id}/win`],
        ['POST', `/api/v1/deals/${bobs.id}/lose`, { reason: 'price' }],
        ['GET', `/api/v1/history?recordType=deal&recordId=${bobs.id}`],
        ['POST', '/api/v1/history', { recordType: 'deal', recordId: bobs.id, text: 'peek' }],
        ['POST', '/api/v1/activities', { recordType: 'deal', recordId: bobs.id, type: 'call', title: 'x', dueAt: new Date().toISOString() }],
        ['POST', '/api/v1/deals', { title: 'For Bob', ownerId: 'bob' }],
      ];
      for (const [method, path, body] of routes) {
        const r = await h.call('ann', method, path, body);
        equal([`${method} ${path}`, r.status, r.body?.error?.code], [`${method} ${path}`, 403, 'forbidden'], 'refused');
      }
      const list = await h.call('ann', 'GET', '/api/v1/deals?text=Bob%20only');
      equal(list.body.items, [], 'not in the manager’s list');
      const head = await h.call('boss', 'GET', '/api/v1/deals?text=Bob%20only');
      equal(head.body.items.map((d: { id: string }) => d.id), [bobs.id], 'the head sees it');
      equal((await h.call('bob', 'GET', `/api/v1/deals/${bobs.id}`)).body.title, 'Bob only', 'untouched');
    });

    it('the change feed shows each user only what they may see, and resumes with Last-Event-ID', async () => {
      const annFeed = await openFeed(h.base, h.tokens['ann']!);
      const bossFeed = await openFeed(h.base, h.tokens['boss']!);
      try {
        await annFeed.next((e) => e.event === 'ready');
        await bossFeed.next((e) => e.event === 'ready');
        const bobs = await deal('bob', { title: 'Secret' });
        const anns = await deal('ann', { title: 'Open' });
        const seen = await annFeed.next((e) => e.event === 'change' && e.data.table === 'deals');
        equal(seen.data.id, anns.id, 'ann’s first deal event is her own');
        check(!annFeed.events.some((e) => e.data?.id === bobs.id), 'bob’s deal never reaches ann');
        check(!annFeed.events.some((e) => e.data?.table === 'history' && e.data.row?.recordId === bobs.id), 'nor its history');
        await bossFeed.next((e) => e.data?.id === bobs.id);
        await bossFeed.next((e) => e.data?.id === anns.id);
        annFeed.close();
        const later = await deal('ann', { title: 'While away' });
        const resumed = await openFeed(h.base, h.tokens['ann']!, seen.id);
        try {
          const missed = await resumed.next((e) => e.event === 'change' && e.data.table === 'deals');
          equal([missed.data.id, missed.data.row.title], [later.id, 'While away'], 'the missed change, after the resume point');
          check(Number(missed.id) > Number(seen.id), 'ids increase');
        } finally {
          resumed.close();
        }
      } finally {
        annFeed.close();
        bossFeed.close();
      }
    });

    it('signs in with a token into an HttpOnly, SameSite session cookie', async () => {
      const login = await h.call(undefined, 'POST', '/api/v1/session', { token: h.tokens['ann'] });
      const cookie = login.headers.get('set-cookie') ?? '';
      check(login.status === 200 && /HttpOnly/i.test(cookie) && /SameSite=Strict/i.test(cookie), `session cookie: ${cookie}`);
      const me = await h.call(undefined, 'GET', '/api/v1/me', undefined, { Cookie: cookie.split(';')[0]! });
      equal([me.status, me.body.id, me.body.role], [200, 'ann', 'manager'], 'me by cookie');
      equal((await h.call(undefined, 'POST', '/api/v1/session', { token: 'crm_nope' })).status, 401, 'bad token');
      await h.call(undefined, 'DELETE', '/api/v1/session', undefined, { Cookie: cookie.split(';')[0]! });
      equal((await h.call(undefined, 'GET', '/api/v1/me', undefined, { Cookie: cookie.split(';')[0]! })).status, 401, 'after sign-out');
    });

    it('takes public leads at /api/v1/intake once per idempotency key, and publishes the OpenAPI document', async () => {
      const submission = { lead: { name: 'Visitor', phone: '+7 900 555-66-77' }, submittedAt: new Date().toISOString() };
      const send = () => h.call(undefined, 'POST', '/api/v1/intake', submission, { 'Idempotency-Key': `k-${label}-1` });
      const first = await send();
      const again = await send();
      equal([first.status, again.status, again.body.id === first.body.id, again.body.duplicate], [201, 200, true, true], 'stored once');
      const doc = await h.call(undefined, 'GET', '/api/v1/openapi.json');
      equal([doc.status, doc.body.openapi], [200, '3.1.0'], 'document');
      for (const path of ['/api/v1/deals', '/api/v1/deals/{id}', '/api/v1/deals/{id}/move', '/api/v1/leads/{id}/convert', '/api/v1/changes']) check(doc.body.paths[path], `documents ${path}`);
      check(doc.body.components.schemas.DealInput.properties.title, 'deal input schema from zod');
      const writes = Object.entries(doc.body.paths as Record<string, Record<string, { security?: unknown[]; parameters?: { name: string; in: string; required?: boolean; description?: string }[] }>>).flatMap(([path, item]) =>
        ['post', 'patch', 'delete'].flatMap((method) => (item[method] && !(path === '/api/v1/session') ? [{ path, method, op: item[method] }] : [])),
      );
      check(writes.length > 20, `every write is listed (${writes.length})`);
      for (const { path, method, op } of writes) {
        const key = op.parameters?.find((p) => p.name === 'Idempotency-Key' && p.in === 'header');
        check(key && (key.description ?? '').length > 40, `${method.toUpperCase()} ${path} declares the Idempotency-Key header with its semantics`);
        check(Boolean(key.required) === (path === '/api/v1/intake'), `${method.toUpperCase()} ${path}: Idempotency-Key required only by the intake`);
      }
    });

    it('mounts configured webhook handlers at /api/v1/webhooks/{name}, without a sign-in (they check their own signatures)', async () => {
      const hook = await h.call(undefined, 'POST', '/api/v1/webhooks/ping', { any: 1 });
      equal([hook.status, hook.body], [200, { method: 'POST', locale: 'en' }], 'handler answered');
      equal((await h.call(undefined, 'POST', '/api/v1/webhooks/other', {})).status, 401, 'an unknown webhook is just a protected route');
    });
  });
}
