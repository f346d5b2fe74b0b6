import type { Activity } from '../schemas/activity.js';
import type { ActivityQuery } from './activity-service.js';
import { canAccess, type Actor } from './actor.js';

/** True for the 24-character UTC form `toISOString()` gives for 4-digit years, which sorts as text. */
function isPlainIso(s: string): boolean {
  return s.length === 24 && s.charCodeAt(23) === 90; // 'Z'
}

/**
 * Soonest due first, then by id: the order of every list of next steps, local or remote.
 * Compared as dates: ISO strings of 6-digit years (+010000-…) do not sort as text. Two plain
 * ISO strings (the usual case) are compared as text, which orders them the same without parsing
 * (sorting 10,000 steps no longer parses 300,000 dates).
 */
export function compareDue(a: Activity, b: Activity): number {
  const x = a.dueAt;
  const y = b.dueAt;
  const byTime = isPlainIso(x) && isPlainIso(y) ? (x < y ? -1 : x > y ? 1 : 0) : Date.parse(x) - Date.parse(y);
  return byTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * True when a next step passes an activity query's filters and `actor` may see it (its owner or
 * assignee, or a head): the one test the local service, its live queries and the remote client's
 * cache all apply. An unreadable `dueBefore`/`dueFrom` matches nothing.
 */
export function matchesActivityQuery(activity: Activity, query: ActivityQuery, actor: Actor): boolean {
  const before = query.dueBefore !== undefined ? new Date(query.dueBefore).getTime() : undefined;
  const from = query.dueFrom !== undefined ? new Date(query.dueFrom).getTime() : undefined;
  return (
    canAccess(actor, activity.ownerId, [activity.assigneeId]) &&
    (from === undefined || Date.parse(activity.dueAt) >= from) &&
    (query.after === undefined || compareDue(activity, { dueAt: query.after.key, id: query.after.id } as Activity) > 0) &&
    (query.recordId === undefined || activity.recordId === query.recordId) &&
    (query.recordType === undefined || activity.recordType === query.recordType) &&
    (query.assigneeId === undefined || activity.assigneeId === query.assigneeId) &&
    (query.state === undefined || activity.state === query.state) &&
    (before === undefined || Date.parse(activity.dueAt) < before)
  );
}
