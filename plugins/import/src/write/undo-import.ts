import { undoImportBatch, type Crm, type UndoImportResult } from '@crmkit/core';

/**
 * Reverts an import: removes the records the batch created (with the
 * companies and contacts it created to link them), restores the records it
 * updated, and removes its history entries. Records changed since the import
 * are kept and listed in `kept`. Throws `NotFoundError` for an unknown or
 * already undone batch, `ForbiddenError` for a manager undoing a colleague's.
 */
export async function undoImport(crm: Crm, batchId: string): Promise<UndoImportResult> {
  return undoImportBatch(crm, batchId);
}
