import { STORE_INDEXES, TABLE_NAMES, type TableName } from '@crmkit/core';
import type { SqlDriver } from './sql-driver.js';

/** The advisory-lock namespace crmkit takes its locks in (`pg_advisory_xact_lock(ns, key)`). */
export const LOCK_NAMESPACE = 72_651;
/** The SQLSTATE `crm_versions_held` raises when a conditional put found a row at another version. */
export const VERSION_CONFLICT = 'CR409';
/** Lock key serialising migrations across processes. */
export const MIGRATION_LOCK = 9_999;

/** The SQL table holding a crmkit table's rows. */
export function sqlTable(table: TableName): string {
  return `crm_${table}`;
}

/** The lock key of a crmkit table (its position in `TABLE_NAMES`). */
export function tableLock(table: TableName): number {
  return TABLE_NAMES.indexOf(table);
}

/** Index name in the SQL schema for one of core's store indexes. */
function indexName(table: TableName, field: string): string {
  return `crm_${table}_${field.replace(/[^A-Za-z0-9]/g, '').toLowerCase()}_idx`;
}

function rowTables(): string {
  return TABLE_NAMES.map((table) => {
    const indexes = STORE_INDEXES[table].map((spec) => {
      const multi = spec.startsWith('*');
      const field = multi ? spec.slice(1) : spec;
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`unexpected index name ${spec}`);
      return multi
        ? `CREATE INDEX ${indexName(table, field)} ON ${sqlTable(table)} USING gin ((data -> '${field}') jsonb_path_ops);`
        : `CREATE INDEX ${indexName(table, field)} ON ${sqlTable(table)} ((data -> '${field}'), id);`;
    });
    return [`CREATE TABLE ${sqlTable(table)} (id text COLLATE "C" PRIMARY KEY, data jsonb NOT NULL);`, ...indexes].join('\n');
  }).join('\n');
}

/**
 * The versioned schema. Each entry runs once, in order, in one transaction
 * with its version recorded; never edit a released entry — add a new one.
 */
export const MIGRATIONS: readonly { version: number; description: string; sql: () => string }[] = [
  {
    version: 1,
    description: 'one table per crmkit table (rows as JSONB, an expression index per store index, GIN for multi-entry ones) and the change log',
    sql: () => `${rowTables()}
CREATE TABLE crm_changes (
  seq bigserial PRIMARY KEY,
  tbl text NOT NULL,
  type text NOT NULL,
  id text NOT NULL,
  data jsonb,
  origin text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_changes_at_idx ON crm_changes (at);`,
  },
  {
    version: 2,
    description: 'server accounts: users with hashed API tokens, and login sessions',
    sql: () => `CREATE TABLE crm_users (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  token_id text UNIQUE,
  token_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm_sessions (
  id_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES crm_users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX crm_sessions_expires_idx ON crm_sessions (expires_at);`,
  },
  {
    version: 3,
    description: 'keyset indexes for lists: newest first overall, per owner (a manager\'s own), and per stage (the funnel board)',
    sql: () => listIndexes(),
  },
  {
    version: 4,
    description: 'change log positions ordered by transaction id, read below the readers\' xmin, so writers no longer queue on a tail lock through COMMIT; the pruned horizon',
    sql: () => `ALTER TABLE crm_changes ADD COLUMN pos bigint;
UPDATE crm_changes SET pos = seq;
ALTER TABLE crm_changes ALTER COLUMN pos SET NOT NULL;
CREATE UNIQUE INDEX crm_changes_pos_idx ON crm_changes (pos);
CREATE TABLE crm_log_horizon (id integer PRIMARY KEY CHECK (id = 1), pos bigint NOT NULL);`,
  },
  {
    version: 5,
    description: 'keyset indexes for next steps (soonest due first: overall, per record, assignee, owner and state) and for timelines (per record, by time)',
    sql: () => stepIndexes(),
  },
  {
    version: 6,
    description: 'crm_locked_row: a read inside a transaction takes its row (and table) locks and reads the row in one statement',
    sql: () => lockedRowFunction(),
  },
  {
    version: 7,
    description: 'crm_versions_held: a conditional write (put only while a row is at the version read) fails whole when any row moved on',
    sql: () => versionsHeldFunction(),
  },
];

