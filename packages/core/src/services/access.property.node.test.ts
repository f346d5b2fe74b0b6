// Runs under Node (pure core, memory store): faster than the browser runner, and its failures print the error.
import fc from 'fast-check';
import { createCrm, definePlugin, memoryStore, type Activity, type Crm, type Deal, type HistoryEntry, type Lead, type Pipeline, type Plugin } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };

/** The few chai-style assertions this test reads best with, on node:assert. */
function expect(actual: unknown, msg?: string) {
  const show = (x: unknown) => JSON.stringify(x);
  return {
    to: {
      equal: (x: unknown) => assert.equal(actual, x, msg),
      include: (x: unknown) => assert.ok((actual as unknown[]).includes(x), `${msg ?? ''}: ${show(actual)} should include ${show(x)}`),
      deep: { equal: (x: unknown) => assert.deepEqual(actual, x, msg) },
      be: {
        a: (type: string) => assert.equal(typeof actual, type, msg),
        greaterThan: (n: number) => assert.ok((actual as number) > n, `${msg ?? ''}: ${show(actual)} > ${n}`),
      },
    },
  };
}

const USERS = [
  { id: 'ann', name: 'Ann', role: 'manager' as const, team: 'east' },
  { id: 'bob', name: 'Bob', role: 'manager' as const, team: 'east' },
  { id: 'boss', name: 'Bo', role: 'head' as const, team: 'east' },
];
const ACTORS = ['ann', 'bob', 'boss', 'system'] as const;
const PHONES = ['+7 900 100 00 01', '+7 900 100 00 02', '+7 900 100 00 03'];
const ALLOWED_ERRORS = ['validation', 'stage_transition', 'forbidden', 'not_found', 'refused', 'next_step_required'];

/** A transform that tries to move records behind the core's back, and rewrites a data field. */
const sneaky = definePlugin({
  name: 'sneaky',
  hooks: { 'record:beforeUpdate': ({ type, record, patch }) => ({ type, record, patch: { ...patch, stageId: 'won', status: 'won', ownerId: undefined } }) },
});
/** A guard that refuses invoices under 100. */
const invoiceGuard = definePlugin({
  name: 'invoice-guard',
  setup(crm) {
    crm.hooks.on('stage:beforeChange', ({ record, to }) => (to.id === 'invoice' && ((record as Deal).amount ?? 0) < 100 ? { cancel: 'Invoice needs 100' } : undefined));
  },
});

/** Delayed robots on the first stage of each funnel, so jobs exist to list and run. */
const delayedRobots = definePlugin({
  name: 'delayed-robots',
  pipelines: (ps: Pipeline[]) => ps.map((p) => ({ ...p, stages: p.stages.map((st, i) => (i === 0 ? { ...st, robots: [{ type: 'create-activity', delay: '2h', params: { title: 'Follow up' } }] } : st)) })),
});

type Op = { kind: string; actor: number; a: number; b: number; c: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('contact', 'company', 'lead', 'deal', 'update', 'move', 'win', 'lose', 'close', 'convert', 'remove', 'schedule', 'complete', 'handover', 'reschedule', 'reassign', 'jobs', 'import', 'tick'),
  actor: fc.nat(3),
  a: fc.nat(20),
  b: fc.nat(20),
  c: fc.nat(20),
});

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/** Everything in the store, read as `system`. */
async function all(crm: Crm) {
  const sys = crm.as('system');
  return {
    contacts: await sys.contacts.list(),
    companies: await sys.companies.list(),
    leads: await sys.leads.list(),
    deals: await sys.deals.list(),
    activities: await sys.activities.list(),
  };
}

const OWNERS = ['ann', 'bob', 'boss'];

