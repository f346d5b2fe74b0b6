import { expect } from '@open-wc/testing';
import { createCrm, memoryStore, type Store, type StoreOps } from '@crmkit/core';
import type { Table } from '../read/table.js';
import { importRecords } from './import-records.js';
import { describe, it } from '../test/mocha.js';

// How many rows importRecords hands the store per transaction. Counted (transactions, rows, history entries),
// never timed.

function table(headers: string[], rows: string[][]): Table {
  return { format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', headers, rows, warnings: [] };
}

/** The contacts rows each store transaction writes, in order. */
function countContactWrites(store: Store): number[] {
  const sizes: number[] = [];
  const transaction = store.transaction.bind(store);
  store.transaction = (async (tables, fn) => {
    if (!tables.includes('contacts')) return transaction(tables, fn);
    return transaction(tables, (tx) => {
      const counted: StoreOps = Object.assign(Object.create(tx) as StoreOps, {
        bulkPut: (t: Parameters<StoreOps['bulkPut']>[0], rows: Parameters<StoreOps['bulkPut']>[1]) => {
          if (t === 'contacts') sizes.push(rows.length);
          return tx.bulkPut(t, rows);
        },
      });
      return fn(counted);
    });
  }) as Store['transaction'];
  return sizes;
}

describe('importRecords: batches', () => {
  it('writes 1,000 rows a transaction by default: 2,500 contacts in three, every row stored, one history entry each', async () => {
    const store = memoryStore();
    const crm = await createCrm({ store, automationIntervalMs: false, phoneCountry: 'RU', now: () => new Date('2026-03-02T09:00:00Z') });
    const sizes = countContactWrites(store);
    const rows = Array.from({ length: 2500 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
    const r = await importRecords(crm, table(['Name', 'Email'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email' } });
    expect([r.created, r.failed]).to.deep.equal([2500, 0]);
    expect(sizes).to.deep.equal([1000, 1000, 500]);
    expect(await store.query('contacts')).to.have.length(2500);
    const entries = (await store.query('history')).filter((h) => (h['data'] as { batchId?: string } | undefined)?.batchId === r.batchId);
    expect(entries).to.have.length(3);
    await crm.close();
  });

  it('batchSize still sets the rows a transaction takes', async () => {
    const store = memoryStore();
    const crm = await createCrm({ store, automationIntervalMs: false, phoneCountry: 'RU', now: () => new Date('2026-03-02T09:00:00Z') });
    const sizes = countContactWrites(store);
    const rows = Array.from({ length: 700 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
    const r = await importRecords(crm, table(['Name', 'Email'], rows), { entity: 'contact', mapping: { Name: 'name', Email: 'email' }, batchSize: 250 });
    expect(r.created).to.equal(700);
    expect(sizes).to.deep.equal([250, 250, 200]);
    await crm.close();
  });
});
