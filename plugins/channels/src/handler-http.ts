import { timingSafeEqualText } from './bytes.js';
import { verifyWebhookSignature, webhookSecretBytes, WebhookVerificationError } from './webhook-signature.js';

/** A Fetch API request handler: mount it on any Node (via `toNodeListener`), Deno, Bun or edge server. */
export type ChannelHandler = (request: Request) => Promise<Response>;

/** A JSON response. @internal */
export function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** A JSON error response `{ error: { code, message } }`. @internal */
export function problem(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, message } }, headers);
}

/** Thrown by {@link readBody} when the body is larger than allowed. @internal */
export class BodyTooLargeError extends Error {}

/** Reads the raw body, stopping at `limit` bytes (so a huge body is refused without being buffered). @internal */
export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLargeError();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Authenticates an inbound request by `Authorization: Bearer <secret>` (for
 * senders that can only set a fixed header) or, when `secret` is a `whsec_`
 * secret, by a Standard Webhooks signature over the raw body. Returns `null`
 * when it passes, else the 401 response to send. Nothing in the answer
 * echoes the secret or the request's credentials. @internal
 */
export async function authenticate(request: Request, body: Uint8Array, secret: string | readonly string[], now: Date): Promise<Response | null> {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const auth = request.headers.get('authorization');
  if (auth !== null) {
    const token = /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1] ?? '';
    let ok = false;
    for (const s of secrets) ok = (await timingSafeEqualText(token, s)) || ok;
    return ok ? null : problem(401, 'unauthorized', 'The bearer token is not valid');
  }
  if (request.headers.has('webhook-signature')) {
    const signing = secrets.filter((s) => webhookSecretBytes(s) !== undefined);
    if (signing.length === 0) return problem(401, 'unauthorized', 'Signed requests are not accepted here: send Authorization: Bearer');
    try {
      await verifyWebhookSignature(signing, body, request.headers, { now });
      return null;
    } catch (error) {
      if (error instanceof WebhookVerificationError) return problem(401, error.code, error.message);
      throw error;
    }
  }
  return problem(401, 'unauthorized', 'Send Authorization: Bearer <secret> or a Standard Webhooks signature', { 'www-authenticate': 'Bearer' });
}

/** Checks the handler's secret option up front, so a mistake shows at start-up. @internal */
export function requireSecret(name: string, secret: unknown): string | readonly string[] {
  const list = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? (secret as unknown[]) : [];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.length < 16)) {
    throw new TypeError(`${name}: "secret" must be a string of at least 16 characters (or a list of them)`);
  }
  return secret as string | readonly string[];
}
