// A move with a stale `version` is refused even when the record already is in
// the target stage: the caller decided on a state that is no longer there, so
// "nothing to do" would hide the conflict (the server answers 412 to If-Match).
import { ConflictError, createCrm, memoryStore } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void> };

describe('a stale version on a move', () => {
  it('is a ConflictError also when the deal or lead already is in the target stage', async () => {
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
    const deal = await crm.deals.create({ title: 'Acme', amount: 10 });
    const won = await crm.deals.moveToStage(deal.id, 'won');
    await assert.rejects(crm.deals.moveToStage(deal.id, 'won', { version: deal.version }), (e) => e instanceof ConflictError);
    assert.equal((await crm.deals.moveToStage(deal.id, 'won', { version: won.version })).version, won.version, 'a current version moves to where it is: nothing changes');
    const lead = await crm.leads.create({ name: 'Ann', phone: '+7 903 095 27 29' });
    const moved = await crm.leads.moveToStage(lead.id, crm.pipelines.get(lead.pipelineId).stages[1]!.id);
    await assert.rejects(crm.leads.moveToStage(lead.id, moved.stageId, { version: lead.version }), (e) => e instanceof ConflictError);
    await crm.close();
  });
});
