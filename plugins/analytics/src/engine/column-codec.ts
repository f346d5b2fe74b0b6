/** A typed-array column of the index. */
export type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

type Base64Api = {
  toBase64?: (this: Uint8Array) => string;
};
type Base64Static = { fromBase64?: (text: string) => Uint8Array };
type NodeBuffer = {
  from(data: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): Uint8Array & { toString(encoding: string): string };
};

const nativeTo = (Uint8Array.prototype as Base64Api).toBase64;
const nativeFrom = (Uint8Array as unknown as Base64Static).fromBase64;
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

function toBase64(bytes: Uint8Array): string {
  if (nativeTo) return nativeTo.call(bytes);
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of `text`, in a fresh buffer (offset 0, so any typed array can view it). */
function fromBase64(text: string): Uint8Array {
  if (nativeFrom) return nativeFrom(text);
  if (nodeBuffer) {
    const view = nodeBuffer.from(text, 'base64');
    const out = new Uint8Array(view.length);
    out.set(view);
    return out;
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * The first `size` values of a column as base64 text: portable to every store
 * (IndexedDB, and the JSON a SQL store keeps), and decoded natively where the
 * runtime can (`Uint8Array.fromBase64`, Node's `Buffer`).
 */
export function encodeColumn(column: Column, size: number): string {
  return toBase64(new Uint8Array(column.buffer, column.byteOffset, size * column.BYTES_PER_ELEMENT));
}

/**
 * A column of `like`'s type with `capacity` slots, its first `size` from
 * `text`; throws when `text` does not hold exactly `size` values.
 */
export function decodeColumn<T extends Column>(like: T, text: unknown, size: number, capacity: number): T {
  if (typeof text !== 'string') throw new TypeError('a column is missing from the snapshot');
  const bytes = fromBase64(text);
  const width = like.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== size * width) throw new TypeError(`a column holds ${bytes.byteLength / width} values instead of ${size}`);
  const Ctor = like.constructor as new (arg: number | ArrayBufferLike, offset?: number, length?: number) => T;
  const out = new Ctor(Math.max(capacity, size));
  out.set(new Ctor(bytes.buffer, bytes.byteOffset, size) as never);
  return out;
}

/** The capacity the tables grow to for `size` slots (a power of two, at least 16). */
export function capacityFor(size: number): number {
  let cap = 16;
  while (cap < size) cap *= 2;
  return cap;
}
