import type { TableName } from '@crmkit/core';
import { LOCK_NAMESPACE, tableLock } from './schema.js';
import type { StatementPipeline } from './statement-pipeline.js';

/**
 * The locks one SQL transaction holds, taken lazily and kept until COMMIT or
 * ROLLBACK (transaction-scoped advisory locks, so they hold across server
 * processes on one database too).
 *
 * Two levels, so writers of different rows of one table run side by side:
 * - touching a row (`get`, `put`, `delete`) takes the table's lock *shared*
 *   and an exclusive lock on that row's key (`table:id`), so read-modify-write
 *   of one row never interleaves, and a row that does not exist yet is
 *   claimed too (two "get, then create if missing" never both create);
 * - a `query` takes the table's lock *exclusive*: it waits for every
 *   transaction touching rows of that table and keeps new ones out until it
 *   ends, so "query, then write what was not found" is safe.
 *
 * Locks are taken in the order the transaction touches things, so two
 * transactions may deadlock; PostgreSQL detects that and fails one of them,
 * and the store runs it again (see {@link isRetryable}).
 *
 * On a single-connection database (PGlite) transactions never overlap, so
 * there is nothing to lock against and no lock is taken.
 */
export class TransactionLocks {
  private readonly tables = new Map<TableName, 'shared' | 'exclusive'>();
  private readonly rowKeys = new Set<string>();

  /** `serial`: the database runs one transaction at a time (see `SqlDriver.serial`); nothing is locked then. */
  constructor(
    private readonly pipeline: StatementPipeline,
    private readonly serial = false,
  ) {}

  /**
   * Locks `ids` of `table` (and the table, shared) unless this transaction
   * already holds them. The lock statement is sent, not awaited: what the
   * transaction sends next runs after it (and a read waits for it).
   */
  rows(table: TableName, ids: readonly string[]): void {
    if (this.serial) return;
    const tableHeld = this.tables.has(table);
    const wanted = this.claim(table, ids).rows;
    if (tableHeld && wanted.length === 0) return;
    // One round trip, in a fixed order: the table (shared) first when not held yet, then the rows by key.
    this.pipeline.send(
      `SELECT count(CASE WHEN n = 1 AND $3::boolean THEN pg_advisory_xact_lock_shared($1, $2) ELSE pg_advisory_xact_lock(hashtextextended(k, 0)) END) AS locks
       FROM unnest($4::text[]) WITH ORDINALITY AS u(k, n)`,
      [LOCK_NAMESPACE, tableLock(table), !tableHeld, tableHeld ? wanted : ['', ...wanted]],
    );
  }

  /**
   * The statement that reads row `id` of `table` after taking the locks on
   * it this transaction does not hold yet (the table's shared lock, the
   * row's) — one statement instead of a lock statement and a read, see
   * `crm_locked_row` in schema.ts; its one row has `data` (text, null when
   * the row does not exist). `undefined` when there is nothing left to lock
   * (or nothing is locked, PGlite): read the row plainly then.
   */
  lockedRead(table: TableName, id: string): [string, unknown[]] | undefined {
    if (this.serial) return undefined;
    const tableHeld = this.tables.has(table);
    const wanted = this.claim(table, [id]);
    if (tableHeld && wanted.rows.length === 0) return undefined;
    return ['SELECT crm_locked_row($1, $2, $3, $4) AS data', [table, id, wanted.table ?? null, wanted.rows.length > 0]];
  }

  /**
   * The locks on `ids` of `table` this transaction does not hold yet — the
   * table's shared lock key (when not held) and the row keys, sorted — now
   * counted as held: the caller takes them (see `WriteBatch`).
   */
  claim(table: TableName, ids: readonly string[]): { table?: number; rows: string[] } {
    if (this.serial) return { rows: [] };
    const wanted = [...new Set(ids.map((id) => `${table}:${id}`))].filter((key) => !this.rowKeys.has(key)).sort();
    for (const key of wanted) this.rowKeys.add(key);
    if (this.tables.has(table)) return { rows: wanted };
    this.tables.set(table, 'shared');
    return { table: tableLock(table), rows: wanted };
  }

  /** Locks the whole of `table` exclusively (for a query) unless already held so; sent like {@link rows}. */
  table(table: TableName): void {
    if (this.serial || this.tables.get(table) === 'exclusive') return;
    this.pipeline.send('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, tableLock(table)]);
    this.tables.set(table, 'exclusive');
  }
}

/** PostgreSQL's SQLSTATEs after which a transaction may simply run again: deadlock detected, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** True when `error` (or its cause) is a deadlock or serialization failure. */
export function isRetryable(error: unknown): boolean {
  return [...RETRYABLE].some((code) => hasSqlState(error, code));
}

/** True when `error` or one of its causes carries PostgreSQL's SQLSTATE `code`. */
export function hasSqlState(error: unknown, code: string): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === code) return true;
  }
  return false;
}
