// A store wrapper that counts row reads (inside and outside transactions), to prove how many times a path reads a row.
import type { Store, StoreOps, StoredRow, TableName } from '@crmkit/core';

/** Counts `get` calls per `table/id`. */
export interface ReadCounter {
  /** Reads of one row so far. */
  reads(table: TableName, id: string): number;
  /** Forgets the counts. */
  reset(): void;
}

function countingOps<O extends StoreOps>(ops: O, seen: Map<string, number>): O {
  return new Proxy(ops, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'get') {
        return (table: TableName, id: string) => {
          seen.set(`${table}/${id}`, (seen.get(`${table}/${id}`) ?? 0) + 1);
          return target.get<StoredRow>(table, id);
        };
      }
      if (prop === 'transaction') {
        return <R>(tables: readonly TableName[], fn: (tx: StoreOps) => Promise<R>) => (target as unknown as Store).transaction(tables, (tx) => fn(countingOps(tx, seen)));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Wraps `store` so every row read is counted. */
export function countingStore(store: Store): { store: Store; counter: ReadCounter } {
  const seen = new Map<string, number>();
  return {
    store: countingOps(store, seen),
    counter: {
      reads: (table, id) => seen.get(`${table}/${id}`) ?? 0,
      reset: () => seen.clear(),
    },
  };
}
