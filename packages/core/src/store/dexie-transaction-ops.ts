import type { Transaction } from 'dexie';
import { CHUNK_LAYOUTS, CHUNK_MIN_ROWS, sortById } from './dexie-chunk-layout.js';
import type { ChunkLayout } from './dexie-chunk-layout.js';
import type { ChunkedTable } from './dexie-chunk-table.js';
import { primaryKeysOfAnyOf, RANGE_READ_FROM } from './dexie-key-range.js';
import { runQuery } from './dexie-query.js';
import type { IndexQuery, StoreChange, StoredRow, StoreOps, TableName } from './store.js';

/** Rows per IndexedDB `bulkPut` call inside a transaction (about 10–20 ms of serialising on the calling thread). */
const BULK_SLICE = 100;
/**
 * Slices of one `bulkPut` issued before waiting for the oldest to be written. With 2, the database often ran dry
 * between slices (50,000 contacts: 13.8 s against 11.4 s for one call); with 8 it keeps pace with one call
 * (10.5 s) and still no task of the page runs over 50 ms (`npm run bench import` prints both).
 */
const BULK_IN_FLIGHT = 8;

type DexieTable = ReturnType<Transaction['table']>;

/** Makes the chunks of one table inside one transaction (`chunkedTables()` of the lazily loaded chunk module). @internal */
export type ChunkedTables = (trans: Transaction, chunks: ChunkLayout) => ChunkedTable;

/** The `StoreOps` of one Dexie transaction, and what to do when `fn` is done. @internal */
export interface DexieTransactionOps {
  /** The operations, tables bound to the transaction, failures mapped. */
  ops: StoreOps;
  /** Writes back what the operations left in memory (chunks rows were taken out of); call inside the transaction, after `fn`. */
  flush(): Promise<void>;
  /** Refuses further operations (the transaction is over). */
  finish(): void;
}

/**
 * The `StoreOps` of one Dexie transaction: tables bound to it, writes recorded in `changes` (one entry per row,
 * chunked or not), failures mapped by `fail`. Reads of a chunked table read its per-record rows and its chunks;
 * a bulk write of `CHUNK_MIN_ROWS` rows or more goes into chunks; any other write of a row takes it out of its
 * chunk first, so each row is in one place. Also used for reads outside a transaction (in a read-only one).
 * @internal
 */
