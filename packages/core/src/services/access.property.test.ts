import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createCrm, definePlugin, memoryStore, type Crm, type Deal, type Lead, type Plugin } from '@crmkit/core';

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

type Op = { kind: string; actor: number; a: number; b: number; c: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('contact', 'company', 'lead', 'deal', 'update', 'move', 'win', 'lose', 'close', 'convert', 'remove', 'schedule', 'complete'),
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

async function apply(crm: Crm, op: Op): Promise<unknown> {
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
  }
  return undefined;
}

/** Every record object reachable in a call's result must be one the caller may see. */
function checkHeld(who: string, value: unknown): void {
  if (who === 'boss' || who === 'system' || value === undefined || value === null) return;
  const records = (typeof value === 'object' && 'deal' in (value as object) ? Object.values(value as object) : [value]) as { ownerId?: string; assigneeId?: string }[];
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
    for (const a of await view.activities.list()) expect([a.ownerId, a.assigneeId]).to.include(who);
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
        const crm = await createCrm({ store: memoryStore(), users: USERS, plugins, automationIntervalMs: false, now: () => new Date('2026-03-02T09:00:00Z') });
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
            try {
              result = await apply(crm, op);
            } catch (e) {
              const code = (e as { code?: string }).code;
              expect(ALLOWED_ERRORS, `${op.kind} by ${who}: ${String(e)}`).to.include(code);
              continue;
            }
            checkHeld(who, result);
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
        numRuns: 60,
        // Found by this test: a converted lead whose history (carried to the deal) ends in a lost stage.
        examples: [[[{ kind: 'lead', actor: 0, a: 0, b: 0, c: 0 }, { kind: 'close', actor: 0, a: 0, b: 0, c: 0 }, { kind: 'convert', actor: 0, a: 0, b: 0, c: 0 }], false, false]],
      },
    );
  });
});
