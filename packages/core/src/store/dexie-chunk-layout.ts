import { STORE_INDEXES } from './store.js';
import type { IndexValue, StoredRow, TableName } from './store.js';

/**
 * How `dexieStore` keeps bulk-written rows: many rows in one IndexedDB record
 * (a chunk), because IndexedDB's cost is per record (50,000 contacts: about
 * 10 s one record each, about 1–2 s in chunks).
 *
 * A chunk carries, as multi-entry index arrays, its rows' ids and the values
 * of the table's indexes, so an index query finds the chunks that may hold
 * matching rows and then filters the rows inside. Indexes with many distinct
 * values per row (a contact's duplicate keys) are not IndexedDB indexes on
 * chunks — they made a bulk write two to five times slower — but key lists in
 * `_chunkKeys`, one record per chunk, which the store reads once and keeps in
 * memory (see `ChunkKeyCache`).
 *
 * @internal
 */
export interface ChunkLayout {
  /** The crmkit table. */
  table: TableName;
  /** The IndexedDB object store holding its chunks. */
  store: string;
  /** Index fields carried as multi-entry IndexedDB indexes on the chunk. */
  indexed: readonly IndexField[];
  /** Index fields answered from the chunk's key list instead. */
  listed: readonly IndexField[];
}

/** One index of a table: the row field, and whether it is multi-entry. @internal */
export interface IndexField {
  /** Row field (and index name). */
  field: string;
  /** Multi-entry: the field holds an array and each element is indexed. */
  multi: boolean;
}

/** A chunk record: rows in id order, their ids, and per indexed field the distinct values of its rows. @internal */
export interface ChunkRecord {
  /** Chunk id: increasing in creation order, never reused. */
  id: string;
  /** The rows, in id order. */
  rows: StoredRow[];
  /** Their ids (multi-entry index `ids`). */
  ids: string[];
  [field: string]: unknown;
}

/** A chunk's key list, in `_chunkKeys`: per listed field, the values its rows hold. @internal */
export interface ChunkKeysRecord {
  /** The chunk's id. */
  id: string;
  /** Per listed field, every value of the chunk's rows. */
  keys: Record<string, IndexValue[]>;
}

/** The object store of chunk key lists (no index: read whole and kept in memory). @internal */
export const CHUNK_KEYS_TABLE = '_chunkKeys';

/** A `bulkPut` of at least this many rows into a chunked table is stored in chunks (an import batch of 1,000 rows is four). @internal */
export const CHUNK_MIN_ROWS = 100;

/**
 * At most this many rows per chunk: a larger bulk write is cut into equal chunks. Serialising a chunk (and copying
 * its rows for the change feed) is one task on the page: 1,000 rows made a 76 ms task on the shared bench machine
 * (`npm run bench import`); at 500, a loaded machine still made tasks over 50 ms of them. 250 is what an import
 * batch wrote as one chunk before batches grew to 1,000 rows.
 * @internal
 */
export const CHUNK_MAX_ROWS = 250;

function layout(table: TableName, listed: readonly string[]): ChunkLayout {
  const fields = STORE_INDEXES[table].map((spec) => ({ field: spec.replace(/^\*/, ''), multi: spec.startsWith('*') }));
  return { table, store: `${table}Chunks`, indexed: fields.filter((f) => !listed.includes(f.field)), listed: fields.filter((f) => listed.includes(f.field)) };
}

/**
 * The tables whose bulk writes are chunked. Leads and deals are not: an
 * import creates them in the first stage and then moves each through the
 * core's move path, which would take every row straight back out of its chunk.
 * @internal
 */
export const CHUNK_LAYOUTS: Partial<Record<TableName, ChunkLayout>> = {
  contacts: layout('contacts', ['dupKeys']),
  companies: layout('companies', []),
};

/** The Dexie `stores()` spec of a layout's chunk store (a test checks the schema's literal strings against it). @internal */
export function chunkStoreSpec(chunks: ChunkLayout): string {
  return ['id', '*ids', ...chunks.indexed.map((f) => `*${f.field}`)].join(', ');
}

/** The IndexedDB object stores a transaction over `tables` needs besides the tables themselves. @internal */
export function chunkScope(tables: readonly TableName[]): string[] {
  const extra = new Set<string>();
  for (const table of tables) {
    const chunks = CHUNK_LAYOUTS[table];
    if (!chunks) continue;
    extra.add(chunks.store);
    if (chunks.listed.length) extra.add(CHUNK_KEYS_TABLE);
  }
  return [...extra];
}

const usable = (v: unknown): v is IndexValue => typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v));

/** The values of `row` an index query on `index` can find (IndexedDB's rule: a multi-entry field that is not an array indexes itself). @internal */
export function indexValues(row: StoredRow, { field, multi }: IndexField): IndexValue[] {
  const value = row[field];
  if (multi && Array.isArray(value)) return value.filter(usable);
  return usable(value) ? [value] : [];
}

/** True when `row` is found by a query on `index` for any of `values`. @internal */
export function rowMatches(row: StoredRow, index: IndexField, values: ReadonlySet<IndexValue>): boolean {
  return indexValues(row, index).some((v) => values.has(v));
}

const byId = (a: StoredRow, b: StoredRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts rows by id in place (unless they already are) and returns them. @internal */
export function sortById<T extends StoredRow>(rows: T[]): T[] {
  for (let i = 1; i < rows.length; i++) {
    if ((rows[i - 1] as T).id > (rows[i] as T).id) return rows.sort(byId);
  }
  return rows;
}

/** A chunk record of `rows` (sorted by id in place) with its index arrays. @internal */
export function chunkOf(chunks: ChunkLayout, id: string, rows: StoredRow[]): ChunkRecord {
  const record: ChunkRecord = { id, rows: sortById(rows), ids: rows.map((r) => r.id) };
  for (const index of chunks.indexed) record[index.field] = [...new Set(rows.flatMap((r) => indexValues(r, index)))];
  return record;
}

/** The key list of a chunk record. @internal */
export function chunkKeysOf(chunks: ChunkLayout, chunk: ChunkRecord): ChunkKeysRecord {
  const keys: Record<string, IndexValue[]> = {};
  for (const index of chunks.listed) keys[index.field] = [...new Set(chunk.rows.flatMap((r) => indexValues(r, index)))];
  return { id: chunk.id, keys };
}

let lastStamp = 0;
let sequence = 0;

/** A new chunk id: later ids sort after earlier ones (so chunks read in id order mostly hold rows in id order), never reused. @internal */
export function newChunkId(): string {
  const stamp = Date.now();
  sequence = stamp === lastStamp ? sequence + 1 : 0;
  lastStamp = stamp;
  return `${stamp.toString(36).padStart(9, '0')}-${sequence.toString(36).padStart(4, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}
