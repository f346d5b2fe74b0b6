import { Dexie } from 'dexie';
import type { DexieOptions, Transaction } from 'dexie';
import { StorageError } from '../errors.js';
import { CHANGE_LOG_TABLE, DEXIE_VERSIONS } from './dexie-schema.js';
import { CHUNK_LAYOUTS, chunkScope } from './dexie-chunk-layout.js';
import { storageFailure } from './dexie-failure.js';
import { runQuery } from './dexie-query.js';
import { transactionOps } from './dexie-transaction-ops.js';
import type { ChunkedTables } from './dexie-transaction-ops.js';
import { TABLE_NAMES } from './store.js';
import type { IndexQuery, LoggedStoreChange, Store, StoreChange, StoredRow, StoreOps, TableName } from './store.js';
import { putIfUnchangedInTransaction } from './checked-put.js';

/** Options of {@link dexieStore}. */
export interface DexieStoreOptions {
  /**
   * Passed to `new Dexie(name, options)`. Use it to supply an IndexedDB
   * implementation where there is no global one, e.g. in Node:
   * `{ indexedDB, IDBKeyRange }` from `fake-indexeddb`.
   */
  dexie?: DexieOptions;
  /**
   * Announce committed changes to other tabs (and other stores of the same
   * name) through `BroadcastChannel('crmkit:' + name)`, and deliver theirs to
   * subscribers with `remote: true`. Default: on wherever `BroadcastChannel` exists.
   */
  crossTab?: boolean;
  /**
   * How long opening waits while another connection (another tab, an old
   * service worker) keeps an older version of the database open and so
   * blocks the upgrade. Then `open()` (and `createCrm`) rejects with a
   * `StorageError` instead of waiting forever. Default 10 000 ms.
   */
  blockedTimeoutMs?: number;
}

/** What goes over the cross-tab channel: one message per commit, one entry per change. */
type ChannelMessage = { table: TableName; type: 'put' | 'delete'; id: string }[];

type Listener = (changes: readonly StoreChange[]) => void;
type FaultListener = (error: StorageError) => void;

/**
 * A store in IndexedDB through Dexie, with the versioned schema of
 * `DEXIE_VERSIONS` (older databases are migrated when opened). Every write is
 * a read-write IndexedDB transaction, so writers in other tabs never
 * interleave with it; committed changes reach this store's subscribers and,
 * over a `BroadcastChannel`, other tabs' (as `remote: true`, without `row`).
 * IndexedDB failures (quota, aborted transactions, closed or unavailable
 * database, version conflicts, failed upgrades) reject with `StorageError`,
 * the original error as its `cause`. Operations open the store on first use.
 *
 * When another connection deletes the database or opens a newer version
 * of it, this store closes its connection (so the other one can proceed),
 * reports a `StorageError` to `onFault` listeners (`crm.on('storage:error')`)
 * and rejects every later operation with it, instead of silently carrying on
 * in a new, empty database.
 */