async function apply(crm: Crm, op: Op, clock: { ms: number }): Promise<unknown> {
  const who = ACTORS[op.actor % ACTORS.length]!;
  const as = crm.as(who);
  const s = await all(crm);
  const record = pick([...s.leads.map((l) => ['lead', l] as const), ...s.deals.map((d) => ['deal', d] as const)], op.a);
  const stage = (r: Lead | Deal) => pick(crm.pipelines.get(r.pipelineId).stages, op.b)!.id;
  const reason = (r: Lead | Deal) => pick(crm.pipelines.get(r.pipelineId).lossReasons, op.c)!.id;
  switch (op.kind) {
    case 'contact':
      return as.contacts.create({ name: `C${op.a}`, phone: pick(PHONES, op.b)!, note: `private of ${who}` });
    case 'company':
      return as.companies.create({ name: `Co${op.a % 3}` });
    case 'lead':
      return as.leads.create({ name: `L${op.a}`, phone: pick(PHONES, op.b)!, companyName: op.c % 2 ? `Co${op.c % 3}` : undefined });
    case 'deal':
      return as.deals.create({ title: `D${op.a}`, amount: op.b * 10, companyId: pick(s.companies, op.c)?.id, contactIds: op.a % 2 ? [pick(s.contacts, op.b)?.id ?? 'none'] : [] });
    case 'update':
      if (!record) return undefined;
      return record[0] === 'deal' ? as.deals.update(record[1].id, { amount: op.b * 10 }) : as.leads.update(record[1].id, { message: `m${op.b}` });
    case 'move':
      if (!record) return undefined;
      return (record[0] === 'deal' ? as.deals : as.leads).moveToStage(record[1].id, stage(record[1]), { reason: reason(record[1]), comment: op.c % 2 ? 'why' : undefined });
    case 'win':
      return record?.[0] === 'deal' ? as.deals.win(record[1].id) : undefined;
    case 'lose':
      return record?.[0] === 'deal' ? as.deals.lose(record[1].id, { reason: reason(record[1]), comment: 'c' }) : undefined;
    case 'close':
      return record?.[0] === 'lead' ? as.leads.close(record[1].id, { reason: reason(record[1]), comment: 'c' }) : undefined;
    case 'convert':
      return record?.[0] === 'lead' ? as.leads.convert(record[1].id) : undefined;
    case 'remove': {
      const target = pick([...s.contacts.map((c) => ['contacts', c.id] as const), ...s.companies.map((c) => ['companies', c.id] as const), ...s.deals.map((d) => ['deals', d.id] as const)], op.a);
      if (!target) return undefined;
      return as[target[0]].remove(target[1]);
    }
    case 'schedule':
      if (!record) return undefined;
      return as.activities.schedule({ recordType: record[0], recordId: record[1].id, type: 'call', title: 'Call', dueAt: new Date(Date.UTC(2026, 2, 3 + op.b)) });
    case 'complete': {
      const step = pick(s.activities.filter((a) => a.state === 'pending'), op.a);
      return step ? as.activities.complete(step.id, { result: 'done' }) : undefined;
    }
    case 'handover': {
      const step = pick(s.activities.filter((a) => a.state === 'pending'), op.a);
      return step ? as.activities.update(step.id, { assigneeId: pick(OWNERS, op.b)! }) : undefined;
    }
    case 'reschedule': {
      const step = pick(s.activities, op.a);
      return step ? as.activities.update(step.id, { dueAt: new Date(Date.UTC(2026, 2, 1 + op.b)), ...(op.c % 3 === 0 ? { version: step.version } : {}) }) : undefined;
    }
    case 'reassign':
      if (!record) return undefined;
      return (record[0] === 'deal' ? as.deals : as.leads).update(record[1].id, { ownerId: pick(OWNERS, op.b)! });
    case 'jobs': {
      const jobs = await as.automation.jobs();
      for (const j of jobs) {
        const owner = [...s.leads, ...s.deals].find((r) => r.id === j.recordId)?.ownerId;
        if (who === 'ann' || who === 'bob') expect(owner, `${who} listed a job of someone else's ${j.recordType}`).to.equal(who);
      }
      return undefined;
    }
    case 'import': {
      const leads = op.a % 2 === 0;
      const service = leads ? as.leads : as.deals;
      const stages = crm.pipelines.list(leads ? 'lead' : 'deal')[0]!.stages;
      const rows = [0, 1, 2].map((i) => ({
        input: leads
          ? { name: `I${op.b + i}`, phone: pick(PHONES, op.b + i)!, ...(i === 2 ? { ownerId: pick(OWNERS, op.c)! } : {}) }
          : { title: `ID${op.b + i}`, stageId: pick(stages, op.b + i)!.id, ...(i === 2 ? { ownerId: pick(OWNERS, op.c)! } : {}) },
        ...((op.c + i) % 2 ? { nextStep: { type: 'call' as const, title: 'Imported step', dueAt: new Date(Date.UTC(2026, 2, 5)), ...(i === 1 ? { assigneeId: pick(OWNERS, op.b)! } : {}) } } : {}),
      }));
      const table = leads ? 'leads' : 'deals';
      const before = (await crm.as('system')[table].list()).length;
      const out = await service.importBatch(rows, { batchId: `b${op.a}-${op.b}-${op.c}-${Math.random()}`, duplicates: pick(['skip', 'update', 'create'] as const, op.c)! });
      for (const o of out) if (o.status === 'failed') expect(ALLOWED_ERRORS, String(o.error)).to.include(o.error.code);
      const after = (await crm.as('system')[table].list()).length;
      expect(after, 'an import adds exactly the records it reports created').to.equal(before + new Set(out.flatMap((o) => (o.status === 'created' ? [o.id] : []))).size);
      return out.flatMap((o) => (o.status === 'failed' ? [] : [crm.as('system')[table].get(o.id)]));
    }
    case 'tick':
      clock.ms += 3 * 3_600_000;
      return crm.automation.runDue().then(() => undefined);
  }
  return undefined;
}

