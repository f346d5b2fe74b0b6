import { StorageError, type StoredRow, type TableName } from '@crmkit/core';
import { decodeRowText } from './row-codec.js';
import { sqlCall } from './row-queries.js';
import type { SqlSession } from './sql-driver.js';

/**
 * The change log's order, without a lock held through COMMIT.
 *
 * An entry's position (`pos`) is its transaction id × 2^21 + its place in
 * that transaction's append. Readers take entries in position order only
 * below the oldest transaction of this database their snapshot sees running
 * (× 2^21): every transaction with a smaller id has ended, so nothing can
 * still appear below that line and a reader never skips an entry that
 * commits late. Writers commit side by side (PostgreSQL groups their WAL
 * flushes); an entry becomes readable once every transaction of the database
 * that took its id before it has ended.
 *
 * Positions are plain numbers (SSE ids, the core's `changesSince`), exact
 * while transaction ids stay below 2^32 — the first four billion write
 * transactions of a cluster.
 */

/** Entries one transaction may append (its place in the append is the low 21 bits of the position). */
export const MAX_APPEND = 2 ** 21;

/** The SQL for a new entry's position, given its 1-based place `n` in the transaction's append. */
export function positionSql(n: string): string {
  return `(pg_current_xact_id()::text::bigint * ${MAX_APPEND} + ${n})`;
}

/**
 * The first position no running transaction can still write below (SQL): the
 * oldest transaction the reader's snapshot sees as running — leaving out
 * those that are running in another database of the cluster (they cannot
 * write this log), so a long job elsewhere does not hold the feed back — or
 * the snapshot's xmax when none is.
 */
const READABLE_BELOW = `(SELECT least(pg_snapshot_xmax(pg_current_snapshot())::text::bigint, (
    SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
    WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid = xid(x) AND a.datname IS DISTINCT FROM current_database())
  )) * ${MAX_APPEND})`;
// A scalar subquery: computed once per statement, then a bound on the `pos` index (written
// inline, the snapshot functions were evaluated for every row of the log, in a full scan).

/** One entry of the persisted, ordered change log (what the SSE feed replays). */
export interface LoggedChange {
  /** Position in the log; strictly increasing in the order readers see entries. */
  seq: number;
  /** Table written. */
  table: TableName;
  /** Kind of write. */
  type: 'put' | 'delete';
  /** Row id. */
  id: string;
  /** The row after a put, or the row that was removed by a delete (absent for `meta` and `jobs`). */
  row?: StoredRow;
}

/** Entries after position `after` that no running transaction can still precede, in order, at most `limit`. */
export async function readLog(session: SqlSession, after: number, limit: number, withRows: boolean): Promise<(LoggedChange & { origin: string })[]> {
  const rows = await sqlCall(() =>
    session.query<{ pos: string | number; tbl: string; type: string; id: string; data: string | null; origin: string }>(
      `SELECT pos, tbl, type, id, ${withRows ? 'data::text' : 'NULL::text'} AS data, origin FROM crm_changes
       WHERE pos > $1 AND pos < ${READABLE_BELOW} ORDER BY pos LIMIT $2`,
      [after, limit],
    ),
  );
  return rows.map((r) => ({
    seq: Number(r.pos),
    table: r.tbl as TableName,
    type: r.type as 'put' | 'delete',
    id: r.id,
    origin: r.origin,
    ...(r.data ? { row: decodeRowText<StoredRow>(r.data) } : {}),
  }));
}

/** The newest readable position; when the log is empty, the newest pruned one (0 when nothing was ever logged). */
export async function logHead(session: SqlSession): Promise<number> {
  const [row] = await sqlCall(() =>
    session.query<{ pos: string | number | null }>(
      `SELECT coalesce((SELECT max(pos) FROM crm_changes WHERE pos < ${READABLE_BELOW}), (SELECT pos FROM crm_log_horizon), 0) AS pos`,
    ),
  );
  return Number(row?.pos ?? 0);
}

/** One past the newest pruned position (1 when nothing was pruned): a reader whose position + 1 is below it has missed entries. */
export async function logTail(session: SqlSession): Promise<number> {
  const [row] = await sqlCall(() => session.query<{ pos: string | number }>('SELECT pos FROM crm_log_horizon'));
  return row ? Number(row.pos) + 1 : 1;
}

/** True when committed entries wait behind a running transaction (readers should look again soon). */
export async function logHeldBack(session: SqlSession): Promise<boolean> {
  // The newest entry against the bound: one step down the `pos` index, however long the log is.
  const [row] = await sqlCall(() => session.query<{ held: boolean | null }>(`SELECT (SELECT max(pos) FROM crm_changes) >= ${READABLE_BELOW} AS held`));
  return Boolean(row?.held);
}

/** Deletes entries older than `days` and records the newest deleted position as the horizon. */
export async function pruneLog(session: SqlSession, days: number): Promise<void> {
  await session.query(
    `WITH gone AS (DELETE FROM crm_changes WHERE at < now() - make_interval(days => $1) RETURNING pos)
     INSERT INTO crm_log_horizon (id, pos) SELECT 1, max(pos) FROM gone HAVING max(pos) IS NOT NULL
     ON CONFLICT (id) DO UPDATE SET pos = greatest(crm_log_horizon.pos, EXCLUDED.pos)`,
    [days],
  );
}

/** Refuses an append larger than a transaction's share of positions. */
export function checkAppendSize(entries: number): void {
  if (entries >= MAX_APPEND) throw new StorageError(`one transaction may log at most ${MAX_APPEND - 1} changes (this one has ${entries}); split the write`);
}
