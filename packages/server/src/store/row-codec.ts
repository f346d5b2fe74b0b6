/**
 * Rows are kept as JSONB so SQL can index and read them, but a crmkit store
 * must hand back structured copies (like IndexedDB): a `Date` stays a `Date`,
 * an object reached twice comes back as one object reached twice, `undefined`
 * in an array stays `undefined`. This codec turns a row into plain JSON with a
 * few tagged objects and back:
 *
 * - `{ "$date": "2026-01-01T00:00:00.000Z" }` — a Date (`null` for an invalid one);
 * - `{ "$ref": ["home"] }` — the object first met at that path from the row;
 * - `{ "$undef": 1 }` — `undefined` inside an array;
 * - `{ "$esc": { … } }` — a plain object whose only key happens to be one of these tags.
 *
 * Top-level fields (the ones the indexes read) are stored as they are.
 */

const TAGS = new Set(['$date', '$ref', '$undef', '$esc']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Encodes a row into JSON-safe data (see the module comment). */
export function encodeRow(row: object): Json {
  const seen = new Map<object, Path>();
  const walk = (value: unknown, path: Path): Json => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') return null;
    if (typeof value === 'bigint') throw new TypeError(`a BigInt at ${path.join('.')} cannot be stored`);
    if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? null : value.toISOString() };
    const obj = value as object;
    const earlier = seen.get(obj);
    if (earlier) return { $ref: earlier };
    seen.set(obj, path);
    if (Array.isArray(obj)) return obj.map((item, i) => (item === undefined ? { $undef: 1 } : walk(item, [...path, i])));
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(obj)) {
      if (item !== undefined) out[key] = walk(item, [...path, key]);
    }
    const keys = Object.keys(out);
    return path.length > 0 && keys.length === 1 && TAGS.has(keys[0]!) ? { $esc: out } : out;
  };
  return walk(row, []);
}

/** Decodes what {@link encodeRow} made, into fresh objects. */
export function decodeRow<T>(data: Json): T {
  const refs: { target: Record<string | number, unknown>; key: string | number; path: Path }[] = [];
  const walk = (value: Json, parent: Record<string | number, unknown> | undefined, key: string | number): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => (out[i] = walk(item, out as unknown as Record<number, unknown>, i)));
      return out;
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const tag = keys[0]!;
      if (tag === '$date') return new Date(value['$date'] === null ? Number.NaN : String(value['$date']));
      if (tag === '$undef') return undefined;
      if (tag === '$ref' && parent) {
        refs.push({ target: parent, key, path: value['$ref'] as Path });
        return null;
      }
      if (tag === '$esc') return walkObject(value['$esc'] as { [key: string]: Json });
    }
    return walkObject(value);
  };
  const walkObject = (value: { [key: string]: Json }): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, out, key);
    return out;
  };
  const root = walk(data, undefined, '');
  for (const { target, key, path } of refs) {
    let node: unknown = root;
    for (const step of path) node = (node as Record<string | number, unknown>)[step];
    target[key] = node;
  }
  return root as T;
}
