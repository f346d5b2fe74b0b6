// A test double of a SQL store's `scan`, for Node tests of keyset paging: a
// memory store whose `scan` filters, orders and limits the plain way, counting
// its calls and the rows it hands out. Not exported from the package.
import { memoryStore } from './memory-store.js';
import type { ScanQuery, Store, StoredRow, TableName } from './store.js';

/** A memory store with a plain `scan` (what SQL does), with `scans` calls made and `read` rows handed out. */
export function scanningStore(): Store & { scans: number; read: number } {
  const inner = memoryStore();
  const store = Object.assign(Object.create(inner) as Store, { scans: 0, read: 0 }) as Store & { scans: number; read: number };
  store.scan = async <T extends StoredRow>(table: TableName, q: ScanQuery): Promise<T[]> => {
    store.scans++;
    const key = (r: StoredRow) => String(r[q.orderBy]);
    const cmp = (a: readonly [string, string], b: readonly [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) * (q.descending ? -1 : 1);
    const either = Object.entries(q.either ?? {});
    const rows = (await inner.query<T>(table))
      .filter((r) => Object.entries(q.equals ?? {}).every(([f, v]) => r[f] === v))
      .filter((r) => Object.entries(q.contains ?? {}).every(([f, v]) => Array.isArray(r[f]) && (r[f] as unknown[]).includes(v)))
      .filter((r) => either.length === 0 || either.some(([f, v]) => r[f] === v))
      .filter((r) => (q.from === undefined || key(r) >= q.from) && (q.below === undefined || key(r) < q.below))
      .filter((r) => !q.after || cmp([key(r), r.id], q.after) > 0)
      .sort((a, b) => cmp([key(a), a.id], [key(b), b.id]));
    const out = q.limit === undefined ? rows : rows.slice(0, q.limit);
    store.read += out.length;
    return out;
  };
  return store;
}
