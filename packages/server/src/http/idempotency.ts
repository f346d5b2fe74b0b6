import type { Store } from '@crmkit/core';
import type { Hono } from 'hono';
import { HttpError } from './error-response.js';
import type { ServerEnv } from './request-helpers.js';

/** The `meta` row id prefix of a stored API idempotency key. */
const PREFIX = 'api:idem:';
/** A claim older than this is taken over (the process that held it died). */
const CLAIM_TIMEOUT_MS = 30_000;

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
 * Register after authentication.
 */
export function mountIdempotency(app: Hono<ServerEnv>, store: Store): void {
  app.use('/api/v1/*', async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || !['POST', 'PATCH', 'DELETE'].includes(c.req.method)) return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new HttpError(400, 'bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters', [{ path: ['Idempotency-Key'], code: 'invalid', message: 'Idempotency-Key must be 1–200 visible ASCII characters' }]);
    const id = `${PREFIX}${c.var.user.id}:${key}`;
    const request = `${c.req.method} ${new URL(c.req.url).pathname}`;
    const seen = await store.transaction(['meta'], async (tx): Promise<KeyRow | 'busy' | undefined> => {
      const row = await tx.get<KeyRow>('meta', id);
      if (row?.state === 'done') return row;
      if (row?.state === 'pending' && Date.now() - row.at < CLAIM_TIMEOUT_MS) return 'busy';
      await tx.put('meta', { id, state: 'pending', request, at: Date.now() } satisfies KeyRow);
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
    const done: KeyRow = { id, state: 'done', request, at: Date.now(), status: res.status, body: res.status === 204 ? '' : await res.clone().text() };
    const etag = res.headers.get('etag');
    const location = res.headers.get('location');
    if (etag) done.etag = etag;
    if (location) done.location = location;
    await store.put('meta', done);
  });
}
