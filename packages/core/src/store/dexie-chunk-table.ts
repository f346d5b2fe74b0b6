import type { Transaction } from 'dexie';
import { primaryKeysOfAnyOf } from './dexie-key-range.js';
import { ChunkKeyCache } from './dexie-chunk-keys.js';
import { CHUNK_KEYS_TABLE, CHUNK_MAX_ROWS, chunkKeysOf, chunkOf, newChunkId, rowMatches, sortById } from './dexie-chunk-layout.js';
import type { ChunkLayout, ChunkRecord, IndexField } from './dexie-chunk-layout.js';
import type { IndexQuery, IndexValue, StoredRow } from './store.js';

/**
 * The chunks of one table inside one Dexie transaction: the rows a bulk write
 * stored in chunks, read, written and taken out again.
 *
 * A row lives in exactly one place, the per-record table or one chunk. A
 * write of a row that is in a chunk (`take`) removes it from the chunk in
 * memory; the changed chunks are written back once, by `flush` at the end of
 * the transaction, so a transaction that deletes or updates many rows of one
 * chunk (an undo) rewrites it once. Until then IndexedDB's chunk indexes still
 * name the rows taken out, which is harmless: every read filters the rows of
 * the chunks it finds, and reads the changed chunks from memory.
 * @internal
 */
export class ChunkedTable {
  /** The chunks this transaction changed, as they are now (written by `flush`). */
  private readonly changed = new Map<string, ChunkRecord>();

  constructor(
    private readonly trans: Transaction,
    private readonly chunks: ChunkLayout,
    private readonly keys: ChunkKeyCache,
  ) {}

  private get store() {
    return this.trans.table(this.chunks.store);
  }

  /** The ids of the chunks IndexedDB lists as holding any of `rowIds`. */
  private async holding(rowIds: readonly string[]): Promise<string[]> {
    if (rowIds.length === 0) return [];
    if (!(await anyBetween(this.store, 'ids', rowIds))) return [];
    return primaryKeysOfAnyOf(this.store, 'ids', rowIds);
  }

  /** The chunks with these ids as they are in this transaction (changed ones from memory), skipping any that are gone. */
  private async load(chunkIds: readonly string[]): Promise<ChunkRecord[]> {
    const unread = chunkIds.filter((id) => !this.changed.has(id));
    const read = new Map<string, ChunkRecord>();
    if (unread.length) {
      const records = (await this.store.bulkGet(unread)) as (ChunkRecord | undefined)[];
      for (const record of records) if (record) read.set(record.id, record);
    }
    return chunkIds.map((id) => this.changed.get(id) ?? read.get(id)).filter((c): c is ChunkRecord => c !== undefined);
  }

  /** A row as handed to a caller: rows of changed chunks are copied (the chunk is written later), others are fresh reads already. */
  private out(chunk: ChunkRecord, row: StoredRow): StoredRow {
    return this.changed.get(chunk.id) === chunk ? structuredClone(row) : row;
  }

  /** Takes the rows with these ids out of the chunks holding them (the caller writes them elsewhere or deletes them). */
  async take(rowIds: readonly string[]): Promise<void> {
    const chunkIds = await this.holding(rowIds);
    if (chunkIds.length === 0) return;
    const leaving = new Set(rowIds);
    for (const chunk of await this.load(chunkIds)) {
      const kept = chunk.rows.filter((row) => !leaving.has(row.id));
      if (kept.length === chunk.rows.length) continue;
      chunk.rows = kept;
      this.changed.set(chunk.id, chunk);
    }
  }

  /** The row with this id if a chunk holds it. */
  async get(id: string): Promise<StoredRow | undefined> {
    for (const chunk of await this.load(await this.holding([id]))) {
      const row = chunk.rows.find((r) => r.id === id);
      if (row) return this.out(chunk, row);
    }
    return undefined;
  }

  /** The chunk rows `query` matches (its index, `equals`/`anyOf`; not its limit), in id order. The caller checked the query. */
  async query(query: IndexQuery = {}): Promise<StoredRow[]> {
    const { index } = query;
    const values = query.anyOf ?? (query.equals !== undefined ? [query.equals] : []);
    let chunkIds: string[];
    let field: IndexField | undefined;
    if (index === undefined) chunkIds = (await this.store.toCollection().primaryKeys()) as string[];
    else if (index === 'id') chunkIds = await this.holding(values as string[]);
    else if ((field = this.chunks.indexed.find((f) => f.field === index))) {
      chunkIds = await primaryKeysOfAnyOf(this.store, index, values);
    } else if ((field = this.chunks.listed.find((f) => f.field === index))) chunkIds = await this.keys.chunksWith(this.trans, this.chunks, index, values);
    else throw new Error(`Table "${this.chunks.table}" has no index "${index}"`);
    if (chunkIds.length === 0) return [];
    const wanted = new Set<IndexValue>(values);
    const matches = (row: StoredRow) => (index === undefined ? true : index === 'id' ? wanted.has(row.id) : rowMatches(row, field as IndexField, wanted));
    const rows: StoredRow[] = [];
    for (const chunk of await this.load(chunkIds)) for (const row of chunk.rows) if (matches(row)) rows.push(this.out(chunk, row));
    return sortById(rows);
  }

