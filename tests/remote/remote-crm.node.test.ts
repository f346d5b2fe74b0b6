import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, ForbiddenError, NextStepRequiredError, NotFoundError, ValidationError, isCrmError, memoryStore, remoteCrm, type Deal, type Store, type SyncFailure } from '@crmkit/core';
import { eventually, startTeamServer, switchableFetch, useTeamServer, type RemoteOptions, type TeamServer } from './team-server.js';

describe('remoteCrm against a team server on PGlite', () => {
  const ctx = useTeamServer();
  const connect = (user: string, extra?: Partial<RemoteOptions>) => ctx.connect(user, extra);

  it('serves every call the board, the card and the planner make', async () => {
    const ann = await connect('ann');
    assert.equal(ann.currentUser?.id, 'ann');
    assert.deepEqual(ann.users.list().map((u) => u.id).sort(), ['ann', 'bob', 'boss']);
    const sales = ann.pipelines.defaultFor('deal');
    assert.equal(sales.entity, 'deal');

    const company = await ann.companies.create({ name: 'Acme' });
    const contact = await ann.contacts.create({ name: 'Ivan', phone: '+7 999 123-45-67', companyId: company.id });
    assert.deepEqual(contact.phones.length, 1);
    const deal = await ann.deals.create({ title: 'Boiler', amount: 1200, currency: 'USD', companyId: company.id, contactIds: [contact.id] });
    assert.equal(deal.ownerId, 'ann');
    assert.equal((await ann.deals.get(deal.id)).title, 'Boiler');
    assert.ok((await ann.deals.list({ pipelineId: sales.id })).some((d) => d.id === deal.id));
    assert.deepEqual((await ann.contacts.list({ ids: [contact.id] })).map((c) => c.id), [contact.id]);
    assert.equal((await ann.companies.find(company.id))?.name, 'Acme');
    assert.equal(await ann.companies.find('no-such-company'), undefined);
    // A filter the server's collection does not take is applied on the client, as a local CRM would.
    assert.deepEqual(await ann.contacts.list({ stageId: 'new' }), []);
    assert.deepEqual((await ann.contacts.list({ companyId: company.id, text: 'ivan' })).map((c) => c.id), [contact.id]);

    const renamed = await ann.deals.update(deal.id, { title: 'Boiler XL' }, { version: deal.version });
    assert.equal(renamed.title, 'Boiler XL');
    const second = sales.stages.filter((s) => s.kind === 'open')[1]!;
    const moved = await ann.deals.moveToStage(deal.id, second.id, { version: renamed.version });
    assert.equal(moved.stageId, second.id);
    const summary = await ann.deals.summary({ pipelineId: sales.id });
    assert.equal(summary.stages.find((s) => s.stageId === second.id)?.count, 1);

    const step = await ann.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(Date.now() + 3_600_000) });
    assert.deepEqual((await ann.activities.list({ recordId: deal.id, state: 'pending' })).map((a) => a.id), [step.id]);
    const { next } = await ann.activities.complete(step.id, { result: 'Agreed on a demo', next: { type: 'meeting', title: 'Demo', dueAt: new Date(Date.now() + 86_400_000) } });
    assert.equal(next?.title, 'Demo');
    await ann.history.addNote('deal', deal.id, 'Prefers mornings');
    const history = await ann.history.list({ recordType: 'deal', recordId: deal.id });
    assert.ok(history.some((h) => h.type === 'note' && h.data['text'] === 'Prefers mornings'));
    assert.ok(history.some((h) => h.type === 'stage_changed'));

    const won = await ann.deals.win(deal.id);
    assert.equal(won.status, 'won');
    const other = await ann.deals.create({ title: 'Pump', amount: 10, currency: 'USD' });
    const reason = sales.lossReasons?.[0]?.id ?? 'price';
    assert.equal((await ann.deals.lose(other.id, { reason })).status, 'lost');

    const lead = await ann.leads.create({ name: 'Olga', phone: '+7 999 000-11-22', companyName: 'Olga LLC' });
    const leadPipeline = ann.pipelines.get(lead.pipelineId);
    const qualifying = leadPipeline.stages.filter((s) => s.kind === 'open')[1]!;
    await ann.leads.moveToStage(lead.id, qualifying.id);
    const conversion = await ann.leads.convert(lead.id, { pipelineId: sales.id });
    assert.equal(conversion.lead.status, 'won');
    assert.equal(conversion.deal.leadId, lead.id);
    const junk = await ann.leads.create({ name: 'Spam bot', email: 'bot@example.com' });
    const junkReason = leadPipeline.lossReasons?.[0]?.id ?? 'untargeted';
    assert.equal((await ann.leads.close(junk.id, { reason: junkReason })).status, 'lost');
    assert.ok(Array.isArray(await ann.activities.missingNextStep()));
    assert.ok(Array.isArray(await ann.activities.overdue()));
  });

  it('server: a write repeated with the same Idempotency-Key is applied once and answered the same', async () => {
    const post = (path: string, key: string, body: unknown) =>
      fetch(`${ctx.team.api}/v1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${ctx.team.tokens['bob']}`, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) });
    const first = await post('/deals', 'key-1', { title: 'Once', amount: 1, currency: 'USD' });
    const again = await post('/deals', 'key-1', { title: 'Once', amount: 1, currency: 'USD' });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.headers.get('etag'), first.headers.get('etag'));
    const [a, b] = [(await first.json()) as { id: string }, (await again.json()) as { id: string }];
    assert.equal(b.id, a.id);
    const list = (await (await fetch(`${ctx.team.api}/v1/deals?text=Once`, { headers: { Authorization: `Bearer ${ctx.team.tokens['bob']}` } })).json()) as { items: { title: string }[] };
    assert.equal(list.items.filter((d) => d.title === 'Once').length, 1);
    const reused = await post('/contacts', 'key-1', { name: 'Other' });
    assert.equal(reused.status, 422);
    // Keys are per user: Ann's key-1 is her own.
    const anns = await fetch(`${ctx.team.api}/v1/deals`, { method: 'POST', headers: { Authorization: `Bearer ${ctx.team.tokens['ann']}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' }, body: JSON.stringify({ title: 'Ann once', amount: 1, currency: 'USD' }) });
    assert.equal(anns.status, 201);
    assert.equal(((await anns.json()) as { ownerId: string }).ownerId, 'ann');
  });

  it('answers with the core’s typed errors', async () => {
    const ann = await connect('ann');
    const deal = await ann.deals.create({ title: 'Typed', amount: 5, currency: 'USD' });
    await ann.deals.update(deal.id, { title: 'Typed 2' }, { version: deal.version });
    await assert.rejects(ann.deals.update(deal.id, { title: 'stale' }, { version: deal.version }), (e: unknown) => e instanceof ConflictError && e.code === 'conflict');
    await assert.rejects(ann.deals.moveToStage(deal.id, ann.pipelines.get(deal.pipelineId).stages[1]!.id, { version: deal.version }), ConflictError);
    await assert.rejects(ann.deals.create({ title: '', amount: -1, currency: 'USD' }), (e: unknown) => e instanceof ValidationError && e.issues.some((i) => i.path[0] === 'title'));
    await assert.rejects(ann.deals.get('no-such-deal'), NotFoundError);
    await assert.rejects(remoteCrm({ url: ctx.team.api, token: 'not-a-token', cache: memoryStore(), live: false }), (e: unknown) => isCrmError(e, 'forbidden'));
  });

  it('keeps a manager out of a colleague’s records, in reads, writes and the feed', async () => {
    const ann = await connect('ann');
    const bob = await connect('bob');
    const seen: string[] = [];
    const stop = ann.deals.watch({}, (deals) => seen.push(...deals.map((d) => d.title)));
    const bobs = await bob.deals.create({ title: 'Bob only', amount: 1, currency: 'USD' });
    const anns = await ann.deals.create({ title: 'Ann after Bob', amount: 1, currency: 'USD' });
    await eventually(() => seen.includes('Ann after Bob'), 'Ann’s own deal in her watch');
    stop();
    assert.ok(!seen.includes('Bob only'), 'Bob’s deal never reached Ann’s watch');
    await assert.rejects(ann.deals.get(bobs.id), ForbiddenError);
    await assert.rejects(ann.deals.update(bobs.id, { title: 'mine now' }), ForbiddenError);
    assert.ok(!(await ann.deals.list()).some((d) => d.id === bobs.id));
    assert.ok(!(await ann.store.query('deals')).some((d) => d.id === bobs.id), 'nothing of Bob’s is cached on Ann’s device');
    assert.ok((await bob.deals.list()).every((d) => d.ownerId === 'bob'));
    assert.throws(() => ann.as('bob'), ForbiddenError);
    assert.equal(ann.as('ann'), ann);
    void anns;
  });

  it('feeds watch() from the server’s change feed: another user’s writes arrive live', async () => {
    const ann = await connect('ann');
    const boss = await connect('boss');
    const sales = ann.pipelines.defaultFor('deal');
    let latest: Deal[] = [];
    const stop = ann.deals.watch({ pipelineId: sales.id }, (deals) => (latest = deals));
    const handed = await boss.deals.create({ title: 'Handed to Ann', amount: 7, currency: 'USD', ownerId: 'ann' });
    await eventually(() => latest.some((d) => d.id === handed.id), 'the head’s new deal on Ann’s board');
    const second = sales.stages.filter((s) => s.kind === 'open')[1]!;
    await boss.deals.moveToStage(handed.id, second.id);
    await eventually(() => latest.find((d) => d.id === handed.id)?.stageId === second.id, 'the head’s move on Ann’s board');
    const changes: string[] = [];
    const off = ann.on('change', (e) => changes.push(e.table));
    await boss.deals.update(handed.id, { title: 'Renamed by the head' });
    await eventually(() => changes.includes('deals'), 'a change event');
    off();
    stop();
  });

  it('queues writes offline, shows them meanwhile, and replays them once, in order, on reconnect', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch, cache: memoryStore() });
    const sales = ann.pipelines.defaultFor('deal');
    const [, second, third] = sales.stages.filter((s) => s.kind === 'open');
    const deal = await ann.deals.create({ title: 'Offline move', amount: 3, currency: 'USD' });
    let board: Deal[] = [];
    const stop = ann.deals.watch({ pipelineId: sales.id }, (deals) => (board = deals));
    await eventually(() => board.some((d) => d.id === deal.id), 'the deal on the board');

    net.down = true;
    const moved = await ann.deals.moveToStage(deal.id, second!.id, { version: deal.version });
    assert.equal(moved.stageId, second!.id, 'the move shows at once');
    const again = await ann.deals.moveToStage(deal.id, third!.id, { version: moved.version });
    assert.equal(again.stageId, third!.id);
    const created = await ann.deals.create({ title: 'Made offline', amount: 9, currency: 'USD' });
    const step = await ann.activities.schedule({ recordType: 'deal', recordId: created.id, type: 'call', title: 'Offline call', dueAt: new Date(Date.now() + 60_000) });
    assert.equal(ann.sync.online, false);
    assert.equal((await ann.sync.pending()).length, 4);
    await eventually(() => board.find((d) => d.id === deal.id)?.stageId === third!.id && board.some((d) => d.id === created.id), 'the offline effects on the board');
    assert.equal((await ann.deals.get(deal.id)).stageId, third!.id, 'reads come from the cache offline');
    assert.equal((await ann.activities.list({ recordId: created.id })).length, 1);

    net.down = false;
    await eventually(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the queue to drain');
    const boss = await connect('boss');
    const onServer = await boss.deals.get(deal.id);
    assert.equal(onServer.stageId, third!.id);
    assert.equal(onServer.version, deal.version + 2);
    const made = (await boss.deals.list({ text: 'Made offline' })).filter((d) => d.title === 'Made offline');
    assert.equal(made.length, 1, 'the offline create was stored once');
    const steps = await boss.activities.list({ recordId: made[0]!.id });
    assert.deepEqual(steps.map((s) => s.title), ['Offline call'], 'the step scheduled for the provisional deal landed on the real one');
    await eventually(() => board.some((d) => d.id === made[0]!.id) && !board.some((d) => d.id === created.id), 'the provisional deal replaced by the stored one');
    assert.equal((await ann.sync.failures()).length, 0);
    void step;
    stop();
  });

  it('keeps a record made and removed offline out of the cache once both replay, with no feed to clean up after', async () => {
    const net = switchableFetch();
    const cache = memoryStore();
    const ann = await connect('ann', { fetch: net.fetch, cache, live: false });
    net.down = true;
    const made = await ann.deals.create({ title: 'Made and dropped offline', amount: 2, currency: 'USD' });
    await ann.deals.remove(made.id);
    assert.equal((await ann.sync.pending()).length, 2);
    net.down = false;
    await eventually(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the queue to drain');
    const boss = await connect('boss');
    assert.equal((await boss.deals.list({ text: 'Made and dropped offline' })).length, 0, 'the server has it removed');
    const cached = (await cache.query<Deal>('deals')).filter((d) => d.title === 'Made and dropped offline');
    assert.deepEqual(cached.map((d) => d.id), [], 'the create’s answer did not bring the removed deal back into the cache');
  });

  it('sends a create once when its answer was lost and it was replayed (idempotency key)', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch, cache: memoryStore() });
    net.loseNextAnswer = true;
    const provisional = await ann.deals.create({ title: 'Lost answer', amount: 1, currency: 'USD' });
    assert.match(provisional.id, /^local-/);
    await eventually(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the replay');
    const boss = await connect('boss');
    assert.equal((await boss.deals.list({ text: 'Lost answer' })).length, 1);
  });

  it('surfaces a conflict from a replayed write and keeps what was entered; the other user’s change stands', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch, cache: memoryStore() });
    const boss = await connect('boss');
    const deal = await ann.deals.create({ title: 'Contested', amount: 100, currency: 'USD' });
    const failures: SyncFailure[] = [];
    ann.on('sync:failed', (f) => failures.push(f));

    net.down = true;
    await ann.deals.update(deal.id, { title: 'Ann’s title' }, { version: deal.version });
    await boss.deals.update(deal.id, { title: 'Head’s title' }, { version: deal.version });
    net.down = false;

    await eventually(() => failures.length === 1, 'the conflict');
    assert.ok(failures[0]!.error instanceof ConflictError);
    assert.equal(failures[0]!.write.recordId, deal.id);
    assert.deepEqual(failures[0]!.write.body, { title: 'Ann’s title' });
    assert.equal((await boss.deals.get(deal.id)).title, 'Head’s title', 'never silently overwritten');
    await eventually(async () => (await ann.store.get<Deal>('deals', deal.id))?.title === 'Head’s title', 'the cache showing the stored title');
    const kept = await ann.sync.failures();
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.error.code, 'conflict');
    await ann.sync.dismiss(kept[0]!.write.id);
    assert.equal((await ann.sync.failures()).length, 0);
  });

  it('opens offline from the cache of a previous session, and refuses to open with no cache', async () => {
    const cache = memoryStore();
    const kept: Store = new Proxy(cache, { get: (t, k) => (k === 'close' ? async () => undefined : (Reflect.get(t, k) as unknown)) });
    const first = await remoteCrm({ url: ctx.team.api, token: ctx.team.tokens['ann']!, cache: kept, live: false });
    const deal = await first.deals.create({ title: 'Cached for later', amount: 1, currency: 'USD' });
    await first.deals.list();
    await first.close();

    const net = switchableFetch();
    net.down = true;
    const again = await connect('ann', { cache: kept, fetch: net.fetch, live: false });
    assert.equal(again.sync.online, false);
    assert.equal(again.currentUser?.id, 'ann');
    assert.equal((await again.deals.get(deal.id)).title, 'Cached for later');
    assert.ok((await again.deals.list()).some((d) => d.id === deal.id));
    await assert.rejects(again.leads.convert('any'), (e: unknown) => isCrmError(e, 'not_found'), 'a lead it never saw cannot be converted offline');
    await assert.rejects(remoteCrm({ url: ctx.team.api, token: ctx.team.tokens['ann']!, cache: memoryStore(), fetch: net.fetch, live: false }), (e: unknown) => isCrmError(e, 'storage'));
  });
});

describe('remoteCrm against a team server with the next-step rule required', () => {
  let team: TeamServer;
  before(async () => {
    team = await startTeamServer({ crm: { nextStep: 'required' } });
  });
  after(async () => {
    await team.server.close();
  });

  it('refuses a deal without a next step with 409 next_step_required, typed on the client', async () => {
    const ann = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: memoryStore(), live: false });
    try {
      await assert.rejects(ann.deals.create({ title: 'No plan', amount: 1, currency: 'USD' }), NextStepRequiredError);
      const raw = await fetch(`${team.api}/v1/deals`, { method: 'POST', headers: { Authorization: `Bearer ${team.tokens['ann']}`, 'Content-Type': 'application/json', 'Accept-Language': 'ru' }, body: JSON.stringify({ title: 'No plan', amount: 1, currency: 'USD' }) });
      assert.equal(raw.status, 409);
      const body = (await raw.json()) as { error: { code: string; title: string } };
      assert.equal(body.error.code, 'next_step_required');
      assert.equal(body.error.title, 'Сначала запланируйте следующий шаг');
    } finally {
      await ann.close();
    }
  });
});
