import type { Dexie } from 'dexie';
import { primaryKeysOfAnyOf, RANGE_READ_FROM } from './dexie-key-range.js';
import { STORE_INDEXES } from './store.js';
import type { IndexQuery, IndexValue, StoredRow, TableName } from './store.js';

/** An index query on a Dexie table, in primary-key order; a row matched twice through a multi-entry index is returned once. @internal */
export async function runQuery(table: ReturnType<Dexie['table']>, name: TableName, query: IndexQuery = {}): Promise<StoredRow[]> {
  const { index, equals, anyOf, limit } = query;
  let collection;
  if (index === undefined) {
    collection = table.toCollection();
  } else {
    const spec = index === 'id' ? 'id' : STORE_INDEXES[name].find((candidate) => candidate === index || candidate === `*${index}`);
    if (!spec) throw new Error(`Table "${name}" has no index "${index}"`);
    if (equals === undefined && anyOf === undefined) throw new TypeError(`A query by index "${index}" needs \`equals\` or \`anyOf\``);
    if (anyOf !== undefined) {
      // Index order is not primary-key order: sort, then limit.
      // By primary key: one get per id, issued together (an import re-reads the rows its duplicate keys matched).
      // By another index: the matching rows' primary keys first (see `primaryKeysOfAnyOf`), then the rows.
      // By id, a long list is first narrowed to the ids stored (one range read) so absent ones cost no request each:
      // an undo asks for 1,000 rows that sit in chunks, not in this table.
      const distinct = [...new Set(anyOf)];
      const ids = index !== 'id' ? await primaryKeysOfAnyOf(table, index, anyOf) : distinct.length >= RANGE_READ_FROM ? await primaryKeysOfAnyOf(table, ':id', distinct) : distinct;
      const rows = (await table.bulkGet(ids as string[])).filter((r) => r !== undefined) as StoredRow[];
      rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return limit !== undefined ? rows.slice(0, limit) : rows;
    }
    collection = table.where(index).equals(equals as IndexValue);
    if (spec.startsWith('*')) collection = collection.distinct();
  }
  if (limit !== undefined) collection = collection.limit(limit);
  return (await collection.toArray()) as StoredRow[];
}
