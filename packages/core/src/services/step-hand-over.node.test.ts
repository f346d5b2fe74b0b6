// activities.update (the planner's drag: reschedule, hand over) follows the
// rules of every other update: one history entry per change, and a hand-over
// checked like a record's owner change.
import { createCrm, ForbiddenError, memoryStore, ValidationError, type Crm } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void; rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void> };

const USERS = [
  { id: 'ann', name: 'Ann', role: 'manager' as const },
  { id: 'bob', name: 'Bob', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];
const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;

async function setup(): Promise<{ crm: Crm; dealId: string; stepId: string }> {
  const crm = await createCrm({ store: memoryStore(), users: USERS, now: () => NOW, automationIntervalMs: false });
  const deal = await crm.as('boss').deals.create({ title: 'Acme', ownerId: 'ann' });
  const step = await crm.as('ann').activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call', dueAt: new Date(NOW.getTime() + DAY) });
  return { crm, dealId: deal.id, stepId: step.id };
}

const stepEntries = async (crm: Crm, dealId: string) => (await crm.as('system').history.list({ recordType: 'deal', recordId: dealId })).filter((e) => e.type !== 'created' && !(e.type === 'activity_scheduled' && !e.data['rescheduled']));

describe('activities.update writes history and checks hand-overs', () => {
  it('a reschedule writes one history entry with what changed', async () => {
    const { crm, dealId, stepId } = await setup();
    const later = new Date(NOW.getTime() + 3 * DAY).toISOString();
    const before = await crm.activities.get(stepId);
    await crm.as('ann').activities.update(stepId, { dueAt: later });
    const entries = await stepEntries(crm, dealId);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.type, 'activity_scheduled');
    assert.equal(entries[0]!.by, 'ann');
    assert.deepEqual(entries[0]!.data['changes'], { dueAt: { from: before.dueAt, to: later } });
    // The same values again change nothing and write nothing.
    await crm.as('ann').activities.update(stepId, { dueAt: later });
    assert.equal((await stepEntries(crm, dealId)).length, 1);
  });

  it('a head hands a step to a manager: one reassignment entry, and the record follows so they can open it', async () => {
    const { crm, dealId, stepId } = await setup();
    const moved = await crm.as('boss').activities.update(stepId, { assigneeId: 'bob' });
    assert.equal(moved.assigneeId, 'bob');
    const entries = await stepEntries(crm, dealId);
    assert.deepEqual(entries.map((e) => [e.type, e.by]), [['activity_reassigned', 'boss'], ['field_changed', 'boss']]);
    assert.deepEqual([entries[0]!.data['from'], entries[0]!.data['to']], ['ann', 'bob']);
    assert.deepEqual(entries[1]!.data['changes'], { ownerId: { from: 'ann', to: 'bob' } });
    assert.equal((await crm.as('bob').deals.get(dealId)).ownerId, 'bob');
    assert.equal((await crm.as('bob').activities.list()).length, 1);
    assert.equal((await crm.as('ann').activities.list()).length, 0, 'Ann no longer holds a step of a record she cannot open');
  });

  it('a manager cannot give a step away: ForbiddenError naming assigneeId, nothing written', async () => {
    const { crm, dealId, stepId } = await setup();
    const before = await crm.activities.get(stepId);
    await assert.rejects(crm.as('ann').activities.update(stepId, { assigneeId: 'bob', title: 'Call Bob' }), (e) => e instanceof ForbiddenError && e.message.includes('assigneeId'));
    await assert.rejects(crm.as('ann').activities.update(stepId, { assigneeId: 'boss' }), (e) => e instanceof ForbiddenError);
    await assert.rejects(crm.as('ann').activities.schedule({ recordType: 'deal', recordId: dealId, type: 'call', title: 'For Bob', dueAt: NOW, assigneeId: 'bob' }), (e) => e instanceof ForbiddenError && e.message.includes('assigneeId'));
    assert.deepEqual(await crm.activities.get(stepId), before);
    assert.equal((await stepEntries(crm, dealId)).length, 0);
    assert.equal((await crm.deals.get(dealId)).ownerId, 'ann');
  });

  it('a manager may take a step on their own record back onto themselves', async () => {
    const { crm, dealId, stepId } = await setup();
    await crm.as('boss').activities.update(stepId, { assigneeId: 'boss' });
    const back = await crm.as('ann').activities.update(stepId, { assigneeId: 'ann' });
    assert.equal(back.assigneeId, 'ann');
    assert.deepEqual((await stepEntries(crm, dealId)).map((e) => e.type), ['activity_reassigned', 'activity_reassigned']);
  });

  it('a colleague cannot touch the step, and an unknown assignee is a ValidationError on assigneeId', async () => {
    const { crm, stepId } = await setup();
    await assert.rejects(crm.as('bob').activities.update(stepId, { dueAt: NOW }), (e) => e instanceof ForbiddenError);
    await assert.rejects(crm.as('boss').activities.update(stepId, { assigneeId: 'nobody' }), (e) => e instanceof ValidationError && e.issues[0]!.path[0] === 'assigneeId');
  });

  it('a record given to a colleague takes its steps along: nobody keeps a step of a record they cannot open', async () => {
    const { crm, dealId, stepId } = await setup();
    const bossStep = await crm.as('boss').activities.schedule({ recordType: 'deal', recordId: dealId, type: 'task', title: 'Check terms', dueAt: NOW, assigneeId: 'boss' });
    await crm.as('boss').deals.update(dealId, { ownerId: 'bob' });
    assert.deepEqual(await crm.as('ann').activities.list(), [], 'Ann no longer sees steps of the deal');
    assert.deepEqual((await crm.as('bob').activities.list()).map((a) => [a.id, a.assigneeId]).sort(), [[stepId, 'bob'], [bossStep.id, 'boss']].sort());
    const entries = await stepEntries(crm, dealId);
    assert.deepEqual(entries.map((e) => [e.type, e.data['from'], e.data['to'], e.data['reason']]), [['field_changed', undefined, undefined, undefined], ['activity_reassigned', 'ann', 'bob', 'owner changed']]);
  });

  it('a step is never scheduled for a manager who cannot open its record', async () => {
    const { crm, dealId } = await setup();
    await assert.rejects(crm.as('boss').activities.schedule({ recordType: 'deal', recordId: dealId, type: 'call', title: 'Bob calls', dueAt: NOW, assigneeId: 'bob' }), (e) => e instanceof ForbiddenError && e.message.includes('assigneeId'));
    assert.equal((await crm.as('bob').activities.list()).length, 0);
  });
});
