import { randomUUID } from 'node:crypto';
import { checkedPutTables, StorageError, type CheckedPut, type IndexQuery, type ScanQuery, type Store, type StoreChange, type StoredRow, type StoreOps, type TableName } from '@crmkit/core';
import { decodeRow } from './row-codec.js';
import { checkTable, getRow, queryRows, scanRows, sqlCall } from './row-queries.js';
import { logHead, logHeldBack, logTail, pruneLog, readLog, type LoggedChange } from './change-log.js';
import { migrate, VERSION_CONFLICT } from './schema.js';
import { OnDemandTransaction } from './on-demand-transaction.js';
import { StatementPipeline } from './statement-pipeline.js';
import { hasSqlState, isRetryable, TransactionLocks } from './transaction-locks.js';
import type { SqlDriver } from './sql-driver.js';
import { WriteBatch } from './write-batch.js';
import { transactionOps, type PendingChange, type SqlOps } from './transaction-ops.js';

export type { LoggedChange } from './change-log.js';

/** The NOTIFY channel commits are announced on. */
export const CHANGES_CHANNEL = 'crmkit_changes';

/** Options shared by the SQL stores. */
export interface SqlStoreOptions {
  /** How long the change log keeps entries (a feed resuming from an older id starts over). Default 7 days. */
  changeRetentionDays?: number;
}

/** How often a transaction runs when PostgreSQL keeps failing it for a deadlock. */
const MAX_ATTEMPTS = 5;


/**
 * A crmkit {@link Store} on PostgreSQL's SQL, shared by `postgresStore` and
 * `pgliteStore`. Rows are JSONB (see the row codec); a transaction locks each
 * row it reads or writes and each table it queries (transaction-scoped
 * advisory locks, see {@link TransactionLocks}), so read-modify-write is safe
 * — also across server processes on one database — while writes to different
 * rows of one table run side by side; a deadlock is retried. Writes wait in
 * a {@link WriteBatch} and go out as one statement that also appends them to
 * `crm_changes` (ordered by transaction id, see change-log.ts); a transaction
 * that only writes is that one statement, with no BEGIN/COMMIT (see
 * {@link OnDemandTransaction}). Once committed, the store NOTIFYs other
 * processes (coalesced), which report the writes as remote changes.
 */
export class SqlStore implements Store {
  /** Adapter name, e.g. `postgres` or `pglite:./crmkit-data`. */
  readonly name: string;
  /** Identifies this store instance in the change log (its own NOTIFYs are skipped). */
  readonly origin = randomUUID();
  private driver: SqlDriver | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  private readonly listeners = new Set<(changes: readonly StoreChange[]) => void>();
  private readonly logListeners = new Set<() => void>();
  private unlisten: (() => Promise<void>) | undefined;
  private remoteCursor = 0;
  private heldTimer: ReturnType<typeof setTimeout> | undefined;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private announcing: Promise<void> | undefined;
  private announceAgain = false;

  /** @internal Use `postgresStore` or `pgliteStore`. */
  constructor(
    name: string,
    private readonly connect: () => Promise<SqlDriver>,
    private readonly options: SqlStoreOptions = {},
  ) {
    this.name = name;
  }

  /** Connects, runs migrations and starts listening for other processes' commits; idempotent. */
  open(): Promise<void> {
    if (this.closed) return Promise.reject(new StorageError(`store "${this.name}" is closed`));
    this.opening ??= (async () => {
      try {
        const driver = await this.connect();
        this.driver = driver;
        await migrate(driver);
        this.remoteCursor = await this.head();
        this.unlisten = await driver.listen(CHANGES_CHANNEL, (payload) => this.onNotify(payload));
        await this.prune();
        this.pruneTimer = setInterval(() => void this.prune().catch(() => undefined), 3_600_000);
        (this.pruneTimer as { unref?: () => void }).unref?.();
      } catch (cause) {
        this.opening = undefined;
        throw cause instanceof StorageError ? cause : new StorageError(`cannot open store "${this.name}": ${String((cause as Error)?.message ?? cause)}`, { cause });
      }
    })();
    return this.opening;
  }

