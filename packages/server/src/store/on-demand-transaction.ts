import type { SqlDriver, SqlTransaction } from './sql-driver.js';

/**
 * A driver transaction begun only when a statement needs it. The store
 * decides late whether a transaction needs BEGIN … COMMIT at all: one that
 * only writes is a single statement, which PostgreSQL commits on its own, so
 * it needs no reserved connection and no BEGIN/COMMIT round trip.
 */
export class OnDemandTransaction {
  private session: Promise<SqlTransaction> | undefined;
  private outcome: Promise<void> | undefined;
  private finish: ((failure: { error: unknown } | undefined) => void) | undefined;

  constructor(private readonly driver: SqlDriver) {}

  /** True once BEGIN was sent. */
  get begun(): boolean {
    return this.session !== undefined;
  }

  /** The transaction's session; the first call begins it (`driver.transaction`), later ones share it. */
  open(): Promise<SqlTransaction> {
    this.session ??= new Promise<SqlTransaction>((resolve, reject) => {
      this.outcome = this.driver.transaction(
        (tx) =>
          new Promise<void>((done, fail) => {
            this.finish = (failure) => (failure ? fail(failure.error) : done());
            resolve(tx);
          }),
      );
      // When the transaction cannot begin (no connection), the session fails with that error.
      this.outcome.catch(reject);
    });
    return this.session;
  }

  /**
   * Ends a begun transaction: commits it, or rolls it back when `failure` is
   * given, and waits until the driver is done (a failed commit throws).
   * Nothing to do when it never began.
   */
  async end(failure?: { error: unknown }): Promise<void> {
    if (!this.session) return;
    await this.session.catch(() => undefined);
    this.finish?.(failure);
    await this.outcome;
  }
}