export function dexieStore(name: string, options: DexieStoreOptions = {}): Store {
  const label = `dexie:${name}`;
  const db = new Dexie(name, options.dexie);
  // Dexie's own liveQuery tracking works out the key ranges every write touches (for each index, multi-entry chunk
  // indexes included) and posts them to other tabs; crmkit never uses Dexie's liveQuery — its change feed, change
  // log and channel below tell subscribers and other tabs what changed — so that work is dropped.
  db.unuse({ stack: 'dbcore', name: 'Observability' });
  for (const { version, stores, upgrade, internal } of DEXIE_VERSIONS) {
    const declared = db.version(version).stores({ ...stores, ...internal });
    if (upgrade) declared.upgrade(upgrade);
  }
  const listeners = new Set<Listener>();
  const faultListeners = new Set<FaultListener>();
  /** The chunk code (loaded with the database, a chunk of its own: only IndexedDB needs it), with this store's key cache. */
  let chunked: ChunkedTables | undefined;
  /** Set once the database was deleted or upgraded by another connection: the store is unusable from then on. */
  let lost: StorageError | undefined;
  const running = new Set<Promise<unknown>>();
  const crossTab = (options.crossTab ?? true) && typeof BroadcastChannel !== 'undefined';
  let channel: BroadcastChannel | undefined;
  let opening: Promise<void> | undefined;
  let closed = false;

  const closedError = () => new StorageError(`Store "${label}" is closed`);

  function publish(changes: readonly StoreChange[]): void {
    if (changes.length === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener(changes);
      } catch (error) {
        console.error(`crmkit: a change listener of store "${label}" threw`, error);
      }
    }
  }

  function connect(): BroadcastChannel | undefined {
    if (!crossTab || closed) return undefined;
    if (!channel) {
      channel = new BroadcastChannel(`crmkit:${name}`);
      // Node: a channel must not keep the process alive on its own.
      (channel as { unref?: () => void }).unref?.();
      channel.onmessage = (event: MessageEvent<unknown>) => {
        if (closed || !Array.isArray(event.data)) return;
        const changes: StoreChange[] = [];
        for (const item of event.data as unknown[]) {
          const { table, type, id } = (item ?? {}) as Partial<Record<string, unknown>>;
          if (TABLE_NAMES.includes(table as TableName) && (type === 'put' || type === 'delete') && typeof id === 'string') {
            changes.push({ table: table as TableName, type, id, remote: true });
          }
        }
        publish(changes);
      };
    }
    return channel;
  }

  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    if (lost || closed) return;
    lost = new StorageError(
      event.newVersion === null || event.newVersion === 0
        ? `The database "${name}" was deleted by another tab or connection; reload to start again`
        : `Another tab or connection opened a newer version of the database "${name}"; reload this page`,
    );
    // No automatic reopening: that would silently create a new, empty database.
    db.close();
    for (const listener of [...faultListeners]) {
      try {
        listener(lost);
      } catch (error) {
        console.error(`crmkit: a fault listener of store "${label}" threw`, error);
      }
    }
  });

  function fail(error: unknown, what: string): unknown {
    return storageFailure(error, `${what} in "${label}"`);
  }

  function open(): Promise<void> {
    if (closed) return Promise.reject(closedError());
    if (lost) return Promise.reject(lost);
    opening ??= (async () => {
      try {
        const [, chunks] = await Promise.all([openUnblocked(), import('./dexie-chunk-table.js')]);
        chunked ??= chunks.chunkedTables();
      } catch (error) {
        opening = undefined;
        throw fail(error, 'opening the database');
      }
      connect();
    })();
    return opening;
  }

  /** `db.open()`, given up after `blockedTimeoutMs` of being blocked by another connection. */
  function openUnblocked(): Promise<void> {
    const limit = options.blockedTimeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onBlocked = () => {
        timer ??= setTimeout(() => {
          db.on('blocked').unsubscribe(onBlocked);
          db.close();
          reject(
            new StorageError(`Opening "${label}" was blocked for ${limit} ms by another tab or connection holding an older version of the database open; close other tabs of this site and reload`),
          );
        }, limit);
      };
      db.on('blocked', onBlocked);
      db.open().then(
        () => {
          clearTimeout(timer);
          db.on('blocked').unsubscribe(onBlocked);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          db.on('blocked').unsubscribe(onBlocked);
          reject(error);
        },
      );
    });
  }

  /** Runs one operation on the open database, tracking it so `close()` can wait for it. */
  function run<T>(what: string, op: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(closedError());
    if (lost) return Promise.reject(lost);
    const done = (async () => {
      await open();
      if (lost) throw lost;
      try {
        return await op();
      } catch (error) {
        throw fail(error, what);
      }
    })();
    running.add(done);
    const forget = () => running.delete(done);
    done.then(forget, forget);
    return done;
  }

  function transaction<R>(tables: readonly TableName[], fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    return run(`a transaction on ${tables.join(', ')}`, async () => {
      const unknown = tables.find((table) => !TABLE_NAMES.includes(table));
      if (unknown !== undefined || tables.length === 0) throw new Error(`A transaction needs known tables (got: ${tables.join(', ') || 'none'})`);
      const changes: StoreChange[] = [];
      const outcome: { thrown?: { error: unknown } } = {};
      let result: R;
      try {
        result = await db.transaction('rw', [...tables, ...chunkScope(tables), CHANGE_LOG_TABLE], async (trans) => {
          const tx = transactionOps(trans, changes, fail, chunked as ChunkedTables);
          let value: R;
          try {
            value = await fn(tx.ops);
          } catch (error) {
            outcome.thrown = { error };
            throw error;
          } finally {
            tx.finish();
          }
          // Chunks that rows were taken out of are written back once, whatever number of rows left them.
          await tx.flush();
          // The commit's entry in the change log, in the same transaction: logged if and only if committed.
          if (changes.length > 0) await appendChangeLog(trans.table(CHANGE_LOG_TABLE), changes);
          return value;
        });
      } catch (error) {
        // The caller's own error passes through untouched; IndexedDB's is mapped by `run`.
        if (outcome.thrown && outcome.thrown.error === error) throw new PassThrough(error);
        throw error;
      }
      publish(changes);
      const posted: ChannelMessage = changes.map(({ table, type, id }) => ({ table, type, id }));
      if (posted.length > 0) connect()?.postMessage(posted);
      return result;
    }).catch((error: unknown) => {
      throw error instanceof PassThrough ? error.error : error;
    });
  }

  /** A read of a chunked table: its per-record rows and its chunks, in one read-only transaction (a consistent view). */
  function read<R>(table: TableName, op: (ops: StoreOps) => Promise<R>): Promise<R> {
    return db.transaction('r', [table, ...chunkScope([table])], (trans) => op(transactionOps(trans, [], fail, chunked as ChunkedTables).ops));
  }

  return {
    name: label,
    open,
    get<T extends StoredRow = StoredRow>(table: TableName, id: string) {
      if (CHUNK_LAYOUTS[table]) return run(`reading ${table}/${id}`, () => read(table, (ops) => ops.get<T>(table, id)));
      return run(`reading ${table}/${id}`, async () => (await db.table(table).get(id)) as T | undefined);
    },
    query<T extends StoredRow = StoredRow>(table: TableName, query?: IndexQuery) {
      if (CHUNK_LAYOUTS[table]) return run(`querying ${table}`, () => read(table, (ops) => ops.query<T>(table, query)));
      return run(`querying ${table}`, () => runQuery(db.table(table), table, query) as Promise<T[]>);
    },
    put: (table, row) => transaction([table], (tx) => tx.put(table, row)),
    bulkPut: (table, rows, options) => transaction([table], (tx) => tx.bulkPut(table, rows, options)),
    delete: (table, id) => transaction([table], (tx) => tx.delete(table, id)),
    bulkDelete: (table, ids) => transaction([table], (tx) => (tx.bulkDelete as NonNullable<StoreOps['bulkDelete']>)(table, ids)),
    transaction,
    // Transactions here already exclude every other writer: the check and the puts in one is the conditional write.
    putIfUnchanged: (writes) => putIfUnchangedInTransaction({ transaction }, writes),
    head() {
      return run('reading the change log', async () => ((await db.table(CHANGE_LOG_TABLE).orderBy(':id').lastKey()) as number | undefined) ?? 0);
    },
    tail() {
      return run('reading the change log', async () => {
        const log = db.table(CHANGE_LOG_TABLE);
        const first = (await log.orderBy(':id').firstKey()) as number | undefined;
        return first ?? ((await log.orderBy(':id').lastKey()) as number | undefined ?? 0) + 1;
      });
    },
    changesSince(seq, limit = 500) {
      return run('reading the change log', async () => {
        const out: LoggedStoreChange[] = [];
        // Whole commits, oldest first, until `limit` changes are reached.
        await db
          .table(CHANGE_LOG_TABLE)
          .where(':id')
          .above(seq)
          .until(() => out.length >= limit)
          .each((commit: ChangeLogRow) => {
            for (const c of commit.changes) out.push({ seq: commit.seq, table: c.table, type: c.type, id: c.id });
          });
        return out;
      });
    },
    subscribe(listener) {
      if (closed) return () => undefined;
      const own: Listener = (changes) => listener(changes);
      listeners.add(own);
      connect();
      return () => {
        listeners.delete(own);
      };
    },
    onFault(listener) {
      const own: FaultListener = (error) => listener(error);
      faultListeners.add(own);
      return () => {
        faultListeners.delete(own);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...running]);
      channel?.close();
      channel = undefined;
      listeners.clear();
      faultListeners.clear();
      db.close();
    },
  };
}

/** A row of the change log: one commit. */
interface ChangeLogRow {
  seq: number;
  changes: { table: TableName; type: 'put' | 'delete'; id: string }[];
}

/** How many commits the change log keeps; a reader further behind starts over (rebuilds what it derives). */
const CHANGE_LOG_KEEP = 20_000;
/** The log is pruned on every this-many-th commit. */
const CHANGE_LOG_PRUNE_EVERY = 500;

/** Appends one commit to the change log (ids only: readers fetch the rows they need), pruning now and then. */
async function appendChangeLog(log: ReturnType<Transaction['table']>, changes: readonly StoreChange[]): Promise<void> {
  const seq = (await log.add({ changes: changes.map(({ table, type, id }) => ({ table, type, id })) })) as number;
  if (seq % CHANGE_LOG_PRUNE_EVERY === 0 && seq > CHANGE_LOG_KEEP) await log.where(':id').below(seq - CHANGE_LOG_KEEP).delete();
}

/** Carries the caller's own error out of `run` without it being mapped to `StorageError`. */
class PassThrough {
  constructor(readonly error: unknown) {}
}
