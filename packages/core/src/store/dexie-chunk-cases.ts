// Tests of dexieStore's chunked bulk writes, shared by the browser run (real IndexedDB) and the Node run
// (fake-indexeddb). Counts what is stored where — never time.
import { Dexie } from 'dexie';
import type { DexieOptions } from 'dexie';
import fc from 'fast-check';
import { CHUNK_KEYS_TABLE, CHUNK_MAX_ROWS, CHUNK_MIN_ROWS, CHUNK_LAYOUTS, chunkStoreSpec } from './dexie-chunk-layout.js';
import type { ChunkRecord } from './dexie-chunk-layout.js';
import { ChunkKeyCache } from './dexie-chunk-keys.js';
import { DEXIE_VERSIONS } from './dexie-schema.js';
import { dexieStore } from './dexie-store.js';
import { memoryStore } from './memory-store.js';
import type { IndexQuery, Store, StoredRow, StoreOps } from './store.js';
import type { ContractTestApi } from './store-contract.js';

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

function contact(i: number, tag = ''): StoredRow {
  return { id: `c${String(i).padStart(5, '0')}`, name: `Иван ${i}${tag}`, ownerId: i % 2 ? 'ann' : 'bo', companyId: `co${i % 5}`, dupKeys: [`p:+7999${i}`, `e:u${i}@x.io`] };
}
const contacts = (from: number, to: number, tag = '') => Array.from({ length: to - from }, (_, k) => contact(from + k, tag));

function same(actual: unknown, expected: unknown, what: string): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`${what}: expected ${b.slice(0, 400)}, got ${a.slice(0, 400)}`);
}

/** What is stored where, read with a second, schema-less connection: per-record ids, and each chunk's row ids. */
async function layoutOf(name: string, dexie: DexieOptions | undefined): Promise<{ records: string[]; chunks: string[][]; keyLists: number }> {
  const raw = new Dexie(name, dexie);
  await raw.open();
  try {
    const chunks = (await raw.table('contactsChunks').toArray()) as ChunkRecord[];
    return { records: (await raw.table('contacts').toCollection().primaryKeys()) as string[], chunks: chunks.map((c) => c.rows.map((r) => r.id)), keyLists: await raw.table(CHUNK_KEYS_TABLE).count() };
  } finally {
    raw.close();
  }
}

