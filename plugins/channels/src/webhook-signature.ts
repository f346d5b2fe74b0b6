import { fromBase64, randomToken, toBase64, toBytes } from './bytes.js';

// Standard Webhooks (https://www.standardwebhooks.com): the signed content is
// `${webhook-id}.${webhook-timestamp}.${raw body}`, signed with HMAC-SHA256 by
// the base64 key after the `whsec_` prefix; `webhook-signature` lists one or
// more space-separated `v1,<base64>` signatures (several during a secret
// rotation). Everything runs on Web Crypto: browsers, Node 20, edge runtimes.

const SECRET_PREFIX = 'whsec_';
const encoder = new TextEncoder();

/** The three Standard Webhooks headers. */
export interface WebhookHeaders {
  /** Unique message id; the same on every retry of one message (receivers de-duplicate by it). */
  'webhook-id': string;
  /** Unix time of sending, in seconds. */
  'webhook-timestamp': string;
  /** Space-separated `v1,<base64 HMAC-SHA256>` signatures, one per secret. */
  'webhook-signature': string;
}

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions {
  /** Message id; default a new random `msg_…` id. Keep it on retries. */
  id?: string;
  /** Time of sending: a `Date` or Unix seconds; default now. */
  timestamp?: Date | number;
}

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** Accepted clock difference, in seconds; default 300 (±5 minutes). */
  toleranceSeconds?: number;
  /** The current time (tests inject it); default now. */
  now?: Date;
}

/** Why a webhook was refused. */
export type WebhookVerificationCode = 'missing_header' | 'invalid_timestamp' | 'timestamp_too_old' | 'timestamp_too_new' | 'invalid_signature' | 'invalid_payload';

/** A webhook failed verification. The message names what was wrong, never a secret or a signature. */
export class WebhookVerificationError extends Error {
  /** Stable reason code. */
  readonly code: WebhookVerificationCode;

  /** @internal */
  constructor(code: WebhookVerificationCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}

/** A secret is not a Standard Webhooks secret (`whsec_` + base64 of at least 16 bytes). */
export class WebhookSecretError extends Error {
  /** Always `invalid_secret`. */
  readonly code = 'invalid_secret';

  /** @internal */
  constructor(index: number) {
    super(`Webhook secret #${index + 1} is not "whsec_" followed by the base64 of at least 16 bytes`);
    this.name = 'WebhookSecretError';
  }
}

/** A new random secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** The key bytes of a `whsec_…` secret (the prefix is optional), or `undefined` when it is not one. @internal */
export function webhookSecretBytes(secret: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  return bytes && bytes.length >= 16 ? bytes : undefined;
}

// Imported keys by secret, so a busy endpoint does not import the same key for every request (kept in memory only).
const keys = new Map<string, Promise<CryptoKey>>();

async function hmacKey(secret: string, index: number): Promise<CryptoKey> {
  const cached = keys.get(secret);
  if (cached) return cached;
  const bytes = webhookSecretBytes(secret);
  if (!bytes) throw new WebhookSecretError(index);
  const key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  if (keys.size >= 64) keys.delete(keys.keys().next().value as string);
  keys.set(secret, key);
  return key;
}

function signedContent(id: string, timestamp: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const head = encoder.encode(`${id}.${timestamp}.`);
  const raw = toBytes(body);
  const out = new Uint8Array(head.length + raw.length);
  out.set(head);
  out.set(raw, head.length);
  return out;
}

function secretList(secret: string | readonly string[]): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : secret;
  if (list.length === 0) throw new WebhookSecretError(0);
  return list;
}

/**
 * Signs `body` (the exact bytes that will be sent) per Standard Webhooks and
 * returns the three headers. Pass several secrets during a rotation: the
 * signature header then carries one signature per secret.
 *
 * ```ts
 * const headers = await signWebhook('whsec_…', JSON.stringify(event), { id: event.id });
 * await fetch(url, { method: 'POST', body: JSON.stringify(event), headers: { ...headers, 'content-type': 'application/json' } });
 * ```
 */
