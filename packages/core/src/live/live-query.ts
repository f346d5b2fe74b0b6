import type { Store, StoreChange, StoredRow, TableName } from '../store/store.js';

/**
 * What a live query watches: one table, how to read its result once, and
 * how to decide whether one row belongs in it. `accepts` carries the query's
 * filters *and* the access rules (it is asked with the actor of the moment),
 * so a row a user may not see never reaches the listener.
 */
export interface LiveQuerySource<T extends StoredRow> {
  /** The store table the results come from. */
  table: TableName;
  /** Reads the whole result once (filtered and access-checked, each row once, any order, no window). */
  load(): Promise<T[]>;
  /** True when `row` belongs in the results: the query's filters and the current user's access. */
  accepts(row: T): boolean;
  /** The order of the results; insertion order when absent. */
  compare?: (a: T, b: T) => number;
  /** True when `load()` already returns its rows in `compare` order, so the first read is not sorted a second time. */
  loadsSorted?: boolean;
  /** Results skipped from the start after sorting. */
  offset?: number;
  /** At most this many results after `offset`. */
  limit?: number;
}

/** What changed since the previous notification of a live query. */
export interface LiveChange<T> {
  /** True for the first notification, with the initial results. */
  initial: boolean;
  /** Rows that entered the results or changed while in them, by id. */
  upserted: readonly T[];
  /** Ids of rows that left the results (deleted, or no longer matching or visible). */
  removed: readonly string[];
}

/** Called with the current results (a new array each time) and what changed. */
export type LiveListener<T> = (rows: T[], change: LiveChange<T>) => void;

/** Options of {@link liveQuery}. */
export interface LiveQueryOptions {
  /** Called when reading fails (e.g. the store closed); the query keeps its last results. */
  onError?: (error: unknown) => void;
}

/** A running live query. */
export interface LiveQuery<T> {
  /** The latest results (empty until the first notification). */
  readonly rows: readonly T[];
  /** Stops listening; no read happens after this, and the listener is not called again. */
  stop(): void;
}

/**
 * The one live-data mechanism of crmkit. Reads the result once, then keeps
 * it by id: each committed store change is applied to the one row it names —
 * with the row carried in the change when the store has it, re-read by id
 * only when it does not (another tab or process) — and the row is kept,
 * replaced or dropped by `accepts`. Changes arriving in one burst (one
 * transaction, or many writes before the next microtask) produce one
 * notification. Nothing is re-queried.
 *
 * ```ts
 * const live = liveQuery(store, { table: 'deals', load, accepts: (d) => d.stageId === 'new' }, (rows, change) => render(rows));
 * live.stop();
 * ```
 */
export function liveQuery<T extends StoredRow>(store: Store, source: LiveQuerySource<T>, listener: LiveListener<T>, options: LiveQueryOptions = {}): LiveQuery<T> {
  /**
   * The results by id, built at the first change rather than on the way to
   * the first notification: a board's first frame should not wait for an
   * index of 10,000 rows it may never need.
   */
  let byIdMap: Map<string, T> | undefined;
  const byId = (): Map<string, T> => (byIdMap ??= new Map(sorted.map((row) => [row.id, row])));
  let sorted: T[] = [];
  let stopped = false;
  let loaded = false;
  let flushing = false;
  let scheduled = false;
  /** The latest change per id since the last flush (a later change to the same row replaces an earlier one). */
  let pending = new Map<string, StoreChange>();

  const fail = (error: unknown): void => {
    if (!stopped) options.onError?.(error);
  };

  const windowed = (): T[] => {
    const from = source.offset ?? 0;
    return source.limit === undefined ? sorted.slice(from) : sorted.slice(from, from + source.limit);
  };

  const schedule = (): void => {
    if (scheduled || flushing || !loaded || stopped) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      void flush();
    });
  };

  const flush = async (): Promise<void> => {
    if (stopped || flushing || pending.size === 0) return;
    flushing = true;
    const batch = pending;
    pending = new Map();
    try {
      const missing = [...batch.values()].filter((c) => c.type === 'put' && c.row === undefined).map((c) => c.id);
      const reread = new Map<string, T | undefined>();
      if (missing.length > 0) {
        const rows = await Promise.all(missing.map((id) => store.get<T>(source.table, id)));
        missing.forEach((id, i) => reread.set(id, rows[i]));
      }
      if (stopped) return;
      const upserted: T[] = [];
      const removed: string[] = [];
      for (const change of batch.values()) {
        const row = change.type === 'delete' ? undefined : ((change.row as T | undefined) ?? reread.get(change.id));
        if (row && source.accepts(row)) {
          byId().set(row.id, row);
          upserted.push(row);
        } else if (byId().delete(change.id)) {
          removed.push(change.id);
        }
      }
      if (upserted.length > 0 || removed.length > 0) {
        sorted = reorder(sorted, upserted, removed, source.compare);
        listener(windowed(), { initial: false, upserted, removed });
      }
    } catch (error) {
      fail(error);
    } finally {
      flushing = false;
      if (pending.size > 0) schedule();
    }
  };

  const unsubscribe = store.subscribe((changes) => {
    if (stopped) return;
    for (const change of changes) {
      if (change.table !== source.table) continue;
      pending.delete(change.id);
      pending.set(change.id, change);
    }
    schedule();
  });

  source
    .load()
    .then((rows) => {
      if (stopped) return;
      sorted = [...rows];
      // A service's list() sorts already; sorting 10,000 rows again would only cost time.
      if (source.compare && !(source.loadsSorted && sorted.length === rows.length)) sorted.sort(source.compare);
      loaded = true;
      listener(windowed(), { initial: true, upserted: sorted, removed: [] });
      // Changes committed while the first read ran are applied on top of it.
      schedule();
    })
    .catch(fail);

  return {
    get rows() {
      return windowed();
    },
    stop() {
      stopped = true;
      pending.clear();
      unsubscribe();
    },
  };
}

/** Above this many changed rows a full sort is cheaper than placing each one. */
const PLACE_ONE_BY_ONE = 64;

/** The sorted results after taking out `removed` and the old copies of `upserted`, then placing the new ones. */
function reorder<T extends StoredRow>(sorted: readonly T[], upserted: readonly T[], removed: readonly string[], compare: ((a: T, b: T) => number) | undefined): T[] {
  if (!compare) {
    // No order asked for: a changed row keeps its place, a new one goes last.
    const gone = new Set(removed);
    const fresh = new Map(upserted.map((r) => [r.id, r]));
    const next = sorted.filter((r) => !gone.has(r.id)).map((r) => {
      const replacement = fresh.get(r.id);
      fresh.delete(r.id);
      return replacement ?? r;
    });
    return [...next, ...fresh.values()];
  }
  const out = new Set([...removed, ...upserted.map((r) => r.id)]);
  const next = sorted.filter((r) => !out.has(r.id));
  if (upserted.length > PLACE_ONE_BY_ONE) return [...next, ...upserted].sort(compare);
  for (const row of upserted) {
    let lo = 0;
    let hi = next.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(next[mid] as T, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    next.splice(lo, 0, row);
  }
  return next;
}
