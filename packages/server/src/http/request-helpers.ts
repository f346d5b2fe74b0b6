import type { Crm, User } from '@crmkit/core';
import type { Context } from 'hono';
import { HttpError } from './error-response.js';

/** What the auth middleware puts on every authenticated request. */
export interface ServerEnv {
  Variables: {
    /** The CRM acting as the signed-in user (`crm.as(user)`). */
    crm: Crm;
    /** The signed-in user. */
    user: User;
  };
}

/** The request's JSON body as an object; 400 for anything else. */
export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new HttpError(415, 'bad_request', 'Send the body as JSON (Content-Type: application/json)');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad_request', 'The body is not valid JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`); `undefined` without one or for `*`. */
export function ifMatch(c: Context): number | undefined {
  const header = c.req.header('if-match')?.trim();
  if (!header || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header);
  if (!match) throw new HttpError(400, 'bad_request', 'If-Match must be an ETag this server sent, like "3"', [{ path: ['If-Match'], code: 'invalid', message: 'If-Match must look like "3"' }]);
  return Number(match[1]);
}

/** Answers one record with its `ETag`. */
export function recordResponse(c: Context, record: { version?: number }, status: 200 | 201 = 200): Response {
  if (typeof record.version === 'number') c.header('ETag', `"${record.version}"`);
  return c.json(record, status);
}

/** Reads the allowed query parameters; 400 naming any unknown one. */
export function queryParams(c: Context, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(c.req.query())) {
    if (!allowed.includes(key)) throw new HttpError(400, 'bad_request', `Unknown query parameter "${key}" (allowed: ${allowed.join(', ')})`, [{ path: [key], code: 'invalid', message: `Unknown query parameter "${key}"` }]);
    out[key] = value;
  }
  return out;
}

/** Parses `limit` (1–500, default 50). */
export function limitParam(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new HttpError(400, 'bad_request', '"limit" must be a whole number from 1 to 500', [{ path: ['limit'], code: 'invalid', message: '"limit" must be a whole number from 1 to 500' }]);
  return n;
}

type Key = [string, string];

/** A list cursor as sent to clients: the last item's sort key and id, base64url JSON. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Reads a cursor this server sent; 400 naming `cursor` for anything else. */
export function decodeCursor(cursor: string): Key {
  try {
    const after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Key;
    if (Array.isArray(after) && after.length === 2 && typeof after[0] === 'string' && typeof after[1] === 'string') return after;
  } catch {
    // reported below
  }
  throw new HttpError(400, 'bad_request', '"cursor" is not one this server sent', [{ path: ['cursor'], code: 'invalid', message: '"cursor" is not one this server sent' }]);
}

/**
 * The answer for a list read with one row more than `limit` (keyset paging in
 * the store): the page, and a cursor after its last row when more follow.
 */
export function keysetPage<T extends { id: string }>(items: readonly T[], limit: number, keyOf: (item: T) => string): { items: T[]; nextCursor: string | null } {
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor([String(keyOf(last)), last.id]) : null };
}
