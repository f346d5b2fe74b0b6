import postgres from 'postgres';
import type { SqlDriver, SqlSession, SqlTransaction } from './sql-driver.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions extends SqlStoreOptions {
  /** Connection string, e.g. `postgres://crm:secret@127.0.0.1:5432/crm`. */
  url: string;
  /** Most connections this process opens (one more is kept for LISTEN). Default 10. */
  max?: number;
}

/**
 * A crmkit store on PostgreSQL (driver: `postgres`). Several server
 * processes may share one database: transactions lock the tables they name,
 * and every commit reaches the other processes through `LISTEN/NOTIFY`.
 *
 * ```ts
 * const crm = await createCrm({ store: postgresStore(process.env.DATABASE_URL!) });
 * ```
 */
export function postgresStore(urlOrOptions: string | PostgresStoreOptions): SqlStore {
  const options = typeof urlOrOptions === 'string' ? { url: urlOrOptions } : urlOrOptions;
  const safeName = `postgres:${redact(options.url)}`;
  return new SqlStore(safeName, async () => postgresDriver(options), options);
}

/** The connection string with its password hidden (store names end up in logs and errors). */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}

async function postgresDriver(options: PostgresStoreOptions): Promise<SqlDriver> {
  const sql = postgres(options.url, { max: options.max ?? 10, onnotice: () => undefined, prepare: true, connect_timeout: 10 });
  const session = (client: postgres.Sql | postgres.ReservedSql): SqlSession => ({
    query: async <R>(text: string, params: readonly unknown[] = []) => (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as R[],
  });
  await sql.unsafe('SELECT 1');
  return {
    ...session(sql),
    transaction: <R>(fn: (s: SqlTransaction) => Promise<R>) => pipelinedTransaction(sql, session, fn),
    exec: async (text) => {
      await sql.unsafe(text);
    },
    listen: async (channel, onPayload) => {
      const listening = await sql.listen(channel, onPayload);
      return () => listening.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * BEGIN … COMMIT on a reserved connection, pipelined: BEGIN goes out with the
 * first statement, and `commitWith` sends its statement and COMMIT together —
 * so the change log's tail lock is held for the commit only, not for a round
 * trip through a busy event loop as well.
 */
async function pipelinedTransaction<R>(sql: postgres.Sql, session: (client: postgres.ReservedSql) => SqlSession, fn: (s: SqlTransaction) => Promise<R>): Promise<R> {
  const conn = await sql.reserve();
  let open = true;
  const begin = conn.unsafe('BEGIN').then(() => undefined);
  begin.catch(() => undefined);
  const tx: SqlTransaction = {
    ...session(conn),
    commitWith: async <T>(text: string, params: readonly unknown[] = []) => {
      const last = conn.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
      const commit = conn.unsafe('COMMIT');
      open = false;
      // After a failed statement PostgreSQL answers this COMMIT with a rollback; the statement's error is the one to report.
      const [rows, committed] = await Promise.allSettled([last, commit]);
      if (rows.status === 'rejected') throw rows.reason;
      if (committed.status === 'rejected') throw committed.reason;
      return rows.value as unknown as T[];
    },
  };
  try {
    const result = await fn(tx);
    await begin;
    if (open) {
      open = false;
      await conn.unsafe('COMMIT');
    }
    return result;
  } catch (error) {
    if (open) {
      open = false;
      await conn.unsafe('ROLLBACK').catch(() => undefined);
    }
    throw error;
  } finally {
    conn.release();
  }
}
