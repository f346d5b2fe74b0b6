/** An answer the intake handler gives on purpose (status, stable code, public message). */
export class IntakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'IntakeHttpError';
  }
}

/**
 * Reads at most `max` bytes of the body as UTF-8 text within `deadlineMs`:
 * `413 too_large` beyond the size (declared or streamed), `408 timeout` when
 * the body has not fully arrived in time (a slow-body attack holds a
 * connection and a buffer otherwise), `400` for invalid UTF-8.
 */
export async function readBody(request: Request, max: number, deadlineMs: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new IntakeHttpError(413, 'too_large', `Body larger than ${max} bytes`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntakeHttpError(408, 'timeout', `The body did not arrive within ${deadlineMs} ms`, { Connection: 'close' })), deadlineMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late]);
      if (done) break;
      size += value.byteLength;
      if (size > max) throw new IntakeHttpError(413, 'too_large', `Body larger than ${max} bytes`);
      chunks.push(value);
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    if (e instanceof IntakeHttpError) throw e;
    throw new IntakeHttpError(400, 'bad_request', 'The body could not be read');
  } finally {
    clearTimeout(timer);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new IntakeHttpError(400, 'bad_request', 'Body is not valid UTF-8');
  }
}

/** The deepest nesting of objects and arrays in JSON text (brackets inside strings do not count). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/**
 * Parses JSON from a stranger: nesting deeper than `maxDepth` is a `400`
 * (checked before parsing, so nothing recursive ever sees it), and `__proto__`
 * keys are dropped at every level, so no later copy or assignment can turn
 * one into a prototype.
 */
export function parseUntrustedJson(text: string, maxDepth: number): unknown {
  if (jsonDepth(text) > maxDepth) throw new IntakeHttpError(400, 'bad_request', `JSON nested deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    throw new IntakeHttpError(400, 'bad_request', 'Body is not valid JSON');
  }
}

/** JSON with object keys sorted at every level, so equal data gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (hex) of the canonical JSON of `value`: the fingerprint an
 * idempotency key is bound to. Where Web Crypto is missing (a browser page
 * on plain http, e.g. the mock backend of a demo opened by LAN address) it
 * falls back to two 32-bit FNV-1a hashes: enough to tell bodies apart, which
 * is all the fingerprint is for.
 */
export async function fingerprint(value: unknown): Promise<string> {
  const text = canonical(value);
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (!subtle) return `fnv:${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}`;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
