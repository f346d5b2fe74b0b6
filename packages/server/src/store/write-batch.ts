import { TABLE_NAMES, type TableName } from '@crmkit/core';
import { checkAppendSize, positionSql } from './change-log.js';
import { LOCK_NAMESPACE, sqlTable } from './schema.js';
import type { TransactionLocks } from './transaction-locks.js';

/**
 * One entry of a batch as the write function reads it: `t` table, `k` kind,
 * `i` row id, `d` the row (after a put; the removed row for a delete), `w`
 * set on the put that is the row's last in the batch (the one to upsert), `q`
 * set when the log keeps no copy of the row (internal tables), `v` the version
 * the stored row must still have for a conditional put (see `putChecked`).
 */
interface BatchEntry {
  t: TableName;
  k: 'put' | 'delete';
  i: string;
  d?: unknown;
  w?: 1;
  q?: 1;
  v?: number;
}

/** Tables whose rows are not copied into the change log (internal bookkeeping). */
export const UNLOGGED_DATA: ReadonlySet<TableName> = new Set<TableName>(['meta', 'jobs']);

/**
 * The writes of one transaction not sent yet. Puts wait here and go out
 * together as one statement (see {@link writeStatement}: locks, upserts and
 * the change-log rows in one round trip) — at commit, or before anything that
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

  /**
   * A put of `id` in `table` that only holds while the stored row's
   * `version` is `version`: the statement updates the row under that
   * condition and fails whole (SQLSTATE `VERSION_CONFLICT`, see schema.ts) when any
   * such row did not match, so nothing of the batch is written.
   */
  putChecked(table: TableName, id: string, encoded: unknown, version: number): void {
    this.entries.push({ t: table, k: 'put', i: id, d: encoded, v: version });
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
    const checked = new Set<TableName>();
    for (const e of entries) {
      if (e.k !== 'put') continue;
      if (e.v !== undefined) checked.add(e.t);
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
      if (e.v !== undefined) out.v = e.v;
      if (upsert || !out.q) out.d = e.d;
      return out;
    });
    const base = this.sent;
    this.sent += entries.length;
    const params: unknown[] = [JSON.stringify(payload), this.origin, base];
    if (tableLocks.length + rowLocks.length > 0) params.push(tableLocks.sort((a, b) => a - b), rowLocks.sort());
    return [writeStatement([...ids.keys()], params.length > 3, [...checked]), params];
  }
}

/**
 * The one statement that writes a batch upserting rows of `tables`:
 * `$1` the entries (JSON), `$2` the origin, `$3` how many entries the
 * transaction logged before and, with `locking`, `$4` the tables' shared
 * lock keys and `$5` the rows' lock keys (both sorted). Every upsert and
 * the change-log append read the lock CTE, which yields its single row only after taking every lock,
 * so no row is written before the locks are held; each table's upsert is
 * static SQL (PostgreSQL keeps one prepared plan per set of tables).
 * Without `locking` (nothing left to lock, or a single-connection
 * database) the lock CTE is left out.
 *
 * Rows of the `checked` tables may carry a version condition (`v`, see
 * `WriteBatch.putChecked`): those are an `UPDATE … WHERE` the stored
 * version is `v` — in READ COMMITTED an UPDATE that meets a row another
 * transaction changed meanwhile re-checks its condition on the newest
 * version, so the condition holds at the moment of writing — and the
 * change-log append calls `crm_versions_held` with how many such rows were
 * updated and how many there are: any miss raises, and the whole statement
 * (every upsert and log row with it) is undone.
 */
export function writeStatement(tables: readonly TableName[], locking = true, checked: readonly TableName[] = []): string {
  const ordered = TABLE_NAMES.filter((t) => tables.includes(t));
  const conditional = ordered.filter((t) => checked.includes(t));
  const from = locking ? 'l, e' : 'e';
  const plain = conditional.length > 0 ? ` AND NOT x ? 'v'` : '';
  const upserts = ordered.map(
    (table) =>
      `w_${table} AS (INSERT INTO ${sqlTable(table)} (id, data) SELECT x ->> 'i', x -> 'd' FROM ${from}, jsonb_array_elements(e.j) AS x WHERE x ? 'w'${plain} AND x ->> 't' = '${table}' ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data)`,
  );
  const updates = conditional.map(
    (table) =>
      `c_${table} AS (UPDATE ${sqlTable(table)} AS r SET data = x -> 'd' FROM ${from}, jsonb_array_elements(e.j) AS x WHERE x ? 'v' AND x ->> 't' = '${table}' AND r.id = x ->> 'i' AND r.data -> 'version' = x -> 'v' RETURNING 1)`,
  );
  const held =
    conditional.length > 0
      ? `\nWHERE crm_versions_held(${conditional.map((t) => `(SELECT count(*) FROM c_${t})`).join(' + ')}, (SELECT count(*) FROM e, jsonb_array_elements(e.j) AS y WHERE y ? 'v'))`
      : '';
  const locks = `l AS MATERIALIZED (SELECT count(CASE WHEN n <= cardinality($4::integer[]) THEN pg_advisory_xact_lock_shared(${LOCK_NAMESPACE}, ($4::integer[])[n]) ELSE pg_advisory_xact_lock(hashtextextended(($5::text[])[n - cardinality($4::integer[])], 0)) END) AS c FROM generate_series(1, cardinality($4::integer[]) + cardinality($5::text[])) AS n)`;
  return `WITH ${['e AS (SELECT $1::text::jsonb AS j)', ...(locking ? [locks] : []), ...upserts, ...updates].join(', ')}
INSERT INTO crm_changes (pos, tbl, type, id, data, origin)
SELECT ${positionSql('$3::bigint + x.n')}, x.v ->> 't', x.v ->> 'k', x.v ->> 'i', CASE WHEN x.v ? 'q' THEN NULL ELSE x.v -> 'd' END, $2::text
FROM ${from}, jsonb_array_elements(e.j) WITH ORDINALITY AS x(v, n)${held}`;
}
