/**
 * The little a crmkit SQL store needs from a PostgreSQL client, so the same
 * SQL runs on PostgreSQL (the `postgres` driver) and PGlite.
 */

/** One connection's worth of queries (inside a transaction: that transaction's). */
export interface SqlSession {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/** A PostgreSQL client: queries, transactions, LISTEN and close. */
export interface SqlDriver extends SqlSession {
  /** Runs `fn` inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<R>(fn: (session: SqlSession) => Promise<R>): Promise<R>;
  /** Runs several statements separated by `;` (migrations). */
  exec(text: string): Promise<void>;
  /** LISTENs on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes every connection. */
  close(): Promise<void>;
}
