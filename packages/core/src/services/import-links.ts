import type { RecordBase } from '../schemas/common.js';
import type { StoredRow } from '../store/store.js';
import { canAccess } from './actor.js';
import type { ImportBatchHost, ImportBatchOptions, ImportBatchRow } from './bulk-import.js';
import { dryRunMinted } from './dry-run-ids.js';
import { keptRow, UNKNOWN } from './duplicate-key-index.js';

/**
 * The ids an import batch's rows may link to (companyId, contactIds…), checked with one query per linked table
 * for the whole batch. The caller's `linking` is a hint, not a pass: every linked id is read here and kept only if
 * the actor may see it (a manager links no colleague's company); one it lists that is not stored is kept only in a
 * dry run (a company the dry run would create). A row linking anything else fails in `prepare`, naming the field.
 * @internal
 */
export async function linkableIds<T extends RecordBase & StoredRow>(host: ImportBatchHost<T>, rows: readonly ImportBatchRow[], options: ImportBatchOptions): Promise<Set<string>> {
  const { rt, spec, actor } = host;
  const linking = new Set<string>();
  const listed = new Set(options.linking ?? []);
  for (const [field, table] of Object.entries(spec.links ?? {})) {
    const wanted = new Set<string>();
    for (const { input } of rows) for (const v of ([] as unknown[]).concat(input[field] ?? [])) if (typeof v === 'string') wanted.add(v);
    if (wanted.size === 0) continue;
    const found = new Set<string>();
    const check = (r: StoredRow) => {
      found.add(r.id);
      if (canAccess(actor, r['ownerId'] as string | undefined)) linking.add(r.id);
    };
    // Rows the core's own index of the linked table holds current are checked there; the others are read.
    const unread: string[] = [];
    const minted = options.dryRun ? dryRunMinted(rt, options.batchId, table) : undefined;
    for (const id of wanted) {
      // A record an earlier dry-run batch of this import would create: not stored, so nothing to read (see `rememberDryRun`).
      if (minted?.has(id) && listed.has(id)) {
        linking.add(id);
        continue;
      }
      const kept = options.linked?.reduce<StoredRow | undefined | typeof UNKNOWN>((row, index) => (row === UNKNOWN ? keptRow(index, rt.store, table, id) : row), UNKNOWN) ?? UNKNOWN;
      if (kept === UNKNOWN) unread.push(id);
      else if (kept) check(kept);
    }
    if (unread.length) for (const r of await rt.store.query(table, { index: 'id', anyOf: unread })) check(r);
    if (options.dryRun) for (const id of wanted) if (listed.has(id) && !found.has(id)) linking.add(id);
  }
  return linking;
}
