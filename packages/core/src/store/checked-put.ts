import { StorageError } from '../errors.js';
import type { CheckedPut, Store, TableName } from './store.js';

/**
 * Refuses a {@link CheckedPut} list a store cannot commit as one conditional
 * write: nothing to write, a row twice, a row without an id, a version that
 * is not a whole number. Returns the tables written, in first-use order.
 */
export function checkedPutTables(writes: readonly CheckedPut[]): TableName[] {
  if (writes.length === 0) throw new StorageError('putIfUnchanged needs at least one row');
  const seen = new Set<string>();
  const tables: TableName[] = [];
  writes.forEach((w, i) => {
    if (typeof w.row?.id !== 'string' || w.row.id === '') throw new StorageError(`putIfUnchanged: row #${i} has no string "id"`);
    if (w.ifVersion !== undefined && !Number.isSafeInteger(w.ifVersion)) throw new StorageError(`putIfUnchanged: row "${w.row.id}" has an "ifVersion" that is not a whole number`);
    const key = `${w.table}\u0000${w.row.id}`;
    if (seen.has(key)) throw new StorageError(`putIfUnchanged: row "${w.row.id}" of "${w.table}" appears twice`);
    seen.add(key);
    if (!tables.includes(w.table)) tables.push(w.table);
  });
  return tables;
}

/**
 * {@link Store.putIfUnchanged} through the store's `transaction`: reads each
 * conditioned row, and writes every row only when all are at their
 * versions. What stores without a native conditional write do (memory and
 * Dexie use it as theirs: their transactions already exclude other writers).
 */
export async function putIfUnchangedInTransaction(store: Pick<Store, 'transaction'>, writes: readonly CheckedPut[]): Promise<boolean> {
  const tables = checkedPutTables(writes);
  return store.transaction(tables, async (tx) => {
    for (const w of writes) {
      if (w.ifVersion === undefined) continue;
      const stored = await tx.get(w.table, w.row.id);
      if (stored?.['version'] !== w.ifVersion) return false;
    }
    for (const w of writes) await tx.put(w.table, w.row);
    return true;
  });
}

/** Commits `writes` with the store's own `putIfUnchanged`, or through its `transaction` when it has none. */
export function putIfUnchanged(store: Store, writes: readonly CheckedPut[]): Promise<boolean> {
  return store.putIfUnchanged ? store.putIfUnchanged(writes) : putIfUnchangedInTransaction(store, writes);
}
