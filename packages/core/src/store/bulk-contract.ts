import type { IndexValue, Store, StoreChange, StoredRow } from './store.js';
import { rejects, sameData as equal } from './contract-asserts.js';

/** A contact row of the bulk cases: owners, companies (some none) and duplicate keys (some none, some shared). */
function contact(i: number, tag = 'a'): StoredRow {
  const row: StoredRow = { id: `c${String(i).padStart(4, '0')}`, name: `Контакт ${i} ${tag}`, ownerId: ['ann', 'bo', 'cy'][i % 3] as string, dupKeys: i % 10 === 0 ? [] : [`p:+7999${i}`, `e:c${i % 50}@x.io`] };
  if (i % 4 !== 0) row['companyId'] = `co${i % 7}`;
  return row;
}

/** Rows in a scrambled (not id) order, as an import of an unsorted file writes them. */
function scrambled(from: number, to: number, tag?: string): StoredRow[] {
  const rows: StoredRow[] = [];
  for (let i = from; i < to; i++) rows.push(contact(i, tag));
  return rows.sort((a, b) => ((a.id.charCodeAt(4) * 31 + a.id.charCodeAt(3)) % 17) - ((b.id.charCodeAt(4) * 31 + b.id.charCodeAt(3)) % 17));
}

/** What a query must return, from a plain list of the stored rows. */
function expected(rows: Iterable<StoredRow>, field?: string, values?: readonly IndexValue[], limit?: number): string[] {
  const has = (row: StoredRow) => {
    if (field === undefined) return true;
    const value = field === 'id' ? row.id : row[field];
    return Array.isArray(value) ? value.some((v) => values!.includes(v as IndexValue)) : values!.includes(value as IndexValue);
  };
  const ids = [...rows].filter(has).map((r) => r.id).sort();
  return limit === undefined ? ids : ids.slice(0, limit);
}

/**
 * Bulk writes of hundreds of rows — where a store may keep rows differently
 * (`dexieStore` stores them in chunks) — followed by single writes, reads by
 * every index, limits and order, run by the store contract suite. @internal
 */
