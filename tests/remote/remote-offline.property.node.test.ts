// Random sequences of work by a team of remote clients (two managers and their head, each with their own device and
// cache) against a real team server, with devices going offline and back, answers lost and the feed reset: every
// cache holds exactly what its user may see, no write is lost or applied twice, and every conflict reaches the user
// who made the losing write. A failure prints its seed; CRMKIT_PROPERTY_SEED=<seed> replays it,
// CRMKIT_PROPERTY_RUNS=<n> changes how many sequences run.
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import postgres from 'postgres';
import type { Deal, Lead, Pipeline, StoredRow, TableName } from '@crmkit/core';
import { createServer, pgliteStore, postgresStore, type CrmServer, type SqlStore } from '@crmkit/server';
import { OfflineClient, until } from './offline-client.js';
import { TEAM } from './team-server.js';

type Row = StoredRow & Record<string, unknown>;
const USERS = TEAM.map((u) => u.id);
const MANAGERS = ['ann', 'bob'];
const TABLES = ['contacts', 'companies', 'leads', 'deals', 'activities'] as const;
const TABLE_OF: Record<string, TableName> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };

const KINDS = ['createDeal', 'createDeal', 'update', 'move', 'move', 'win', 'lose', 'schedule', 'complete', 'createLead', 'convert', 'handover', 'handover', 'note', 'remove', 'offline', 'offline', 'online', 'reset', 'loseAnswer'] as const;
type Kind = (typeof KINDS)[number];
/** One step: what, by whom, numbers to pick targets and values with, and whether the caller names the version it saw. */
type Op = { kind: Kind; user: number; a: number; b: number; explicit: boolean };
const opArb: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom(...KINDS), user: fc.nat(USERS.length - 1), a: fc.nat(99), b: fc.nat(99), explicit: fc.boolean() });

