/**
 * The storage contract every crmkit store adapter implements. It is kept small
 * on purpose: the services do everything else (validation, permissions,
 * history, hooks) on top of it, so a new adapter only has to get these right.
 */

import type { StorageError } from '../errors.js';

/** The tables crmkit keeps. */
export type TableName = 'contacts' | 'companies' | 'leads' | 'deals' | 'activities' | 'history' | 'jobs' | 'meta';

/** Every stored row has a string `id`; the rest is the table's business. */
export interface StoredRow {
  /** Primary key. */
  id: string;
  [field: string]: unknown;
}

/** A value an index can be queried with. */
export type IndexValue = string | number;

/**
 * Indexes per table. A name starting with `*` is multi-entry: the row's field
 * holds an array and each element is indexed (`*dupKeys` is queried as `dupKeys`).
 */
export const STORE_INDEXES: Readonly<Record<TableName, readonly string[]>> = {
  contacts: ['ownerId', 'companyId', '*dupKeys'],
  companies: ['ownerId', 'nameKey'],
  leads: ['ownerId', 'pipelineId', 'stageId', 'status', 'contactId', '*dupKeys'],
  deals: ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId', '*contactIds'],
  activities: ['recordId', 'assigneeId', 'state'],
  history: ['recordId'],
  jobs: ['state'],
  meta: [],
};

/** Every table name, in a stable order. */
export const TABLE_NAMES = Object.keys(STORE_INDEXES) as TableName[];

/**
 * A query by one index: rows whose indexed field equals (or, multi-entry,
 * contains) `equals`, or any of `anyOf`. The primary key can be queried as
 * index `id`.
 */
export interface IndexQuery {
  /** Index name without the `*` prefix, or `id`. Omit to scan the whole table. */
  index?: string;
  /** The value to match. `index` needs this or `anyOf`. */
  equals?: IndexValue;
  /** Several values at once (one lookup for a whole batch of keys); a row matching several is returned once. */
  anyOf?: readonly IndexValue[];
  /** At most this many rows. */
  limit?: number;
}

/**
 * A window of one table in a stable order, for stores that can filter, sort
 * and page inside their query engine (SQL). Rows are ordered by `orderBy`
 * (compared as strings by code unit), then by `id`, both ascending or both
 * descending; `after` resumes right after the row with that sort key and id
 * (keyset paging: rows added or removed meanwhile never shift a page).
 */
export interface ScanQuery {
  /** Top-level fields that must equal the value. */
  equals?: Readonly<Record<string, IndexValue>>;
  /** Top-level array fields that must contain the value. */
  contains?: Readonly<Record<string, IndexValue>>;
  /** At least one of these top-level fields must equal its value (e.g. a step's owner or its assignee). */
  either?: Readonly<Record<string, IndexValue>>;
  /** The string field to order by (e.g. `createdAt`). */
  orderBy: string;
  /** Only rows whose `orderBy` value is at least this (compared like the order). */
  from?: string;
  /** Only rows whose `orderBy` value is below this (compared like the order). */
  below?: string;
  /** Newest (largest) first. */
  descending?: boolean;
  /** Start after this `[sort key, id]` position. */
  after?: readonly [string, string];
  /** At most this many rows. */
  limit?: number;
}

/** One committed write, as seen by change-feed subscribers. */
export interface StoreChange {
  /** Table written. */
  table: TableName;
  /** Kind of write. */
  type: 'put' | 'delete';
  /** Row id. */
  id: string;
  /** The row after a put (absent for deletes and for changes from another tab). */
  row?: StoredRow;
  /** True when the write happened in another tab/process sharing the database. */
  remote?: boolean;
}

/** One entry of a store's persisted change log (see `Store.changesSince`). */
export interface LoggedStoreChange {
  /** Position of the commit that made the change; strictly increasing in commit order. */
  seq: number;
  /** Table written. */
  table: TableName;
  /** Kind of write. */
  type: 'put' | 'delete';
  /** Row id. */
  id: string;
}

/**
 * One row of a {@link Store.putIfUnchanged} commit: put `row` into `table`;
 * with `ifVersion`, only while the stored row's `version` field is exactly
 * that (a row that is gone fails the condition too).
 */
export interface CheckedPut {
  /** Table to write. */
  table: TableName;
  /** The row to store (replaces the whole row). */
  row: StoredRow;
  /** The `version` the stored row must still have; omit for a plain put (a new row, a history entry). */
  ifVersion?: number;
}