type Snapshot = { versions: Map<string, number>; steps: Map<string, Activity>; history: HistoryEntry[] };
async function snapshot(crm: Crm): Promise<Snapshot> {
  const s = await all(crm);
  const versions = new Map<string, number>([...s.contacts, ...s.companies, ...s.leads, ...s.deals].map((r) => [r.id, r.version]));
  const history = (await crm.store.query('history')) as unknown as HistoryEntry[];
  return { versions, steps: new Map(s.activities.map((a) => [a.id, a])), history };
}

/** What a step's history entry describes: its assignee, due time, title, type, state (not bookkeeping, the overdue mark or where it is filed). */
const stepFace = (a: Activity) => JSON.stringify([a.assigneeId, a.dueAt, a.title, a.type, a.note, a.state, a.result]);

/** Every change leaves history: a changed record at least one new entry, an unchanged one none; a changed step exactly one entry naming it. */
function checkHistoryDelta(before: Snapshot, after: Snapshot, what: string): void {
  const seen = new Set(before.history.map((h) => h.id));
  // Entries a conversion copies onto the deal (carriedFrom) repeat the lead's; they are not new changes.
  const added = after.history.filter((h) => !seen.has(h.id) && !h.data['carriedFrom']);
  for (const [id, version] of after.versions) {
    // An import's one `created` entry per batch stands for every record it lists.
    const own = added.filter((h) => (h.recordId === id || (h.type === 'created' && ((h.data['recordIds'] as string[] | undefined) ?? []).includes(id))) && !h.type.startsWith('activity_') && !(h.type === 'field_changed' && h.data['activityId'] && h.data['reason'] === undefined));
    const changed = before.versions.get(id) !== version;
    if (changed) expect(own.length, `${what}: record ${id} changed with no history`).to.be.greaterThan(0);
    else expect(own.map((h) => h.type), `${what}: record ${id} unchanged but got history`).to.deep.equal([]);
  }
  for (const [id, step] of after.steps) {
    const old = before.steps.get(id);
    const entries = added.filter((h) => h.type.startsWith('activity_') && h.data['activityId'] === id);
    // A step a call both schedules and settles (an imported row that ends closed) has its two entries.
    if (!old) expect(entries.map((h) => h.type), `${what}: new step ${id}`).to.deep.equal(step.state === 'done' ? ['activity_scheduled', 'activity_done'] : ['activity_scheduled']);
    else if (stepFace(old) !== stepFace(step)) expect(entries.length, `${what}: step ${id} changed, entries`).to.equal(1);
    else expect(entries.length, `${what}: step ${id} unchanged, entries`).to.equal(0);
  }
}

