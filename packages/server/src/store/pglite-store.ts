import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlSession, SqlTransaction } from './sql-driver.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';

/** Options of {@link pgliteStore}. */
export interface PgliteStoreOptions extends SqlStoreOptions {
  /** Data folder; omit (or `memory://`) for an in-memory database that is gone on close. */
  dir?: string;
  /** An already created PGlite instance to use instead of opening `dir` (closing the store leaves it open). */
  db?: PGlite;
}

/**
 * A crmkit store on PGlite (PostgreSQL compiled to WebAssembly) with its data
 * in a folder: nothing to install, the same SQL as {@link postgresStore}. One
 * process per folder — PGlite has a single connection, and two instances on
 * one folder corrupt it; for several processes use PostgreSQL.
 */
export function pgliteStore(dirOrOptions?: string | PgliteStoreOptions): SqlStore {
  const options = typeof dirOrOptions === 'string' || dirOrOptions === undefined ? { dir: dirOrOptions } : dirOrOptions;
  const dir = options.dir ?? 'memory://';
  return new SqlStore(`pglite:${dir}`, async () => pgliteDriver(options.db ?? (await PGlite.create(dir)), !options.db), options);
}

async function pgliteDriver(db: PGlite, owned: boolean): Promise<SqlDriver> {
  const session = (client: Pick<PGlite, 'query'>): SqlSession => ({
    query: async <R>(text: string, params: readonly unknown[] = []) => (await client.query<R>(text, params as unknown[])).rows,
  });
  return {
    ...session(db),
    serial: true,
    // One connection, nothing to pipeline: the last statement runs, then PGlite commits when `fn` returns.
    transaction: <R>(fn: (s: SqlTransaction) => Promise<R>) => db.transaction((tx) => fn({ ...session(tx), commitWith: session(tx).query })),
    exec: async (text) => {
      await db.exec(text);
    },
    listen: async (channel, onPayload) => db.listen(channel, onPayload),
    close: async () => {
      if (owned) await db.close();
    },
  };
}
