import type { Crm } from '../crm.js';
import { CrmError, PluginError, StorageError, ValidationError, type ValidationIssue } from '../errors.js';
import { resolveLocale, SUPPORTED_LOCALES } from '../i18n/locale.js';
import { VALIDATION_MESSAGES, validationMessage } from '../i18n/validation-messages.js';
import { LeadInputSchema, type Lead, type LeadInput } from '../schemas/lead.js';
import { cleanInput } from '../services/input-cleaning.js';
import { check } from '../validate.js';

/** A fixed-window request limit per client IP. */
export interface IntakeRateLimit {
  /** Length of one window in milliseconds, e.g. `60_000`. */
  windowMs: number;
  /** Requests (POSTs) one IP may make per window; the next one gets `429` with `Retry-After`. */
  max: number;
}

/** What the handler decided about one submission, for {@link IntakeHandlerOptions.onLead}. */
export interface IntakeResult {
  /** Id of the stored lead (for a replay: of the lead stored the first time). */
  leadId: string;
  /** True when the idempotency key had been stored before. */
  duplicate: boolean;
  /** True when the lead was stored as spam (closed as junk). */
  spam: boolean;
}

/** Options of {@link createIntakeHandler}. */
export interface IntakeHandlerOptions {
  /**
   * Origins (`scheme://host[:port]`, exactly as browsers send them in the
   * `Origin` header) whose pages may post leads, or `'*'` for any. A request
   * from any other origin gets `403` (also its preflight). Requests without
   * an `Origin` header (server to server, curl) are accepted unless
   * {@link requireOrigin} is set.
   */
  allowedOrigins: readonly string[] | '*';
  /** Refuse requests without an `Origin` header (`403`). Default `false`. */
  requireOrigin?: boolean;
  /** Per-IP limit; `false` turns it off. Default `{ windowMs: 60_000, max: 20 }`. */
  rateLimit?: IntakeRateLimit | false;
  /**
   * Finds the client's IP for the rate limit. Default: the first address in
   * `X-Forwarded-For`, else `X-Real-IP`, else `'unknown'` (all such clients
   * share one bucket). Only trust `X-Forwarded-For` behind a proxy that
   * overwrites it; `toNodeListener` from `@crmkit/plugin-channels` sets it
   * from the socket address.
   */
  getClientIp?: (request: Request) => string | undefined;
  /** Largest accepted body in bytes; a bigger one gets `413`. Default 65 536. */
  maxBodyBytes?: number;
  /**
   * Put every lead into this pipeline, ignoring the one the form sent.
   * Default: the form's `lead.pipelineId`, else the CRM's default lead pipeline.
   */
  pipelineId?: string;
  /** Owner of new leads (a user id). Default: the CRM's default (head of sales, else `system`). A form cannot choose the owner: `lead.ownerId` is ignored. */
  ownerId?: string;
  /** The user the handler acts as (`crm.as(actAs)`). Default `'system'`. */
  actAs?: string;
  /**
   * Loss reason spam is closed with. Default `'spam'` (in the default lead
   * pipeline). When the lead's pipeline has no such reason, the lead stays
   * open with `spam: true`.
   */
  spamReason?: string;
  /**
   * Server-side spam check, besides the form's own flag (`lead.spam`): return
   * true to store the lead as spam. The sender still gets `201`, so a bot
   * learns nothing.
   */
  isSpam?: (submission: { lead: LeadInput; submittedAt?: string; formId?: string }, request: Request) => boolean | Promise<boolean>;
  /**
   * Run the CRM's `form:beforeSubmit` transform hook on the server (where a
   * captcha plugin can verify its token). A plugin that throws refuses the
   * submission with `400 rejected`. Default `true`.
   */
  runFormHook?: boolean;
  /** How many idempotency keys to remember in memory (the store is the source of truth). Default 10 000. */
  idempotencyCacheSize?: number;
  /** How long a key being processed by another process blocks a replay (`503` + `Retry-After: 1`) before it is taken over. Default 30 000 ms. */
  claimTimeoutMs?: number;
  /** `Access-Control-Max-Age` of preflight answers, in seconds. Default 600. */
  preflightMaxAge?: number;
  /** Called after each stored (or replayed) lead, e.g. to notify someone. Errors thrown here are passed to `onError` and do not change the response. */
  onLead?: (result: IntakeResult, request: Request) => void | Promise<void>;
  /** Called with unexpected errors (the response says only `internal`). Default `console.error`. */
  onError?: (error: unknown, request: Request) => void;
  /** The clock (ms since epoch), for the rate limit. Default `Date.now`. */
  now?: () => number;
}

