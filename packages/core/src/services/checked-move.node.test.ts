// A move commits what it read with one conditional write (`Store.putIfUnchanged`), not in a
// transaction. These cases put another writer between the move's reads and its commit: the
// record changed is a conflict, as it was in a transaction; a step changed makes the move
// read again; nothing is ever half written.
import { ConflictError, createCrm, memoryStore, type CheckedPut, type Crm, type Store } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
};

/** A memory store that runs `meanwhile` once, right before the first conditional write, and counts those writes. */
function interleaved(): { store: Store; meanwhile: (fn: () => Promise<void>) => void; calls: () => number } {
  const inner = memoryStore();
  let pending: (() => Promise<void>) | undefined;
  let calls = 0;
  const store: Store = Object.assign(Object.create(inner) as Store, {
    async putIfUnchanged(writes: readonly CheckedPut[]) {
      calls++;
      const run = pending;
      pending = undefined;
      if (run) await run();
      return inner.putIfUnchanged!(writes);
    },
  });
  return { store, meanwhile: (fn) => (pending = fn), calls: () => calls };
}

async function team(store: Store): Promise<Crm> {
  return createCrm({ store, automationIntervalMs: false });
}

describe('a move committed with a conditional write', () => {
  it('is a ConflictError when the record changed after the move read it, and writes nothing', async () => {
    const { store, meanwhile } = interleaved();
    const crm = await team(store);
    const deal = await crm.deals.create({ title: 'Acme', amount: 10 });
    meanwhile(async () => void (await crm.deals.update(deal.id, { title: 'Acme Ltd' })));
    await assert.rejects(crm.deals.moveToStage(deal.id, 'qualified'), (e) => e instanceof ConflictError);
    const now = await crm.deals.get(deal.id);
    assert.equal(now.stageId, deal.stageId, 'not moved');
    assert.equal(now.title, 'Acme Ltd', 'the other writer kept');
    const history = await crm.history.list({ recordType: 'deal', recordId: deal.id });
    assert.deepEqual(history.map((h) => h.type), ['created', 'field_changed'], 'no stage_changed entry');
    await crm.close();
  });

  it('reads again when one of the steps it settles changed meanwhile, and settles nothing twice', async () => {
    const { store, meanwhile, calls } = interleaved();
    const crm = await team(store);
    const deal = await crm.deals.create({ title: 'Acme', amount: 10 });
    const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(Date.now() + 3_600_000) });
    meanwhile(async () => void (await crm.activities.complete(step.id, { result: 'Talked, they buy' })));
    const won = await crm.deals.win(deal.id);
    assert.equal(won.status, 'won');
    assert.equal(calls(), 2, 'the first commit was refused, the second (on fresh reads) went through');
    const [settled] = await crm.activities.list({ recordId: deal.id });
    assert.equal(settled?.result, 'Talked, they buy', 'the step keeps the result it was completed with');
    assert.equal(settled?.version, step.version + 1, 'completed once');
    const history = await crm.history.list({ recordType: 'deal', recordId: deal.id });
    assert.deepEqual(history.filter((h) => h.type === 'activity_done').length, 1, 'one "done" entry: the completion, not a second, automatic one');
    assert.deepEqual(history.filter((h) => h.type === 'stage_changed').length, 1, 'one move');
    await crm.close();
  });
});
