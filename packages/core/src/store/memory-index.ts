import type { StoredRow } from './store.js';

/** Position of `id` in the sorted `ids` (where it is, or where it would go). */
function position(ids: readonly string[], id: string): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Id lists that took an out-of-order id and are sorted again before their next use. */
const unsorted = new WeakSet<string[]>();

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `ids`, sorted if an out-of-order insert left it unsorted. */
function sorted(ids: string[]): string[] {
  if (unsorted.has(ids)) {
    ids.sort(byKey);
    unsorted.delete(ids);
  }
  return ids;
}

function insert(ids: string[], id: string): void {
  // Ids are made in increasing order, so most inserts are appends. Others
  // (rows restored in any order) are appended too and the list is sorted
  // once when next used, so a bulk load costs n log n, not n².
  const last = ids[ids.length - 1];
  if (last !== undefined && id < last) unsorted.add(ids);
  ids.push(id);
}

function remove(ids: string[], id: string): void {
  const at = position(sorted(ids), id);
  if (ids[at] === id) ids.splice(at, 1);
}

/** The values a row holds for one index: what an exact-match query on it can find. */
function keysOf(row: StoredRow, field: string, multi: boolean): unknown[] {
  const value = row[field];
  const usable = (v: unknown) => v !== undefined && !(typeof v === 'number' && Number.isNaN(v)) && (typeof v !== 'object' || v === null);
  if (multi) return Array.isArray(value) ? [...new Set(value.filter(usable))] : [];
  return usable(value) ? [value] : [];
}

/**
 * The in-memory store's indexes of one table: every id in primary-key order,
 * and per index a bucket per value holding its ids in primary-key order.
 * A query reads one bucket, so it costs time in proportion to its result,
 * not to the table; a new row costs an append per index (ids are made in
 * increasing order), a removed one a binary search and a splice.
 */
export class MemoryTableIndex {
  private readonly all: string[] = [];
  private readonly buckets = new Map<string, Map<unknown, string[]>>();
  private readonly fields: { field: string; multi: boolean }[];

  /** `specs` as in `STORE_INDEXES` (`*name` for multi-entry). */
  constructor(specs: readonly string[]) {
    this.fields = specs.map((spec) => ({ field: spec.replace(/^\*/, ''), multi: spec.startsWith('*') }));
    for (const { field } of this.fields) this.buckets.set(field, new Map());
  }

  /** Records a row that was not in the table (call {@link delete} first for a replaced one). */
  add(row: StoredRow): void {
    insert(this.all, row.id);
    for (const { field, multi } of this.fields) {
      const byValue = this.buckets.get(field) as Map<unknown, string[]>;
      for (const key of keysOf(row, field, multi)) {
        const ids = byValue.get(key);
        if (ids) insert(ids, row.id);
        else byValue.set(key, [row.id]);
      }
    }
  }

  /** Forgets a stored row (as it was stored). */
  delete(row: StoredRow): void {
    remove(this.all, row.id);
    for (const { field, multi } of this.fields) {
      const byValue = this.buckets.get(field) as Map<unknown, string[]>;
      for (const key of keysOf(row, field, multi)) {
        const ids = byValue.get(key);
        if (!ids) continue;
        remove(ids, row.id);
        if (ids.length === 0) byValue.delete(key);
      }
    }
  }

  /** Ids in primary-key order: every id, or those whose `field` equals (multi-entry: contains) `value`. Do not change the array. */
  ids(field?: string, value?: unknown): readonly string[] {
    if (field === undefined) return sorted(this.all);
    const ids = this.buckets.get(field)?.get(value);
    return ids ? sorted(ids) : [];
  }

  /** True when `row` would be found by a query on `field` = `value`. */
  matches(row: StoredRow, field: string, value: unknown): boolean {
    const spec = this.fields.find((f) => f.field === field);
    return spec ? keysOf(row, field, spec.multi).includes(value) : false;
  }
}
