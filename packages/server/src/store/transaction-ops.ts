import { StorageError, type IndexQuery, type StoredRow, type StoreOps, type TableName } from '@crmkit/core';
import { decodeRowText, encodeRow } from './row-codec.js';
import { checkTable, getRow, queryRows, sqlCall } from './row-queries.js';
import { sqlTable } from './schema.js';
import type { SqlSession } from './sql-driver.js';
import type { StatementPipeline } from './statement-pipeline.js';
import type { TransactionLocks } from './transaction-locks.js';
import type { WriteBatch } from './write-batch.js';

/** A transaction's operations here: the store's, and a put conditioned on the stored row's version. */
export interface SqlOps extends StoreOps {
  /** Puts `row` when the stored row's `version` is `version` at commit; otherwise the whole commit fails with `VERSION_CONFLICT`. */
  putChecked(table: TableName, row: StoredRow, version: number): Promise<void>;
}

/** A write of a transaction, kept for the subscribers once it committed. */
export interface PendingChange {
  table: TableName;
  type: 'put' | 'delete';
  id: string;
  encoded: unknown;
}

/**
 * The operations of one SQL store transaction over `scope`: reads go through
 * the pipeline after the locks they need (see {@link TransactionLocks}),
 * writes wait in `batch` and are noted in `pending` for the subscribers.
 */
export function transactionOps(pipeline: StatementPipeline, scope: ReadonlySet<TableName>, pending: PendingChange[], locks: TransactionLocks, batch: WriteBatch): SqlOps {
  const inScope = (table: TableName) => {
    checkTable(table);
    if (!scope.has(table)) throw new StorageError(`table "${table}" is not part of this transaction (scope: ${[...scope].join(', ')})`);
  };
  // Writes wait in the batch; whatever must see them (a read, a delete) sends the batch first.
  const flush = () => {
    if (batch.size > 0) pipeline.send(...batch.take(locks));
  };
  // Reads wait for everything sent before them; locks and batches are sent and not waited for.
  const reads: SqlSession = { query: (text, params) => pipeline.run(text, params) };
  return {
    get: async <T extends StoredRow = StoredRow>(table: TableName, id: string) => {
      inScope(table);
      flush();
      // The locks and the read in one statement (the read after the locks are held).
      const locked = locks.lockedRead(table, id);
      if (!locked) return getRow<T>(reads, table, id);
      const [row] = await sqlCall(() => reads.query<{ data: string | null }>(...locked));
      return row?.data != null ? decodeRowText<T>(row.data) : undefined;
    },
    query: async <T extends StoredRow = StoredRow>(table: TableName, query: IndexQuery = {}) => {
      inScope(table);
      flush();
      locks.table(table);
      return queryRows<T>(reads, table, query);
    },
    put: async (table, row) => {
      inScope(table);
      const [encoded] = encodeRows([row]);
      batch.put(table, row.id, encoded);
      pending.push({ table, type: 'put', id: row.id, encoded });
    },
    putChecked: async (table, row, version) => {
      inScope(table);
      const [encoded] = encodeRows([row]);
      batch.putChecked(table, row.id, encoded, version);
      pending.push({ table, type: 'put', id: row.id, encoded });
    },
    bulkPut: async (table, rows) => {
      inScope(table);
      const encoded = encodeRows(rows);
      rows.forEach((row, i) => {
        batch.put(table, row.id, encoded[i]);
        pending.push({ table, type: 'put', id: row.id, encoded: encoded[i] });
      });
    },
    delete: async (table, id) => {
      inScope(table);
      flush();
      locks.rows(table, [id]);
      const removed = await pipeline.run<{ data: string }>(`DELETE FROM ${sqlTable(table)} WHERE id = $1 RETURNING data::text AS data`, [id]);
      if (!removed[0]) return;
      const encoded: unknown = JSON.parse(removed[0].data);
      batch.deleted(table, id, encoded);
      pending.push({ table, type: 'delete', id, encoded });
    },
  };
}

function encodeRows(rows: readonly StoredRow[]): unknown[] {
  return rows.map((row, i) => {
    if (!row || typeof row !== 'object' || typeof row.id !== 'string' || row.id === '') throw new StorageError(`row #${i} has no string "id"`);
    try {
      return encodeRow(row);
    } catch (cause) {
      throw new StorageError(`row "${row.id}" cannot be stored: ${(cause as Error).message}`, { cause });
    }
  });
}
