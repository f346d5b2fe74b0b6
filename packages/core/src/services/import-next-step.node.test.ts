// The next-step rule on the import path: with `nextStep: 'required'` an
// imported open lead or deal needs its next step (the row's nextStep), or the
// row fails alone with NextStepRequiredError naming the row. Closed records
// need none; undoing the import removes the steps it scheduled.
import { createCrm, memoryStore, NextStepRequiredError, undoImportBatch, ValidationError, type Crm, type ImportRowOutcome } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };

const USERS = [
  { id: 'ann', name: 'Ann', role: 'manager' as const },
  { id: 'bob', name: 'Bob', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];
const NOW = new Date('2026-03-02T09:00:00Z');
const dueAt = new Date(NOW.getTime() + 86_400_000).toISOString();
const step = { type: 'call' as const, title: 'Intro call', dueAt };

async function ruled(): Promise<Crm> {
  return createCrm({ store: memoryStore(), users: USERS, currentUser: 'ann', nextStep: 'required', now: () => NOW, automationIntervalMs: false });
}
const errorOf = (o: ImportRowOutcome | undefined) => (o?.status === 'failed' ? o.error : undefined);

describe('importBatch under the next-step rule', () => {
  it('an open row without a next step fails alone, naming the row; rows with one, or closed, go in', async () => {
    const crm = await ruled();
    const out = await crm.deals.importBatch(
      [
        { input: { title: 'No step' } },
        { input: { title: 'With step' }, nextStep: step },
        { input: { title: 'Old win', stageId: 'won' } },
        { input: { title: 'Proposal', stageId: 'proposal' }, nextStep: step },
        { input: { title: 'Bad step' }, nextStep: { ...step, dueAt: 'never' } },
        { input: { title: 'Later, no step', stageId: 'invoice' } },
      ],
      { batchId: 'b1', duplicates: 'create' },
    );
    assert.deepEqual(out.map((o) => o.status), ['failed', 'created', 'created', 'created', 'failed', 'failed']);
    const refused = errorOf(out[0]);
    assert.ok(refused instanceof NextStepRequiredError, String(refused));
    assert.equal((refused as NextStepRequiredError).row, 0);
    assert.ok(refused!.message.startsWith('Row 1:'), refused!.message);
    assert.equal((errorOf(out[5]) as NextStepRequiredError).row, 5);
    const bad = errorOf(out[4]);
    assert.ok(bad instanceof ValidationError && bad.issues[0]!.path.join('.') === 'nextStep.dueAt', String(bad));

    const deals = await crm.deals.list();
    assert.deepEqual(deals.map((d) => d.title).sort(), ['Old win', 'Proposal', 'With step']);
    for (const d of deals.filter((x) => x.status === 'open')) {
      const steps = await crm.activities.list({ recordId: d.id, state: 'pending' });
      assert.deepEqual(steps.map((s) => [s.title, s.assigneeId, s.stageId]), [['Intro call', 'ann', d.stageId]]);
      const history = await crm.history.list({ recordType: 'deal', recordId: d.id });
      assert.equal(history.filter((h) => h.type === 'activity_scheduled' && h.data['batchId'] === 'b1').length, 1);
    }
    assert.deepEqual(await crm.activities.missingNextStep(), []);
    await undoImportBatch(crm, 'b1');
    assert.equal((await crm.deals.list()).length, 0);
    assert.equal((await crm.activities.list()).length, 0);
  });

  it('a row updating an existing lead puts its next step on it; undo takes the step and its entry away', async () => {
    const crm = await ruled();
    const lead = await crm.leads.create({ name: 'Dilnoza', phone: '+998 90 123 45 67' }, { nextStep: step });
    const before = await crm.history.list({ recordType: 'lead', recordId: lead.id });
    const out = await crm.leads.importBatch([{ input: { name: 'Dilnoza', phone: '+998 90 123 45 67' }, nextStep: { ...step, title: 'Send price list' } }], { batchId: 'b2', duplicates: 'update' });
    assert.deepEqual(out, [{ status: 'skipped', id: lead.id }]);
    assert.deepEqual((await crm.activities.list({ recordId: lead.id })).map((s) => s.title).sort(), ['Intro call', 'Send price list']);
    await undoImportBatch(crm, 'b2');
    assert.deepEqual((await crm.activities.list({ recordId: lead.id })).map((s) => s.title), ['Intro call']);
    assert.deepEqual(await crm.history.list({ recordType: 'lead', recordId: lead.id }), before);
  });

  it('createMany, which cannot carry steps, refuses a batch with an open record and names its row', async () => {
    const crm = await ruled();
    let error: unknown;
    await crm.leads.createMany([{ name: 'Junk one', phone: '+7 900 000 00 01' }, { name: 'Open', phone: '+7 900 000 00 02' }]).catch((e: unknown) => (error = e));
    assert.ok(error instanceof NextStepRequiredError, String(error));
    assert.equal((error as NextStepRequiredError).row, 0);
    assert.equal((await crm.leads.list()).length, 0);
    assert.equal((await crm.as('system').leads.createMany([{ name: 'From the site', phone: '+7 900 000 00 03' }])).length, 1, 'the system (intake) is not refused');
  });

  it('a manager cannot plan an imported step for a colleague', async () => {
    const crm = await ruled();
    const out = await crm.deals.importBatch([{ input: { title: 'X' }, nextStep: { ...step, assigneeId: 'bob' } }], { batchId: 'b3', duplicates: 'create' });
    assert.equal(out[0]!.status, 'failed');
    assert.equal(errorOf(out[0])!.code, 'forbidden');
    assert.equal((await crm.as('system').deals.list()).length, 0);
  });

  it('an import that gives a record to someone else hands its steps over too, and undo puts all back', async () => {
    const crm = await ruled();
    const lead = await crm.leads.create({ name: 'Dilnoza', phone: '+998 90 123 45 67' }, { nextStep: step });
    const before = { lead: await crm.leads.get(lead.id), steps: await crm.activities.list({ recordId: lead.id }), history: await crm.history.list({ recordType: 'lead', recordId: lead.id }) };
    const boss = crm.as('boss');
    const out = await boss.leads.importBatch([{ input: { name: 'Dilnoza', phone: '+998 90 123 45 67', ownerId: 'bob' } }], { batchId: 'b4', duplicates: 'update' });
    assert.deepEqual(out, [{ status: 'updated', id: lead.id }]);
    assert.deepEqual((await boss.activities.list({ recordId: lead.id })).map((a) => [a.assigneeId, a.ownerId]), [['bob', 'bob']]);
    assert.deepEqual(await crm.as('ann').activities.list(), []);
    await undoImportBatch(boss, 'b4');
    assert.deepEqual(await crm.leads.get(lead.id), before.lead);
    assert.deepEqual(await crm.activities.list({ recordId: lead.id }), before.steps);
    assert.deepEqual(await crm.history.list({ recordType: 'lead', recordId: lead.id }), before.history);
  });

  it('a row matching a colleague\'s record fails without naming it, in skip mode too', async () => {
    const crm = await ruled();
    const bobs = await crm.as('bob').leads.create({ name: 'Bob\'s lead', phone: '+7 900 555 00 01' }, { nextStep: step });
    for (const duplicates of ['skip', 'update'] as const) {
      const [out] = await crm.leads.importBatch([{ input: { name: 'Same phone', phone: '+7 900 555 00 01' }, nextStep: step }], { batchId: `b5-${duplicates}`, duplicates });
      const error = errorOf(out);
      assert.equal(error?.code, 'forbidden', `${duplicates}: ${JSON.stringify(out)}`);
      assert.ok(!error!.message.includes(bobs.id) && !error!.message.includes('bob'), error!.message);
    }
    assert.equal((await crm.as('bob').activities.list({ recordId: bobs.id })).length, 1);
  });
});
