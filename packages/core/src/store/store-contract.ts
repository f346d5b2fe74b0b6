import { StorageError } from '../errors.js';
import { describeBulkContract } from './bulk-contract.js';
import { describeCheckedPutContract } from './checked-put-contract.js';
import { describeScanContract } from './scan-contract.js';
import type { Store, StoreChange, StoredRow } from './store.js';
import { check, equal, rejects, settle } from './contract-asserts.js';

/** The two test-framework functions the contract suite needs (mocha's and node:test's both fit). */
export interface ContractTestApi {
  /** Groups tests. */
  describe(name: string, fn: () => void): unknown;
  /** Declares one async test. */
  it(name: string, fn: () => Promise<void>): unknown;
}

/**
 * The behaviour every {@link Store} adapter must have, as a test suite. Call it
 * from a test file with a factory that returns a fresh, empty store (use a
 * unique database name per call: tests may run in parallel pages sharing one
 * origin's IndexedDB). It uses the global `describe`/`it` (mocha in the
 * browser) unless `api` is given (node:test's `describe` and `it` in Node,
 * which has no globals). Each test closes its store. Adapter authors import
 * it from `@crmkit/core/testing`.
 *
 * @example
 * ```ts
 * import { describe, it } from 'node:test';
 * import { describeStoreContract } from '@crmkit/core/testing';
 * describeStoreContract('my store', () => myStore(uniqueName()), { describe, it });
 * ```
 */