/** A write a user made, and how to tell what became of it. */
interface Made {
  user: string;
  kind: Kind;
  /** The record written (deal title or lead name: they never change). */
  target?: string;
  /** The deal a step or note is for (its title). */
  on?: string;
  /** The record it creates (its title or name). */
  creates?: string;
  /** Its queue ids, when it was queued (the user was offline, or its answer was lost). */
  queued: string[];
  /** Whether the server took it, when it was sent at once. */
  sent?: boolean;
  /** The version of the target in the user's cache when they made it. */
  base?: number;
  /** Increments each time the user's queue drained: queued writes of one period are replayed as one chain. */
  period: number;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

/** May `user` see this row now (the server's rule: a manager their own records, and steps they own or are assigned)? */
function maySee(user: string, table: string, row: Row): boolean {
  if (!MANAGERS.includes(user)) return true;
  return table === 'activities' ? row['ownerId'] === user || row['assigneeId'] === user : row['ownerId'] === user;
}

/** A row's timestamp as ISO text (stores give strings or dates). */
function isoOf(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

async function databaseUrl(): Promise<string> {
  const admin = postgres(process.env['CRMKIT_TEST_DATABASE_URL']!, { max: 1, onnotice: () => undefined });
  const name = `crmkit_remote_property_${process.pid}_${Date.now().toString(36)}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(process.env['CRMKIT_TEST_DATABASE_URL']!);
  url.pathname = `/${name}`;
  return url.toString();
}

const STORES: [string, () => Promise<SqlStore>][] = [['PGlite', async () => pgliteStore()]];
if (process.env['CRMKIT_TEST_DATABASE_URL']) STORES.push(['PostgreSQL', async () => postgresStore(await databaseUrl())]);

for (const [kind, makeStore] of STORES) {
  describe(`remote clients under random offline sequences (${kind})`, () => {
    let server: CrmServer;
    let api = '';
    const tokens: Record<string, string> = {};
    before(async () => {
      server = await createServer({ store: await makeStore() });
      for (const user of TEAM) tokens[user.id] = (await server.accounts.add(user)).token;
      api = `${await server.listen(0)}/api`;
    });
    // Devices are closed by then; a short grace ends the test instead of waiting on their idle sockets.
    after(async () => server?.close(500));

    let runs = 0;
    const tally = new Map<string, number>();

    /** One sequence on fresh devices: the steps, then everyone online and the full accounting. */
    async function sequence(ops: Op[]): Promise<void> {
      const run = `p${(runs++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const since = new Date().toISOString();
      const clients = USERS.map((u) => new OfflineClient(u));
      const made: Made[] = [];
      const period: Record<string, number> = Object.fromEntries(USERS.map((u) => [u, 0]));
      let counter = 0;
      try {
        for (const c of clients) await c.open(api, tokens[c.user]!);
        const pipeline: Pipeline = clients[0]!.crm.pipelines.defaultFor('deal');
        const openStages = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
        for (const op of ops) {
          const c = clients[op.user]!;
          const { crm } = c;
          const mine = async <T extends Row>(table: TableName, key: string, filter: (row: T) => boolean = () => true): Promise<T | undefined> => {
            let rows = (await c.cache.query<T>(table)).filter((r) => String(r[key] ?? '').startsWith(run) && filter(r)).sort((x, y) => (String(x[key]) < String(y[key]) ? -1 : 1));
            // The head often works on a record of a manager who is offline: the replays then meet changes they never saw.
            const away = rows.filter((r) => clients.some((o) => o.offline && o.user === r['ownerId']));
            if (c.user === 'boss' && op.a % 2 === 0 && away.length) rows = away;
            return rows.length ? rows[op.a % rows.length] : undefined;
          };
          const version = (row: Row) => (op.explicit ? { version: row['version'] as number } : {});
          const write = async (entry: Omit<Made, 'queued' | 'user' | 'kind' | 'period'>, send: () => Promise<unknown>): Promise<void> => {
            const before = new Set((await crm.sync.pending()).map((w) => w.id));
            const record: Made = { ...entry, user: c.user, kind: op.kind, queued: [], period: period[c.user]! };
            try {
              await send();
            } catch (error) {
              tally.set(`refused ${op.kind}`, (tally.get(`refused ${op.kind}`) ?? 0) + 1);
              check((await crm.sync.pending()).every((w) => before.has(w.id)), `${c.user}'s refused ${op.kind} was queued anyway: ${String(error)}`);
              made.push({ ...record, sent: false });
              return;
            }
            record.queued = (await crm.sync.pending()).filter((w) => !before.has(w.id)).map((w) => w.id);
            if (record.queued.length === 0) record.sent = true;
            made.push(record);
          };
          tally.set(op.kind, (tally.get(op.kind) ?? 0) + 1);
          const name = `${run}-${(counter++).toString(36)}`;
          switch (op.kind) {
            case 'createDeal': {
              const ownerId = c.user === 'boss' ? USERS[op.b % USERS.length]! : c.user;
              await write({ creates: `${name}-deal` }, () => crm.deals.create({ title: `${name}-deal`, amount: op.b + 1, currency: 'USD', ownerId }));
              break;
            }
            case 'createLead': {
              const ownerId = c.user === 'boss' ? USERS[op.b % USERS.length]! : c.user;
              await write({ creates: `${name}-lead` }, () => crm.leads.create({ name: `${name}-lead`, email: `${name}@example.com`, ownerId, ...(op.b % 2 ? { companyName: `${name}-co` } : {}) }));
              break;
            }
            case 'update':
            case 'move':
            case 'win':
            case 'lose':
            case 'schedule': {
              const deal = await mine<Deal & Row>('deals', 'title', (d) => d.status === 'open');
              if (!deal) break;
              const target = { target: deal.title, base: deal.version };
              if (op.kind === 'update') await write(target, () => crm.deals.update(deal.id, { amount: 1000 + counter }, version(deal)));
              if (op.kind === 'move') {
                const to = openStages.filter((s) => s !== deal.stageId)[op.b % (openStages.length - 1)]!;
                await write(target, () => crm.deals.moveToStage(deal.id, to, version(deal)));
              }
              if (op.kind === 'win') await write(target, () => crm.deals.win(deal.id, version(deal)));
              if (op.kind === 'lose') await write(target, () => crm.deals.lose(deal.id, { reason: pipeline.lossReasons![op.b % 5]!.id, ...version(deal) }));
              if (op.kind === 'schedule') await write({ creates: `${name}-step`, on: deal.title }, () => crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: `${name}-step`, dueAt: new Date(Date.now() + 86_400_000 * (1 + op.b)) }));
              break;
            }
            case 'note':
            case 'remove': {
              const deal = await mine<Deal & Row>('deals', 'title');
              if (!deal) break;
              if (op.kind === 'note') await write({ creates: `${name}-note`, on: deal.title }, () => crm.history.addNote('deal', deal.id, `${name}-note`));
              else await write({ target: deal.title, base: deal.version }, () => crm.deals.remove(deal.id));
              break;
            }
            case 'complete': {
              const step = await mine<Row>('activities', 'title', (s) => s['state'] === 'pending');
              if (step) await write({}, () => crm.activities.complete(step.id, { result: `done by ${c.user}` }));
              break;
            }
            case 'convert': {
              const lead = await mine<Lead & Row>('leads', 'name', (l) => l.status === 'open');
              if (lead) await write({ target: lead.name!, base: lead.version, creates: `${name}-conv` }, () => crm.leads.convert(lead.id, { title: `${name}-conv`, ...version(lead) }));
              break;
            }
            case 'handover': {
              // Handing over is the head's; a manager who tries is refused — while offline too, but then their device shows the
              // record handed over until the replay is refused, and a second try could hand it "back" to where it still is.
              if (c.user !== 'boss' && c.offline) break;
              const [table, key] = op.b % 2 ? (['leads', 'name'] as const) : (['deals', 'title'] as const);
              const row = await mine<Row>(table, key);
              if (!row) break;
              const to = USERS.filter((u) => u !== row['ownerId'])[op.b % 2]!;
              const service = table === 'leads' ? crm.leads : crm.deals;
              await write({ target: String(row[key]), base: row['version'] as number }, () => service.update(row.id, { ownerId: to }, version(row)));
              break;
            }
            case 'offline':
              c.goOffline();
              break;
            case 'online':
              c.goOnline();
              break;
            case 'loseAnswer':
              if (!c.offline) c.loseNextAnswer();
              break;
            case 'reset': {
              // The change log is pruned: a device that was away longer than it reaches gets a `reset` and refills.
              const store = server.crm().store as unknown as { sql(): Promise<{ query(text: string): Promise<unknown> }>; prune(): Promise<void> };
              await (await store.sql()).query(`UPDATE crm_changes SET at = now() - interval '30 days'`);
              await store.prune();
              for (const other of clients) other.cutFeed();
              break;
            }
          }
          // After each step, every device with a network has sent its queue and holds what its user may see.
          for (const other of clients) {
            if (other.offline) continue;
            await other.settle();
            period[other.user]!++;
          }
          const now = await world(since);
          for (const other of clients) if (!other.offline) await cacheMatches(other, now, run);
        }
        for (const c of clients) c.goOnline();
        for (const c of clients) await c.settle();
        const now = await world(since);
        for (const c of clients) await cacheMatches(c, now, run);
        account(made, clients, now);
        for (const c of clients) for (const f of c.reported) tally.set(`reported ${f.error.code}`, (tally.get(`reported ${f.error.code}`) ?? 0) + 1);
        tally.set('queued writes', (tally.get('queued writes') ?? 0) + made.filter((m) => m.queued.length > 0).length);
      } finally {
        for (const c of clients) await c.crm?.close();
      }
    }

    /** Every row on the server, by table; `run` the ones made since the sequence began. */
    async function world(since: string): Promise<{ all: Record<string, Row[]>; run: Record<string, Row[]> }> {
      const store = server.crm().store;
      const all: Record<string, Row[]> = {};
      const run: Record<string, Row[]> = {};
      for (const table of TABLES) {
        all[table] = await store.query<Row>(table);
        run[table] = all[table].filter((r) => isoOf(r['createdAt']) >= since);
      }
      run['history'] = (await store.query<Row>('history')).filter((r) => isoOf(r['at']) >= since);
      return { all, run };
    }

    /** The device's cache holds exactly the run's rows its user may see, at the server's versions, and no timeline of a record they may not. */
    async function cacheMatches(c: OfflineClient, now: { all: Record<string, Row[]>; run: Record<string, Row[]> }, run: string): Promise<void> {
      // Everything the user may see (a refill after a reset brings older records too), and what of it this sequence made (all of which the feed must bring).
      const visible = new Map<string, number>();
      for (const table of TABLES) for (const row of now.all[table]!) if (maySee(c.user, table, row)) visible.set(`${table}/${row.id}`, row['version'] as number);
      // A removed record's timeline stays with whoever could see it when it was removed.
      const removedFor = (id: string) => now.run['history']!.some((h) => h['recordId'] === id && h['type'] === 'removed' && maySee(c.user, 'deals', ((h['data'] as { snapshot?: Row }).snapshot ?? {}) as Row));
      const expected = new Map<string, number>();
      for (const table of TABLES) for (const row of now.run[table]!) if (maySee(c.user, table, row)) expected.set(`${table}/${row.id}`, row['version'] as number);
      let problem = '';
      try {
        await until(async () => {
          const actual = new Map<string, number>();
          for (const table of TABLES) for (const row of await c.cache.query<Row>(table)) actual.set(`${table}/${row.id}`, row['version'] as number);
          const stale = [...actual].filter(([k, v]) => visible.get(k) !== v).map(([k, v]) => `${k} v${v} (server: ${visible.has(k) ? `v${visible.get(k)}` : 'not for this user'})`);
          const missing = [...expected].filter(([k]) => !actual.has(k)).map(([k, v]) => `${k} v${v}`);
          const leaked = (await c.cache.query<Row>('history')).filter((h) => !visible.has(`${TABLE_OF[String(h['recordType'])]}/${String(h['recordId'])}`) && !removedFor(String(h['recordId']))).map((h) => `history ${String(h['type'])} of ${String(h['recordType'])} ${String(h['recordId'])}`);
          problem = [stale.length ? `stale or not theirs: ${stale.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : '', leaked.length ? `timeline of records they may not see: ${leaked.join(', ')}` : ''].filter(Boolean).join('; ');
          return problem === '';
        }, `${c.user}'s cache to match the server`, 4000);
      } catch {
        throw new Error(`Check failed: ${c.user}'s cache (run ${run}) — ${problem}`);
      }
    }

    /** Nothing lost, nothing applied twice, every refusal reported, no stale write landed. */
    function account(made: Made[], clients: OfflineClient[], world: { run: Record<string, Row[]> }): void {
      const now = world.run;
      const client = (user: string) => clients.find((c) => c.user === user)!;
      const landed = (m: Made): boolean => {
        if (m.sent !== undefined) return m.sent;
        const c = client(m.user);
        return m.queued.every((id) => {
          const answer = c.wire.get(id);
          check(answer, `${m.user}'s queued ${m.kind} ${m.target ?? m.creates ?? ''} was never sent (lost)`);
          const failure = c.reported.find((f) => f.write.id === id);
          if (answer.status >= 200 && answer.status < 300) {
            check(!failure, `${m.user}'s ${m.kind} landed yet was reported refused`);
            return true;
          }
          check(failure, `${m.user}'s ${m.kind} ${m.target ?? ''} was refused (${answer.status}) but never reported to them`);
          check(answer.status !== 412 || failure.error.code === 'conflict', `${m.user}'s stale ${m.kind} was reported as ${failure.error.code}, not a conflict`);
          return false;
        });
      };
      for (const c of clients) for (const f of c.reported) check(made.some((m) => m.user === c.user && m.queued.includes(f.write.id)), `${c.user} was told of a refused write they never made`);
      const count = (table: string, field: string, value: string) => now[table]!.filter((r) => r[field] === value).length;
      const byTag = (tag: string) => now['deals']!.find((d) => d['title'] === tag) ?? now['leads']!.find((l) => l['name'] === tag);
      const bumps = new Map<string, number>();
      const removed = new Set<string>();
      for (const m of made) if (m.kind === 'remove' && landed(m)) removed.add(m.target!);
      for (const m of made) {
        const ok = landed(m);
        if (m.kind === 'createDeal' && !removed.has(m.creates!)) check(count('deals', 'title', m.creates!) === (ok ? 1 : 0), `deal ${m.creates} stored ${count('deals', 'title', m.creates!)} times`);
        if (m.kind === 'createLead') check(count('leads', 'name', m.creates!) === (ok ? 1 : 0), `lead ${m.creates} stored ${count('leads', 'name', m.creates!)} times`);
        if (m.kind === 'schedule' && !removed.has(m.on!)) check(count('activities', 'title', m.creates!) === (ok ? 1 : 0), `step ${m.creates} stored ${count('activities', 'title', m.creates!)} times`);
        if (m.kind === 'convert') {
          if (!removed.has(m.creates!)) check(count('deals', 'title', m.creates!) === (ok ? 1 : 0), `conversion of ${m.target} made ${count('deals', 'title', m.creates!)} deals`);
          const conversions = made.filter((x) => x.kind === 'convert' && x.target === m.target && landed(x)).length;
          check(conversions <= 1 && count('contacts', 'name', m.target!) === conversions, `${conversions} conversions of ${m.target} landed, making ${count('contacts', 'name', m.target!)} contacts`);
        }
        if (m.kind === 'note') {
          const notes = now['history']!.filter((h) => h['type'] === 'note' && (h['data'] as { text?: string }).text === m.creates).length;
          check(notes === (ok ? 1 : 0), `note ${m.creates} is on the timeline ${notes} times`);
        }
        if (m.target && ok) bumps.set(m.target, (bumps.get(m.target) ?? 0) + 1);
      }
      for (const tag of removed) check(!byTag(tag), `${tag} was removed, yet the server still has it`);
      // Applied once: a record's version is one plus the writes that landed on it.
      for (const [tag, n] of bumps) {
        if (removed.has(tag)) continue;
        const row = byTag(tag);
        check(row, `${tag} is gone from the server`);
        check(row['version'] === 1 + n, `${tag} is at v${String(row['version'])} after ${n} landed writes (a write was applied twice or lost): ${JSON.stringify(made.filter((m) => m.target === tag).map((m) => ({ ...m, answers: m.queued.map((id) => client(m.user).wire.get(id)) })))}`);
      }
      // Never silently overwritten: a queued write lands only on the version it was made against (a chain of them on consecutive versions).
      const chains = new Map<string, number>();
      for (const m of made) {
        if (!m.target || m.kind === 'remove' || m.queued.length === 0 || !landed(m)) continue;
        const chain = `${m.user}/${m.period}/${m.target}`;
        const before = chains.get(chain) ?? 0;
        chains.set(chain, before + 1);
        const answer = client(m.user).wire.get(m.queued[m.queued.length - 1]!)!;
        check(answer.version === m.base! + before + 1, `${m.user}'s ${m.kind} of ${m.target}, made against v${m.base! + before}, landed as v${String(answer.version)}: it overwrote a change they never saw`);
      }
    }

    it('keeps every cache exact and every write once, with conflicts reported (seed printed on failure)', async () => {
      const seed = Number(process.env['CRMKIT_PROPERTY_SEED'] ?? Date.now() % 2_147_483_647);
      const started = Date.now();
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 30, size: 'max' }), (ops) => sequence(ops)),
          { numRuns: Number(process.env['CRMKIT_PROPERTY_RUNS'] ?? 25), seed, endOnFailure: true },
        );
      } catch (error) {
        console.error(`remote offline property failed: replay with CRMKIT_PROPERTY_SEED=${seed}`);
        throw error;
      }
      console.log(`remote offline property (${kind}): seed ${seed}, ${runs} sequences in ${Date.now() - started} ms; steps ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    });
  });
}
