import { StorageError } from '../errors.js';
import type { CheckedPut, StoredRow, StoreOps, TableName } from '../store/store.js';

/**
 * Transaction operations over rows a caller already read outside a
 * transaction, for a write that commits with one conditional put
 * (`Store.putIfUnchanged`) instead of BEGIN, a locked re-read and COMMIT.
 * `get` serves the rows read (copies); puts are collected, and a put of a
 * row that was read carries its version as read (`ifVersion`), so the commit
 * only happens while every such row is unchanged. `query` and `delete` need
 * a real transaction and are refused, as is a `get` of a row not read
 * beforehand: the code running over these ops is the same as in a
 * transaction, so that refusal is a programming error, not a user's.
 */
export class ReadSetOps implements StoreOps {
  private readonly read = new Map<string, StoredRow>();
  private readonly writes = new Map<string, { table: TableName; row: StoredRow }>();

  /** `rows`: what the caller read, each with its table. */
  constructor(rows: readonly { table: TableName; row: StoredRow }[]) {
    for (const { table, row } of rows) this.read.set(key(table, row.id), row);
  }

  /** A copy of a row read beforehand (`undefined` for one read as absent is not supported: it throws). */
  async get<T extends StoredRow = StoredRow>(table: TableName, id: string): Promise<T | undefined> {
    const row = this.read.get(key(table, id));
    if (!row) throw new StorageError(`internal: ${table}/${id} was not read before this conditional write`);
    return structuredClone(row) as T;
  }

  /** Collects a put (the last put of a row wins, at the place of its first). */
  async put(table: TableName, row: StoredRow): Promise<void> {
    this.writes.set(key(table, row.id), { table, row: structuredClone(row) });
  }

  /** Collects several puts. */
  async bulkPut(table: TableName, rows: readonly StoredRow[]): Promise<void> {
    for (const row of rows) await this.put(table, row);
  }

  /** Refused: a delete needs a transaction. */
  async delete(table: TableName): Promise<void> {
    throw new StorageError(`internal: a delete from ${table} needs a transaction, not a conditional write`);
  }

  /** Refused: a query's result cannot be pinned by row versions. */
  async query<T extends StoredRow = StoredRow>(table: TableName): Promise<T[]> {
    throw new StorageError(`internal: a query of ${table} needs a transaction, not a conditional write`);
  }

  /**
   * The collected puts, each row that was read conditioned on its version
   * as read; `undefined` when a row that was read has no whole-number
   * `version` to condition on (the caller uses a transaction then).
   */
  checkedPuts(): CheckedPut[] | undefined {
    const puts: CheckedPut[] = [];
    for (const [k, { table, row }] of this.writes) {
      const before = this.read.get(k);
      if (!before) {
        puts.push({ table, row });
        continue;
      }
      const version = before['version'];
      if (typeof version !== 'number' || !Number.isSafeInteger(version)) return undefined;
      puts.push({ table, row, ifVersion: version });
    }
    return puts;
  }
}

function key(table: TableName, id: string): string {
  return `${table}\u0000${id}`;
}
