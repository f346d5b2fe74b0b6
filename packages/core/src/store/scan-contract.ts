import type { Store, StoredRow } from './store.js';
import { equal } from './contract-asserts.js';

/**
 * The contract of the optional `Store.scan` (keyset windows), run by the
 * store contract suite for stores that have it. @internal
 */
export function describeScanContract(test: (name: string, body: (store: Store) => Promise<void>) => unknown, describe: (name: string, fn: () => void) => unknown): void {
  describe('scan (optional keyset windows)', () => {
    const rows: StoredRow[] = [
      { id: 'd1', stageId: 'new', ownerId: 'ann', contactIds: ['c1'], createdAt: '2026-01-01T10:00:00.000Z' },
      { id: 'd2', stageId: 'new', ownerId: 'bob', contactIds: ['c1', 'c2'], createdAt: '2026-01-01T11:00:00.000Z' },
      { id: 'd3', stageId: 'won', ownerId: 'ann', contactIds: [], createdAt: '2026-01-01T11:00:00.000Z' },
      { id: 'd4', stageId: 'new', ownerId: 'ann', contactIds: ['c2'], createdAt: '2026-01-01T11:00:00.000Z' },
      { id: 'd5', stageId: 'new', ownerId: 'ann', createdAt: '2026-01-01T09:00:00.000Z' },
    ];
    const scanIds = async (store: Store, query: Parameters<NonNullable<Store['scan']>>[1]) => (await store.scan!('deals', query)).map((r) => r.id);

    test('orders by the field then id, both ways, and filters by equality and containment', async (store) => {
      if (!store.scan) return;
      await store.bulkPut('deals', rows);
      equal(await scanIds(store, { orderBy: 'createdAt', descending: true }), ['d4', 'd3', 'd2', 'd1', 'd5'], 'newest first, ties by id descending');
      equal(await scanIds(store, { orderBy: 'createdAt' }), ['d5', 'd1', 'd2', 'd3', 'd4'], 'oldest first, ties by id');
      equal(await scanIds(store, { orderBy: 'createdAt', descending: true, equals: { stageId: 'new', ownerId: 'ann' } }), ['d4', 'd1', 'd5'], 'two equalities');
      equal(await scanIds(store, { orderBy: 'createdAt', contains: { contactIds: 'c2' } }), ['d2', 'd4'], 'array containment');
      equal(await scanIds(store, { orderBy: 'createdAt', equals: { stageId: 'lost' } }), [], 'nothing matches');
    });

    test('keeps rows where one of several fields matches, and a range of the sort key', async (store) => {
      if (!store.scan) return;
      await store.bulkPut('deals', rows);
      equal(await scanIds(store, { orderBy: 'createdAt', either: { ownerId: 'bob', stageId: 'won' } }), ['d2', 'd3'], 'owner or stage');
      equal(await scanIds(store, { orderBy: 'createdAt', equals: { ownerId: 'ann' }, either: { stageId: 'won', ownerId: 'nobody' } }), ['d3'], 'either with equals');
      equal(await scanIds(store, { orderBy: 'createdAt', from: '2026-01-01T10:00:00.000Z', below: '2026-01-01T11:00:00.000Z' }), ['d1'], 'from is inclusive, below exclusive');
      equal(await scanIds(store, { orderBy: 'createdAt', descending: true, below: '2026-01-01T11:00:00.000Z', limit: 1 }), ['d1'], 'range with order and limit');
      equal(await scanIds(store, { orderBy: 'createdAt', from: '2026-01-01T11:00:00.000Z', after: ['2026-01-01T11:00:00.000Z', 'd2'] }), ['d3', 'd4'], 'range with keyset position');
    });

    test('pages with after + limit without skipping or repeating rows that share a sort key', async (store) => {
      if (!store.scan) return;
      await store.bulkPut('deals', rows);
      const seen: string[] = [];
      let after: readonly [string, string] | undefined;
      for (let page = 0; page < 10; page++) {
        const got = await store.scan('deals', { orderBy: 'createdAt', descending: true, limit: 2, ...(after ? { after } : {}) });
        seen.push(...got.map((r) => r.id));
        if (got.length < 2) break;
        const last = got[got.length - 1]!;
        after = [String(last['createdAt']), last.id];
      }
      equal(seen, ['d4', 'd3', 'd2', 'd1', 'd5'], 'every row once, in order');
      equal(await scanIds(store, { orderBy: 'createdAt', after: ['2026-01-01T11:00:00.000Z', 'd2'] }), ['d3', 'd4'], 'ascending after a tie');
    });
  });
}