  /**
   * Stores `rows` (distinct ids, checked by the caller) in new chunks of at most `CHUNK_MAX_ROWS`, after taking
   * them out of wherever they were: older chunks, or the per-record table.
   */
  async write(rows: readonly StoredRow[], written?: (k: number, count: number) => void): Promise<void> {
    const ids = rows.map((row) => row.id);
    const records = this.trans.table(this.chunks.table);
    // Both lookups asked at once: each is a round trip through the page's event loop, which an import keeps busy.
    const [, anyStale] = await Promise.all([this.take(ids), anyBetween(records, ':id', ids)]);
    const stale = anyStale ? ((await records.where(':id').anyOf(ids).primaryKeys()) as string[]) : [];
    if (stale.length) await records.bulkDelete(stale);
    // Equal chunks (sizes differ by one at most), in id order. One at a time: IndexedDB serialises a chunk on the
    // page as it is put, so putting the next one only once the last is written keeps each serialisation a task of
    // its own; several put at once make one task of them all (a 1,000-row import batch's four chunks: four times
    // the longest task a chunk may make). `written(k, count)` runs once chunk k is stored, in that task.
    const count = Math.ceil(rows.length / CHUNK_MAX_ROWS);
    const sorted = sortById([...rows]);
    for (let k = 0; k < count; k++) {
      const part = sorted.slice(Math.round((k * sorted.length) / count), Math.round(((k + 1) * sorted.length) / count));
      await this.put(chunkOf(this.chunks, newChunkId(), part), true);
      written?.(k, count);
    }
  }

  /**
   * Writes one chunk record (and its key list). Only a new chunk's list goes into the key cache at once: a
   * rewritten chunk's shorter list must not replace the cached one before the transaction commits (a superset is
   * always right, a subset is not).
   */
  private async put(chunk: ChunkRecord, isNew: boolean): Promise<void> {
    const written = [this.store.put(chunk)];
    if (this.chunks.listed.length) {
      const keys = chunkKeysOf(this.chunks, chunk);
      written.push(this.trans.table(CHUNK_KEYS_TABLE).put(keys));
      if (isNew) this.keys.learn(this.chunks, keys);
    }
    await Promise.all(written);
  }

  /** Writes back the chunks this transaction changed (deleting emptied ones); call once `fn` is done, inside the transaction. */
  async flush(): Promise<void> {
    const writes: Promise<unknown>[] = [];
    for (const [id, chunk] of this.changed) {
      if (chunk.rows.length === 0) {
        writes.push(this.store.delete(id));
        if (this.chunks.listed.length) writes.push(this.trans.table(CHUNK_KEYS_TABLE).delete(id));
      } else writes.push(this.put(chunkOf(this.chunks, id, chunk.rows), false));
    }
    this.changed.clear();
    await Promise.all(writes);
  }
}

/**
 * Whether `index` holds any key between the least and the greatest of `keys` — one count request. A lookup of
 * many keys (`anyOf`) walks a cursor, one round trip per key; most bulk writes are new rows whose ids (made in
 * increasing order) come after every stored one, and this answers those in one step.
 */
async function anyBetween(table: ReturnType<Transaction['table']>, index: string, keys: readonly string[]): Promise<boolean> {
  if (keys.length === 1) return true;
  let [least, greatest] = [keys[0] as string, keys[0] as string];
  for (const key of keys) {
    if (key < least) least = key;
    if (key > greatest) greatest = key;
  }
  return (await table.where(index).between(least, greatest, true, true).count()) > 0;
}

/**
 * A maker of `ChunkedTable`s for one store, sharing one key cache across its transactions. `dexieStore` loads this
 * module when it opens the database (it is a chunk of its own in the bundle: only the IndexedDB store needs it).
 * @internal
 */
export function chunkedTables(): (trans: Transaction, chunks: ChunkLayout) => ChunkedTable {
  const keys = new ChunkKeyCache();
  return (trans, chunks) => new ChunkedTable(trans, chunks, keys);
}
