import { TABLE_NAMES, type TableName } from '@crmkit/core';
import { checkAppendSize, MAX_APPEND } from './change-log.js';
import { LOCK_NAMESPACE, sqlTable } from './schema.js';
import type { TransactionLocks } from './transaction-locks.js';

/** The server-side function that writes a batch (created by migration 6, see {@link writeFunctionSql}). */
export const WRITE_FUNCTION = 'crm_write';

/** The statement that writes one batch: `SELECT crm_write(entries, table locks, row locks, origin, base)`. */
export const WRITE_STATEMENT = `SELECT ${WRITE_FUNCTION}($1::text::jsonb, $2::integer[], $3::text[], $4::text, $5::bigint)`;

/**
 * One entry of a batch as the write function reads it: `t` table, `k` kind,
 * `i` row id, `d` the row (after a put; the removed row for a delete), `w`
 * set on the put that is the row's last in the batch (the one to upsert), `q`
 * set when the log keeps no copy of the row (internal tables).
 */
interface BatchEntry {
  t: TableName;
  k: 'put' | 'delete';
  i: string;
  d?: unknown;
  w?: 1;
  q?: 1;
}

/** Tables whose rows are not copied into the change log (internal bookkeeping). */
export const UNLOGGED_DATA: ReadonlySet<TableName> = new Set<TableName>(['meta', 'jobs']);

/**
 * The writes of one transaction not sent yet. Puts wait here and go out
 * together as one statement (the write function: locks, upserts and the
 * change-log rows in one round trip) — at commit, or before anything that
 * must see them (a read, a delete). A transaction that only writes is that
 * single statement, committed on its own (no BEGIN/COMMIT, no reserved
 * connection).
 */
export class WriteBatch {
  private entries: BatchEntry[] = [];
  private sent = 0;

  constructor(private readonly origin: string) {}

  /** Entries waiting to be sent. */
  get size(): number {
    return this.entries.length;
  }

  /** A put of `id` in `table` with its encoded row. */
  put(table: TableName, id: string, encoded: unknown): void {
    this.entries.push({ t: table, k: 'put', i: id, d: encoded });
  }

  /** A delete that already ran (the removed row, for the log). */
  deleted(table: TableName, id: string, removed: unknown): void {
    this.entries.push({ t: table, k: 'delete', i: id, d: removed });
  }

  /**
   * The statement writing everything waiting, with the locks `locks` does
   * not hold yet (they count as held from here on), and empties the batch.
   */
  take(locks: TransactionLocks): [string, unknown[]] {
    const entries = this.entries;
    this.entries = [];
    checkAppendSize(this.sent + entries.length);
    const last = new Map<string, BatchEntry>();
    const ids = new Map<TableName, string[]>();
    for (const e of entries) {
      if (e.k !== 'put') continue;
      last.set(`${e.t}:${e.i}`, e);
      ids.set(e.t, [...(ids.get(e.t) ?? []), e.i]);
    }
    const tableLocks: number[] = [];
    const rowLocks: string[] = [];
    for (const [table, rows] of ids) {
      const wanted = locks.claim(table, rows);
      if (wanted.table !== undefined) tableLocks.push(wanted.table);
      rowLocks.push(...wanted.rows);
    }
    const payload = entries.map((e) => {
      const out: BatchEntry = { t: e.t, k: e.k, i: e.i };
      const upsert = last.get(`${e.t}:${e.i}`) === e;
      if (UNLOGGED_DATA.has(e.t)) out.q = 1;
      if (upsert) out.w = 1;
      if (upsert || !out.q) out.d = e.d;
      return out;
    });
    const base = this.sent;
    this.sent += entries.length;
    return [WRITE_STATEMENT, [JSON.stringify(payload), tableLocks.sort((a, b) => a - b), rowLocks.sort(), this.origin, base]];
  }
}

/**
 * The write function's SQL (one line per statement would be split by the
 * migration runner, so the body is a single line). It takes the tables'
 * shared locks and the rows' locks in the order given (sorted by the
 * caller), upserts each table's rows with a statement of its own (static
 * SQL for the tables known when the migration ran, so PostgreSQL keeps their
 * plans; any other table through dynamic SQL), and appends every entry to
 * the change log at positions after `base` (the entries this transaction
 * logged before).
 */
export function writeFunctionSql(): string {
  const upsert = (table: string) =>
    `INSERT INTO ${table} (id, data) SELECT x ->> 'i', x -> 'd' FROM jsonb_array_elements(entries) AS x WHERE x ? 'w' AND x ->> 't' = t ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data;`;
  const branches = TABLE_NAMES.map((table, n) => `${n === 0 ? 'IF' : 'ELSIF'} t = '${table}' THEN ${upsert(sqlTable(table))}`).join(' ');
  const dynamic = `ELSE EXECUTE format('INSERT INTO %I (id, data) SELECT x ->> ''i'', x -> ''d'' FROM jsonb_array_elements($1) AS x WHERE x ? ''w'' AND x ->> ''t'' = $2 ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', 'crm_' || t) USING entries, t;`;
  return [
    `CREATE OR REPLACE FUNCTION ${WRITE_FUNCTION}(entries jsonb, table_locks integer[], row_locks text[], origin text, base bigint) RETURNS void LANGUAGE plpgsql AS $fn$ DECLARE t text; BEGIN`,
    `PERFORM pg_advisory_xact_lock_shared(${LOCK_NAMESPACE}, k) FROM unnest(table_locks) WITH ORDINALITY AS u(k, n);`,
    `PERFORM pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(row_locks) WITH ORDINALITY AS u(k, n);`,
    `FOR t IN SELECT DISTINCT x ->> 't' FROM jsonb_array_elements(entries) AS x WHERE x ? 'w' LOOP ${branches} ${dynamic} END IF; END LOOP;`,
    `INSERT INTO crm_changes (pos, tbl, type, id, data, origin) SELECT pg_current_xact_id()::text::bigint * ${MAX_APPEND} + base + e.n, e.x ->> 't', e.x ->> 'k', e.x ->> 'i', CASE WHEN e.x ? 'q' THEN NULL ELSE e.x -> 'd' END, origin FROM jsonb_array_elements(entries) WITH ORDINALITY AS e(x, n);`,
    'END $fn$',
  ].join(' ');
}
