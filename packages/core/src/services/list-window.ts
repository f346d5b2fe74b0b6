import type { RecordBase } from '../schemas/common.js';
import type { IndexValue, ScanQuery, Store, StoredRow, TableName } from '../store/store.js';
import type { Actor } from './actor.js';

/** A keyset position in a list: the sort field's value and the id of the last record seen. */
export interface ListCursor {
  /** The value of the list's sort field (`createdAt` or `updatedAt`) of that record. */
  key: string;
  /** That record's id. */
  id: string;
}

/** The list-query fields the windowed read looks at (a subset of `ListQuery`). @internal */
export interface ListFilters {
  ownerId?: string;
  pipelineId?: string;
  stageId?: string;
  status?: string;
  companyId?: string;
  contactId?: string;
  text?: string;
  sort?: 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';
  after?: ListCursor;
  offset?: number;
  limit?: number;
}

/** The sort field and direction of a list (default newest first). @internal */
export function sortOf(sort: ListFilters['sort'] = '-createdAt'): { field: 'createdAt' | 'updatedAt'; descending: boolean } {
  return { field: sort.replace('-', '') as 'createdAt' | 'updatedAt', descending: sort.startsWith('-') };
}

/** True when `record` comes after the cursor in the list's order. @internal */
export function isAfter(record: RecordBase, sort: ListFilters['sort'], after: ListCursor): boolean {
  const { field, descending } = sortOf(sort);
  const key = String(record[field]);
  const cmp = key < after.key ? -1 : key > after.key ? 1 : record.id < after.id ? -1 : record.id > after.id ? 1 : 0;
  return (descending ? -cmp : cmp) > 0;
}

const EQUAL_FIELDS = ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId'] as const;

/**
 * A list read through the store's `scan`: the filters it can check (and the
 * role rule: a manager's own records only) become the scan's conditions, the
 * order and keyset position go with it, and `matches` still checks every row
 * (text search, and everything else once more), fetching further windows
 * until the page is full. @internal
 */
export async function scanList<T extends RecordBase & StoredRow>(
  store: Store & Required<Pick<Store, 'scan'>>,
  table: TableName,
  query: ListFilters,
  actor: Actor,
  matches: (record: T) => boolean,
): Promise<T[]> {
  const equals: Record<string, IndexValue> = {};
  for (const key of EQUAL_FIELDS) if (query[key] !== undefined) equals[key] = query[key];
  if (actor.role === 'manager') {
    if (query.ownerId !== undefined && query.ownerId !== actor.id) return [];
    equals['ownerId'] = actor.id;
  }
  const contains: Record<string, IndexValue> = {};
  if (query.contactId !== undefined) {
    if (table === 'deals') contains['contactIds'] = query.contactId;
    else if (table === 'leads') equals['contactId'] = query.contactId;
  }
  const { field, descending } = sortOf(query.sort);
  const offset = query.offset ?? 0;
  const wanted = query.limit === undefined ? undefined : offset + query.limit;
  // Only the text search is left to memory, so without one the first window is the page.
  const window = wanted === undefined ? undefined : query.text?.trim() ? Math.min(Math.max(wanted * 4, 200), 2000) : wanted;
  const out: T[] = [];
  let after = query.after ? ([query.after.key, query.after.id] as const) : undefined;
  for (;;) {
    const scan: ScanQuery = { equals, contains, orderBy: field, descending, ...(after ? { after } : {}), ...(window !== undefined ? { limit: window } : {}) };
    const rows = await store.scan<T>(table, scan);
    for (const row of rows) if (matches(row)) out.push(row);
    const last = rows[rows.length - 1];
    if (window === undefined || rows.length < window || !last || out.length >= wanted!) break;
    after = [String(last[field]), last.id];
  }
  return query.limit !== undefined ? out.slice(offset, offset + query.limit) : out.slice(offset);
}
