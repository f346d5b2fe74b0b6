import type { Transaction } from 'dexie';
import { CHUNK_KEYS_TABLE } from './dexie-chunk-layout.js';
import type { ChunkKeysRecord, ChunkLayout } from './dexie-chunk-layout.js';
import type { IndexValue, TableName } from './store.js';

/**
 * The key lists of a store's chunks, held in memory: which chunks may hold a
 * row with a given duplicate key. Read from `_chunkKeys` once per chunk, the
 * first time a query needs it, and kept for the life of the store.
 *
 * It never needs invalidating, because chunks only ever shrink (a row written
 * again leaves its chunk) and chunk ids are never reused: a list read once is
 * a superset of the chunk's keys from then on. A query reads the chunks the
 * lists name and filters their rows, so a stale key costs a read, never a
 * wrong answer; chunks another tab wrote are found by listing the chunk
 * store's ids (cheap: no values are read) on every query.
 * @internal
 */
export class ChunkKeyCache {
  private readonly byTable = new Map<TableName, Map<string, Map<string, ReadonlySet<IndexValue>>>>();

  /** How many chunks' key lists were read from IndexedDB so far (for tests). */
  listsRead = 0;

  private known(table: TableName): Map<string, Map<string, ReadonlySet<IndexValue>>> {
    let known = this.byTable.get(table);
    if (!known) this.byTable.set(table, (known = new Map()));
    return known;
  }

  /** Records the key list of a chunk this store writes (saves reading it back). */
  learn(chunks: ChunkLayout, record: ChunkKeysRecord): void {
    this.known(chunks.table).set(record.id, listsOf(record));
  }

  /** The ids of the chunks whose rows may hold any of `values` in the listed field `field`, in chunk-id order. */
  async chunksWith(trans: Transaction, chunks: ChunkLayout, field: string, values: readonly IndexValue[]): Promise<string[]> {
    if (values.length === 0) return [];
    const ids = (await trans.table(chunks.store).toCollection().primaryKeys()) as string[];
    const known = this.known(chunks.table);
    const present = new Set(ids);
    for (const id of known.keys()) if (!present.has(id)) known.delete(id);
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) {
      const records = (await trans.table(CHUNK_KEYS_TABLE).bulkGet(missing)) as (ChunkKeysRecord | undefined)[];
      this.listsRead += missing.length;
      // A chunk without a key list (none should be) is always read: a superset is never wrong.
      records.forEach((record, i) => {
        if (record) known.set(missing[i] as string, listsOf(record));
      });
    }
    return ids.filter((id) => {
      const list = known.get(id)?.get(field);
      return !list || values.some((v) => list.has(v));
    });
  }
}

function listsOf(record: ChunkKeysRecord): Map<string, ReadonlySet<IndexValue>> {
  return new Map(Object.entries(record.keys).map(([field, values]) => [field, new Set(values)]));
}
