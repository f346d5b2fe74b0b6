/**
 * The little a crmkit SQL store needs from a PostgreSQL client, so the same
 * SQL runs on PostgreSQL (the `postgres` driver) and PGlite.
 */

/** One connection's worth of queries (inside a transaction: that transaction's). */
export interface SqlSession {
  /** Runs one statement with `$1…` parameters and returns its rows. */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * A transaction's session. Statements sent without awaiting the previous one
 * run in the order they were sent (PostgreSQL: pipelined on the
 * transaction's connection, so a burst costs one round trip).
 */
export interface SqlTransaction extends SqlSession {
  /**
   * Runs a last statement and COMMITs right behind it, without waiting for
   * the statement's answer in between (locks the statement takes are held
   * for the commit alone, not a round trip more). The transaction is over
   * afterwards, committed or — when anything in it failed — rolled back.
   */
  commitWith<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/** A PostgreSQL client: queries, transactions, LISTEN and close. */
export interface SqlDriver extends SqlSession {
  /** Runs `fn` inside BEGIN … COMMIT (ROLLBACK when it throws); `fn` may end it early with `commitWith`. */
  transaction<R>(fn: (session: SqlTransaction) => Promise<R>): Promise<R>;
  /** Runs several statements separated by `;` (migrations). */
  exec(text: string): Promise<void>;
  /** LISTENs on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes every connection. */
  close(): Promise<void>;
  /** True for a single-connection database (PGlite): transactions never overlap, so no log entry ever waits behind another. */
  readonly serial?: boolean;
}