export function transactionOps(trans: Transaction, changes: StoreChange[], fail: (error: unknown, what: string) => unknown, chunkedTable: ChunkedTables): DexieTransactionOps {
  let active = true;
  const chunked = new Map<TableName, ChunkedTable>();
  const chunksOf = (name: TableName): ChunkedTable | undefined => {
    const chunks = CHUNK_LAYOUTS[name];
    if (!chunks) return undefined;
    let table = chunked.get(name);
    if (!table) chunked.set(name, (table = chunkedTable(trans, chunks)));
    return table;
  };
  const guard = async <T>(name: TableName, what: string, op: (table: DexieTable, chunks: ChunkedTable | undefined) => Promise<T>): Promise<T> => {
    if (!active) throw new Error('The transaction has already finished');
    try {
      return await op(trans.table(name), chunksOf(name));
    } catch (error) {
      throw fail(error, `${what} ${name} in a transaction`);
    }
  };
  const ops: StoreOps = {
    get<T extends StoredRow = StoredRow>(name: TableName, id: string) {
      return guard(name, 'reading', async (table, chunks) => ((await table.get(id)) ?? (await chunks?.get(id))) as T | undefined);
    },
    put(name, row) {
      return guard(name, 'writing', async (table, chunks) => {
        checkRow(row);
        await chunks?.take([row.id]);
        await table.put(row);
        changes.push({ table: name, type: 'put', id: row.id, row: structuredClone(row) });
      });
    },
    bulkPut(name, rows, options) {
      return guard(name, 'writing', async (table, chunks) => {
        rows.forEach(checkRow);
        // The same id twice: the last row wins, as with one put after another.
        const distinct = chunks ? [...new Map(rows.map((row) => [row.id, row])).values()] : rows;
        /** One change per row (a copy of it, unless the caller handed the rows over), for rows `from` to `to` in the caller's order. */
        const copy = options?.handOver ? (row: StoredRow) => row : (row: StoredRow) => structuredClone(row);
        const record = (from: number, to: number) => {
          for (let i = from; i < to; i++) changes.push({ table: name, type: 'put', id: (rows[i] as StoredRow).id, row: copy(rows[i] as StoredRow) });
        };
        if (chunks && distinct.length >= CHUNK_MIN_ROWS) {
          // A share of the copies with each chunk written, so copying them is spread over the chunks' tasks too.
          await chunks.write(distinct, (k, count) => record(Math.round((k * rows.length) / count), Math.round(((k + 1) * rows.length) / count)));
        } else {
          await chunks?.take(distinct.map((row) => row.id));
          await putSliced(table, distinct);
          record(0, rows.length);
        }
      });
    },
    delete(name, id) {
      return guard(name, 'deleting from', async (table, chunks) => {
        await table.delete(id);
        await chunks?.take([id]);
        changes.push({ table: name, type: 'delete', id });
      });
    },
    bulkDelete(name, ids) {
      return guard(name, 'deleting from', async (table, chunks) => {
        // Only ids stored one record each are deleted as such (IndexedDB takes a request per key, and an undo's rows
        // mostly sit in chunks); chunk rows are taken out in one pass. No round trip per id either way.
        const deleteStored = async () => {
          const stored = ids.length >= RANGE_READ_FROM ? await primaryKeysOfAnyOf(table, ':id', ids) : [...ids];
          if (stored.length) await table.bulkDelete(stored);
        };
        await Promise.all([deleteStored(), chunks?.take([...ids])]);
        for (const id of ids) changes.push({ table: name, type: 'delete', id });
      });
    },
    query<T extends StoredRow = StoredRow>(name: TableName, query?: IndexQuery) {
      return guard(name, 'querying', async (table, chunks) => {
        const rows = await runQuery(table, name, query);
        if (!chunks) return rows as T[];
        return union(rows, await chunks.query(query), query?.limit) as T[];
      });
    },
  };
  return {
    ops,
    async flush() {
      for (const table of chunked.values()) await table.flush();
    },
    finish: () => {
      active = false;
    },
  };
}

/**
 * Writes rows one IndexedDB record each, in slices: IndexedDB serialises each row on the calling thread (~0.1 ms),
 * so one call with hundreds of rows is a long task. Several slices are in flight: the next one is issued (and
 * serialised here) when the oldest has been written, in that success event's task (which keeps the transaction
 * open), while the database still writes the others — serialising and writing overlap instead of taking turns.
 */
async function putSliced(table: DexieTable, rows: readonly StoredRow[]): Promise<void> {
  const inFlight: Promise<unknown>[] = [];
  try {
    for (let i = 0; i < rows.length; i += BULK_SLICE) {
      const written = table.bulkPut(rows.slice(i, i + BULK_SLICE));
      // Awaited below (or abandoned with the aborting transaction): never an unhandled rejection.
      written.catch(() => undefined);
      inFlight.push(written);
      if (inFlight.length >= BULK_IN_FLIGHT) await inFlight.shift();
    }
  } finally {
    // Settles every slice issued, so none is left writing once this call returns or throws.
    await Promise.allSettled(inFlight);
  }
  await Promise.all(inFlight);
}

/** Per-record rows (in id order) and chunk rows (in id order) as one list in id order, at most `limit`. */
function union(records: StoredRow[], chunkRows: StoredRow[], limit: number | undefined): StoredRow[] {
  if (chunkRows.length === 0) return records;
  const rows = records.length === 0 ? chunkRows : sortById([...records, ...chunkRows]);
  return limit !== undefined ? rows.slice(0, limit) : rows;
}

function checkRow(row: StoredRow): void {
  if (typeof row?.id !== 'string' || row.id === '') throw new TypeError('A stored row needs a non-empty string `id`');
}
