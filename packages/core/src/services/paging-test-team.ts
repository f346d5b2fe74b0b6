// Shared by the keyset-paging tests: a team of two managers and their head on a given store, with a clock that
// ticks a second per call (so every row gets its own timestamp), and a walker that reads every page of a list.
import { createCrm } from '../crm.js';
import type { Crm } from '../crm.js';
import type { Store } from '../store/store.js';
import type { ListCursor } from './list-window.js';

/** A CRM on `store` with `ann` and `bob` (managers) and `boss` (head); the clock advances one second per read of it. */
export async function pagingTeam(store: Store): Promise<Crm> {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return createCrm({
    store,
    now: () => new Date((t += 1000)),
    users: [
      { id: 'ann', name: 'Ann', role: 'manager' },
      { id: 'bob', name: 'Bob', role: 'manager' },
      { id: 'boss', name: 'Bo', role: 'head' },
    ],
  });
}

/**
 * Every page of a list, `size` at a time, each asked for after the last row of the one before; returns the
 * pages as lists of `label(row)`. A list that has not ended after 100 pages throws (a cursor that does not
 * move would otherwise never end).
 */
export async function everyPage<R extends { id: string }>(
  page: (after: ListCursor | undefined, limit: number) => Promise<R[]>,
  keyOf: (row: R) => string,
  label: (row: R) => string,
  size: number,
): Promise<string[][]> {
  const out: string[][] = [];
  let after: ListCursor | undefined;
  for (;;) {
    if (out.length === 100) throw new Error(`paging did not end after 100 pages of ${size}`);
    const rows = await page(after, size);
    if (rows.length === 0) return out;
    out.push(rows.map(label));
    const last = rows[rows.length - 1]!;
    after = { key: keyOf(last), id: last.id };
  }
}