  /** The open driver (server tables such as users live beside the rows). @internal */
  async sql(): Promise<SqlDriver> {
    this.assertOpen();
    await this.open();
    return this.driver!;
  }

  get<T extends StoredRow = StoredRow>(table: TableName, id: string): Promise<T | undefined> {
    return this.run(async (driver) => getRow<T>(driver, table, id));
  }

  query<T extends StoredRow = StoredRow>(table: TableName, query: IndexQuery = {}): Promise<T[]> {
    return this.run(async (driver) => queryRows<T>(driver, table, query));
  }

  /** Filters, orders and pages in SQL (see `ScanQuery`); lists use it instead of reading whole tables. */
  scan<T extends StoredRow = StoredRow>(table: TableName, query: ScanQuery): Promise<T[]> {
    return this.run(async (driver) => scanRows<T>(driver, table, query));
  }

  put(table: TableName, row: StoredRow): Promise<void> {
    return this.transaction([table], (tx) => tx.put(table, row));
  }

  bulkPut(table: TableName, rows: readonly StoredRow[]): Promise<void> {
    return this.transaction([table], (tx) => tx.bulkPut(table, rows));
  }

  delete(table: TableName, id: string): Promise<void> {
    return this.transaction([table], (tx) => tx.delete(table, id));
  }

  transaction<R>(tables: readonly TableName[], fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    return this.transact(tables, fn);
  }

  /**
   * One statement (see `writeStatement`): every row, the version conditions
   * checked as the rows are updated, the change-log rows — committed on its
   * own, or undone whole when a row moved on. It takes the same row locks a
   * transaction's write does, so it never slips between a transaction's
   * locked read and its write.
   */
  async putIfUnchanged(writes: readonly CheckedPut[]): Promise<boolean> {
    const tables = checkedPutTables(writes);
    try {
      await this.transact(tables, async (tx) => {
        for (const w of writes) {
          if (w.ifVersion === undefined) await tx.put(w.table, w.row);
          else await tx.putChecked(w.table, w.row, w.ifVersion);
        }
      });
      return true;
    } catch (error) {
      if (hasSqlState(error, VERSION_CONFLICT)) return false;
      throw error;
    }
  }