/** Every record object reachable in a call's result must be one the caller may see. */
function checkHeld(who: string, value: unknown): void {
  if (who === 'boss' || who === 'system' || value === undefined || value === null) return;
  // Results that bundle records (`convert` → { lead, deal, … }, `complete` → { activity, next }) are checked one by one.
  const records = (typeof value === 'object' && !('id' in (value as object)) ? Object.values(value as object) : [value]) as { ownerId?: string; assigneeId?: string }[];
  for (const r of records) {
    if (!r || typeof r !== 'object') continue;
    expect([r.ownerId, r.assigneeId], `a manager was handed a record of someone else: ${JSON.stringify(r)}`).to.include(who);
  }
}

async function checkInvariants(crm: Crm): Promise<void> {
  const s = await all(crm);
  const ids = new Set([...s.contacts, ...s.companies].map((r) => r.id));
  for (const c of s.contacts) if (c.companyId) expect(ids.has(c.companyId), `contact ${c.id} → company`).to.equal(true);
  for (const d of s.deals) {
    if (d.companyId) expect(ids.has(d.companyId), `deal ${d.id} → company`).to.equal(true);
    for (const c of d.contactIds) expect(ids.has(c), `deal ${d.id} → contact`).to.equal(true);
  }
  for (const l of s.leads) if (l.contactId) expect(ids.has(l.contactId), `lead ${l.id} → contact`).to.equal(true);
  for (const [type, list] of [['lead', s.leads], ['deal', s.deals]] as const) {
    for (const r of list) {
      // A deal's timeline starts with its lead's entries (carriedFrom): those describe the lead's funnel, not the deal's.
      const history = (await crm.as('system').history.list({ recordType: type, recordId: r.id })).filter((h) => !h.data['carriedFrom']);
      const moves = history.filter((h) => h.type === 'stage_changed');
      const last = moves.length ? moves.at(-1)!.data['to'] : history.find((h) => h.type === 'created')?.data['stage'];
      expect(r.stageId, `${type} ${r.id}: stage equals the last history stage`).to.equal(last);
      expect(r.status).to.equal(crm.pipelines.stage(r.pipelineId, r.stageId).kind);
      if (r.status !== 'open') expect(history.filter((h) => h.type === 'closed').at(-1)?.data['outcome']).to.equal(r.status);
      if (r.status === 'lost') expect(type === 'deal' ? (r as Deal).lostReason : (r as Lead).closeReason, `${type} ${r.id} lost with a reason`).to.be.a('string');
      if (type === 'lead' && r.status === 'won') expect((r as Lead).convertedTo?.dealId).to.be.a('string');
    }
  }
  for (const who of ['ann', 'bob']) {
    const view = crm.as(who);
    for (const list of [await view.contacts.list(), await view.companies.list(), await view.leads.list(), await view.deals.list()]) {
      for (const r of list) expect(r.ownerId, `${who} lists only their own`).to.equal(who);
    }
    // A step is a manager's when it is assigned to them or its record is theirs (never by a stale owner mark).
    const owners = new Map<string, string>([...s.contacts, ...s.companies, ...s.leads, ...s.deals].map((r) => [r.id, r.ownerId]));
    // A removed record's settled steps stay (work done is kept); they remain its last owner's, stamped on the step.
    for (const a of await view.activities.list()) expect([owners.get(a.recordId) ?? (a.state === 'pending' ? undefined : a.ownerId), a.assigneeId], `${who} sees step ${a.id}`).to.include(who);
    const held = new Set([...(await view.leads.list()), ...(await view.deals.list())].map((r) => r.id));
    // A step handed to a manager comes with what they need to work it: its record.
    for (const a of s.activities) if (a.assigneeId === who && a.state === 'pending') expect(held.has(a.recordId), `${who} was handed step ${a.id} of a record they cannot open`).to.equal(true);
    for (const c of s.contacts) {
      if (c.ownerId === who) continue;
      const err = await view.history.list({ recordType: 'contact', recordId: c.id }).then(() => undefined, (e: { code?: string }) => e.code);
      expect(err, `${who} cannot read the history of someone else's contact`).to.equal('forbidden');
    }
  }
}