export function describeBulkContract(test: (name: string, body: (store: Store) => Promise<void>) => unknown, describe: (name: string, fn: () => void) => unknown): void {
  describe('bulk writes of hundreds of rows', () => {
    /** Checks every contacts query the services make against `model`. */
    const agrees = async (store: Store, model: Map<string, StoredRow>, what: string) => {
      const ids = (rows: StoredRow[]) => rows.map((r) => r.id);
      equal(ids(await store.query('contacts')), expected(model.values()), `${what}: whole table in id order`);
      equal(await store.query('contacts'), [...model.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), `${what}: whole rows`);
      equal(ids(await store.query('contacts', { limit: 7 })), expected(model.values(), undefined, undefined, 7), `${what}: scan + limit`);
      for (const [field, values] of [['ownerId', ['bo']], ['ownerId', ['cy', 'ann']], ['companyId', ['co3']], ['companyId', ['co1', 'co6', 'nope']], ['dupKeys', ['e:c7@x.io']], ['dupKeys', ['p:+7999123', 'e:c9@x.io', 'p:+79990']], ['id', ['c0005', 'c0300', 'c0123', 'c9999']]] as const) {
        equal(ids(await store.query('contacts', { index: field, anyOf: values })), expected(model.values(), field, values), `${what}: ${field} any of ${values.join(' ')}`);
        equal(ids(await store.query('contacts', { index: field, equals: values[0] })), expected(model.values(), field, [values[0]]), `${what}: ${field} = ${values[0]}`);
        equal(ids(await store.query('contacts', { index: field, anyOf: values, limit: 3 })), expected(model.values(), field, values, 3), `${what}: ${field} any of, limit 3`);
      }
      for (const id of ['c0000', 'c0001', 'c0149', 'c0150', 'c0451', 'c0649', 'c9999']) equal(await store.get('contacts', id), model.get(id), `${what}: get ${id}`);
      // Long any-of lists (an import's or an undo's: a store may read the keys' range rather than each key).
      const many: [string, IndexValue[]][] = [
        ['id', Array.from({ length: 60 }, (_, k) => contact(k * 11 + 3).id).concat(['c9998', 'c0000'])],
        ['companyId', Array.from({ length: 20 }, (_, k) => `co${k * 2}`).concat(['co']) as IndexValue[]],
        ['dupKeys', Array.from({ length: 40 }, (_, k) => (k % 2 ? `e:c${k}@x.io` : `p:+7999${k * 13}`))],
      ];
      for (const [field, values] of many) {
        equal(ids(await store.query('contacts', { index: field, anyOf: values })), expected(model.values(), field, values), `${what}: ${field} any of ${values.length} values`);
      }
    };

    test('a bulk write reads back whole, by id, by each index, with any-of, limits and in id order', async (store) => {
      const rows = scrambled(0, 650);
      await store.bulkPut('contacts', rows);
      await agrees(store, new Map(rows.map((r) => [r.id, r])), 'after the bulk write');
      const companies = Array.from({ length: 260 }, (_, i) => ({ id: `co${i}`, name: `Co ${i}`, nameKey: `co ${i % 100}`, ownerId: i % 2 ? 'ann' : 'bo' }));
      await store.bulkPut('companies', companies);
      equal((await store.query('companies', { index: 'nameKey', equals: 'co 42' })).map((r) => r.id), ['co142', 'co242', 'co42'], 'companies by name key');
      equal((await store.query('companies', { index: 'ownerId', equals: 'ann', limit: 2 })).map((r) => r.id), ['co1', 'co101'], 'companies by owner, limit');
    });

    test('single writes after a bulk write: update, change an indexed value, delete, write again', async (store) => {
      const model = new Map(scrambled(0, 400).map((r) => [r.id, r]));
      await store.bulkPut('contacts', [...model.values()]);
      const moved = { ...contact(7), ownerId: 'cy', companyId: 'co99', dupKeys: ['e:new@x.io'] };
      await store.put('contacts', moved);
      model.set(moved.id, moved);
      await store.delete('contacts', 'c0123');
      model.delete('c0123');
      await store.transaction(['contacts'], async (tx) => {
        for (let i = 200; i < 260; i++) await tx.delete('contacts', contact(i).id);
        await tx.put('contacts', contact(210, 'back'));
        equal(await tx.get('contacts', 'c0210'), contact(210, 'back'), 'a row written again inside the transaction');
        equal(await tx.get('contacts', 'c0211'), undefined, 'a row deleted inside the transaction');
        equal((await tx.query('contacts', { index: 'ownerId', equals: 'bo', limit: 3 })).map((r) => r.id), ['c0001', 'c0004', 'c0010'], 'a query inside the transaction');
      });
      for (let i = 200; i < 260; i++) model.delete(contact(i).id);
      model.set('c0210', contact(210, 'back'));
      await agrees(store, model, 'after single writes');
      equal((await store.query('contacts', { index: 'dupKeys', equals: 'e:new@x.io' })).map((r) => r.id), ['c0007'], 'found by its new duplicate key');
      equal((await store.query('contacts', { index: 'dupKeys', equals: 'p:+79997' })).map((r) => r.id), [], 'not by its old one');
    });

    test('bulk writes over stored rows replace them: no row is ever there twice', async (store) => {
      const model = new Map<string, StoredRow>();
      const write = async (rows: StoredRow[]) => {
        await store.bulkPut('contacts', rows);
        for (const r of rows) model.set(r.id, r);
      };
      await write(scrambled(0, 300));
      await write(scrambled(150, 450, 'second'));
      await write(scrambled(100, 160, 'small'));
      await store.put('contacts', contact(5, 'single'));
      model.set('c0005', contact(5, 'single'));
      await write(scrambled(0, 320, 'third'));
      await agrees(store, model, 'after overlapping bulk writes');
      equal((await store.query('contacts')).length, 450, 'each row once');
    });

    test('the same id twice in one bulk write keeps the last row', async (store) => {
      const rows = scrambled(0, 300);
      await store.bulkPut('contacts', [...rows, { ...contact(12), name: 'last' }]);
      equal((await store.get('contacts', 'c0012'))?.['name'], 'last', 'the later row');
      equal((await store.query('contacts')).length, 300, 'each row once');
    });

    test('a bulk write is atomic with the rest of its transaction and announces every row once', async (store) => {
      const seen: StoreChange[] = [];
      store.subscribe((changes) => seen.push(...changes));
      const head = store.head ? await store.head() : 0;
      await store.bulkPut('contacts', scrambled(0, 250));
      await rejects(
        store.transaction(['contacts', 'history'], async (tx) => {
          await tx.bulkPut('contacts', scrambled(200, 600, 'lost'));
          await tx.delete('contacts', 'c0003');
          await tx.put('history', { id: 'h1', recordId: 'c0201' });
          throw new Error('rolled back');
        }),
        'a transaction that throws',
      );
      const model = new Map(scrambled(0, 250).map((r) => [r.id, r]));
      await agrees(store, model, 'after a rolled-back bulk write');
      equal(await store.query('history'), [], 'nothing else written either');
      await new Promise((resolve) => setTimeout(resolve, 0));
      equal(seen.map((c) => c.id).sort(), expected(model.values()), 'one change per row of the committed bulk write');
      if (store.changesSince) equal((await store.changesSince(head, 1000)).map((c) => c.id).sort(), expected(model.values()), 'one logged change per row');
    });

    test('bulkDelete removes the listed rows (absent ones ignored), announces each, and rolls back with its transaction', async (store) => {
      if (!store.bulkDelete) return;
      const rows = scrambled(0, 400);
      const model = new Map(rows.map((r) => [r.id, r]));
      await store.bulkPut('contacts', rows);
      await store.bulkPut('history', Array.from({ length: 120 }, (_, k) => ({ id: `h${k}`, recordId: contact(k * 3).id })));
      const seen: StoreChange[] = [];
      store.subscribe((changes) => seen.push(...changes));
      const gone = [...Array.from({ length: 150 }, (_, k) => contact(k * 2 + 1).id), 'c9999'];
      await store.bulkDelete('contacts', gone);
      for (const id of gone) model.delete(id);
      await agrees(store, model, 'after bulkDelete');
      await rejects(
        store.transaction(['contacts', 'history'], async (tx) => {
          await (tx.bulkDelete as NonNullable<Store['bulkDelete']>)('contacts', ['c0000', 'c0002']);
          await (tx.bulkDelete as NonNullable<Store['bulkDelete']>)('history', ['h0', 'h1']);
          throw new Error('rolled back');
        }),
        'a transaction that throws',
      );
      await agrees(store, model, 'after a rolled-back bulkDelete');
      const history = await store.query('history', { index: 'recordId', anyOf: Array.from({ length: 40 }, (_, k) => contact(k * 6).id) });
      equal(history.map((r) => r.id).sort(), Array.from({ length: 40 }, (_, k) => `h${k * 2}`).sort(), 'history rows by a long any-of list of record ids');
      await store.transaction(['history'], (tx) => (tx.bulkDelete as NonNullable<Store['bulkDelete']>)('history', history.map((r) => r.id)));
      equal((await store.query('history')).length, 80, 'history rows deleted in a transaction');
      await new Promise((resolve) => setTimeout(resolve, 0));
      equal(seen.filter((c) => c.type === 'delete' && c.table === 'contacts').map((c) => c.id).sort(), gone.sort(), 'one change per id listed');
    });

    test('writes issued together in one transaction (a bulk write, a history row, a meta row) all commit, or all roll back', async (store) => {
      // As an import batch writes: its records, its history entry and its undo log asked for at once, not in turn.
      await store.transaction(['contacts', 'history', 'meta'], (tx) =>
        Promise.all([tx.bulkPut('contacts', scrambled(0, 300)), tx.put('history', { id: 'h1', recordId: 'c0001' }), tx.put('meta', { id: 'log1', rows: 300 })]),
      );
      const model = new Map(scrambled(0, 300).map((r) => [r.id, r]));
      await agrees(store, model, 'after writes issued together');
      equal([(await store.query('history')).length, (await store.query('meta')).filter((r) => r.id === 'log1').length], [1, 1], 'history and meta rows');
      await rejects(
        store.transaction(['contacts', 'history', 'meta'], async (tx) => {
          const writes = [tx.bulkPut('contacts', scrambled(300, 600)), tx.put('history', { id: 'h2', recordId: 'c0301' }), tx.put('meta', { id: 'log2' })];
          await Promise.all(writes);
          throw new Error('rolled back');
        }),
        'a transaction that throws',
      );
      await agrees(store, model, 'after writes issued together were rolled back');
      equal((await store.query('history')).map((r) => r.id), ['h1'], 'no history row of the rolled-back transaction');
      equal(await store.get('meta', 'log2'), undefined, 'no meta row of the rolled-back transaction');
    });
  });
}