export function describeStoreContract(label: string, makeStore: () => Store | Promise<Store>, api?: ContractTestApi): void {
  const { describe, it } = api ?? (globalThis as unknown as ContractTestApi);
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw new TypeError('describeStoreContract: no global describe/it here; pass { describe, it } (e.g. from node:test)');
  }

  /** Runs `body` with a fresh open store and closes the store afterwards. */
  const test = (name: string, body: (store: Store) => Promise<void>) =>
    it(name, async () => {
      const store = await makeStore();
      await store.open();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    });

  describe(`store contract: ${label}`, () => {
    describeScanContract(test, describe);
    describeBulkContract(test, describe);
    describeCheckedPutContract(test, describe);
    describe('rows', () => {
      test('get returns undefined for a missing row and the row after put', async (store) => {
        equal(await store.get('contacts', 'c1'), undefined, 'missing row');
        await store.put('contacts', { id: 'c1', name: 'Ann', tags: ['vip'], address: { city: 'Ulaanbaatar' } });
        equal(await store.get('contacts', 'c1'), { id: 'c1', name: 'Ann', tags: ['vip'], address: { city: 'Ulaanbaatar' } }, 'stored row');
      });

      test('put replaces the whole row', async (store) => {
        await store.put('contacts', { id: 'c1', name: 'Ann', phone: '+1' });
        await store.put('contacts', { id: 'c1', name: 'Anna' });
        equal(await store.get('contacts', 'c1'), { id: 'c1', name: 'Anna' }, 'replaced row, old field gone');
      });

      test('callers cannot change stored rows through the objects they pass or receive', async (store) => {
        const row = { id: 'c1', name: 'Ann', address: { city: 'Tashkent' } };
        await store.put('contacts', row);
        row.name = 'changed';
        row.address.city = 'changed';
        const read = await store.get<StoredRow & { address: { city: string } }>('contacts', 'c1');
        equal(read, { id: 'c1', name: 'Ann', address: { city: 'Tashkent' } }, 'mutating the put object');
        read!.address.city = 'changed again';
        const [listed] = await store.query<StoredRow & { address: { city: string } }>('contacts');
        listed!.address.city = 'changed via query';
        equal(await store.get('contacts', 'c1'), { id: 'c1', name: 'Ann', address: { city: 'Tashkent' } }, 'mutating read objects');
      });

      test('rows come back as structured copies: dates, nested arrays, an object reached twice', async (store) => {
        type Row = StoredRow & { born: Date; grid: number[][]; home?: { city: string }; work?: { city: string } };
        const when = new Date('2025-03-10T09:00:00Z');
        const shared = { city: 'Tashkent' };
        await store.put('contacts', { id: 'c1', ownerId: 'u1', born: when, grid: [[1, 2], [3]] });
        await store.put('contacts', { id: 'c2', ownerId: 'u2', born: when, grid: [[4]], home: shared, work: shared });
        const reads = async (): Promise<Row[]> => [
          (await store.get<Row>('contacts', 'c1'))!,
          (await store.get<Row>('contacts', 'c2'))!,
          ...(await store.query<Row>('contacts')),
          ...(await store.query<Row>('contacts', { index: 'ownerId', equals: 'u1' })),
          ...(await store.query<Row>('contacts', { index: 'ownerId', equals: 'u2' })),
          (await store.transaction(['contacts'], (tx) => tx.get<Row>('contacts', 'c2')))!,
        ];
        for (const row of await reads()) {
          check(row.born instanceof Date && row.born !== when && row.born.getTime() === when.getTime(), `${row.id}: a Date with the stored time`);
          if (row.id === 'c2') check(row.home !== shared && row.home === row.work, 'c2: an object reached twice is one new object');
          row.born.setTime(0);
          row.grid[0]!.push(9);
          if (row.home) row.home.city = 'changed';
        }
        const [c1, c2] = await store.query<Row>('contacts');
        check(c1!.born.getTime() === when.getTime() && c2!.born.getTime() === when.getTime(), 'stored dates unchanged');
        equal([c1!.grid, c2!.grid, c2!.home, c2!.work], [[[1, 2], [3]], [[4]], { city: 'Tashkent' }, { city: 'Tashkent' }], 'stored arrays and objects unchanged');
      });

      test('bulkPut writes every row', async (store) => {
        await store.bulkPut('leads', [
          { id: 'l2', name: 'B' },
          { id: 'l1', name: 'A' },
          { id: 'l3', name: 'C' },
        ]);
        equal(ids(await store.query('leads')), ['l1', 'l2', 'l3'], 'all rows, by id');
      });

      test('bulkPut with an invalid row writes nothing', async (store) => {
        await rejects(store.bulkPut('leads', [{ id: 'l1' }, { name: 'no id' } as unknown as StoredRow]), 'bulkPut with a row without id');
        equal(await store.query('leads'), [], 'nothing written');
      });

      test('delete removes a row and ignores a missing one', async (store) => {
        await store.bulkPut('deals', [{ id: 'd1' }, { id: 'd2' }]);
        await store.delete('deals', 'd1');
        await store.delete('deals', 'nope');
        equal(await store.get('deals', 'd1'), undefined, 'deleted row');
        equal(ids(await store.query('deals')), ['d2'], 'remaining rows');
      });

      test('tables are separate', async (store) => {
        await store.put('contacts', { id: 'x', kind: 'contact' });
        await store.put('companies', { id: 'x', kind: 'company' });
        equal(await store.get('contacts', 'x'), { id: 'x', kind: 'contact' }, 'contact');
        equal(await store.get('companies', 'x'), { id: 'x', kind: 'company' }, 'company');
      });
    });

    describe('query', () => {
      const deals: StoredRow[] = [
        { id: 'd3', ownerId: 'ann', stageId: 'new', contactIds: ['c1', 'c2'] },
        { id: 'd1', ownerId: 'ann', stageId: 'won', contactIds: ['c2'] },
        { id: 'd2', ownerId: 'bo', stageId: 'new', contactIds: [] },
        { id: 'd4', ownerId: 'ann', stageId: 'new', contactIds: ['c1', 'c1'] },
      ];

      test('by a plain index returns matching rows in id order', async (store) => {
        await store.bulkPut('deals', deals);
        equal(ids(await store.query('deals', { index: 'ownerId', equals: 'ann' })), ['d1', 'd3', 'd4'], 'ownerId = ann');
        equal(ids(await store.query('deals', { index: 'stageId', equals: 'new' })), ['d2', 'd3', 'd4'], 'stageId = new');
        equal(await store.query('deals', { index: 'ownerId', equals: 'nobody' }), [], 'no match');
      });

      test('by a multi-entry index returns each row containing the value once', async (store) => {
        await store.bulkPut('deals', deals);
        equal(ids(await store.query('deals', { index: 'contactIds', equals: 'c1' })), ['d3', 'd4'], 'contactIds contains c1');
        equal(ids(await store.query('deals', { index: 'contactIds', equals: 'c2' })), ['d1', 'd3'], 'contactIds contains c2');
        await store.put('leads', { id: 'l1', dupKeys: ['p:+79991234567', 'e:a@b.c'] });
        equal(ids(await store.query('leads', { index: 'dupKeys', equals: 'e:a@b.c' })), ['l1'], 'dupKeys');
      });

      test('anyOf matches several values in one query, each row once, in id order', async (store) => {
        await store.bulkPut('deals', deals);
        equal(ids(await store.query('deals', { index: 'ownerId', anyOf: ['bo', 'ann'] })), ['d1', 'd2', 'd3', 'd4'], 'ownerId in (bo, ann)');
        equal(ids(await store.query('deals', { index: 'contactIds', anyOf: ['c1', 'c2'] })), ['d1', 'd3', 'd4'], 'contactIds contains c1 or c2');
        equal(ids(await store.query('deals', { index: 'contactIds', anyOf: ['c1', 'c2'], limit: 2 })), ['d1', 'd3'], 'anyOf + limit');
        equal(await store.query('deals', { index: 'ownerId', anyOf: [] }), [], 'nothing asked, nothing found');
        equal(ids(await store.query('deals', { index: 'id', anyOf: ['d4', 'd2', 'zz'] })), ['d2', 'd4'], 'by primary key');
        equal(ids(await store.query('deals', { index: 'id', equals: 'd3' })), ['d3'], 'one primary key');
      });

            test('limit caps the result', async (store) => {
        await store.bulkPut('deals', deals);
        equal(ids(await store.query('deals', { index: 'ownerId', equals: 'ann', limit: 2 })), ['d1', 'd3'], 'index + limit');
        equal(ids(await store.query('deals', { index: 'contactIds', equals: 'c1', limit: 1 })), ['d3'], 'multi-entry + limit');
        equal(ids(await store.query('deals', { limit: 3 })), ['d1', 'd2', 'd3'], 'scan + limit');
      });

      test('without an index scans the whole table in id order', async (store) => {
        await store.bulkPut('deals', deals);
        equal(await store.query('deals'), [...deals].sort((a, b) => (a.id < b.id ? -1 : 1)), 'every row');
        equal(await store.query('history'), [], 'empty table');
      });

      test('an unknown index is refused', async (store) => {
        await rejects(store.query('deals', { index: 'nope', equals: 'x' }), 'query by an unknown index');
      });
    });

    describe('transaction', () => {
      test('commits writes across tables and returns the result', async (store) => {
        const result = await store.transaction(['contacts', 'leads'], async (tx) => {
          await tx.put('contacts', { id: 'c1' });
          await tx.put('leads', { id: 'l1', contactId: 'c1' });
          return 42;
        });
        equal(result, 42, 'result');
        equal(await store.get('contacts', 'c1'), { id: 'c1' }, 'contact');
        equal(await store.get('leads', 'l1'), { id: 'l1', contactId: 'c1' }, 'lead');
      });

      test('a throw inside writes nothing, in any table, and rejects with that error', async (store) => {
        await store.put('contacts', { id: 'c0', name: 'before' });
        const boom = new Error('boom');
        const error = await rejects(
          store.transaction(['contacts', 'leads'], async (tx) => {
            await tx.put('contacts', { id: 'c0', name: 'after' });
            await tx.put('contacts', { id: 'c1' });
            await tx.delete('contacts', 'c0');
            await tx.put('leads', { id: 'l1' });
            throw boom;
          }),
          'a failing transaction',
        );
        check(error === boom, 'the transaction rejects with the error fn threw');
        equal(await store.query('contacts'), [{ id: 'c0', name: 'before' }], 'contacts untouched');
        equal(await store.query('leads'), [], 'leads untouched');
      });

      test('reads inside see the transaction’s own writes', async (store) => {
        await store.bulkPut('leads', [
          { id: 'l1', ownerId: 'ann' },
          { id: 'l2', ownerId: 'ann' },
        ]);
        await store.transaction(['leads'], async (tx) => {
          await tx.put('leads', { id: 'l3', ownerId: 'ann' });
          await tx.delete('leads', 'l1');
          await tx.put('leads', { id: 'l2', ownerId: 'bo' });
          equal(await tx.get('leads', 'l3'), { id: 'l3', ownerId: 'ann' }, 'get of a new row');
          equal(await tx.get('leads', 'l1'), undefined, 'get of a deleted row');
          equal(ids(await tx.query('leads', { index: 'ownerId', equals: 'ann' })), ['l3'], 'query by index');
          equal(ids(await tx.query('leads')), ['l2', 'l3'], 'scan');
        });
      });

      test('a table outside the transaction’s scope is refused', async (store) => {
        await rejects(
          store.transaction(['contacts'], (tx) => tx.put('leads', { id: 'l1' })),
          'writing a table the transaction did not name',
        );
        equal(await store.query('leads'), [], 'nothing written');
      });

      test('concurrent transactions do not interleave (read-modify-write)', async (store) => {
        const increment = () =>
          store.transaction(['meta'], async (tx) => {
            const counter = await tx.get<StoredRow & { value: number }>('meta', 'counter');
            await tx.put('meta', { id: 'counter', value: (counter?.value ?? 0) + 1 });
          });
        await Promise.all([increment(), increment(), store.put('meta', { id: 'other' }), increment()]);
        equal(await store.get('meta', 'counter'), { id: 'counter', value: 3 }, 'counter after three increments');
      });
    });

    describe('change feed', () => {
      test('subscribers get each committed write, once per commit', async (store) => {
        const seen: StoreChange[][] = [];
        store.subscribe((changes) => seen.push([...changes]));
        await store.put('contacts', { id: 'c1', name: 'Ann' });
        await store.transaction(['contacts', 'deals'], async (tx) => {
          await tx.put('deals', { id: 'd1' });
          await tx.delete('contacts', 'c1');
        });
        await store.bulkPut('history', [{ id: 'h1' }, { id: 'h2' }]);
        await settle();
        equal(
          seen.map((changes) => changes.map(({ table, type, id, row }) => ({ table, type, id, row: row ?? null }))),
          [
            [{ table: 'contacts', type: 'put', id: 'c1', row: { id: 'c1', name: 'Ann' } }],
            [
              { table: 'deals', type: 'put', id: 'd1', row: { id: 'd1' } },
              { table: 'contacts', type: 'delete', id: 'c1', row: null },
            ],
            [
              { table: 'history', type: 'put', id: 'h1', row: { id: 'h1' } },
              { table: 'history', type: 'put', id: 'h2', row: { id: 'h2' } },
            ],
          ],
          'changes',
        );
        check(seen.flat().every((change) => !change.remote), 'local changes are not remote');
      });

      test('rolled-back transactions publish nothing', async (store) => {
        const seen: StoreChange[][] = [];
        store.subscribe((changes) => seen.push([...changes]));
        await rejects(
          store.transaction(['contacts'], async (tx) => {
            await tx.put('contacts', { id: 'c1' });
            throw new Error('no');
          }),
          'a failing transaction',
        );
        await store.put('contacts', { id: 'c2' });
        await settle();
        equal(
          seen.map((changes) => changes.map((change) => change.id)),
          [['c2']],
          'only the committed write',
        );
      });

      test('unsubscribe stops delivery', async (store) => {
        const seen: string[] = [];
        const stop = store.subscribe((changes) => seen.push(...changes.map((change) => change.id)));
        await store.put('jobs', { id: 'j1', state: 'due' });
        stop();
        await store.put('jobs', { id: 'j2', state: 'due' });
        await settle();
        equal(seen, ['j1'], 'changes before unsubscribing only');
      });
    });

    describe('close', () => {
      it('every operation on a closed store rejects with StorageError', async () => {
        const store = await makeStore();
        await store.put('contacts', { id: 'c1' });
        await store.close();
        const attempts: [string, () => Promise<unknown>][] = [
          ['get', () => store.get('contacts', 'c1')],
          ['put', () => store.put('contacts', { id: 'c2' })],
          ['bulkPut', () => store.bulkPut('contacts', [{ id: 'c3' }])],
          ['delete', () => store.delete('contacts', 'c1')],
          ['query', () => store.query('contacts')],
          ['transaction', () => store.transaction(['contacts'], async (tx) => tx.get('contacts', 'c1'))],
          ['open', () => store.open()],
        ];
        for (const [name, attempt] of attempts) {
          const error = await rejects(attempt(), name);
          check(error instanceof StorageError && error.code === 'storage', `${name} after close rejects with StorageError, got ${String(error)}`);
        }
        await store.close(); // closing twice is harmless
      });
    });
  });
}

function ids(rows: readonly StoredRow[]): string[] {
  return rows.map((row) => row.id);
}
