import type { Store } from '../store/store.js';
import type { Lead } from '../schemas/lead.js';

/** The `meta` row id prefix of a stored idempotency key. */
export const IDEMPOTENCY_META_PREFIX = 'intake:idem:';
/** The `meta` row saying when stored keys were last swept (by any process sharing the store). */
const SWEEP_ROW = 'intake:idem-sweep';
/** Default lifetime of a stored key: 24 hours (like the team server's `Idempotency-Key`). */
export const INTAKE_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

interface KeyRow {
  id: string;
  state: 'pending' | 'done';
  leadId?: string;
  /** Fingerprint of the request body the key was first used with (absent on rows written before it was kept). */
  hash?: string;
  at: number;
  [field: string]: unknown;
}

/** What a key is known to mean. */
export type KeyState = { state: 'done'; leadId: string; hash?: string } | { state: 'busy' } | { state: 'claimed'; takeover: boolean };

/** The idempotency-key ledger of one intake handler: an in-memory LRU over the store's `meta` rows. */
export interface IdempotencyKeys {
  /** A key stored before, from memory only (no store read). */
  cached(key: string): { leadId: string; hash?: string } | undefined;
  /** Claims `key` for a body with fingerprint `hash` in a store transaction, or says who holds it. */
  claim(key: string, hash: string): Promise<KeyState>;
  /** Records that `key` stored `leadId`. */
  done(key: string, leadId: string, hash: string): Promise<void>;
  /** Gives a claimed key back (nothing was stored), so a corrected retry can use it. */
  release(key: string): Promise<void>;
  /** The lead a process that died mid-way may have stored under `key` (one stored before the key expired does not count). */
  findLead(key: string): Promise<string | undefined>;
}

/** Options of {@link idempotencyKeys}. */
export interface IdempotencyKeysOptions {
  /** Keys kept in memory. */
  cacheSize: number;
  /** How long a pending claim blocks a replay before it is taken over. */
  claimTimeoutMs: number;
  /** How long a stored key is remembered; a replay after that is a new submission. */
  ttlMs: number;
  /** The clock (ms since epoch). */
  now: () => number;
  /** Deletes stored keys older than `expiredBefore` (ms since epoch); default reads the `meta` table and deletes them one by one. */
  sweep?: (expiredBefore: number) => Promise<void>;
}

/**
 * Creates the ledger. `cacheSize` keys are kept in memory (least recently
 * stored forgotten first); the store is the source of truth, so replays are
 * recognised after a restart and across processes sharing one store. A key
 * expires `ttlMs` after it was stored: a replay after that is a new
 * submission. Expired keys are deleted by a sweep that a claim starts at most
 * every `ttlMs / 24`; the sweep is claimed in a `meta` row, so processes
 * sharing one store sweep once between them.
 */
export function idempotencyKeys(store: Store, options: IdempotencyKeysOptions): IdempotencyKeys {
  const { ttlMs, now } = options;
  if (!(ttlMs > 0)) throw new RangeError(`idempotencyTtlMs must be a positive number of milliseconds (got ${ttlMs})`);
  const known = new Map<string, { leadId: string; hash?: string; at: number }>();
  const remember = (key: string, entry: { leadId: string; hash?: string; at: number }) => {
    known.delete(key);
    known.set(key, entry);
    if (known.size > options.cacheSize) known.delete(known.keys().next().value as string);
  };
  const fresh = (at: number, t = now()) => t - at < ttlMs;
  const sweepEveryMs = Math.max(1, Math.floor(ttlMs / 24));
  let nextSweep = 0;
  const sweep = options.sweep ?? (async (expiredBefore: number) => {
    const expired = (await store.query<KeyRow>('meta')).filter((row) => row.id.startsWith(IDEMPOTENCY_META_PREFIX) && typeof row.at === 'number' && row.at < expiredBefore);
    for (const row of expired) await store.delete('meta', row.id);
  });
  async function maybeSweep(t: number): Promise<void> {
    if (t < nextSweep) return;
    nextSweep = t + sweepEveryMs;
    const claimed = await store.transaction(['meta'], async (tx) => {
      const last = await tx.get<{ id: string; at: number }>('meta', SWEEP_ROW);
      if (last && t - last.at < sweepEveryMs && last.at <= t) return false;
      await tx.put('meta', { id: SWEEP_ROW, at: t });
      return true;
    });
    // A pending claim is never swept while it may still be running.
    if (claimed) await sweep(t - Math.max(ttlMs, options.claimTimeoutMs));
  }
  return {
    cached(key) {
      const entry = known.get(key);
      if (entry && fresh(entry.at)) return { leadId: entry.leadId, ...(entry.hash ? { hash: entry.hash } : {}) };
      known.delete(key);
      return undefined;
    },
    async claim(key, hash) {
      const id = IDEMPOTENCY_META_PREFIX + key;
      const t = now();
      await maybeSweep(t);
      const state = await store.transaction(['meta'], async (tx): Promise<KeyState & { at?: number }> => {
        const row = await tx.get<KeyRow>('meta', id);
        if (row?.state === 'done' && row.leadId && fresh(row.at, t)) return { state: 'done', leadId: row.leadId, at: row.at, ...(row.hash ? { hash: row.hash } : {}) };
        if (row?.state === 'pending' && t - row.at < options.claimTimeoutMs) return { state: 'busy' };
        await tx.put('meta', { id, state: 'pending', hash, at: t } satisfies KeyRow);
        // An expired answer is not taken over: the key starts afresh.
        return { state: 'claimed', takeover: row?.state === 'pending' };
      });
      if (state.state === 'done') {
        const { at, ...done } = state;
        remember(key, { leadId: done.leadId, at: at!, ...(done.hash ? { hash: done.hash } : {}) });
        return done;
      }
      return state;
    },
    async done(key, leadId, hash) {
      const at = now();
      remember(key, { leadId, hash, at });
      await store.put('meta', { id: IDEMPOTENCY_META_PREFIX + key, state: 'done', leadId, hash, at } satisfies KeyRow);
    },
    async release(key) {
      known.delete(key);
      await store.delete('meta', IDEMPOTENCY_META_PREFIX + key);
    },
    async findLead(key) {
      const since = now() - ttlMs;
      const leads = (await store.query<Lead>('leads')).filter((l) => l.idempotencyKey === key && !(Date.parse(l.createdAt) < since));
      return leads.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0]?.id;
    },
  };
}
