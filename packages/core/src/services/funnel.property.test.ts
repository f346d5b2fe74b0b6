import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createCrm, memoryStore, type Crm, type Deal, type Lead } from '@crmkit/core';

type Op = { kind: 'move'; stage: number; reason: number; comment: boolean } | { kind: 'win' } | { kind: 'lose'; reason: number; comment: boolean } | { kind: 'close'; reason: number; comment: boolean } | { kind: 'update' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), stage: fc.nat(7), reason: fc.nat(8), comment: fc.boolean() }),
  fc.constant({ kind: 'win' as const }),
  fc.record({ kind: fc.constant('lose' as const), reason: fc.nat(8), comment: fc.boolean() }),
  fc.record({ kind: fc.constant('close' as const), reason: fc.nat(8), comment: fc.boolean() }),
  fc.constant({ kind: 'update' as const }),
);

/** Applies one operation; invalid ones must throw a typed error and change nothing. */
async function apply(crm: Crm, type: 'deal' | 'lead', id: string, op: Op): Promise<void> {
  const service = type === 'deal' ? crm.deals : crm.leads;
  const record = (await service.get(id)) as Deal | Lead;
  const pipeline = crm.pipelines.get(record.pipelineId);
  const reasonOf = (n: number) => pipeline.lossReasons[n]?.id ?? 'not-a-reason';
  const before = JSON.stringify(record);
  try {
    if (op.kind === 'move') {
      const stage = pipeline.stages[op.stage % pipeline.stages.length]!;
      await service.moveToStage(id, stage.id, { reason: reasonOf(op.reason), ...(op.comment ? { comment: 'because' } : {}) });
    } else if (op.kind === 'win' && type === 'deal') await crm.deals.win(id);
    else if (op.kind === 'lose' && type === 'deal') await crm.deals.lose(id, { reason: reasonOf(op.reason), ...(op.comment ? { comment: 'c' } : {}) });
    else if (op.kind === 'close' && type === 'lead') await crm.leads.close(id, { reason: reasonOf(op.reason), ...(op.comment ? { comment: 'c' } : {}) });
    else if (op.kind === 'update') {
      if (type === 'deal') await crm.deals.update(id, { amount: Math.round(Math.random() * 1000) });
      else await crm.leads.update(id, { message: `m${Math.random()}` });
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    expect(['validation', 'stage_transition'], String(e)).to.include(code);
    // A refused operation leaves the record exactly as it was.
    expect(JSON.stringify(await service.get(id))).to.equal(before);
  }
}

async function checkInvariants(crm: Crm, type: 'deal' | 'lead', id: string): Promise<void> {
  const record = type === 'deal' ? await crm.deals.get(id) : await crm.leads.get(id);
  const history = await crm.history.list({ recordType: type, recordId: id });
  const moves = history.filter((h) => h.type === 'stage_changed');
  const created = history.find((h) => h.type === 'created');
  const lastStage = moves.length ? moves.at(-1)!.data['to'] : created?.data['stage'];
  expect(record.stageId, 'stage equals the last stage in history').to.equal(lastStage);
  const stage = crm.pipelines.stage(record.pipelineId, record.stageId);
  expect(record.status, 'status follows the stage kind').to.equal(stage.kind);
  if (record.status !== 'open') {
    const closed = history.filter((h) => h.type === 'closed').at(-1);
    expect(closed?.data['outcome'], 'a closed record has its outcome in history').to.equal(record.status);
  }
  if (record.status === 'lost') {
    const reason = type === 'deal' ? (record as Deal).lostReason : (record as Lead).closeReason;
    expect(crm.pipelines.get(record.pipelineId).lossReasons.map((r) => r.id), 'a lost record has a reason from its list').to.include(reason);
  } else {
    expect(type === 'deal' ? (record as Deal).lostReason : (record as Lead).closeReason).to.equal(undefined);
  }
  if (type === 'lead' && record.status === 'won') expect((record as Lead).convertedTo?.dealId).to.be.a('string');
}

describe('funnel invariants (property-based)', () => {
  for (const type of ['deal', 'lead'] as const) {
    it(`any sequence of operations on a ${type} keeps stage, history and outcome consistent`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
          const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
          const id = type === 'deal' ? (await crm.deals.create({ title: 'P', amount: 1 })).id : (await crm.leads.create({ phone: '+7 900 000 00 01' })).id;
          for (const op of ops) {
            const current = type === 'deal' ? await crm.deals.get(id) : await crm.leads.get(id);
            // A converted lead is finished: its deal lives on.
            if (type === 'lead' && current.status === 'won') break;
            await apply(crm, type, id, op);
            await checkInvariants(crm, type, id);
          }
          await crm.close();
        }),
        { numRuns: 60 },
      );
    });
  }
});