  private async transact<R>(tables: readonly TableName[], fn: (tx: SqlOps) => Promise<R>): Promise<R> {
    this.assertOpen();
    await this.open();
    for (const table of tables) checkTable(table);
    const scope = new Set(tables);
    for (let attempt = 1; ; attempt++) {
      const pending: PendingChange[] = [];
      const txn = new OnDemandTransaction(this.driver!);
      const pipeline = new StatementPipeline(() => txn.open());
      const batch = new WriteBatch(this.origin);
      const locks = new TransactionLocks(pipeline, this.driver!.serial);
      try {
        const value = await fn(transactionOps(pipeline, scope, pending, locks, batch));
        if (txn.begun) {
          // The batch's statement goes out with COMMIT right behind it.
          if (batch.size > 0) await pipeline.commitWith(...batch.take(locks));
          else await pipeline.settle();
          await txn.end();
        } else if (batch.size > 0) {
          // Writes only: one statement, committed on its own.
          const [text, params] = batch.take(locks);
          await sqlCall(() => this.driver!.query(text, params));
        }
        if (pending.length > 0) {
          this.announce();
          this.publish(pending);
        }
        return value;
      } catch (error) {
        await txn.end({ error }).catch(() => undefined);
        // A deadlock between two transactions' locks: PostgreSQL rolled this one back, so run it again.
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  subscribe(listener: (changes: readonly StoreChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.listeners.clear();
    this.logListeners.clear();
    await this.opening?.catch(() => undefined);
    await this.announcing;
    await this.unlisten?.().catch(() => undefined);
    await this.driver?.close().catch(() => undefined);
  }

  /** The newest readable position in the change log (0 when nothing was logged; see `change-log.ts`). */
  async head(): Promise<number> {
    return logHead(this.driver ?? (await this.sql()));
  }

  /** One past the newest position pruned from the log (1 when nothing was pruned): a reader at `p` with `p + 1 < tail` has missed entries. */
  async tail(): Promise<number> {
    return logTail(await this.sql());
  }

  /** Logged changes after position `seq`, oldest first, at most `limit`. */
  async changesSince(seq: number, limit = 500): Promise<LoggedChange[]> {
    return (await readLog(await this.sql(), seq, limit, true)).map(({ origin: _o, ...change }) => change);
  }

  /** Calls `listener` whenever the change log grew (this process's commits and other processes'). */
  onLog(listener: () => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }


  /**
   * Tells other processes the log grew: a NOTIFY of its own, after the
   * commit, coalesced — while one is on its way, the commits meanwhile are
   * covered by a single next one (a listener reads the log from its own
   * position, so one NOTIFY stands for any number of commits). A NOTIFY
   * alone writes no WAL, so it holds the notify lock for an instant, not
   * for a disk flush. When it fails, it is tried again a moment later.
   */
  private announce(): void {
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = (async () => {
      do {
        this.announceAgain = false;
        try {
          await this.driver!.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${this.origin} `]);
        } catch {
          if (this.closed) return;
          this.announceAgain = true;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } while (this.announceAgain && !this.closed);
    })().finally(() => (this.announcing = undefined));
  }

  private publish(pending: readonly PendingChange[]): void {
    const changes: StoreChange[] = pending.map((c) =>
      c.type === 'put' ? { table: c.table, type: 'put', id: c.id, row: decodeRow<StoredRow>(c.encoded as never) } : { table: c.table, type: 'delete', id: c.id },
    );
    this.emit(changes);
    this.logGrew();
  }

  /**
   * Tells feed readers the log grew. An entry stays unreadable while a
   * transaction that started writing before it runs; when such entries wait,
   * look again shortly (that transaction may write nothing to the log, so no
   * NOTIFY would come).
   */
  private logGrew(): void {
    if (this.logListeners.size === 0) return;
    for (const listener of [...this.logListeners]) listener();
    this.checkHeld();
  }

  private checkHeld(): void {
    if (this.heldTimer || this.closed || !this.driver || this.driver.serial) return;
    void logHeldBack(this.driver)
      .then((held) => {
        if (!held || this.closed || this.heldTimer) return;
        this.heldTimer = setTimeout(() => {
          this.heldTimer = undefined;
          if (this.closed) return;
          this.onNotify('');
          this.logGrew();
        }, 20);
        (this.heldTimer as { unref?: () => void }).unref?.();
      })
      .catch(() => undefined);
  }

  private emit(changes: readonly StoreChange[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(changes);
      } catch {
        // A failing subscriber must not break the writer or the other subscribers.
      }
    }
  }

  private onNotify(payload: string): void {
    if (this.closed || payload.startsWith(`${this.origin} `)) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        await this.catchUp().catch(() => undefined);
      } while (this.catchUpAgain && !this.closed);
    })().finally(() => {
      this.catchingUp = undefined;
      this.checkHeld();
    });
  }

  /** Reports other processes' commits since the last look as remote changes. */
  private async catchUp(): Promise<void> {
    const driver = this.driver!;
    for (;;) {
      const rows = await readLog(driver, this.remoteCursor, 1000, false);
      if (rows.length === 0 || this.closed) return;
      this.remoteCursor = rows[rows.length - 1]!.seq;
      const remote = rows.filter((r) => r.origin !== this.origin).map((r): StoreChange => ({ table: r.table, type: r.type, id: r.id, remote: true }));
      if (remote.length > 0) {
        this.emit(remote);
        this.logGrew();
      }
      if (rows.length < 1000) return;
    }
  }

  private async prune(): Promise<void> {
    if (this.driver) await pruneLog(this.driver, this.options.changeRetentionDays ?? 7);
  }

  private assertOpen(): void {
    if (this.closed) throw new StorageError(`store "${this.name}" is closed`);
  }

  private async run<R>(fn: (driver: SqlDriver) => Promise<R>): Promise<R> {
    this.assertOpen();
    await this.open();
    return fn(this.driver!);
  }
}

