import type { StoreOps, TableName } from './store.js';

/**
 * Deletes the rows with these ids from `table` (absent ones ignored): in one `bulkDelete` where the store has it,
 * else one `delete` after another. @internal
 */
export async function deleteRows(ops: StoreOps, table: TableName, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (ops.bulkDelete) return ops.bulkDelete(table, ids);
  for (const id of ids) await ops.delete(table, id);
}
