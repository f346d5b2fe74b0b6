import type { RecordBase } from '../schemas/common.js';
import { canAccess, type Actor } from '../services/actor.js';
import type { ListQuery } from '../services/record-service.js';
import type { StoredRow } from '../store/store.js';

/** The text a `text` filter searches, per table (the same fields the local services search). */
const SEARCHED: Record<string, readonly string[]> = {
  contacts: ['name', 'phones', 'emails', 'handles', 'city', 'position'],
  companies: ['name', 'phones', 'emails', 'city'],
  leads: ['name', 'phone', 'email', 'handles', 'companyName', 'message'],
  deals: ['title'],
};

function searchText(table: string, row: StoredRow): string {
  const parts: string[] = [];
  for (const field of SEARCHED[table] ?? []) {
    const v = row[field];
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) parts.push(...v.filter((x): x is string => typeof x === 'string'));
    else if (v && typeof v === 'object') parts.push(...Object.values(v).filter((x): x is string => typeof x === 'string'));
  }
  return parts.join(' ').toLowerCase();
}

/** True when a cached record passes a list query's filters and `actor` may see it (the window is not applied). */
export function matchesListQuery(table: string, row: StoredRow & RecordBase, query: ListQuery, actor: Actor): boolean {
  if (!canAccess(actor, row.ownerId)) return false;
  if (query.ids && !query.ids.includes(row.id)) return false;
  for (const key of ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId'] as const) {
    if (query[key] !== undefined && row[key] !== query[key]) return false;
  }
  if (query.contactId !== undefined) {
    const ids = (row['contactIds'] as string[] | undefined) ?? (row['contactId'] !== undefined ? [row['contactId'] as string] : []);
    if (!ids.includes(query.contactId)) return false;
  }
  const text = query.text?.trim().toLowerCase();
  return !text || searchText(table, row).includes(text);
}

/** The order of `list` results: `sort` (default newest first), then id. */
export function compareRecords(sort: ListQuery['sort'] = '-createdAt'): (a: RecordBase, b: RecordBase) => number {
  const field = sort.replace('-', '') as 'createdAt' | 'updatedAt';
  const dir = sort.startsWith('-') ? -1 : 1;
  return (a, b) => (a[field] < b[field] ? -dir : a[field] > b[field] ? dir : a.id < b.id ? -dir : a.id > b.id ? dir : 0);
}
