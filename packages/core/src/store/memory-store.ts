import { StorageError } from '../errors.js';
import { MemoryTableIndex } from './memory-index.js';
import { STORE_INDEXES, TABLE_NAMES } from './store.js';
import type { IndexQuery, Store, StoreChange, StoredRow, StoreOps, TableName } from './store.js';
import { putIfUnchangedInTransaction } from './checked-put.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** A label for logs and errors; the store is named `memory:<name>` (just `memory` without it). Stores never share data, whatever their names. */
  name?: string;
}

type Listener = (changes: readonly StoreChange[]) => void;

/**
 * A store that keeps everything in memory: the default in Node and the
 * reference behaviour for the contract tests. Rows are deep-cloned on the way
 * in and out, so callers never share objects with the stored state.
 * Transactions run one at a time; their writes are buffered and applied only
 * when `fn` resolves. Non-transactional writes queue behind running
 * transactions; reads outside a transaction see the last committed state.
 * Do not call the store's own methods (only `tx`'s) inside `fn`: a queued
 * write would wait for the transaction that waits for it.
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const name = options.name ? `memory:${options.name}` : 'memory';
  const data = new Map<TableName, Map<string, StoredRow>>(TABLE_NAMES.map((table) => [table, new Map()]));
  const indexes = new Map<TableName, MemoryTableIndex>(TABLE_NAMES.map((table) => [table, new MemoryTableIndex(STORE_INDEXES[table])]));
  const listeners = new Set<Listener>();
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  const closedError = () => new StorageError(`Store "${name}" is closed`);

  /** Runs `job` after every job queued before it has settled. */
  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  }

  function committed(table: TableName): Map<string, StoredRow> {
    const rows = data.get(table);
    if (!rows) throw new Error(`Unknown table "${table}"`);
    return rows;
  }

  function indexOf(table: TableName): MemoryTableIndex {
    return indexes.get(table) as MemoryTableIndex;
  }

  function publish(changes: readonly StoreChange[]): void {
    if (changes.length === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener(changes);
      } catch (error) {
        console.error(`crmkit: a change listener of store "${name}" threw`, error);
      }
    }
  }

  async function read<T>(op: () => T): Promise<T> {
    if (closed) throw closedError();
    return op();
  }

  function transaction<R>(tables: readonly TableName[], fn: (tx: StoreOps) => Promise<R>): Promise<R> {
    if (closed) return Promise.reject(closedError());
    const unknown = tables.find((table) => !data.has(table));
    if (unknown !== undefined) return Promise.reject(new Error(`Unknown table "${unknown}"`));
    const scope = new Set(tables);
    return enqueue(async () => {
      /** Buffered writes per table: a row for a put, `undefined` for a delete. */
      const writes = new Map<TableName, Map<string, StoredRow | undefined>>();
      const changes: StoreChange[] = [];
      let active = true;

      const use = (table: TableName): Map<string, StoredRow | undefined> => {
        if (!active) throw new Error('The transaction has already finished');
        if (!scope.has(table)) throw new Error(`Table "${table}" is not part of the transaction`);
        let buffered = writes.get(table);
        if (!buffered) writes.set(table, (buffered = new Map()));
        return buffered;
      };
      const putAll = (table: TableName, rows: readonly StoredRow[]) => {
        const buffered = use(table);
        const copies = rows.map((row) => stored(structuredClone(checkRow(row))));
        for (const copy of copies) {
          buffered.set(copy.id, copy);
          changes.push({ table, type: 'put', id: copy.id, row: structuredClone(copy) });
        }
      };

      const tx: StoreOps = {
        async get<T extends StoredRow = StoredRow>(table: TableName, id: string) {
          const buffered = use(table);
          const row = buffered.has(id) ? buffered.get(id) : committed(table).get(id);
          return row === undefined ? undefined : (copyOut(row) as T);
        },
        async put(table, row) {
          putAll(table, [row]);
        },
        async bulkPut(table, rows) {
          putAll(table, rows);
        },
        async delete(table, id) {
          use(table).set(id, undefined);
          changes.push({ table, type: 'delete', id });
        },
        async bulkDelete(table, ids) {
          const buffered = use(table);
          for (const id of ids) {
            buffered.set(id, undefined);
            changes.push({ table, type: 'delete', id });
          }
        },
        async query<T extends StoredRow = StoredRow>(table: TableName, query?: IndexQuery) {
          return runQuery(table, committed(table), indexOf(table), query, use(table)) as T[];
        },
      };

      try {
        const result = await fn(tx);
        for (const [table, buffered] of writes) {
          const rows = committed(table);
          const index = indexOf(table);
          for (const [id, row] of buffered) {
            const old = rows.get(id);
            if (old) index.delete(old);
            if (row) {
              rows.set(id, row);
              index.add(row);
            } else rows.delete(id);
          }
        }
        publish(changes);
        return result;
      } finally {
        active = false;
      }
    });
  }

  return {
    name,
    async open() {
      if (closed) throw closedError();
    },
    get<T extends StoredRow = StoredRow>(table: TableName, id: string) {
      return read(() => {
        const row = committed(table).get(id);
        return row === undefined ? undefined : (copyOut(row) as T);
      });
    },
    query<T extends StoredRow = StoredRow>(table: TableName, query?: IndexQuery) {
      return read(() => runQuery(table, committed(table), indexOf(table), query) as T[]);
    },
    put: (table, row) => transaction([table], (tx) => tx.put(table, row)),
    bulkPut: (table, rows) => transaction([table], (tx) => tx.bulkPut(table, rows)),
    delete: (table, id) => transaction([table], (tx) => tx.delete(table, id)),
    bulkDelete: (table, ids) => transaction([table], (tx) => (tx.bulkDelete as NonNullable<StoreOps['bulkDelete']>)(table, ids)),
    transaction,
    // Transactions here already exclude every other writer: the check and the puts in one is the conditional write.
    putIfUnchanged: (writes) => putIfUnchangedInTransaction({ transaction }, writes),
    subscribe(listener) {
      if (closed) return () => undefined;
      const own: Listener = (changes) => listener(changes);
      listeners.add(own);
      return () => {
        listeners.delete(own);
      };
    },
    async close() {
      closed = true;
      await tail;
      listeners.clear();
    },
  };
}