/** The dexieStore chunk tests; `dexie` supplies IndexedDB where there is no global one (Node). */
export function describeChunkCases(api: ContractTestApi, dexie?: DexieOptions, runs = 12): void {
  const { describe, it } = api;
  const open = (name: string) => dexieStore(name, dexie ? { dexie } : {});

  describe('dexieStore chunks: bulk writes stored many rows to a record', () => {
    it('the schema’s chunk stores match the chunk layouts', async () => {
      const latest = DEXIE_VERSIONS[DEXIE_VERSIONS.length - 1]!;
      for (const chunks of Object.values(CHUNK_LAYOUTS)) same(latest.internal?.[chunks.store], chunkStoreSpec(chunks), chunks.store);
    });

    it('a bulk write is cut into equal chunks of at most the maximum; a smaller one stays one record a row', async () => {
      const name = uniqueName('chunks');
      const store = open(name);
      try {
        const n = 2 * CHUNK_MAX_ROWS + 1;
        await store.bulkPut('contacts', contacts(0, n).reverse());
        await store.bulkPut('contacts', contacts(n, n + CHUNK_MIN_ROWS - 1));
        const stored = await layoutOf(name, dexie);
        same(stored.chunks.map((c) => c.length), [Math.round(n / 3), n - 2 * Math.round(n / 3), Math.round(n / 3)], 'rows per chunk: three equal chunks');
        same(stored.chunks.flat(), contacts(0, n).map((c) => c.id), 'every bulk-written row once, in id order');
        same(stored.records, contacts(n, n + CHUNK_MIN_ROWS - 1).map((c) => c.id), 'the small write: one record a row');
        same(stored.keyLists, 3, 'one key list per chunk');
        same((await store.query('contacts')).length, n + CHUNK_MIN_ROWS - 1, 'all rows read back');
      } finally {
        await store.close();
      }
    });

    it('a bulk write puts its chunks one at a time (each serialised in a task of its own), all in one transaction', async () => {
      // Counts the chunk puts IndexedDB has been asked for and not yet answered, through a Dexie middleware.
      let pending = 0;
      let most = 0;
      let puts = 0;
      const counting = (db: Dexie) => {
        db.use({
          stack: 'dbcore',
          name: 'count-chunk-puts',
          create: (down) => ({
            ...down,
            table: (tableName) => {
              const table = down.table(tableName);
              if (tableName !== 'contactsChunks') return table;
              return {
                ...table,
                mutate: (req) => {
                  if (req.type !== 'put') return table.mutate(req);
                  puts++;
                  most = Math.max(most, ++pending);
                  return table.mutate(req).finally(() => pending--);
                },
              };
            },
          }),
        });
      };
      const name = uniqueName('chunks');
      const store = dexieStore(name, { dexie: { ...dexie, addons: [counting] } });
      try {
        const n = 4 * CHUNK_MAX_ROWS;
        await store.bulkPut('contacts', contacts(0, n));
        same(puts, 4, 'four chunk puts');
        same(most, 1, 'at most one chunk put pending at a time');
        same((await layoutOf(name, dexie)).chunks.flat(), contacts(0, n).map((c) => c.id), 'every row stored once, in id order');
      } finally {
        await store.close();
      }
    });

    it('Dexie’s own liveQuery tracking is off: a commit announces no mutated key ranges (crmkit’s change feed does the telling)', async () => {
      const fired: string[] = [];
      const name = uniqueName('chunks');
      const listener = (parts: Record<string, unknown>) => fired.push(...Object.keys(parts).filter((part) => part.includes(`/${name}/`)));
      const store = open(name);
      // Opening (creating) the database announces every table once; only writes count here.
      await store.open();
      Dexie.on('storagemutated', listener);
      const seen: number[] = [];
      const stop = store.subscribe((changes) => seen.push(changes.length));
      try {
        await store.bulkPut('contacts', contacts(0, CHUNK_MIN_ROWS));
        await store.put('contacts', contact(CHUNK_MIN_ROWS));
        same(fired, [], 'key ranges Dexie announced for this database');
        same(seen, [CHUNK_MIN_ROWS, 1], 'changes crmkit’s feed announced');
      } finally {
        stop();
        Dexie.on('storagemutated').unsubscribe(listener);
        await store.close();
      }
    });

    it('a single write of a chunked row takes it out of its chunk; a deleted one leaves it; an emptied chunk is deleted', async () => {
      const name = uniqueName('chunks');
      const store = open(name);
      // Two bulk writes of one full chunk each.
      const M = CHUNK_MAX_ROWS;
      try {
        await store.bulkPut('contacts', contacts(0, M));
        await store.bulkPut('contacts', contacts(M, 2 * M));
        await store.put('contacts', contact(5, ' edited'));
        await store.delete('contacts', contact(6).id);
        let stored = await layoutOf(name, dexie);
        same(stored.records, [contact(5).id], 'the edited row, one record');
        same(stored.chunks.map((c) => c.length), [M - 2, M], 'the first chunk lost two rows');
        check(!stored.chunks[0]!.includes(contact(5).id) && !stored.chunks[0]!.includes(contact(6).id), 'neither is in a chunk');
        await store.transaction(['contacts'], async (tx) => {
          for (let i = M; i < 2 * M; i++) await tx.delete('contacts', contact(i).id);
        });
        stored = await layoutOf(name, dexie);
        same(stored.chunks.map((c) => c.length), [M - 2], 'the emptied chunk is gone');
        same(stored.keyLists, 1, 'and its key list');
        same(await store.get('contacts', contact(5).id), contact(5, ' edited'), 'the edited row reads back');
      } finally {
        await store.close();
      }
    });

    it('a duplicate key finds chunked rows, also those another tab wrote after the first lookup, and not rows moved away', async () => {
      const name = uniqueName('chunks');
      const [tabA, tabB] = [open(name), open(name)];
      try {
        await tabA.bulkPut('contacts', contacts(0, 200));
        const byKey = async (store: Store, key: string) => (await store.query('contacts', { index: 'dupKeys', equals: key })).map((r) => r.id);
        same(await byKey(tabA, 'p:+7999150'), [contact(150).id], 'a key in this tab’s chunk');
        await tabB.bulkPut('contacts', contacts(200, 400));
        same(await byKey(tabA, 'e:u333@x.io'), [contact(333).id], 'a key in the other tab’s new chunk');
        await tabB.put('contacts', { ...contact(150), dupKeys: ['p:+70000000000'] });
        same(await byKey(tabA, 'p:+7999150'), [], 'the row left with its key changed');
        same(await byKey(tabA, 'p:+70000000000'), [contact(150).id], 'found by its new key');
      } finally {
        await Promise.all([tabA.close(), tabB.close()]);
      }
    });

    it('duplicate keys are looked up in key lists read once per chunk, naming only the chunks that hold the key', async () => {
      const name = uniqueName('chunk-keys');
      const store = open(name);
      const raw = new Dexie(name, dexie);
      try {
        for (let part = 0; part < 3; part++) await store.bulkPut('contacts', contacts(part * 150, part * 150 + 150));
        await raw.open();
        const cache = new ChunkKeyCache();
        const lookup = (keys: string[]) => raw.transaction('r', ['contactsChunks', CHUNK_KEYS_TABLE], (trans) => cache.chunksWith(trans, CHUNK_LAYOUTS.contacts!, 'dupKeys', keys));
        const chunkIds = (await raw.table('contactsChunks').toCollection().primaryKeys()) as string[];
        same(await lookup(['p:+7999160']), [chunkIds[1]], 'the one chunk holding the key');
        same(await lookup(['e:u5@x.io', 'e:u400@x.io', 'e:nobody@x.io']), [chunkIds[0], chunkIds[2]], 'any of several keys');
        same(cache.listsRead, 3, 'each list read once');
        await store.bulkPut('contacts', contacts(450, 600));
        same((await lookup(['e:u599@x.io'])).length, 1, 'a chunk written since is found');
        same(cache.listsRead, 4, 'only the new list read');
      } finally {
        raw.close();
        await store.close();
      }
    });

    it('a version-3 database opens under version 4 with every row where it was', async () => {
      const name = uniqueName('migrate-chunks');
      const v3 = DEXIE_VERSIONS.find((v) => v.version === 3)!;
      const raw = new Dexie(name, dexie);
      raw.version(v3.version).stores({ ...v3.stores, ...v3.internal });
      await raw.table('contacts').bulkPut(contacts(0, 300));
      await raw.table('companies').bulkPut([{ id: 'co1', name: 'Рога и копыта', nameKey: 'рога и копыта', ownerId: 'ann' }]);
      await raw.table('_changes').add({ changes: [{ table: 'contacts', type: 'put', id: contact(0).id }] });
      raw.close();
      const store = open(name);
      try {
        same(await store.query('contacts'), contacts(0, 300), 'every contact');
        same((await store.query('contacts', { index: 'dupKeys', equals: 'e:u7@x.io' })).map((r) => r.id), [contact(7).id], 'by duplicate key');
        same((await store.query('companies', { index: 'nameKey', equals: 'рога и копыта' })).map((r) => r.id), ['co1'], 'company by name');
        same(await store.head!(), 1, 'the change log kept');
        const stored = await layoutOf(name, dexie);
        same([stored.records.length, stored.chunks.length], [300, 0], 'still one record a row, no chunk');
        await store.put('contacts', contact(3, ' edited'));
        same(await store.get('contacts', contact(3).id), contact(3, ' edited'), 'an old row written again');
      } finally {
        await store.close();
      }
    });

    it('random bulk writes, single writes, deletes and reads give the answers the memory store gives', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
          const [reference, store] = [memoryStore(), open(uniqueName('chunks-property'))];
          try {
            for (const op of ops) {
              const [expected, actual] = await Promise.all([apply(reference, op), apply(store, op)]);
              same(actual, expected, `${op.kind} after ${JSON.stringify(ops.slice(0, ops.indexOf(op)).map((o) => o.kind))}`);
            }
            same(await store.query('contacts'), await reference.query('contacts'), 'every row at the end');
          } finally {
            await Promise.all([store.close(), reference.close()]);
          }
        }),
        { numRuns: runs },
      );
    });
  });
}

