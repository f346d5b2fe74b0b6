import type { Runtime } from '../runtime.js';
import type { TableName } from '../store/store.js';

/** Per runtime and table: the tail of the queue of import batches waiting to match and write. */
const queues = new WeakMap<Runtime, Map<TableName, Promise<void>>>();

/**
 * Waits for this batch's turn to match duplicates and write into `table`,
 * and returns the function that ends the turn. Import batches of one table
 * take turns in the order they asked, so a batch finds the duplicates every
 * earlier batch wrote, while the checking before (schemas, transforms, roles,
 * links — the CPU work) runs freely: a caller may start batch N+1 while
 * batch N is still being written, and the two overlap. @internal
 */
export async function importTurn(rt: Runtime, table: TableName): Promise<() => void> {
  let byTable = queues.get(rt);
  if (!byTable) queues.set(rt, (byTable = new Map()));
  const before = byTable.get(table) ?? Promise.resolve();
  let end!: () => void;
  const mine = new Promise<void>((resolve) => {
    end = resolve;
  });
  const tail = before.then(() => mine);
  byTable.set(table, tail);
  // The queue forgets itself once the last batch is done.
  void tail.then(() => {
    if (byTable.get(table) === tail) byTable.delete(table);
  });
  await before;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    end();
  };
}
