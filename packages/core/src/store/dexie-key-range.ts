import type { Dexie } from 'dexie';

type DexieTable = ReturnType<Dexie['table']>;

/** From this many keys on, `primaryKeysOfAnyOf` reads the keys' range instead of walking a cursor key by key. @internal */
export const RANGE_READ_FROM = 16;

/**
 * The primary keys (distinct, in no particular order) of the rows whose `index` holds one of `keys`. Dexie's
 * `anyOf` walks a cursor: one round trip through the page's event loop per key (undoing a 50,000-row import asked
 * for ~4,000 keys per batch part). From `RANGE_READ_FROM` string keys on, the index entries between the least and
 * the greatest key are read instead — their keys and their primary keys, two requests in the same order — and
 * filtered here. Keys an import made (ids, time-ordered) sit close together, so the range holds little else.
 * @internal
 */
export async function primaryKeysOfAnyOf(table: DexieTable, index: string, keys: readonly unknown[]): Promise<string[]> {
  if (keys.length === 0) return [];
  if (keys.length < RANGE_READ_FROM || !keys.every((k): k is string => typeof k === 'string')) {
    return [...new Set((await table.where(index).anyOf([...keys] as string[]).primaryKeys()) as string[])];
  }
  let [least, greatest] = [keys[0] as string, keys[0] as string];
  for (const key of keys) {
    if (key < least) least = key;
    if (key > greatest) greatest = key;
  }
  const range = table.where(index).between(least, greatest, true, true);
  const [found, primaries] = await Promise.all([range.keys(), range.primaryKeys()]);
  const wanted = new Set(keys);
  const out = new Set<string>();
  found.forEach((key, i) => {
    if (wanted.has(key as string)) out.add(primaries[i] as string);
  });
  return [...out];
}
