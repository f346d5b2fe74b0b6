import type { Runtime } from '../runtime.js';
import type { TableName } from '../store/store.js';

/** Per runtime, table and step: the tail of the queue of import batches waiting to check rows, or to match and write. */
const queues = new WeakMap<Runtime, Map<string, Promise<void>>>();

/**
 * Waits for this batch's turn to match duplicates and write into `table`
 * (`write`), or to check its rows (`check`), and returns the function that
 * ends the turn. Import batches of one table take turns in the order they
 * asked, so a batch finds the duplicates every earlier batch wrote. The two
 * queues are apart: a caller may start batch N+1 while batch N is still
 * being written, and N+1's checking (schemas, transforms, roles — the CPU
 * work) overlaps that write. Batches check one after another, too, so the
 * one that writes next is checked first instead of sharing the page with
 * every batch behind it. @internal
 */
export async function importTurn(rt: Runtime, table: TableName, step: 'check' | 'write' = 'write'): Promise<() => void> {
  let byTable = queues.get(rt);
  if (!byTable) queues.set(rt, (byTable = new Map()));
  const queue = `${step}:${table}`;
  const before = byTable.get(queue) ?? Promise.resolve();
  let end!: () => void;
  const mine = new Promise<void>((resolve) => {
    end = resolve;
  });
  const tail = before.then(() => mine);
  byTable.set(queue, tail);
  // The queue forgets itself once the last batch is done.
  void tail.then(() => {
    if (byTable.get(queue) === tail) byTable.delete(queue);
  });
  await before;
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    end();
  };
}
