// Keyset paging of lists (`ListQuery.after`): the same pages whether the store filters and
// orders in memory or through `Store.scan` (as the SQL stores do), and roles hold on both.
import type { Crm } from '../crm.js';
import { memoryStore } from '../store/memory-store.js';
import { scanningStore } from '../store/scan-test-double.js';
import type { Store } from '../store/store.js';
import type { ListQuery } from './record-service.js';
import { everyPage, pagingTeam } from './paging-test-team.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => Promise<void>) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { deepEqual(a: unknown, b: unknown, m?: string): void; ok(v: unknown, m?: string): void };

/** A team with six deals each for Ann and Bob. */
async function team(store: Store) {
  const crm = await pagingTeam(store);
  for (let i = 0; i < 6; i++) {
    await crm.as('ann').deals.create({ title: `Ann ${i}`, amount: i });
    await crm.as('bob').deals.create({ title: `Bob ${i}`, amount: i });
  }
  return crm;
}

/** Every page of `query` as `user`, `size` at a time, following the last row of each page. */
async function pages(crm: Crm, user: string, query: ListQuery, size: number): Promise<string[][]> {
  const field = (query.sort ?? '-createdAt').replace('-', '') as 'createdAt' | 'updatedAt';
  return everyPage((after, limit) => crm.as(user).deals.list({ ...query, ...(after ? { after } : {}), limit }), (d) => d[field], (d) => d.title, size);
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
