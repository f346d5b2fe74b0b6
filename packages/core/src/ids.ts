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

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A new record id: time-ordered (sorts by creation) and 50 random bits, from
 * `crypto.getRandomValues`, which, unlike `randomUUID`, also works on plain
 * `http://` pages where embeds often live. Ids made in the same millisecond
 * (or after the clock stepped back) keep the last time and add one to the
 * last random part, so they too sort in the order they were made.
 */
export function newId(prefix = ''): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    lastRandom = Array.from(randomBytes(10), (b) => b % 36);
  } else {
    // Base-36 increment with carry; 36^10 ids in one millisecond cannot happen.
    let i = lastRandom.length - 1;
    while (i >= 0 && lastRandom[i] === 35) lastRandom[i--] = 0;
    if (i >= 0) lastRandom[i]! += 1;
  }
  let random = '';
  for (const d of lastRandom) random += ALPHABET[d];
  return `${prefix}${lastTime.toString(36).padStart(9, '0')}${random}`;
}
