/** Options of {@link createFormToken}. */
export interface FormTokenOptions {
  /** The render time to sign, ms since epoch. Default `Date.now()`. */
  now?: number;
}

/** Options of {@link verifyFormToken}. */
export interface FormTokenCheck {
  /** The time of the submission, ms since epoch. Default `Date.now()`. */
  now?: number;
  /** A person needs at least this long to fill the form (ms). Default 3000. */
  minFillMs?: number;
  /** Tokens older than this are expired (ms). Default 7 days (an offline form may deliver late). */
  maxAgeMs?: number;
}

/** Why a token did not pass (used as the lead's spam signal). */
export type FormTokenProblem = 'token_missing' | 'token_invalid' | 'too_fast' | 'token_expired';

/** The outcome of {@link verifyFormToken}. */
export type FormTokenVerdict = { ok: true; issuedAt: number; ageMs: number } | { ok: false; problem: FormTokenProblem };

const VERSION = 'v1';
const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sign(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text))));
}

/** Compares two strings in time that does not depend on where they differ. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Issues a signed form token carrying the time the form was rendered:
 * `v1.<time>.<nonce>.<HMAC-SHA-256>`. The intake handler hands these out on
 * `GET` when its `formToken` option is set; a server that renders the form
 * itself can call this directly with the same secret. The token proves only
 * *when* the server gave out the form, which a bot cannot forge; it is not a
 * session or a secret.
 */
export async function createFormToken(secret: string, options: FormTokenOptions = {}): Promise<string> {
  if (typeof secret !== 'string' || secret.length < 16) throw new TypeError('createFormToken: the secret must be a string of at least 16 characters');
  const at = Math.floor(options.now ?? Date.now()).toString(36);
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(9)));
  const body = `${VERSION}.${at}.${nonce}`;
  return `${body}.${await sign(secret, body)}`;
}

/**
 * Checks a form token made by {@link createFormToken} with the same secret:
 * its signature, that at least `minFillMs` passed since it was issued (a
 * person cannot fill a form faster) and that it is not older than
 * `maxAgeMs`. Never throws for bad input: a missing, malformed or forged
 * token is a verdict, not an error.
 */
export async function verifyFormToken(secret: string, token: unknown, check: FormTokenCheck = {}): Promise<FormTokenVerdict> {
  if (typeof token !== 'string' || token === '') return { ok: false, problem: 'token_missing' };
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || token.length > 200) return { ok: false, problem: 'token_invalid' };
  const [version, at, nonce, mac] = parts as [string, string, string, string];
  if (!sameText(await sign(secret, `${version}.${at}.${nonce}`), mac)) return { ok: false, problem: 'token_invalid' };
  const issuedAt = parseInt(at, 36);
  if (!Number.isFinite(issuedAt)) return { ok: false, problem: 'token_invalid' };
  const ageMs = (check.now ?? Date.now()) - issuedAt;
  if (ageMs < (check.minFillMs ?? 3000)) return { ok: false, problem: 'too_fast' };
  if (ageMs > (check.maxAgeMs ?? 7 * 24 * 3_600_000)) return { ok: false, problem: 'token_expired' };
  return { ok: true, issuedAt, ageMs };
}