/** A lead-intake request handler: Fetch API in, Fetch API out. */
export type IntakeHandler = (request: Request) => Promise<Response>;

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Accept-Language';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const META_PREFIX = 'intake:idem:';

interface KeyRow {
  id: string;
  state: 'pending' | 'done';
  leadId?: string;
  at: number;
  [field: string]: unknown;
}

type Outcome = { kind: 'stored'; leadId: string; duplicate: boolean; spam: boolean } | { kind: 'busy' };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The first address of `X-Forwarded-For`, else `X-Real-IP`. */
function defaultClientIp(request: Request): string | undefined {
  const xff = request.headers.get('x-forwarded-for');
  const first = xff?.split(',')[0]?.trim();
  return first || request.headers.get('x-real-ip')?.trim() || undefined;
}

/** The best supported locale from an `Accept-Language` header, or undefined. */
function localeFromHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  const tags = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if ((SUPPORTED_LOCALES as readonly string[]).includes(base)) return resolveLocale(tag);
  }
  return undefined;
}

/** Reads at most `max` bytes of the body as text; throws 413 beyond that. */
async function readBody(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw new HttpError(413, 'too_large', `Body larger than ${max} bytes`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(413, 'too_large', `Body larger than ${max} bytes`);
    }
    chunks.push(value);
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
    throw new HttpError(400, 'bad_request', 'Body is not valid UTF-8');
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Creates a lead-intake endpoint over a CRM: a function from a Fetch API
 * `Request` to a `Response`, so it mounts on any Node or edge server (Node's
 * `http` through `toNodeListener` from `@crmkit/plugin-channels`, or
 * directly in Deno, Bun, Cloudflare Workers, Hono, Next.js route handlers).
 *
 * It speaks crmkit's REST intake contract (docs/rest-api.md):
 * - `OPTIONS` — CORS preflight, answered for allowed origins (`204`), refused otherwise (`403`).
 * - `POST` JSON `{ lead, submittedAt, formId? }` with an `Idempotency-Key` header:
 *   `201 { id, duplicate: false }` when stored, `200 { id, duplicate: true }`
 *   when that key was stored before (also after a restart: keys are kept in
 *   the store's `meta` table), `422 { errors: [{ path, code, message }] }`
 *   for invalid fields (messages in the `Accept-Language` locale, else the
 *   CRM's), `400`/`415` for malformed requests, `403` for other origins,
 *   `413` for big bodies, `429` + `Retry-After` over the rate limit, `503`
 *   when the store is unavailable. Errors never include stack traces.
 *
 * Spam (flagged by the form, or by {@link IntakeHandlerOptions.isSpam}) is
 * stored with `spam: true` and closed as junk at once, and answered like a
 * real lead. Consent evidence is stored as sent.
 *
 * ```ts
 * const crm = await createCrm({ store: memoryStore() });
 * const handle = createIntakeHandler(crm, { allowedOrigins: ['https://example.com'] });
 * export default { fetch: handle }; // e.g. Bun, Deno, Workers
 * ```
 */
export function createIntakeHandler(crm: Crm, options: IntakeHandlerOptions): IntakeHandler {
  const allowed = options.allowedOrigins;
  if (allowed !== '*' && !Array.isArray(allowed)) throw new TypeError('createIntakeHandler: allowedOrigins must be an array of origins or "*"');
  const allowedSet = new Set(allowed === '*' ? [] : allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const rateLimit = options.rateLimit === undefined ? { windowMs: 60_000, max: 20 } : options.rateLimit;
  const maxBody = options.maxBodyBytes ?? 65_536;
  const getIp = options.getClientIp ?? defaultClientIp;
  const now = options.now ?? (() => Date.now());
  const cacheSize = options.idempotencyCacheSize ?? 10_000;
  const claimTimeout = options.claimTimeoutMs ?? 30_000;
  const spamReason = options.spamReason ?? 'spam';
  const onError = options.onError ?? ((e: unknown) => console.error('crmkit intake:', e));
  const actor = crm.as(options.actAs ?? 'system');

  const known = new Map<string, string>(); // key → lead id (LRU by insertion order)
  const inflight = new Map<string, Promise<Outcome>>();
  const buckets = new Map<string, { start: number; count: number }>();

  function remember(key: string, leadId: string): void {
    known.delete(key);
    known.set(key, leadId);
    if (known.size > cacheSize) known.delete(known.keys().next().value as string);
  }

  function corsHeaders(origin: string | null): Record<string, string> {
    if (!origin) return {};
    return {
      'Access-Control-Allow-Origin': allowed === '*' ? '*' : origin,
      'Access-Control-Expose-Headers': 'Retry-After',
      ...(allowed === '*' ? {} : { Vary: 'Origin' }),
    };
  }

  function originAllowed(origin: string | null): boolean {
    if (origin === null) return !options.requireOrigin;
    return allowed === '*' || allowedSet.has(origin.toLowerCase());
  }

  function json(status: number, body: unknown, origin: string | null, extra: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...corsHeaders(origin), ...extra },
    });
  }

  function checkRate(request: Request): void {
    if (!rateLimit) return;
    const ip = getIp(request) ?? 'unknown';
    const t = now();
    if (buckets.size > 10_000) {
      for (const [k, b] of buckets) if (t - b.start >= rateLimit.windowMs) buckets.delete(k);
    }
    let bucket = buckets.get(ip);
    if (!bucket || t - bucket.start >= rateLimit.windowMs) {
      bucket = { start: t, count: 0 };
      buckets.set(ip, bucket);
    }
    bucket.count += 1;
    if (bucket.count > rateLimit.max) {
      const wait = Math.max(1, Math.ceil((bucket.start + rateLimit.windowMs - t) / 1000));
      throw new HttpError(429, 'rate_limited', 'Too many requests; try again later', { 'Retry-After': String(wait) });
    }
  }

  /** Localises issues into `locale` where the schema alone can say the same thing. */
  function localiseIssues(issues: ValidationIssue[], lead: Record<string, unknown>, locale: string | undefined): ValidationIssue[] {
    if (!locale || resolveLocale(locale) === resolveLocale(crm.locale)) return issues;
    const again = check(LeadInputSchema, cleanInput(lead), locale);
    const byPath = new Map(again.ok ? [] : again.issues.map((i) => [`${i.path.join('\u0000')}|${i.code}`, i.message]));
    const table = VALIDATION_MESSAGES[resolveLocale(locale)] as Record<string, string>;
    return issues.map((i) => {
      const same = byPath.get(`${i.path.join('\u0000')}|${i.code}`);
      if (same) return { ...i, message: same };
      // Messages without a number in them can be taken from the table directly.
      const template = table[i.code];
      return template && !template.includes('{n}') && i.message === validationMessage(i.code, crm.locale) ? { ...i, message: template } : i;
    });
  }

  async function closeAsSpam(lead: Lead): Promise<void> {
    const pipeline = crm.pipelines.get(lead.pipelineId);
    if (!pipeline.lossReasons.some((r) => r.id === spamReason)) return;
    await actor.leads.close(lead.id, { reason: spamReason, comment: 'Flagged as spam by lead intake' });
  }

  async function findLeadByKey(key: string): Promise<string | undefined> {
    const leads = await crm.store.query<Lead>('leads');
    return leads.find((l) => l.idempotencyKey === key)?.id;
  }

  /** Claims the key in the store, or reports who has it. */
  async function claim(key: string): Promise<{ done: string } | { busy: true } | { claimed: true; takeover: boolean }> {
    const id = META_PREFIX + key;
    return crm.store.transaction(['meta'], async (tx) => {
      const row = await tx.get<KeyRow>('meta', id);
      if (row?.state === 'done' && row.leadId) return { done: row.leadId };
      const t = now();
      if (row?.state === 'pending' && t - row.at < claimTimeout) return { busy: true };
      await tx.put('meta', { id, state: 'pending', at: t } satisfies KeyRow);
      return { claimed: true, takeover: Boolean(row) };
    });
  }

  async function store(key: string, lead: Record<string, unknown>, spam: boolean, request: Request): Promise<Outcome> {
    const cached = known.get(key);
    if (cached) return { kind: 'stored', leadId: cached, duplicate: true, spam: false };
    const claimed = await claim(key);
    if ('done' in claimed) {
      remember(key, claimed.done);
      return { kind: 'stored', leadId: claimed.done, duplicate: true, spam: false };
    }
    if ('busy' in claimed) return { kind: 'busy' };
    const metaId = META_PREFIX + key;
    // A claim taken over from a process that died mid-way may have stored the lead already.
    const earlier = claimed.takeover ? await findLeadByKey(key) : undefined;
    let created: Lead | undefined;
    if (!earlier) {
      try {
        created = await actor.leads.create({ ...lead, spam: spam || undefined, idempotencyKey: key } as LeadInput);
      } catch (e) {
        // Nothing stored: release the key so a corrected retry can use it.
        await crm.store.delete('meta', metaId).catch(() => undefined);
        throw e;
      }
    }
    const leadId = earlier ?? (created as Lead).id;
    remember(key, leadId);
    // If this write fails the claim stays pending; whoever takes it over finds the lead by its key.
    await crm.store.put('meta', { id: metaId, state: 'done', leadId, at: now() } satisfies KeyRow).catch((e: unknown) => onError(e, request));
    if (created?.spam) await closeAsSpam(created).catch((e: unknown) => onError(e, request));
    return { kind: 'stored', leadId, duplicate: Boolean(earlier), spam: Boolean(created?.spam) };
  }

  return async function handleIntake(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    const cors = originAllowed(origin) ? origin : null;
    let leadForErrors: Record<string, unknown> = {};
    try {
      if (!originAllowed(origin)) throw new HttpError(403, 'forbidden_origin', 'This origin may not send leads here');

      if (request.method === 'OPTIONS') {
        const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
        if (origin) {
          Object.assign(headers, corsHeaders(origin), {
            'Access-Control-Allow-Methods': 'POST, OPTIONS',
            'Access-Control-Allow-Headers': ALLOWED_HEADERS,
            'Access-Control-Max-Age': String(options.preflightMaxAge ?? 600),
          });
          if (allowed === '*') headers['Vary'] = 'Origin';
        }
        headers['Allow'] = 'POST, OPTIONS';
        return new Response(null, { status: 204, headers });
      }
      if (request.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST', { Allow: 'POST, OPTIONS' });

      checkRate(request);

      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
      }
      const key = request.headers.get('idempotency-key')?.trim() ?? '';
      if (!key) throw new HttpError(400, 'bad_request', 'The Idempotency-Key header is required');
      if (!KEY_PATTERN.test(key)) throw new HttpError(400, 'bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters');

      const text = await readBody(request, maxBody);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'bad_request', 'Body is not valid JSON');
      }
      if (!isPlainObject(body) || !isPlainObject(body['lead'])) throw new HttpError(400, 'bad_request', 'Body must be a JSON object with a "lead" object');
      const submittedAt = body['submittedAt'];
      if (submittedAt !== undefined && (typeof submittedAt !== 'string' || Number.isNaN(Date.parse(submittedAt)))) {
        throw new HttpError(400, 'bad_request', '"submittedAt" must be an ISO date string');
      }
      const formId = body['formId'];
      if (formId !== undefined && (typeof formId !== 'string' || formId.length > 200)) throw new HttpError(400, 'bad_request', '"formId" must be a string of at most 200 characters');

      let lead: Record<string, unknown> = { ...body['lead'] };
      delete lead['ownerId'];
      delete lead['idempotencyKey'];
      if (options.ownerId) lead['ownerId'] = options.ownerId;
      if (options.pipelineId) lead['pipelineId'] = options.pipelineId;
      if (formId && isPlainObject(lead['source']) && lead['source']['formId'] === undefined) lead['source'] = { ...lead['source'], formId };
      leadForErrors = lead;

      if (options.runFormHook !== false) {
        try {
          const out = await crm.hooks.transform('form:beforeSubmit', { formId: formId as string | undefined, lead: lead as LeadInput });
          lead = { ...(out.lead as Record<string, unknown>) };
          leadForErrors = lead;
        } catch (e) {
          if (e instanceof PluginError) {
            const why = e.cause instanceof Error ? e.cause.message : 'refused';
            throw new HttpError(400, 'rejected', `Refused by plugin "${e.plugin}": ${why}`);
          }
          throw e;
        }
      }
      const spam = lead['spam'] === true || Boolean(await options.isSpam?.({ lead: lead as LeadInput, submittedAt: submittedAt as string | undefined, formId: formId as string | undefined }, request));
      delete lead['spam'];

      let pending = inflight.get(key);
      if (!pending) {
        pending = store(key, lead, spam, request);
        inflight.set(key, pending);
        void pending.then(
          () => inflight.delete(key),
          () => inflight.delete(key),
        );
        const outcome = await pending;
        if (outcome.kind === 'busy') throw new HttpError(503, 'in_progress', 'This submission is being stored; retry shortly', { 'Retry-After': '1' });
        if (options.onLead) await Promise.resolve(options.onLead({ leadId: outcome.leadId, duplicate: outcome.duplicate, spam: outcome.spam }, request)).catch((e: unknown) => onError(e, request));
        return json(outcome.duplicate ? 200 : 201, { id: outcome.leadId, duplicate: outcome.duplicate }, cors);
      }
      // The same key is being stored right now by a concurrent request: answer as a replay.
      const outcome = await pending;
      if (outcome.kind === 'busy') throw new HttpError(503, 'in_progress', 'This submission is being stored; retry shortly', { 'Retry-After': '1' });
      return json(200, { id: outcome.leadId, duplicate: true }, cors);
    } catch (e) {
      if (e instanceof HttpError) return json(e.status, { error: { code: e.code, message: e.message } }, cors, e.headers);
      if (e instanceof ValidationError) {
        const locale = localeFromHeader(request.headers.get('accept-language'));
        return json(422, { errors: localiseIssues(e.issues, leadForErrors, locale) }, cors);
      }
      if (e instanceof StorageError) {
        onError(e, request);
        return json(503, { error: { code: 'unavailable', message: 'Storage is unavailable; try again later' } }, cors, { 'Retry-After': '5' });
      }
      onError(e, request);
      const code = e instanceof CrmError && e.code === 'forbidden' ? 'forbidden' : 'internal';
      return json(code === 'forbidden' ? 403 : 500, { error: { code, message: code === 'forbidden' ? 'Not allowed' : 'Internal error' } }, cors);
    }
  };
}
