/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Length of one window in milliseconds. */
  windowMs: number;
  /** Requests one client may make per window. */
  max: number;
  /** Most clients remembered at once; the least recently seen is forgotten first. */
  maxClients: number;
}

/** The verdict on one request. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A fixed-window limiter per client key with O(1) work per request and bounded memory. */
export interface RateLimiter {
  /** Counts one request of `key` at time `now` (ms). */
  hit(key: string, now: number): RateVerdict;
  /** How many clients are remembered now (at most `maxClients`). */
  readonly size: number;
}

/**
 * Creates a fixed-window rate limiter whose table is an LRU: a `Map` kept in
 * order of last use (each hit moves its key to the end), trimmed from the
 * front when it grows past `maxClients`. Each request costs a constant number
 * of map operations whatever the number of clients, and memory stays bounded
 * under a flood of distinct addresses. A forgotten client starts a new window
 * when it comes back, so size `maxClients` above the number of clients you
 * expect within one window.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { windowMs, max } = options;
  const capacity = Math.max(1, Math.floor(options.maxClients));
  const table = new Map<string, { start: number; count: number }>();
  return {
    get size() {
      return table.size;
    },
    hit(key, now) {
      let bucket = table.get(key);
      if (bucket) table.delete(key);
      if (!bucket || now - bucket.start >= windowMs) bucket = { start: now, count: 0 };
      table.set(key, bucket);
      if (table.size > capacity) table.delete(table.keys().next().value as string);
      bucket.count += 1;
      if (bucket.count <= max) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((bucket.start + windowMs - now) / 1000)) };
    },
  };
}
