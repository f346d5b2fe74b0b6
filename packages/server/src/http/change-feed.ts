import type { Crm, RecordType, StoredRow, TableName, User } from '@crmkit/core';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LoggedChange, SqlStore } from '../store/sql-store.js';
import type { ServerEnv } from './request-helpers.js';

/** Tables the feed carries (jobs and meta are the server's own business). */
const FEED_TABLES = new Set<TableName>(['contacts', 'companies', 'leads', 'deals', 'activities', 'history']);
const OWNED_TABLES = new Set<TableName>(['contacts', 'companies', 'leads', 'deals']);
const TABLE_OF: Record<RecordType, 'contacts' | 'companies' | 'leads' | 'deals'> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };

/** What one SSE `change` event carries. */
export interface FeedEvent {
  /** Table written. */
  table: TableName;
  /** `put` or `delete`. */
  type: 'put' | 'delete';
  /** Row id. */
  id: string;
  /** The record after a put. */
  row?: StoredRow;
  /**
   * On a `delete` the user receives although the row still exists: `hidden`,
   * the record or step was handed to someone else and this user may no
   * longer see it (drop it like a deleted one).
   */
  reason?: 'hidden';
}

/**
 * Mounts `GET /api/v1/changes`: Server-Sent Events with one `change` event per
 * committed write the user may see, `id:` being the change log position. A
 * client that reconnects with `Last-Event-ID` (or `?since=`) gets everything
 * it missed, from this process or any other on the same database; when the
 * log no longer reaches back that far it gets a `reset` event and should
 * reload. A comment line every 15 s keeps proxies from closing the stream.
 */
export function mountChangeFeed(app: Hono<ServerEnv>, store: SqlStore, streams: Set<AbortController>): void {
  app.get('/api/v1/changes', (c) => {
    const requested = c.req.header('last-event-id') ?? c.req.query('since');
    const crm = c.var.crm;
    const user = c.var.user;
    const closing = new AbortController();
    streams.add(closing);
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let cursor = requested !== undefined && /^\d+$/.test(requested) ? Number(requested) : await store.head();
      if (requested !== undefined && cursor + 1 < (await store.tail())) {
        await stream.writeSSE({ event: 'reset', data: JSON.stringify({ reason: 'The change log no longer reaches back that far; reload' }), id: String(await store.head()) });
        cursor = await store.head();
      }
      let wake: (() => void) | undefined;
      let pending = true;
      const hidden = new Set<string>();
      const stop = store.onLog(() => {
        pending = true;
        wake?.();
      });
      const done = new Promise<void>((resolve) => {
        stream.onAbort(() => resolve());
        closing.signal.addEventListener('abort', () => resolve());
      });
      let open = true;
      void done.then(() => {
        open = false;
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ head: cursor }), id: String(cursor) });
      try {
        while (open) {
          if (pending) {
            pending = false;
            for (;;) {
              const batch = await store.changesSince(cursor, 500);
              for (const change of batch) {
                const events = (await feedEvents(crm, store, user, change)).filter((e) => {
                  // One hand-over can hide a step twice (its own entry and its record's): tell it once, until it is seen again.
                  const key = `${e.table}/${e.id}`;
                  if (e.reason !== 'hidden') return hidden.delete(key) || true;
                  if (hidden.has(key)) return false;
                  hidden.add(key);
                  return true;
                });
                // Several events of one change share its position: only the last carries the id, so a resume never skips a part of it.
                for (const [i, event] of events.entries()) await stream.writeSSE({ event: 'change', data: JSON.stringify(event), ...(i === events.length - 1 ? { id: String(change.seq) } : {}) });
                cursor = change.seq;
              }
              if (batch.length < 500 || !open) break;
            }
          }
          await new Promise<void>((resolve) => {
            // The log may have grown while the batch above was read: read again at once.
            if (pending || !open) return resolve();
            wake = resolve;
            const timer = setTimeout(resolve, 15_000);
            void done.then(() => clearTimeout(timer));
          });
          wake = undefined;
          if (open && !pending) await stream.write(': keep-alive\n\n');
        }
      } finally {
        stop();
        streams.delete(closing);
      }
    });
  });
}

/**
 * The events `user` receives for a logged change: the change itself when they
 * may see it, and — for a manager who just lost a record or a step to a
 * colleague (its owner or assignee changed away from them) — removal events
 * (`type: 'delete'`, `reason: 'hidden'`) for that record and for its steps
 * they may no longer see, so their copies go away like deleted ones.
 */
export async function feedEvents(crm: Crm, store: Pick<SqlStore, 'query' | 'get'>, user: User, change: LoggedChange): Promise<FeedEvent[]> {
  const event = await visible(crm, user, change);
  if (event || user.role !== 'manager' || change.table !== 'history' || change.type !== 'put' || !change.row) return event ? [event] : [];
  const entry = change.row as { type?: string; recordType?: RecordType; recordId?: string; data?: { changes?: { ownerId?: { from?: string; to?: string } }; activityId?: string; from?: string; to?: string } };
  const hidden = (table: TableName, id: string): FeedEvent => ({ table, type: 'delete', id, reason: 'hidden' });
  const mayNotSee = (step: StoredRow) => step['ownerId'] !== user.id && step['assigneeId'] !== user.id;
  const owner = entry.data?.changes?.ownerId;
  if (entry.type === 'field_changed' && owner?.from === user.id && owner.to !== user.id && entry.recordType && entry.recordId) {
    const table = TABLE_OF[entry.recordType];
    if (!table || (await crm[table].find(entry.recordId))) return [];
    const steps = await store.query('activities', { index: 'recordId', equals: entry.recordId });
    return [hidden(table, entry.recordId), ...steps.filter(mayNotSee).map((step) => hidden('activities', step.id))];
  }
  if (entry.type === 'activity_reassigned' && entry.data?.from === user.id && entry.data.to !== user.id && entry.data.activityId) {
    const step = await store.get('activities', entry.data.activityId);
    if (!step || mayNotSee(step)) return [hidden('activities', entry.data.activityId)];
  }
  return [];
}

/** The event `user` may receive for a logged change, or `undefined` when it is none of theirs. */
export async function visible(crm: Crm, user: User, change: LoggedChange): Promise<FeedEvent | undefined> {
  if (!FEED_TABLES.has(change.table)) return undefined;
  const event: FeedEvent = { table: change.table, type: change.type, id: change.id, ...(change.type === 'put' && change.row ? { row: change.row } : {}) };
  if (user.role !== 'manager') return event;
  const row = change.row;
  if (!row) return undefined;
  if (OWNED_TABLES.has(change.table)) return row['ownerId'] === user.id ? event : undefined;
  if (change.table === 'activities') return row['ownerId'] === user.id || row['assigneeId'] === user.id ? event : undefined;
  // History: visible when its record is; a removed record's last entry carries the snapshot.
  const snapshot = (row['data'] as { snapshot?: { ownerId?: string } } | undefined)?.snapshot;
  if (snapshot) return snapshot.ownerId === user.id ? event : undefined;
  const table = TABLE_OF[row['recordType'] as RecordType];
  if (!table) return undefined;
  const record = await crm[table].find(String(row['recordId']));
  return record ? event : undefined;
}