function checkRow(row: StoredRow): StoredRow {
  if (typeof row?.id !== 'string' || row.id === '') throw new TypeError('A stored row needs a non-empty string `id`');
  return row;
}

/** Ids matching an index query (`id` is the primary key; `anyOf` joins several buckets), in primary-key order. */
function idsFor(rows: Map<string, StoredRow>, index: MemoryTableIndex, field: string | undefined, values: readonly unknown[]): readonly string[] {
  if (field === undefined) return index.ids();
  if (field === 'id') return [...new Set(values)].filter((v): v is string => typeof v === 'string' && rows.has(v)).sort();
  if (values.length === 1) return index.ids(field, values[0]);
  return [...new Set(values.flatMap((v) => index.ids(field, v)))].sort();
}

/**
 * Applies an index query to one table's rows, with IndexedDB's semantics
 * (exact key match; multi-entry arrays match by element; primary-key order).
 * It reads the matching index bucket only, so its cost follows the result,
 * not the table. Inside a transaction, `buffered` writes overlay the
 * committed rows.
 */
function runQuery(table: TableName, rows: Map<string, StoredRow>, index: MemoryTableIndex, query: IndexQuery = {}, buffered?: Map<string, StoredRow | undefined>): StoredRow[] {
  let field: string | undefined;
  let values: readonly unknown[] = [];
  if (query.index !== undefined) {
    field = query.index;
    const spec = field === 'id' ? 'id' : STORE_INDEXES[table].find((name) => name === field || name === `*${field}`);
    if (!spec) throw new Error(`Table "${table}" has no index "${field}"`);
    if (query.equals === undefined && query.anyOf === undefined) throw new TypeError(`A query by index "${field}" needs \`equals\` or \`anyOf\``);
    values = query.anyOf ?? [query.equals];
  }
  const limit = query.limit ?? Infinity;
  const ids = idsFor(rows, index, field, values);
  const found: StoredRow[] = [];
  if (!buffered || buffered.size === 0) {
    for (const id of ids) {
      if (found.length >= limit) break;
      const row = rows.get(id);
      if (row) found.push(row);
    }
  } else {
    // Committed ids not rewritten in this transaction, merged in id order with the transaction's matching rows.
    const own = [...buffered.values()].filter((row): row is StoredRow => row !== undefined && (field === undefined || (field === 'id' ? values.includes(row.id) : values.some((v) => index.matches(row, field as string, v)))));
    own.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let i = 0;
    let j = 0;
    while (found.length < limit && (i < ids.length || j < own.length)) {
      const id = ids[i];
      if (id !== undefined && buffered.has(id)) {
        i++;
        continue;
      }
      const mine = own[j];
      if (id !== undefined && (mine === undefined || id < mine.id)) {
        found.push(rows.get(id) as StoredRow);
        i++;
      } else {
        found.push(mine as StoredRow);
        j++;
      }
    }
  }
  if (found.every((row) => plainRows.has(row))) return found.map((row) => copyPlain(row) as StoredRow);
  // One clone of the whole result: the same deep copies as cloning row by row, several times faster for large results.
  return structuredClone(found);
}

/**
 * Stored rows that are trees of plain objects, dense arrays, dates and
 * primitives, with no object reachable twice: {@link copyPlain} copies them
 * exactly as `structuredClone` would, 5–7 times faster (it has no graph to
 * track and nothing to serialise). Rows are never changed once stored, so the
 * mark stays true.
 */
const plainRows = new WeakSet<StoredRow>();

/** Marks a freshly cloned row that {@link copyPlain} can copy, and returns it. */
function stored(row: StoredRow): StoredRow {
  if (isPlainTree(row, new Set())) plainRows.add(row);
  return row;
}

/** A caller's own deep copy of a stored row. */
function copyOut(row: StoredRow): StoredRow {
  return plainRows.has(row) ? (copyPlain(row) as StoredRow) : structuredClone(row);
}

function isPlainTree(value: unknown, seen: Set<object>): boolean {
  // A stored row holds only what structuredClone produced: no functions or symbols.
  if (typeof value !== 'object' || value === null) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Date.prototype) return Object.keys(value).length === 0;
  const keys = Object.keys(value);
  if (Array.isArray(value)) {
    // Dense, without extra properties: the keys are exactly '0'…'length-1' (indices come first, ascending).
    if (proto !== Array.prototype || keys.length !== value.length || (keys.length > 0 && keys[keys.length - 1] !== String(keys.length - 1))) return false;
  } else if (proto !== Object.prototype || keys.includes('__proto__')) return false;
  for (const key of keys) if (!isPlainTree((value as Record<string, unknown>)[key], seen)) return false;
  return true;
}

function copyPlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  if (value instanceof Date) return new Date(value.getTime());
  // Spread copies the primitives in one go (twice as fast as assigning key by key); then the nested objects get their own copies.
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = { ...from };
  for (const key in from) {
    const v = from[key];
    if (typeof v === 'object' && v !== null && Object.hasOwn(from, key)) out[key] = copyPlain(v);
  }
  return out;
}
