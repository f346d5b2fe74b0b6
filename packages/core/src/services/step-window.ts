import type { Activity } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { IndexValue, ScanQuery, Store, StoredRow } from '../store/store.js';
import type { Actor } from './actor.js';
import type { ListCursor } from './list-window.js';

/** A store that filters, orders and pages in its query engine. @internal */
export type ScanningStore = Store & Required<Pick<Store, 'scan'>>;

/** The activity filters a windowed read pushes into the store (a subset of `ActivityQuery`). @internal */
export interface StepFilters {
  recordId?: string;
  recordType?: string;
  assigneeId?: string;
  state?: string;
  /** ISO lower bound of `dueAt` (inclusive). */
  dueFrom?: string;
  /** ISO upper bound of `dueAt` (exclusive). */
  dueBefore?: string;
  after?: ListCursor;
  limit?: number;
}

/**
 * Reads windows of `scan` until `limit` rows pass `matches` (or the rows run
 * out). Every filter is in the scan, so the first window is normally the
 * page; `matches` checks each row once more all the same.
 */
async function fill<T extends StoredRow>(store: ScanningStore, table: 'activities' | 'history', scan: ScanQuery, limit: number | undefined, matches: (row: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  let after = scan.after;
  for (;;) {
    const want = limit === undefined ? undefined : limit - out.length;
    const rows = await store.scan<T>(table, { ...scan, ...(after ? { after } : {}), ...(want !== undefined ? { limit: want } : {}) });
    for (const row of rows) if (matches(row)) out.push(row);
    const last = rows[rows.length - 1];
    if (want === undefined || !last || rows.length < want || out.length >= limit!) return out;
    after = [String(last[scan.orderBy]), last.id];
  }
}

/**
 * Next steps through the store's `scan`: the filters, the due-time window,
 * the role rule (a manager sees steps they own or are assigned) and the
 * keyset position become the query, soonest due first, then by id. @internal
 */
export function scanSteps(store: ScanningStore, query: StepFilters, actor: Actor, matches: (step: Activity & StoredRow) => boolean): Promise<(Activity & StoredRow)[]> {
  const equals: Record<string, IndexValue> = {};
  for (const key of ['recordId', 'recordType', 'assigneeId', 'state'] as const) if (query[key] !== undefined) equals[key] = query[key];
  const scan: ScanQuery = {
    equals,
    ...(actor.role === 'manager' ? { either: { ownerId: actor.id, assigneeId: actor.id } } : {}),
    orderBy: 'dueAt',
    ...(query.dueFrom !== undefined ? { from: query.dueFrom } : {}),
    ...(query.dueBefore !== undefined ? { below: query.dueBefore } : {}),
    ...(query.after ? { after: [query.after.key, query.after.id] as const } : {}),
  };
  return fill(store, 'activities', scan, query.limit, matches);
}

/** A record's timeline through the store's `scan`, oldest first (by time, then id), from a keyset position. @internal */
export function scanTimeline(store: ScanningStore, query: { recordType: string; recordId: string; after?: ListCursor; limit?: number }): Promise<(HistoryEntry & StoredRow)[]> {
  const scan: ScanQuery = {
    equals: { recordId: query.recordId, recordType: query.recordType },
    orderBy: 'at',
    ...(query.after ? { after: [query.after.key, query.after.id] as const } : {}),
  };
  return fill<HistoryEntry & StoredRow>(store, 'history', scan, query.limit, () => true);
}

/** Compares a timeline entry with a keyset position, by time then id. @internal */
export function compareTimeline(a: { at: string; id: string }, b: { at: string; id: string }): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
