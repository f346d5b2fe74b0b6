import type { Store } from '../store/store.js';
import type { User } from '../schemas/user.js';

/** What `undoImportBatch` did. */
export interface UndoImportResult {
  /** Records the batch created that are gone again. */
  removed: number;
  /** Records the batch updated that are back as they were. */
  restored: number;
  /** Records changed by someone after the import: left as they are, so no later work is lost. */
  kept: string[];
}

/**
 * Reverts an import batch (`importBatch` with this `batchId`, all tables):
 * removes the records it created with their history and next steps, puts
 * back the records it updated and removes its history entries, then forgets
 * the batch — the store is as it was before the import. A record someone
 * changed after the import is kept and listed in `kept`. A manager may undo
 * only their own imports. Throws `NotFoundError` for an unknown (or already
 * undone) batch.
 */
export async function undoImportBatch(crm: { store: Store; currentUser: User | undefined }, batchId: string): Promise<UndoImportResult> {
  // Loaded when needed: pages that never undo an import do not carry it.
  const { runUndoImportBatch } = await import('./import-undo-run.js');
  return runUndoImportBatch(crm, batchId);
}
