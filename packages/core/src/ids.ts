const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let offset = POOL_SIZE;

/** Random bytes from `crypto.getRandomValues`, drawn in blocks (one call per 400 ids instead of one per id). */
function randomBytes(n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = new Uint8Array(POOL_SIZE);
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/**
 * A new record id: time-ordered (sorts by creation) and 50 random bits, from
 * `crypto.getRandomValues`, which, unlike `randomUUID`, also works on plain
 * `http://` pages where embeds often live.
 */
export function newId(prefix = ''): string {
  let random = '';
  for (const b of randomBytes(10)) random += ALPHABET[b % 36];
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}${random}`;
}