/** Options of {@link StoreOps.bulkPut}. */
export interface BulkPutOptions {
  /**
   * The caller gives these row objects to the store and will not change them again (the core does this for the
   * records an import batch creates): the store may hand them to change-feed subscribers as they are, instead of
   * a copy of each. A store may ignore it; what is stored is the same either way.
   */
  handOver?: boolean;
}

/** The operations available inside and outside a transaction. */
export interface StoreOps {
  /** Reads one row by id. */
  get<T extends StoredRow = StoredRow>(table: TableName, id: string): Promise<T | undefined>;
  /** Inserts or replaces one row. */
  put(table: TableName, row: StoredRow): Promise<void>;
  /** Inserts or replaces many rows, atomically. */
  bulkPut(table: TableName, rows: readonly StoredRow[], options?: BulkPutOptions): Promise<void>;
  /** Deletes one row (no error when absent). */
  delete(table: TableName, id: string): Promise<void>;
  /**
   * Optional: deletes many rows at once (no error for absent ones), one change-feed entry each, atomically. For a
   * store that can do it in fewer round trips than one `delete` per row (undoing a 50,000-row import); without it,
   * the core deletes row by row (`deleteRows`).
   */
  bulkDelete?(table: TableName, ids: readonly string[]): Promise<void>;
  /** Rows matching an index query, in primary-key order. */
  query<T extends StoredRow = StoredRow>(table: TableName, query?: IndexQuery): Promise<T[]>;
}

/**
 * A crmkit store. `transaction` runs `fn` atomically across the given tables:
 * either every write inside it commits or none does, and no other writer
 * (including another browser tab) interleaves. Inside `fn`, only await the
 * `tx` operations (IndexedDB commits a transaction that waits on anything else).
 */
export interface Store extends StoreOps {
  /** Human-readable adapter name, e.g. `memory` or `dexie:acme-crm`. */
  readonly name: string;
  /** Opens the store (runs migrations); idempotent. */
  open(): Promise<void>;
  /** Runs `fn` in one read-write transaction over `tables`. */
  transaction<R>(tables: readonly TableName[], fn: (tx: StoreOps) => Promise<R>): Promise<R>;
  /** Subscribes to committed changes, including other tabs' when the adapter can see them. Returns an unsubscribe function. */
  subscribe(listener: (changes: readonly StoreChange[]) => void): () => void;
  /** Closes the store; later calls fail with `StorageError`. */
  close(): Promise<void>;
  /**
   * Optional: rows matching `query`'s filters in its order, from its keyset
   * position, at most `limit` — for stores that can do it in their query
   * engine. Without it, lists are filtered and sorted in memory.
   */
  scan?<T extends StoredRow = StoredRow>(table: TableName, query: ScanQuery): Promise<T[]>;
  /**
   * Optional: puts every row of `writes` in one atomic commit when each row
   * given with `ifVersion` is still stored with that `version`, and resolves
   * to `true`; otherwise writes nothing (no row, no change-feed entry) and
   * resolves to `false`. The condition and the writes are one step no other
   * writer interleaves with (a transaction of this store included), so a
   * caller that read rows outside a transaction can write what it derived
   * from them without a lost update. A table:id may appear once. Stores
   * without it get the same behaviour from a `transaction` (see the core's
   * `putIfUnchanged`); a SQL store does it in one statement.
   */
  putIfUnchanged?(writes: readonly CheckedPut[]): Promise<boolean>;
  /**
   * Subscribes to faults that make the store unusable while it runs (the
   * database was deleted or upgraded by another connection). Optional for
   * adapters that cannot lose their database under them. Returns an
   * unsubscribe function.
   */
  onFault?(listener: (error: StorageError) => void): () => void;
  /**
   * Optional: the position of the newest commit in the store's persisted
   * change log (0 while it is empty). With `tail` and `changesSince` it lets
   * derived data kept across sessions (the analytics index) catch up on what
   * changed while it was not running, instead of re-reading every row.
   */
  head?(): Promise<number>;
  /** Optional: the oldest position still in the change log (older entries were pruned), or `head + 1` when it is empty. */
  tail?(): Promise<number>;
  /**
   * Optional: the logged changes of the commits after position `seq`, oldest
   * first, about `limit` of them (an adapter may return a commit whole, so a
   * little more); an empty list once `seq` is the head.
   */
  changesSince?(seq: number, limit?: number): Promise<LoggedStoreChange[]>;
}
