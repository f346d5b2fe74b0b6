// The core in Node 20 (no DOM): the memory store, and Dexie on fake-indexeddb.
import { createCrm, definePlugin, dexieStore, memoryStore, StageTransitionError, ValidationError, type Store } from '@crmkit/core';

// Node's types are not part of this browser-first project: type what we use.
type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
};
const fake = (await import('fake-indexeddb' as string)) as { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };

const stores: Array<[string, () => Store]> = [
  ['memory', () => memoryStore()],
  ['dexie on fake-indexeddb', () => dexieStore(`node-${Math.random()}`, { dexie: { indexedDB: fake.indexedDB, IDBKeyRange: fake.IDBKeyRange } })],
];

describe('core under Node', () => {
  it('has no DOM to lean on', () => {
    assert.equal(typeof (globalThis as Record<string, unknown>)['document'], 'undefined');
    assert.equal(typeof (globalThis as Record<string, unknown>)['window'], 'undefined');
  });

  for (const [label, make] of stores) {
    it(`runs the lead-to-deal flow on ${label}`, async () => {
      let t = new Date('2026-05-01T08:00:00Z');
      const guard = definePlugin({
        name: 'amount-guard',
        hooks: { 'stage:beforeChange': ({ record, to }) => (to.id === 'proposal' && !(record as { amount?: number }).amount ? { cancel: 'Amount first' } : undefined) },
      });
      const crm = await createCrm({ store: make(), plugins: [guard], now: () => t, locale: 'ru', automationIntervalMs: false });
      const lead = await crm.leads.create({ name: 'Иван', phone: '8 999 123 45 67', companyName: 'Ромашка', source: { channel: 'web-form' } });
      await assert.rejects(crm.leads.create({ name: 'nobody' }), (e: unknown) => e instanceof ValidationError && e.issues[0]?.code === 'phone_or_email');
      const { deal, contact, company } = await crm.leads.convert(lead.id);
      assert.equal(contact.dupKeys[0], 'p:+79991234567');
      assert.equal(company?.name, 'Ромашка');
      await assert.rejects(crm.deals.moveToStage(deal.id, 'proposal'), (e: unknown) => e instanceof StageTransitionError && e.plugin === 'amount-guard' && e.reason === 'Amount first');
      await crm.deals.update(deal.id, { amount: 500 });
      await crm.deals.moveToStage(deal.id, 'proposal');
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Перезвонить', dueAt: new Date(t.getTime() + 3600_000) });
      t = new Date(t.getTime() + 2 * 3600_000);
      assert.equal((await crm.activities.overdue()).length, 1);
      const won = await crm.deals.win(deal.id);
      assert.equal(won.status, 'won');
      const types = (await crm.history.list({ recordType: 'deal', recordId: deal.id })).map((h) => h.type);
      assert.ok(types.includes('stage_changed') && types.includes('closed'));
      await crm.close();
    });
  }

  it('does not keep the process alive with its automation timer', async () => {
    // Capture the interval the automation starts and ask Node whether it holds the process open.
    // (The old version of this test closed the CRM, which clears the timer: it passed with or without unref.)
    type NodeTimer = { hasRef(): boolean };
    const realSetInterval = globalThis.setInterval;
    const timers: NodeTimer[] = [];
    globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const timer = realSetInterval(...args) as unknown as NodeTimer;
      timers.push(timer);
      return timer;
    }) as typeof setInterval;
    let crm: Awaited<ReturnType<typeof createCrm>> | undefined;
    try {
      crm = await createCrm({ store: memoryStore(), automationIntervalMs: 10 });
    } finally {
      globalThis.setInterval = realSetInterval;
    }
    try {
      assert.equal(timers.length, 1, 'the automation started one interval');
      assert.equal(timers[0]!.hasRef(), false, 'the automation interval keeps the process alive (it must be unref’d)');
    } finally {
      await crm.close();
    }
  });
});
