import type { Runtime } from '../runtime.js';
import type { RecordType } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { StoredRow, StoreOps } from '../store/store.js';
import { compareTimeline } from './step-window.js';

/**
 * An import writes ONE history entry per batch part instead of one `created`
 * entry per record: writing a history row costs IndexedDB about as much as
 * writing the record itself, so per-record entries doubled an import's time.
 *
 * The batch entry is a `created` entry whose `recordId` is `import:<batchId>`
 * (no record has such an id, so no timeline lists it as is) and whose `data`
 * holds `batchId`, the created `recordIds` and, per record, what a `created`
 * entry of that record type carries (`records`, only where not empty). Every
 * record the part created keeps the entry's id in `importEntryId`; a record's
 * timeline (`crm.history.list`/`watch`, lead conversion) derives its
 * `created` entry from it, so readers see the same timeline as before. @internal
 */
export interface ImportHistoryData {
  /** The import batch. */
  batchId: string;
  /** Records the part created. */
  recordIds: string[];
  /** Per record, the data a `created` entry of its type carries (stage, pipeline, source…), where there is any. */
  records?: Record<string, Record<string, unknown>>;
}

/** The record field holding the id of the batch history entry of the import that created it. @internal */
export const IMPORT_ENTRY_FIELD = 'importEntryId';

/** The `recordId` of a batch history entry. @internal */
export function importEntryRecordId(batchId: string): string {
  return `import:${batchId}`;
}

/** The one history entry of a batch part that created `records` (each with its type's `created` data). @internal */
export function importBatchEntry(rt: Runtime, type: RecordType, batchId: string, by: string, at: string, records: readonly { id: string; data: Record<string, unknown> }[]): HistoryEntry {
  const data: ImportHistoryData = { batchId, recordIds: records.map((r) => r.id) };
  for (const r of records) if (Object.keys(r.data).length) (data.records ??= {})[r.id] = r.data;
  return rt.historyEntry(type, importEntryRecordId(batchId), 'created', by, data as unknown as Record<string, unknown>, at);
}

/** The `created` entry of one record, derived from the batch entry of the import that created it. @internal */
export function derivedCreatedEntry(batch: HistoryEntry, type: RecordType, recordId: string, createdAt: string | undefined): HistoryEntry {
  const data = batch.data as unknown as ImportHistoryData;
  return {
    id: `${batch.id}:${recordId}`,
    recordType: type,
    recordId,
    type: 'created',
    at: createdAt ?? batch.at,
    by: batch.by,
    seq: batch.seq,
    data: { ...(data.records?.[recordId] ?? {}), batchId: data.batchId },
  };
}

/**
 * The derived `created` entry of a record an import created, if it is one
 * and `rows` (its stored timeline, when read) has no `created` entry already
 * (e.g. cached from a server). `record` is the stored record; for a removed
 * one, the snapshot of its `removed` entry in `rows` stands in. @internal
 */
export async function importCreatedEntry(ops: StoreOps, type: RecordType, recordId: string, record: StoredRow | undefined, rows?: readonly HistoryEntry[]): Promise<HistoryEntry | undefined> {
  const source = record ?? (rows?.find((h) => h.type === 'removed')?.data['snapshot'] as StoredRow | undefined);
  const entryId = source?.[IMPORT_ENTRY_FIELD];
  if (typeof entryId !== 'string' || rows?.some((h) => h.type === 'created')) return undefined;
  const batch = await ops.get<HistoryEntry & StoredRow>('history', entryId);
  if (!batch || !(batch.data as unknown as ImportHistoryData).recordIds?.includes(recordId)) return undefined;
  return derivedCreatedEntry(batch, type, recordId, typeof source?.['createdAt'] === 'string' ? source['createdAt'] : undefined);
}

/** A record's stored timeline rows plus its derived `created` entry, if an import created it. @internal */
export async function withImportEntry<E extends HistoryEntry>(ops: StoreOps, type: RecordType, recordId: string, record: StoredRow | undefined, rows: E[]): Promise<E[]> {
  const entry = await importCreatedEntry(ops, type, recordId, record, rows);
  return entry ? [entry as E, ...rows] : rows;
}

/**
 * Puts a derived entry into a window of a timeline read in time-then-id
 * order (`after`, `limit`), if it belongs there: after the keyset position,
 * and before the window's last entry unless the window is the last one. @internal
 */
export function withinWindow(window: HistoryEntry[], entry: HistoryEntry | undefined, query: { after?: { key: string; id: string }; limit?: number }): HistoryEntry[] {
  if (!entry) return window;
  if (query.after && compareTimeline(entry, { at: query.after.key, id: query.after.id }) <= 0) return window;
  const last = window.at(-1);
  const full = query.limit !== undefined && window.length >= query.limit;
  if (full && last && compareTimeline(entry, last) > 0) return window;
  const out = [...window, entry].sort(compareTimeline);
  return query.limit !== undefined ? out.slice(0, Math.max(0, query.limit)) : out;
}
