// The `created` entry an imported record derives from its batch's one history entry, in paged
// timelines: the same pages whether the store pages in memory or through `Store.scan` (SQL).
import { createCrm } from '../crm.js';
import { memoryStore } from '../store/memory-store.js';
import { scanningStore } from '../store/scan-test-double.js';
import type { Store } from '../store/store.js';
import type { HistoryEntry } from '../schemas/history.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => Promise<void>) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { deepEqual(a: unknown, b: unknown, m?: string): void };

/** Every page of a record's timeline, `limit` entries at a time, as `type:text` strings. */
async function pages(store: Store, limit: number): Promise<string[][]> {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const crm = await createCrm({ store, now: () => new Date((t += 1000)), automationIntervalMs: false });
  const [first] = await crm.contacts.importBatch([{ input: { name: 'Анна', email: 'a@example.com' } }, { input: { name: 'Bo', email: 'b@example.com' } }], { batchId: 'p', duplicates: 'skip' });
  const id = (first as { id: string }).id;
  await crm.history.addNote('contact', id, 'one');
  await crm.history.addNote('contact', id, 'two');
  const out: string[][] = [];
  let after: { key: string; id: string } | undefined;
  for (;;) {
    const page: HistoryEntry[] = await crm.history.list({ recordType: 'contact', recordId: id, limit, ...(after ? { after } : {}) });
    if (page.length === 0) break;
    out.push(page.map((h) => `${h.type}:${String(h.data['text'] ?? h.data['batchId'])}`));
    const last = page.at(-1) as HistoryEntry;
    after = { key: last.at, id: last.id };
  }
  await crm.close();
  return out;
}

describe('an imported record\'s timeline, paged', () => {
  it('starts with its created entry on every page size, in memory and through scan', async () => {
    for (const limit of [1, 2, 5]) {
      const expected = [['created:p', 'note:one', 'note:two'].slice(0, limit)];
      const inMemory = await pages(memoryStore(), limit);
      const scanned = await pages(scanningStore(), limit);
      assert.deepEqual(inMemory.flat(), ['created:p', 'note:one', 'note:two'], `memory, limit ${limit}`);
      assert.deepEqual(scanned, inMemory, `scan, limit ${limit}`);
      assert.deepEqual(scanned.slice(0, 1), expected, `first page, limit ${limit}`);
    }
  });
});
