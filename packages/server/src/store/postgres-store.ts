import postgres from 'postgres';
import type { SqlDriver, SqlSession } from './sql-driver.js';
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
  const session = (client: postgres.Sql | postgres.TransactionSql): SqlSession => ({
    query: async <R>(text: string, params: readonly unknown[] = []) => (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as R[],
  });
  await sql.unsafe('SELECT 1');
  return {
    ...session(sql),
    transaction: <R>(fn: (s: SqlSession) => Promise<R>) => sql.begin((tx) => fn(session(tx))) as Promise<R>,
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
