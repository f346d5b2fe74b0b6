import { StorageError } from '@crmkit/core';
import type { SqlTransaction } from './sql-driver.js';

/**
 * The statements of one transaction, sent without waiting for each other
 * where nothing depends on an answer: locks and writes go out at once and
 * run in order on the transaction's connection; a read (or the commit) waits
 * for everything sent before it, so a failure surfaces at the latest there —
 * as the first statement that failed, not the "transaction is aborted" ones
 * after it.
 */
export class StatementPipeline {
  private inflight: Promise<unknown>[] = [];

  /** `session` is the transaction's session (it may begin the transaction on first call, see `OnDemandTransaction`). */
  constructor(private readonly session: () => Promise<SqlTransaction>) {}

  /** Sends a statement without waiting for its answer. */
  send(text: string, params: readonly unknown[] = []): void {
    this.track(this.session().then((tx) => tx.query(text, params)));
  }

  /** Sends a statement and resolves to its rows once it and everything sent before it are done. */
  async run<R>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    const rows = this.track(this.session().then((tx) => tx.query<R>(text, params)));
    await this.settle();
    return rows;
  }

  /** Sends a last statement and COMMIT (see `SqlTransaction.commitWith`), and waits for everything. */
  async commitWith<R>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    const rows = this.track(this.session().then((tx) => tx.commitWith<R>(text, params)));
    await this.settle();
    return rows;
  }

  /** Waits for every statement sent so far; throws the first failure as a `StorageError`. */
  async settle(): Promise<void> {
    const sent = this.inflight;
    this.inflight = [];
    const failed = (await Promise.allSettled(sent)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!failed) return;
    const cause = failed.reason as Error;
    throw cause instanceof StorageError ? cause : new StorageError(`database error: ${cause?.message ?? String(cause)}`, { cause });
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined);
    this.inflight.push(promise);
    return promise;
  }
}