/**
 * `crm_versions_held(updated, expected)`: true when every conditional row
 * of a write statement was updated; otherwise raises SQLSTATE
 * {@link VERSION_CONFLICT}, which undoes the whole statement (see
 * `writeStatement`). One line, like `crm_locked_row`.
 */
function versionsHeldFunction(): string {
  return `CREATE FUNCTION crm_versions_held(updated bigint, expected bigint) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $f$ BEGIN IF updated <> expected THEN RAISE EXCEPTION 'a row changed since it was read (% of % at the version read)', updated, expected USING ERRCODE = '${VERSION_CONFLICT}'; END IF; RETURN true; END $f$`;
}

/**
 * `crm_locked_row(tbl, row_id, table_key, lock_row)`: takes the table's
 * shared lock (when `table_key` is not null) and the row's exclusive lock
 * (when `lock_row`), in that order — the keys `TransactionLocks` uses — then
 * returns the row's data as text (null when there is none). PL/pgSQL and
 * VOLATILE on purpose: in READ COMMITTED each statement of such a function
 * takes a fresh snapshot, so the row is read after the locks are held and
 * shows what the previous holder committed (one SQL statement would read
 * with the snapshot taken before it waited). One line: the migration runner
 * splits statements at a semicolon that ends a line.
 */
function lockedRowFunction(): string {
  return [
    'CREATE FUNCTION crm_locked_row(tbl text, row_id text, table_key integer, lock_row boolean) RETURNS text LANGUAGE plpgsql VOLATILE AS $f$ DECLARE found text; BEGIN',
    `IF table_key IS NOT NULL THEN PERFORM pg_advisory_xact_lock_shared(${LOCK_NAMESPACE}, table_key); END IF;`,
    `IF lock_row THEN PERFORM pg_advisory_xact_lock(hashtextextended(tbl || ':' || row_id, 0)); END IF;`,
    "EXECUTE format('SELECT data::text FROM %I WHERE id = $1', 'crm_' || tbl) INTO found USING row_id; RETURN found; END $f$",
  ].join(' ');
}

/** The `(filter, dueAt, id)` indexes of activity lists and the `(recordId, at, id)` index of timelines. */
function stepIndexes(): string {
  const due = `(data ->> 'dueAt') COLLATE "C"`;
  return [
    `CREATE INDEX crm_activities_due_idx ON ${sqlTable('activities')} ((${due}), id);`,
    ...['recordId', 'assigneeId', 'ownerId', 'state'].map((field) => `CREATE INDEX crm_activities_${field.toLowerCase()}_due_idx ON ${sqlTable('activities')} ((data -> '${field}'), (${due}), id);`),
    `CREATE INDEX crm_history_recordid_at_idx ON ${sqlTable('history')} ((data -> 'recordId'), ((data ->> 'at') COLLATE "C"), id);`,
  ].join('\n');
}

/** The record tables whose lists page in SQL, and the filters that get a `(filter, createdAt, id)` index. */
const LIST_INDEXES: Readonly<Partial<Record<TableName, readonly string[]>>> = {
  contacts: ['ownerId'],
  companies: ['ownerId'],
  leads: ['ownerId', 'stageId'],
  deals: ['ownerId', 'stageId'],
};

function listIndexes(): string {
  const created = `(data ->> 'createdAt') COLLATE "C"`;
  return Object.entries(LIST_INDEXES)
    .flatMap(([table, fields]) => [
      `CREATE INDEX crm_${table}_created_idx ON ${sqlTable(table as TableName)} ((${created}), id);`,
      ...fields!.map((field) => `CREATE INDEX crm_${table}_${field.toLowerCase()}_created_idx ON ${sqlTable(table as TableName)} ((data -> '${field}'), (${created}), id);`),
    ])
    .join('\n');
}

/** Brings the database up to the newest schema; safe when several processes start at once. */
export async function migrate(driver: SqlDriver): Promise<number> {
  return driver.transaction(async (session) => {
    await session.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATION_LOCK]);
    await session.query('CREATE TABLE IF NOT EXISTS crm_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await session.query<{ version: number }>('SELECT version FROM crm_migrations')).map((r) => Number(r.version)));
    let latest = Math.max(0, ...done);
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.sql().split(/;\s*(?:\n|$)/).filter((s) => s.trim())) await session.query(statement);
      await session.query('INSERT INTO crm_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
      latest = migration.version;
    }
    return latest;
  });
}