type Op =
  | { kind: 'bulkPut'; from: number; count: number; tag: number }
  | { kind: 'put'; i: number; tag: number; owner: number }
  | { kind: 'delete'; i: number }
  | { kind: 'get'; i: number }
  | { kind: 'query'; index: 'ownerId' | 'companyId' | 'dupKeys' | 'id' | 'all'; values: number[]; limit?: number }
  | { kind: 'transaction'; ops: Op[]; fail: boolean };

const POOL = 700;
const single = fc.oneof(
  fc.record({ kind: fc.constant('bulkPut' as const), from: fc.nat(POOL), count: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: CHUNK_MIN_ROWS, max: 400 })), tag: fc.nat(3) }),
  fc.record({ kind: fc.constant('put' as const), i: fc.nat(POOL), tag: fc.nat(3), owner: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete' as const), i: fc.nat(POOL) }),
  fc.record({ kind: fc.constant('get' as const), i: fc.nat(POOL) }),
  fc.record({ kind: fc.constant('query' as const), index: fc.constantFrom('ownerId' as const, 'companyId' as const, 'dupKeys' as const, 'id' as const, 'all' as const), values: fc.array(fc.nat(POOL), { minLength: 1, maxLength: 3 }), limit: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }) }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof({ arbitrary: single, weight: 4 }, { arbitrary: fc.record({ kind: fc.constant('transaction' as const), ops: fc.array(single, { maxLength: 5 }), fail: fc.boolean() }), weight: 1 });

/** Runs one operation; returns what a caller would see (reads) or `null` (writes). */
async function apply(store: Store, op: Op): Promise<unknown> {
  return op.kind === 'transaction'
    ? store
        .transaction(['contacts'], async (tx) => {
          const seen = [];
          for (const inner of op.ops) seen.push(await applyTo(tx, inner));
          if (op.fail) throw new Error('rolled back');
          return seen;
        })
        .catch((e: unknown) => (e instanceof Error && e.message === 'rolled back' ? 'rolled back' : Promise.reject(e)))
    : applyTo(store, op);
}

async function applyTo(ops: StoreOps, op: Op): Promise<unknown> {
  switch (op.kind) {
    case 'bulkPut':
      await ops.bulkPut('contacts', Array.from({ length: op.count }, (_, k) => contact((op.from + k * 3) % POOL, ` v${op.tag}`)));
      return null;
    case 'put':
      await ops.put('contacts', { ...contact(op.i, ` p${op.tag}`), ownerId: ['ann', 'bo', 'cy'][op.owner] as string });
      return null;
    case 'delete':
      await ops.delete('contacts', contact(op.i).id);
      return null;
    case 'get':
      return (await ops.get('contacts', contact(op.i).id)) ?? null;
    case 'query': {
      const values = op.values.map((v) => (op.index === 'ownerId' ? ['ann', 'bo', 'cy'][v % 3] : op.index === 'companyId' ? `co${v % 6}` : op.index === 'dupKeys' ? (v % 2 ? `p:+7999${v}` : `e:u${v}@x.io`) : contact(v).id)) as string[];
      const query: IndexQuery = op.index === 'all' ? {} : values.length === 1 ? { index: op.index, equals: values[0] as string } : { index: op.index, anyOf: values };
      return ops.query('contacts', op.limit === undefined ? query : { ...query, limit: op.limit });
    }
    default:
      return null;
  }
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`Check failed: ${what}`);
}