describe('any sequence of public calls by random users (property-based)', () => {
  it('keeps stages, outcomes and links consistent, and never hands a manager what is not theirs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.boolean(), async (ops, withSneaky, withGuard) => {
        const plugins: Plugin[] = [...(withSneaky ? [sneaky] : []), ...(withGuard ? [invoiceGuard] : [])];
        const clock = { ms: Date.parse('2026-03-02T09:00:00Z') };
        const crm = await createCrm({ store: memoryStore(), users: USERS, plugins: [...plugins, delayedRobots], overduePolicy: { handTo: 'round-robin' }, automationIntervalMs: false, now: () => new Date(clock.ms) });
        crm.on('plugin:error', () => undefined);
        // Every snapshot a manager's live query ever delivers must hold only their own records.
        const delivered: [string, { ownerId: string }[]][] = [];
        const stops = ['ann', 'bob'].flatMap((who) => [
          crm.as(who).deals.watch({}, (rows) => delivered.push([who, rows])),
          crm.as(who).leads.watch({}, (rows) => delivered.push([who, rows])),
          crm.as(who).contacts.watch({}, (rows) => delivered.push([who, rows])),
        ]);
        try {
          for (const op of ops) {
            const who = ACTORS[op.actor % ACTORS.length]!;
            let result: unknown;
            const before = await snapshot(crm);
            try {
              result = await apply(crm, op, clock);
              if (Array.isArray(result)) result = await Promise.all(result);
            } catch (e) {
              const code = (e as { code?: string }).code;
              expect(ALLOWED_ERRORS, `${op.kind} by ${who}: ${String(e)}`).to.include(code);
              checkHistoryDelta(before, await snapshot(crm), `refused ${op.kind} by ${who}`);
              continue;
            }
            for (const r of Array.isArray(result) ? result : [result]) checkHeld(who, r);
            checkHistoryDelta(before, await snapshot(crm), `${op.kind} by ${who}`);
            await checkInvariants(crm);
          }
          await new Promise((resolve) => setTimeout(resolve, 0));
          for (const [who, rows] of delivered) for (const r of rows) expect(r.ownerId, `${who}'s watch delivered someone else's record`).to.equal(who);
        } finally {
          for (const stop of stops) stop();
          await crm.close();
        }
      }),
      {
        numRuns: Number(process.env['CRMKIT_PROPERTY_RUNS'] ?? 60),
        // A failure prints its seed; CRMKIT_PROPERTY_SEED=<seed> replays it.
        ...(process.env['CRMKIT_PROPERTY_SEED'] ? { seed: Number(process.env['CRMKIT_PROPERTY_SEED']) } : {}),
        verbose: 1,
        // Found by this test: a converted lead whose history (carried to the deal) ends in a lost stage.
        examples: [[[{ kind: 'lead', actor: 0, a: 0, b: 0, c: 0 }, { kind: 'close', actor: 0, a: 0, b: 0, c: 0 }, { kind: 'convert', actor: 0, a: 0, b: 0, c: 0 }], false, false]],
      },
    );
  });
});
