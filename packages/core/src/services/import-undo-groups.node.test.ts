// Undoing an import: consecutive parts of one table that only created records are undone together, up to 5,000
// rows a transaction; a part that updated records is undone alone (it restores what the part before it left).
import { createCrm, memoryStore, undoImportBatch, type Store } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { deepEqual(a: unknown, b: unknown, msg?: string): void; equal(a: unknown, b: unknown, msg?: string): void };

/** A memory store that logs the tables of every transaction. */
function loggingStore(): { store: Store; transactions: string[][] } {
  const inner = memoryStore();
  const transactions: string[][] = [];
  const store: Store = { ...inner, transaction: (tables, fn) => (transactions.push([...tables]), inner.transaction(tables, fn)) };
  return { store, transactions };
}

const rows = (tag: string, from: number, to: number) => Array.from({ length: to - from }, (_, k) => ({ input: { name: `${tag} ${from + k}`, email: `${tag}${from + k}@example.com` } }));

describe('undoImportBatch', () => {
  it('undoes the parts that only created records together, 5,000 rows a transaction at most', async () => {
    const { store, transactions } = loggingStore();
    const crm = await createCrm({ store, automationIntervalMs: false });
    try {
      for (let from = 0; from < 7000; from += 1000) await crm.contacts.importBatch(rows('a', from, from + 1000), { batchId: 'b1', duplicates: 'skip' });
      transactions.length = 0;
      const result = await undoImportBatch(crm, 'b1');
      assert.equal(result.removed, 7000);
      assert.deepEqual(transactions.map((t) => t[0]), ['contacts', 'contacts'], 'seven parts of 1,000 rows: one transaction for five, one for two');
      assert.equal((await crm.store.query('contacts')).length, 0);
    } finally {
      await crm.close();
    }
  });

  it('undoes a part that updated records alone, so each restores what the part before it left', async () => {
    const { store, transactions } = loggingStore();
    const crm = await createCrm({ store, automationIntervalMs: false });
    try {
      const original = await crm.contacts.create({ name: 'Anna', email: 'anna@example.com' });
      await crm.contacts.importBatch(rows('a', 0, 3), { batchId: 'b1', duplicates: 'update' });
      await crm.contacts.importBatch([{ input: { name: 'Anna', email: 'anna@example.com', city: 'Москва' } }], { batchId: 'b1', duplicates: 'update' });
      await crm.contacts.importBatch([{ input: { name: 'Anna', email: 'anna@example.com', position: 'CEO' } }], { batchId: 'b1', duplicates: 'update' });
      await crm.contacts.importBatch(rows('a', 3, 6), { batchId: 'b1', duplicates: 'update' });
      transactions.length = 0;
      const result = await undoImportBatch(crm, 'b1');
      assert.deepEqual({ removed: result.removed, restored: result.restored, kept: result.kept }, { removed: 6, restored: 1, kept: [] });
      assert.equal(transactions.length, 4, 'each part alone: two created, two updated');
      assert.deepEqual(await crm.contacts.get(original.id), original);
    } finally {
      await crm.close();
    }
  });
});
