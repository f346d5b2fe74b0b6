import { ForbiddenError, NotFoundError } from '../errors.js';
import type { Store, StoredRow } from '../store/store.js';
import type { User } from '../schemas/user.js';
import type { ImportLogRow } from './bulk-import.js';
import type { UndoImportResult } from './import-undo.js';
import { markStepOwner } from './step-hand-over.js';
import { deleteRows } from '../store/delete-rows.js';

/** `undoImportBatch`'s work, in a chunk of its own (loaded when an import is undone). @internal */
export async function runUndoImportBatch(crm: { store: Store; currentUser: User | undefined }, batchId: string): Promise<UndoImportResult> {
  const { store } = crm;
  const logs = (await store.query<ImportLogRow>('meta')).filter((row) => row.kind === 'import-batch' && row.batchId === batchId);
  if (logs.length === 0) throw new NotFoundError('import batch', batchId);
  const user = crm.currentUser;
  const foreign = logs.find((log) => user?.role === 'manager' && log.by !== user.id);
  if (user && foreign) throw new ForbiddenError(user.id, `User "${user.id}" (manager) cannot undo import "${batchId}" made by "${foreign.by}"`);
  const result: UndoImportResult = { removed: 0, restored: 0, kept: [] };
  const restored = new Set<string>();
  for (const group of undoGroups(logs.sort((a, b) => b.seq - a.seq))) {
    const table = (group[0] as ImportLogRow).table;
    await store.transaction([table, 'history', 'activities', 'meta'], async (tx) => {
      const created = group.flatMap((log) => log.created);
      const updated = group.flatMap((log) => log.updated);
      const ids = [...created.map((c) => c.id), ...updated.map((u) => u.before.id)];
      const current = new Map((await tx.query(table, { index: 'id', anyOf: ids })).map((r) => [r.id, r]));
      const unchanged = (id: string, version: number) => {
        const row = current.get(id);
        if (row && row['version'] !== version) result.kept.push(id);
        return row !== undefined && row['version'] === version;
      };
      const removed = created.filter((c) => unchanged(c.id, c.version)).map((c) => c.id);
      // Many rows at once where the store can (a 50,000-row import took 84 s to undo one row at a time in IndexedDB).
      await deleteRows(tx, table, removed);
      // Records the batch created and someone removed since: their history goes too.
      const gone = [...removed, ...created.filter((c) => !current.has(c.id)).map((c) => c.id)];
      for (const other of ['history', 'activities'] as const) {
        const rows: StoredRow[] = gone.length ? await tx.query(other, { index: 'recordId', anyOf: gone }) : [];
        await deleteRows(tx, other, rows.map((row) => row.id));
      }
      const removedIds = new Set(removed);
      for (const log of group) {
        // Steps the batch handed to a record's new owner go back, unless someone changed them since.
        for (const r of log.reassigned ?? []) {
          const step = await tx.get('activities', r.before.id);
          if (step?.['version'] !== r.version) continue;
          await tx.put('activities', r.before as unknown as StoredRow);
          await tx.delete('history', r.historyId);
        }
        for (const s of log.steps ?? []) {
          await tx.delete('activities', s.activityId);
          await tx.delete('history', s.historyId);
        }
        for (const u of log.updated) {
          if (!unchanged(u.before.id, u.version)) continue;
          await tx.put(table, u.before);
          if (current.get(u.before.id)?.['ownerId'] !== u.before['ownerId']) await markStepOwner(tx, u.before.id, u.before['ownerId'] as string);
          await tx.delete('history', u.historyId);
          restored.add(u.before.id);
        }
        // The part's one `created` entry goes once no record it created is left (a kept record's timeline still derives from it).
        if (log.entryId && log.created.every((c) => !current.has(c.id) || removedIds.has(c.id))) await tx.delete('history', log.entryId);
        await tx.delete('meta', log.id);
      }
      result.removed += removed.length;
      for (const id of removed) restored.delete(id);
    });
  }
  result.restored = restored.size;
  return result;
}

/** Rows of created records one undo transaction removes at most (a 50,000-row import is undone in about ten). */
const UNDO_ROWS_PER_WRITE = 5000;

/**
 * The parts of an import to undo, last first, in groups undone one transaction each: consecutive parts of one table
 * that only created records share one (one read, one delete and one history lookup for them all, instead of a
 * transaction with its round trips per 1,000-row part); a part that updated records or moved steps is undone alone,
 * since it restores what the part before it left.
 */
function undoGroups(logs: readonly ImportLogRow[]): ImportLogRow[][] {
  const groups: ImportLogRow[][] = [];
  const onlyCreated = (log: ImportLogRow) => log.updated.length === 0 && !log.steps?.length && !log.reassigned?.length;
  for (const log of logs) {
    const last = groups[groups.length - 1];
    const head = last?.[0];
    const rows = last?.reduce((n, l) => n + l.created.length, 0) ?? 0;
    if (last && head && head.table === log.table && onlyCreated(head) && onlyCreated(log) && rows + log.created.length <= UNDO_ROWS_PER_WRITE) last.push(log);
    else groups.push([log]);
  }
  return groups;
}
