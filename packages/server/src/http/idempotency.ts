import type { SqlStore } from '../store/sql-store.js';
import { sqlTable } from '../store/schema.js';
import type { Hono } from 'hono';
import { HttpError } from './error-response.js';
import type { ServerEnv } from './request-helpers.js';

/** The `meta` row id prefix of a stored API idempotency key. */
const PREFIX = 'api:idem:';
/** A claim older than this is taken over (the process that held it died). */
const CLAIM_TIMEOUT_MS = 30_000;
/** The `meta` row that says when stored keys were last swept (by any process). */
const SWEEP_ROW = 'api:idem-sweep';
/** Default lifetime of a stored key: 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** Options of {@link mountIdempotency}. */
export interface IdempotencyOptions {
  /** How long a stored key is remembered; a key replayed later runs as a new request. Default 24 h. */
  ttlMs?: number;
  /** The clock (ms since epoch). Default `Date.now`. */
  now?: () => number;
}

interface KeyRow {
  id: string;
  state: 'pending' | 'done';
  /** Method and path the key was first used with. */
  request: string;
  at: number;
  status?: number;
  body?: string;
  etag?: string;
  location?: string;
  [field: string]: unknown;
}

/**
 * Mounts `Idempotency-Key` for authenticated writes (`POST`, `PATCH`,
 * `DELETE` under `/api/v1`): the first request with a key runs and its
 * answer (any status below 500) is stored per user in the `meta` table; a
 * repeat — a client retrying after a lost answer, or replaying its offline
 * queue — gets the stored answer (with `Idempotent-Replayed: true`) and
 * changes nothing. A repeat while the first still runs answers 409
 * `conflict` with `Retry-After`; a key reused for another request answers
 * 422. Keys are shared by every server process on the same database.
 * A key expires `ttlMs` after its answer was stored: a replay after that
 * runs as a new request, and expired keys are deleted by a sweep that a
 * keyed write starts at most every `ttlMs / 24` (one process sweeps for
 * all: the sweep is claimed in the `meta` table). Register after
 * authentication.
 */
export function mountIdempotency(app: Hono<ServerEnv>, store: SqlStore, options: IdempotencyOptions = {}): void {
  const ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
  if (!(ttlMs > 0)) throw new RangeError(`idempotency ttlMs must be a positive number of milliseconds (got ${ttlMs})`);
  const now = options.now ?? Date.now;
  const sweepEveryMs = Math.max(1, Math.floor(ttlMs / 24));
  let nextSweep = 0;
  app.use('/api/v1/*', async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || !['POST', 'PATCH', 'DELETE'].includes(c.req.method)) return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new HttpError(400, 'bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters', [{ path: ['Idempotency-Key'], code: 'invalid', message: 'Idempotency-Key must be 1–200 visible ASCII characters' }]);
    const id = `${PREFIX}${c.var.user.id}:${key}`;
    const request = `${c.req.method} ${new URL(c.req.url).pathname}`;
    const t = now();
    if (t >= nextSweep) {
      nextSweep = t + sweepEveryMs;
      await sweepExpiredKeys(store, t, ttlMs, sweepEveryMs);
    }
    const seen = await store.transaction(['meta'], async (tx): Promise<KeyRow | 'busy' | undefined> => {
      const row = await tx.get<KeyRow>('meta', id);
      if (row?.state === 'done' && t - row.at < ttlMs) return row;
      if (row?.state === 'pending' && t - row.at < CLAIM_TIMEOUT_MS) return 'busy';
      await tx.put('meta', { id, state: 'pending', request, at: t } satisfies KeyRow);
      return undefined;
    });
    if (seen === 'busy') {
      c.header('Retry-After', '1');
      throw new HttpError(409, 'conflict', 'A request with this Idempotency-Key is still running; retry shortly');
    }
    if (seen) {
      if (seen.request !== request) throw new HttpError(422, 'validation', `This Idempotency-Key was used for ${seen.request}`, [{ path: ['Idempotency-Key'], code: 'invalid', message: 'This Idempotency-Key was used for another request' }]);
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' };
      if (seen.etag) headers['ETag'] = seen.etag;
      if (seen.location) headers['Location'] = seen.location;
      return new Response(seen.status === 204 ? null : (seen.body ?? null), { status: seen.status ?? 200, headers });
    }
    try {
      await next();
    } catch (error) {
      await store.delete('meta', id);
      throw error;
    }
    const res = c.res;
    if (res.status >= 500) {
      await store.delete('meta', id);
      return;
    }
    const done: KeyRow = { id, state: 'done', request, at: now(), status: res.status, body: res.status === 204 ? '' : await res.clone().text() };
    const etag = res.headers.get('etag');
    const location = res.headers.get('location');
    if (etag) done.etag = etag;
    if (location) done.location = location;
    await store.put('meta', done);
  });
}

/**
 * Deletes stored keys older than `ttlMs`, unless another process swept less
 * than `everyMs` ago (the last sweep's time is a `meta` row claimed in a
 * transaction, so concurrent processes sweep once).
 */
export async function sweepExpiredKeys(store: SqlStore, at: number, ttlMs: number, everyMs: number): Promise<void> {
  const claimed = await store.transaction(['meta'], async (tx) => {
    const last = await tx.get<{ id: string; at: number }>('meta', SWEEP_ROW);
    if (last && at - last.at < everyMs && last.at <= at) return false;
    await tx.put('meta', { id: SWEEP_ROW, at });
    return true;
  });
  if (!claimed) return;
  const sql = await store.sql();
  await sql.query(`DELETE FROM ${sqlTable('meta')} WHERE id LIKE $1 AND jsonb_typeof(data->'at') = 'number' AND (data->>'at')::float8 < $2`, [`${PREFIX}%`, at - Math.max(ttlMs, CLAIM_TIMEOUT_MS)]);
}
