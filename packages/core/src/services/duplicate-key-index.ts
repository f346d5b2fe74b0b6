import type { Store, StoreChange, StoredRow, TableName } from '../store/store.js';

/**
 * The duplicate keys (normalised phones and emails; a company's name key) of
 * every row of one table, held in memory and kept current from the store's
 * change feed. A large import reads the table once and then finds each
 * batch's duplicates here, instead of asking IndexedDB for every key of every
 * batch (each key lookup costs about as much as writing a record).
 */
export interface DuplicateKeyIndex {
  /** The table indexed. */
  readonly table: TableName;
  /** The rows holding any of `keys`, read fresh from the store by id (one query). */
  find<T extends StoredRow = StoredRow>(keys: readonly string[]): Promise<T[]>;
  /** Stops following the change feed. */
  stop(): void;
}

/** Options of {@link indexDuplicateKeys}. */
export interface DuplicateKeyIndexOptions {
  /**
   * Keep the rows in memory too, so `find` answers without reading the
   * store: rows are as fresh as the change feed (this tab's writes at once,
   * other tabs' re-read at the next `find`). For tables an import links to
   * and never updates (companies by name), where re-reading every batch's
   * matches would cost a read per row. Default: rows are read fresh by id.
   */
  keepRows?: boolean;
}

/**
 * Reads `table` once and indexes its duplicate keys; pass the result to
 * `importBatch` as `keys` for every batch of one import, then `stop()` it.
 * Changes committed meanwhile (this tab's, with their rows) update it at
 * once; changes from other tabs (ids only) are re-read by id at the next
 * `find`, so a duplicate written elsewhere during the import is still found.
 */
export async function indexDuplicateKeys(store: Store, table: TableName, options: DuplicateKeyIndexOptions = {}): Promise<DuplicateKeyIndex> {
  const idsByKey = new Map<string, Set<string>>();
  const keysById = new Map<string, readonly string[]>();
  /** With `keepRows`: the rows themselves, as of the last change seen. */
  const rowsById = options.keepRows ? new Map<string, StoredRow>() : undefined;
  const stale = new Set<string>();
  let buffered: StoreChange[] | undefined = [];

  const forget = (id: string) => {
    for (const k of keysById.get(id) ?? []) {
      const ids = idsByKey.get(k);
      ids?.delete(id);
      if (ids?.size === 0) idsByKey.delete(k);
    }
    keysById.delete(id);
    rowsById?.delete(id);
  };
  const learn = (row: StoredRow) => {
    forget(row.id);
    const keys = duplicateKeysOf(table, row);
    if (keys.length === 0) return;
    keysById.set(row.id, keys);
    rowsById?.set(row.id, row);
    for (const k of keys) {
      let ids = idsByKey.get(k);
      if (!ids) idsByKey.set(k, (ids = new Set()));
      ids.add(row.id);
    }
  };
  const apply = (change: StoreChange) => {
    if (change.table !== table) return;
    if (change.type === 'delete') forget(change.id);
    else if (change.row) learn(change.row);
    else stale.add(change.id);
  };
  // Subscribed before reading, so nothing committed while the table is read is missed.
  const unsubscribe = store.subscribe((changes) => {
    if (buffered) buffered.push(...changes);
    else for (const c of changes) apply(c);
  });
  try {
    for (const row of await store.query(table)) learn(row);
  } catch (e) {
    unsubscribe();
    throw e;
  }
  for (const c of buffered) apply(c);
  buffered = undefined;

  let stopped = false;
  const index: DuplicateKeyIndex = {
    table,
    async find<T extends StoredRow = StoredRow>(keys: readonly string[]): Promise<T[]> {
      if (stale.size) {
        const ids = [...stale];
        stale.clear();
        const rows = await store.query(table, { index: 'id', anyOf: ids });
        for (const id of ids) forget(id);
        for (const row of rows) learn(row);
      }
      const ids = new Set<string>();
      for (const k of keys) for (const id of idsByKey.get(k) ?? []) ids.add(id);
      if (rowsById) return [...ids].map((id) => structuredClone(rowsById.get(id)) as T);
      return ids.size ? store.query<T>(table, { index: 'id', anyOf: [...ids] }) : [];
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
  if (rowsById) {
    // Rows as current as the change feed: this tab's commits at once; another tab's change makes the row unknown
    // until re-read; nothing is known once the index stops following the feed.
    minted.set(index, {
      store,
      table,
      row: (id) => (stopped || stale.has(id) || !rowsById.has(id) ? UNKNOWN : rowsById.get(id)),
      // Every row holding one of `keys`, when the index is current (not stopped, nothing changed elsewhere unread).
      matches: (keys) => {
        if (stopped || stale.size) return UNKNOWN;
        const ids = new Set<string>();
        for (const k of keys) for (const id of idsByKey.get(k) ?? []) ids.add(id);
        return [...ids].map((id) => rowsById.get(id) as StoredRow);
      },
    });
  }
  return index;
}

/** `keptRow`'s answer for a row the index cannot vouch for (read it from the store). @internal */
export const UNKNOWN = Symbol('unknown row');

/** The indexes `indexDuplicateKeys` made with `keepRows`, by the object it returned: a caller cannot forge one. */
const minted = new WeakMap<
  DuplicateKeyIndex,
  { store: Store; table: TableName; row: (id: string) => StoredRow | undefined | typeof UNKNOWN; matches: (keys: readonly string[]) => StoredRow[] | typeof UNKNOWN }
>();

/**
 * The row `id` of `table` as an index made by `indexDuplicateKeys` over `store` with `keepRows` holds it (not a
 * copy: read only), or `UNKNOWN` when the index is not one of those, is of another store or table, has stopped,
 * or does not hold that row as it is now. @internal
 */
export function keptRow(index: DuplicateKeyIndex, store: Store, table: TableName, id: string): StoredRow | undefined | typeof UNKNOWN {
  const entry = minted.get(index);
  return entry && entry.store === store && entry.table === table ? entry.row(id) : UNKNOWN;
}

/**
 * The rows of `table` holding any of `keys` as an index made by `indexDuplicateKeys` over `store` with `keepRows`
 * holds them (not copies: read only — `find` copies each one), or `UNKNOWN` when the index is not one of those, is
 * of another store or table, has stopped, or has rows changed in another tab still to re-read (then use `find`).
 * @internal
 */
export function keptMatches(index: DuplicateKeyIndex, store: Store, table: TableName, keys: readonly string[]): StoredRow[] | typeof UNKNOWN {
  const entry = minted.get(index);
  return entry && entry.store === store && entry.table === table ? entry.matches(keys) : UNKNOWN;
}

/** Duplicate keys of a record in the table's duplicate index. @internal */
export function keysOf(table: TableName, record: StoredRow): { index: string; keys: string[] } | undefined {
  if (table === 'contacts' || table === 'leads') return { index: 'dupKeys', keys: (record['dupKeys'] as string[] | undefined) ?? [] };
  if (table === 'companies') return { index: 'nameKey', keys: typeof record['nameKey'] === 'string' ? [record['nameKey']] : [] };
  return undefined;
}

/** The duplicate-control keys of a stored row of `table` (none for tables without duplicate control). @internal */
export function duplicateKeysOf(table: TableName, row: StoredRow): string[] {
  return keysOf(table, row)?.keys ?? [];
}