export async function signWebhook(secret: string | readonly string[], body: string | Uint8Array, options: SignWebhookOptions = {}): Promise<WebhookHeaders> {
  const id = options.id ?? `msg_${randomToken(16)}`;
  const at = options.timestamp ?? new Date();
  const timestamp = String(typeof at === 'number' ? Math.floor(at) : Math.floor(at.getTime() / 1000));
  const content = signedContent(id, timestamp, body);
  const signatures: string[] = [];
  const secrets = secretList(secret);
  for (const [i, s] of secrets.entries()) {
    const mac = await crypto.subtle.sign('HMAC', await hmacKey(s, i), content);
    signatures.push(`v1,${toBase64(new Uint8Array(mac))}`);
  }
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}

/** Headers as a Fetch `Headers`, a Node-style record (names in any case) or the object {@link signWebhook} returns. */
export type HeadersLike = Headers | Readonly<Record<string, string | readonly string[] | undefined>> | WebhookHeaders;

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
  }
  return undefined;
}

/** What a verified webhook carried. */
export interface VerifiedWebhook {
  /** `webhook-id`: de-duplicate by it. */
  id: string;
  /** `webhook-timestamp` as a `Date`. */
  timestamp: Date;
}

/**
 * Checks the Standard Webhooks signature of a raw body without parsing it
 * (for bodies that are not JSON, such as a raw email). Throws
 * {@link WebhookVerificationError} when a header is missing, the timestamp is
 * outside the tolerance or no signature matches any of the secrets.
 */
export async function verifyWebhookSignature(secret: string | readonly string[], body: string | Uint8Array, headers: HeadersLike, options: VerifyWebhookOptions = {}): Promise<VerifiedWebhook> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  for (const [name, value] of [['webhook-id', id], ['webhook-timestamp', timestamp], ['webhook-signature', signature]] as const) {
    if (!value) throw new WebhookVerificationError('missing_header', `The "${name}" header is missing`);
  }
  if (!/^\d{1,12}$/.test(timestamp as string)) throw new WebhookVerificationError('invalid_timestamp', 'The "webhook-timestamp" header is not Unix seconds');
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (now - seconds > tolerance) throw new WebhookVerificationError('timestamp_too_old', `The webhook timestamp is more than ${tolerance} s in the past`);
  if (seconds - now > tolerance) throw new WebhookVerificationError('timestamp_too_new', `The webhook timestamp is more than ${tolerance} s in the future`);
  const content = signedContent(id as string, timestamp as string, body);
  const candidates = (signature as string)
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => fromBase64(part.slice(3)))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== undefined);
  let matched = false;
  for (const [i, s] of secretList(secret).entries()) {
    const key = await hmacKey(s, i);
    // subtle.verify compares in constant time; every candidate is checked so timing does not tell which matched.
    for (const candidate of candidates) matched = (await crypto.subtle.verify('HMAC', key, candidate, content)) || matched;
  }
  if (!matched) throw new WebhookVerificationError('invalid_signature', 'No webhook signature matches');
  return { id: id as string, timestamp: new Date(seconds * 1000) };
}

/**
 * Verifies an incoming Standard Webhooks request and returns its parsed JSON
 * payload. `body` must be the raw body exactly as received (parse after, not
 * before). Pass several secrets to accept either during a rotation.
 *
 * ```ts
 * const raw = await request.text();
 * const event = await verifyWebhook(process.env.WEBHOOK_SECRET, raw, request.headers);
 * ```
 */
export async function verifyWebhook<T = unknown>(secret: string | readonly string[], body: string | Uint8Array, headers: HeadersLike, options: VerifyWebhookOptions = {}): Promise<T> {
  await verifyWebhookSignature(secret, body, headers, options);
  try {
    return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as T;
  } catch {
    throw new WebhookVerificationError('invalid_payload', 'The webhook body is not JSON');
  }
}
