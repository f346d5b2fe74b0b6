import { StorageError } from '../errors.js';
import { putIfUnchanged } from './checked-put.js';
import type { Store, StoreChange, StoredRow } from './store.js';
import { check, rejects, sameData as equal, settle } from './contract-asserts.js';

/**
 * The contract of `Store.putIfUnchanged` (a conditional, atomic write of
 * several rows), run by the store contract suite. A store without its own
 * goes through the core's transaction-based one, which must pass the same
 * cases. @internal
 */
export function describeCheckedPutContract(test: (name: string, body: (store: Store) => Promise<void>) => unknown, describe: (name: string, fn: () => void) => unknown): void {
  describe('putIfUnchanged (conditional writes)', () => {
    const deal = (version: number, extra: Record<string, unknown> = {}): StoredRow => ({ id: 'd1', title: 'Acme', stageId: 'new', version, ...extra });
    const entry = (id: string): StoredRow => ({ id, recordId: 'd1', type: 'stage_changed' });

    test('writes every row in one commit when each version holds', async (store) => {
      await store.put('deals', deal(1));
      const seen: StoreChange[][] = [];
      store.subscribe((changes) => seen.push([...changes]));
      const from = store.head ? await store.head() : 0;
      const done = await putIfUnchanged(store, [
        { table: 'deals', row: deal(2, { stageId: 'won' }), ifVersion: 1 },
        { table: 'history', row: entry('h1') },
        { table: 'history', row: entry('h2') },
      ]);
      equal(done, true, 'committed');
      equal(await store.get('deals', 'd1'), deal(2, { stageId: 'won' }), 'the conditioned row');
      equal((await store.query('history', { index: 'recordId', equals: 'd1' })).map((r) => r.id), ['h1', 'h2'], 'the plain rows');
      await settle();
      equal(seen.length, 1, 'one notification for the commit');
      equal(seen[0]!.map((c) => `${c.table}:${c.type}:${c.id}`), ['deals:put:d1', 'history:put:h1', 'history:put:h2'], 'every write, in order');
      if (store.changesSince) equal((await store.changesSince(from)).map((c) => `${c.table}:${c.id}`), ['deals:d1', 'history:h1', 'history:h2'], 'logged');
    });

    test('writes nothing when a version moved on or the row is gone', async (store) => {
      await store.put('deals', deal(2));
      const seen: StoreChange[] = [];
      store.subscribe((changes) => seen.push(...changes));
      const stale = await putIfUnchanged(store, [
        { table: 'history', row: entry('h1') },
        { table: 'deals', row: deal(3, { stageId: 'won' }), ifVersion: 1 },
      ]);
      equal(stale, false, 'a stale version is refused');
      const gone = await putIfUnchanged(store, [
        { table: 'deals', row: deal(3), ifVersion: 2 },
        { table: 'deals', row: { id: 'd9', version: 2 }, ifVersion: 1 },
      ]);
      equal(gone, false, 'a missing row fails its condition');
      equal(await store.get('deals', 'd1'), deal(2), 'the row is unchanged');
      equal(await store.get('deals', 'd9'), undefined, 'the missing row stays missing');
      equal(await store.get('history', 'h1'), undefined, 'the plain row of a refused write is not written');
      await settle();
      equal(seen, [], 'no change reported');
    });

    test('of writers racing from the same version, exactly one wins', async (store) => {
      await store.put('deals', deal(1));
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => putIfUnchanged(store, [{ table: 'deals', row: deal(2, { by: i }), ifVersion: 1 }, { table: 'history', row: entry(`h${i}`) }])));
      equal(results.filter(Boolean).length, 1, 'one winner');
      const winner = results.indexOf(true);
      equal(await store.get('deals', 'd1'), deal(2, { by: winner }), "the winner's row");
      equal((await store.query('history')).map((r) => r.id), [`h${winner}`], "only the winner's plain row");
    });

    test('read-then-write loops and transactions racing on one row lose no update', async (store) => {
      await store.put('deals', { id: 'd1', version: 1, count: 0 });
      const checked = async () => {
        for (let n = 0; n < 4; n++) {
          for (;;) {
            const row = (await store.get('deals', 'd1')) as StoredRow & { version: number; count: number };
            if (await putIfUnchanged(store, [{ table: 'deals', row: { ...row, version: row.version + 1, count: row.count + 1 }, ifVersion: row.version }])) break;
          }
        }
      };
      const transactional = async () => {
        for (let n = 0; n < 4; n++) {
          await store.transaction(['deals'], async (tx) => {
            const row = (await tx.get('deals', 'd1')) as StoredRow & { version: number; count: number };
            await tx.put('deals', { ...row, version: row.version + 1, count: row.count + 1 });
          });
        }
      };
      await Promise.all([checked(), checked(), checked(), transactional(), transactional()]);
      equal(await store.get('deals', 'd1'), { id: 'd1', version: 21, count: 20 }, 'twenty increments, none lost');
    });

    test('refuses a row twice, a row without an id or a fractional version, and writes nothing', async (store) => {
      await store.put('deals', deal(1));
      for (const [writes, what] of [
        [[{ table: 'deals', row: deal(2), ifVersion: 1 }, { table: 'deals', row: deal(3) }], 'a row twice'],
        [[{ table: 'deals', row: deal(2), ifVersion: 1 }, { table: 'history', row: { id: '' } }], 'a row without an id'],
        [[{ table: 'deals', row: deal(2), ifVersion: 1.5 }], 'a fractional version'],
      ] as const) {
        const error = await rejects(putIfUnchanged(store, writes), what);
        check(error instanceof StorageError, `${what}: a StorageError (got ${String(error)})`);
      }
      equal(await store.get('deals', 'd1'), deal(1), 'nothing written');
    });
  });
}
