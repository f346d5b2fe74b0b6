// Keyset paging of lists (`ListQuery.after`): the same pages whether the store filters and
// orders in memory or through `Store.scan` (as the SQL stores do), and roles hold on both.
import { createCrm } from '../crm.js';
import { memoryStore } from '../store/memory-store.js';
import { scanningStore } from '../store/scan-test-double.js';
import type { Store } from '../store/store.js';
import type { ListQuery } from './record-service.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => Promise<void>) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { deepEqual(a: unknown, b: unknown, m?: string): void; ok(v: unknown, m?: string): void };

async function team(store: Store) {
  let t = Date.parse('2026-01-01T00:00:00Z');
  const crm = await createCrm({
    store,
    now: () => new Date((t += 1000)),
    users: [
      { id: 'ann', name: 'Ann', role: 'manager' },
      { id: 'bob', name: 'Bob', role: 'manager' },
      { id: 'boss', name: 'Bo', role: 'head' },
    ],
  });
  for (let i = 0; i < 6; i++) {
    await crm.as('ann').deals.create({ title: `Ann ${i}`, amount: i });
    await crm.as('bob').deals.create({ title: `Bob ${i}`, amount: i });
  }
  return crm;
}

/** Every page of `query` as `user`, `size` at a time, following the last row of each page. */
async function pages(crm: Awaited<ReturnType<typeof team>>, user: string, query: ListQuery, size: number): Promise<string[][]> {
  const out: string[][] = [];
  const field = (query.sort ?? '-createdAt').replace('-', '') as 'createdAt' | 'updatedAt';
  let after: ListQuery['after'];
  for (;;) {
    const page = await crm.as(user).deals.list({ ...query, ...(after ? { after } : {}), limit: size });
    if (page.length === 0) return out;
    out.push(page.map((d) => d.title));
    const last = page[page.length - 1]!;
    after = { key: last[field], id: last.id };
  }
}

describe('list keyset paging', () => {
  it('pages alike in memory and through Store.scan, a manager seeing only their own', async () => {
    const plain = await team(memoryStore());
    const scanned = scanningStore();
    const viaScan = await team(scanned);
    for (const [user, query] of [
      ['ann', {}],
      ['ann', { sort: 'createdAt' }],
      ['ann', { ownerId: 'bob' }],
      ['boss', { text: 'bob' }],
      ['boss', { stageId: 'new', sort: '-updatedAt' }],
    ] as const) {
      const expected = await pages(plain, user, query, 4);
      assert.deepEqual(await pages(viaScan, user, query, 4), expected, `${user} ${JSON.stringify(query)}`);
      const titles = expected.flat();
      assert.ok(user !== 'ann' || titles.every((t) => t.startsWith('Ann')), 'a manager sees only their own');
      assert.deepEqual(new Set(titles).size, titles.length, 'no title twice');
    }
    assert.deepEqual((await pages(plain, 'ann', {}, 4)).flat(), ['Ann 5', 'Ann 4', 'Ann 3', 'Ann 2', 'Ann 1', 'Ann 0'], 'newest first, all of them');
    assert.ok(scanned.scans > 0, 'the scanning store was asked');
  });
});
