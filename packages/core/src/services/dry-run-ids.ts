import type { Runtime } from '../runtime.js';
import type { TableName } from '../store/store.js';

/**
 * Per runtime, the ids of the records recent dry-run batches would have created, by batch id and table (the last
 * `DRY_RUNS_KEPT` batch ids). A dry run writes nothing, so these ids are in no store: when a later dry-run batch of
 * the same import lists one in `linking` (a row linking the company the dry run would make), it is linked without
 * asking the store for it — 250 rows naming 250 new companies cost 250 IndexedDB reads a batch that could only
 * find nothing. An id not remembered here is read as before.
 */
const dryRunIds = new WeakMap<Runtime, Map<string, Map<TableName, Set<string>>>>();
const DRY_RUNS_KEPT = 4;

/** Remembers the ids of the records a dry-run batch of `batchId` would create in `table`. @internal */
export function rememberDryRun(rt: Runtime, batchId: string, table: TableName, ids: Iterable<string>): void {
  let byBatch = dryRunIds.get(rt);
  if (!byBatch) dryRunIds.set(rt, (byBatch = new Map()));
  let byTable = byBatch.get(batchId);
  if (!byTable) {
    byBatch.set(batchId, (byTable = new Map()));
    for (const old of byBatch.keys()) if (byBatch.size > DRY_RUNS_KEPT) byBatch.delete(old);
  }
  let set = byTable.get(table);
  if (!set) byTable.set(table, (set = new Set()));
  for (const id of ids) set.add(id);
}

/** The ids dry-run batches of `batchId` would have created in `table`, if remembered. @internal */
export function dryRunMinted(rt: Runtime, batchId: string, table: TableName): ReadonlySet<string> | undefined {
  return dryRunIds.get(rt)?.get(batchId)?.get(table);
}
