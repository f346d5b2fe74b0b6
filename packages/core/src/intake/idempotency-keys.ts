import type { Store } from '../store/store.js';
import type { Lead } from '../schemas/lead.js';

/** The `meta` row id prefix of a stored idempotency key. */
export const IDEMPOTENCY_META_PREFIX = 'intake:idem:';

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
  /** The lead a process that died mid-way may have stored under `key`. */
  findLead(key: string): Promise<string | undefined>;
}

/**
 * Creates the ledger. `cacheSize` keys are kept in memory (least recently
 * stored forgotten first); the store is the source of truth, so replays are
 * recognised after a restart and across processes sharing one store.
 */
export function idempotencyKeys(store: Store, options: { cacheSize: number; claimTimeoutMs: number; now: () => number }): IdempotencyKeys {
  const known = new Map<string, { leadId: string; hash?: string }>();
  const remember = (key: string, entry: { leadId: string; hash?: string }) => {
    known.delete(key);
    known.set(key, entry);
    if (known.size > options.cacheSize) known.delete(known.keys().next().value as string);
  };
  return {
    cached: (key) => known.get(key),
    async claim(key, hash) {
      const id = IDEMPOTENCY_META_PREFIX + key;
      const state = await store.transaction(['meta'], async (tx): Promise<KeyState> => {
        const row = await tx.get<KeyRow>('meta', id);
        if (row?.state === 'done' && row.leadId) return { state: 'done', leadId: row.leadId, ...(row.hash ? { hash: row.hash } : {}) };
        const t = options.now();
        if (row?.state === 'pending' && t - row.at < options.claimTimeoutMs) return { state: 'busy' };
        await tx.put('meta', { id, state: 'pending', hash, at: t } satisfies KeyRow);
        return { state: 'claimed', takeover: Boolean(row) };
      });
      if (state.state === 'done') remember(key, { leadId: state.leadId, ...(state.hash ? { hash: state.hash } : {}) });
      return state;
    },
    async done(key, leadId, hash) {
      remember(key, { leadId, hash });
      await store.put('meta', { id: IDEMPOTENCY_META_PREFIX + key, state: 'done', leadId, hash, at: options.now() } satisfies KeyRow);
    },
    async release(key) {
      await store.delete('meta', IDEMPOTENCY_META_PREFIX + key);
    },
    async findLead(key) {
      const leads = await store.query<Lead>('leads');
      return leads.find((l) => l.idempotencyKey === key)?.id;
    },
  };
}
