import type { Crm } from '../crm.js';
import { isCrmError, PluginError, ValidationError, type ValidationIssue } from '../errors.js';
import { resolveLocale, SUPPORTED_LOCALES } from '../i18n/locale.js';
import { VALIDATION_MESSAGES, validationMessage } from '../i18n/validation-messages.js';
import { LeadInputSchema, type Lead, type LeadInput } from '../schemas/lead.js';
import { cleanInput } from '../services/input-cleaning.js';
import { check } from '../validate.js';
import { isPhoneCountry, phoneInCountry } from '../phone.js';
import { clientKey, forwardedHops, resolveClientAddress, type TrustProxy } from './client-address.js';
import { createFormToken } from './form-token.js';
import { idempotencyKeys, INTAKE_IDEMPOTENCY_TTL_MS } from './idempotency-keys.js';
import type { IntakeHandlerOptions, IntakeResult } from './intake-options.js';
import { createRateLimiter } from './rate-limiter.js';
import { fingerprint, IntakeHttpError, parseUntrustedJson, readBody } from './request-body.js';
import { serverSpamSignals, spamComment, type SpamSignal } from './spam-signals.js';

export type { IntakeHandlerOptions, IntakeRateLimit, IntakeResult } from './intake-options.js';

/** A lead-intake request handler: Fetch API in, Fetch API out. */
export type IntakeHandler = (request: Request) => Promise<Response>;

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Accept-Language';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

type Outcome = { kind: 'stored'; leadId: string; duplicate: boolean; spamSignals: SpamSignal[] } | { kind: 'busy' } | { kind: 'mismatch' };

const MISMATCH = () => new IntakeHttpError(422, 'idempotency_mismatch', 'This Idempotency-Key was used for a different submission; create a new key for a new submission');
const BUSY = () => new IntakeHttpError(503, 'in_progress', 'This submission is being stored; retry shortly', { 'Retry-After': '1' });

/** A failure of a server extension that is not the submission's fault: the client should retry. */
class ExtensionUnavailable extends Error {
  constructor(readonly original: unknown) {
    super('A server extension failed');
  }
}

/** The client address: the right-most untrusted `X-Forwarded-For` hop, else `X-Real-IP`. */
function clientAddressOf(request: Request, trust: TrustProxy): string | undefined {
  const hops = forwardedHops(request.headers.get('x-forwarded-for'));
  return resolveClientAddress(hops, trust) ?? (request.headers.get('x-real-ip')?.trim() || undefined);
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
 *   `413` for big bodies, `408` for bodies slower than the read deadline,
 *   `422 idempotency_mismatch` for a key reused with a different body,
 *   `429` + `Retry-After` over the rate limit, `503` + `Retry-After` when
 *   the store or a server plugin is unavailable. Error bodies never carry
 *   stack traces, plugin messages or secrets.
 * - `GET` — `{ token }`, a signed form token, when the `formToken` option is set.
 *
 * Spam (flagged by the form, the honeypot, a missing/forged/too fresh form
 * token, or {@link IntakeHandlerOptions.isSpam}) is stored with `spam: true`
 * and closed as junk at once with the signals in its history, kept for
 * review, and answered like a real lead. Consent evidence is stored as sent.
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
  if (options.formToken && (typeof options.formToken.secret !== 'string' || options.formToken.secret.length < 16)) {
    throw new TypeError('createIntakeHandler: formToken.secret must be a string of at least 16 characters');
  }
  const allowedSet = new Set(allowed === '*' ? [] : allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const rateLimit = options.rateLimit === undefined ? { windowMs: 60_000, max: 20 } : options.rateLimit;
  const limiter = rateLimit ? createRateLimiter({ windowMs: rateLimit.windowMs, max: rateLimit.max, maxClients: rateLimit.maxClients ?? 50_000 }) : undefined;
  const maxBody = options.maxBodyBytes ?? 65_536;
  const trust = options.trustProxy ?? false;
  const getIp = options.getClientIp ?? ((request: Request) => clientAddressOf(request, trust));
  const now = options.now ?? (() => Date.now());
  const spamReason = options.spamReason ?? 'spam';
  const honeypotField = options.honeypotField ?? 'hp-url';
  const onError = options.onError ?? ((e: unknown) => console.error('crmkit intake:', e));
  const actor = crm.as(options.actAs ?? 'system');
  const keys = idempotencyKeys(crm.store, {
    cacheSize: options.idempotencyCacheSize ?? 10_000,
    claimTimeoutMs: options.claimTimeoutMs ?? 30_000,
    ttlMs: options.idempotencyTtlMs ?? INTAKE_IDEMPOTENCY_TTL_MS,
    now,
    ...(options.sweepIdempotencyKeys ? { sweep: options.sweepIdempotencyKeys } : {}),
  });
  const inflight = new Map<string, { hash: string; outcome: Promise<Outcome> }>();

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
    if (!limiter) return;
    const verdict = limiter.hit(clientKey(getIp(request) ?? 'unknown'), now());
    if (!verdict.ok) throw new IntakeHttpError(429, 'rate_limited', 'Too many requests; try again later', { 'Retry-After': String(verdict.retryAfterSeconds) });
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

  /** Runs `form:beforeSubmit`: an explicit refusal is a 400, a validation error a 422, anything else a 503. */
  async function runFormHook(formId: string | undefined, lead: Record<string, unknown>): Promise<Record<string, unknown>> {
    let out: unknown;
    try {
      out = await crm.hooks.transform('form:beforeSubmit', { formId, lead: lead as LeadInput });
    } catch (e) {
      const cause = e instanceof PluginError ? e.cause : e;
      if (isCrmError(cause, 'refused') || isCrmError(cause, 'stage_transition')) throw new IntakeHttpError(400, 'rejected', cause.reason || 'Refused');
      if (cause instanceof ValidationError) throw cause;
      throw new ExtensionUnavailable(e);
    }
    const result = out as { cancel?: unknown; lead?: unknown } | undefined;
    if (result && typeof result.cancel === 'string' && result.cancel) throw new IntakeHttpError(400, 'rejected', result.cancel.slice(0, 500));
    if (!result || typeof result.lead !== 'object' || result.lead === null || Array.isArray(result.lead)) {
      throw new ExtensionUnavailable(new TypeError('form:beforeSubmit returned no lead object'));
    }
    return { ...(result.lead as Record<string, unknown>) };
  }

  interface Submission {
    key: string;
    hash: string;
    body: Record<string, unknown>;
    lead: Record<string, unknown>;
    formId: string | undefined;
    submittedAt: string | undefined;
    errorsFor: { lead: Record<string, unknown> };
  }

  async function store(s: Submission, request: Request): Promise<Outcome> {
    const known = keys.cached(s.key) ?? undefined;
    if (known) return known.hash && known.hash !== s.hash ? { kind: 'mismatch' } : { kind: 'stored', leadId: known.leadId, duplicate: true, spamSignals: [] };
    const claimed = await keys.claim(s.key, s.hash);
    if (claimed.state === 'done') {
      if (claimed.hash && claimed.hash !== s.hash) return { kind: 'mismatch' };
      return { kind: 'stored', leadId: claimed.leadId, duplicate: true, spamSignals: [] };
    }
    if (claimed.state === 'busy') return { kind: 'busy' };
    // A claim taken over from a process that died mid-way may have stored the lead already.
    const earlier = claimed.takeover ? await keys.findLead(s.key) : undefined;
    let created: Lead | undefined;
    let signals: SpamSignal[] = [];
    if (!earlier) {
      try {
        let lead = s.lead;
        if (options.runFormHook !== false) lead = s.errorsFor.lead = await runFormHook(s.formId, lead);
        signals = await serverSpamSignals(s.body, { formToken: options.formToken, honeypotField, now: now() });
        if (lead['spam'] === true) signals.unshift('form');
        delete lead['spam'];
        delete lead['cancel'];
        if (options.isSpam) {
          const flagged = await Promise.resolve()
            .then(() => options.isSpam?.({ lead: lead as LeadInput, submittedAt: s.submittedAt, formId: s.formId }, request))
            .catch((e: unknown) => {
              throw new ExtensionUnavailable(e);
            });
          if (flagged) signals.push('custom');
        }
        created = await actor.leads.create({ ...lead, spam: signals.length > 0 || undefined, idempotencyKey: s.key } as LeadInput);
      } catch (e) {
        // Nothing stored: release the key so a corrected retry can use it.
        await keys.release(s.key).catch(() => undefined);
        throw e;
      }
    }
    const leadId = earlier ?? (created as Lead).id;
    // If this write fails the claim stays pending; whoever takes it over finds the lead by its key.
    await keys.done(s.key, leadId, s.hash).catch((e: unknown) => onError(e, request));
    if (created?.spam) await closeAsSpam(created, signals).catch((e: unknown) => onError(e, request));
    return { kind: 'stored', leadId, duplicate: Boolean(earlier), spamSignals: signals };
  }

  async function closeAsSpam(lead: Lead, signals: SpamSignal[]): Promise<void> {
    const pipeline = crm.pipelines.get(lead.pipelineId);
    if (!pipeline.lossReasons.some((r) => r.id === spamReason)) return;
    await actor.leads.close(lead.id, { reason: spamReason, comment: spamComment(signals) });
  }

  /** Validates the request up to a parsed submission (everything before the store is touched). */
  async function readSubmission(request: Request): Promise<Submission> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
      throw new IntakeHttpError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    const key = request.headers.get('idempotency-key')?.trim() ?? '';
    if (!key) throw new IntakeHttpError(400, 'bad_request', 'The Idempotency-Key header is required');
    if (!KEY_PATTERN.test(key)) throw new IntakeHttpError(400, 'bad_request', 'Idempotency-Key must be 1–200 visible ASCII characters');

    const body = parseUntrustedJson(await readBody(request, maxBody, options.bodyTimeoutMs ?? 10_000), options.maxJsonDepth ?? 32);
    if (!isPlainObject(body) || !isPlainObject(body['lead'])) throw new IntakeHttpError(400, 'bad_request', 'Body must be a JSON object with a "lead" object');
    const submittedAt = body['submittedAt'];
    if (submittedAt !== undefined && (typeof submittedAt !== 'string' || submittedAt.length > 64 || Number.isNaN(Date.parse(submittedAt)))) {
      throw new IntakeHttpError(400, 'bad_request', '"submittedAt" must be an ISO date string');
    }
    const formId = body['formId'];
    if (formId !== undefined && (typeof formId !== 'string' || formId.length > 200)) throw new IntakeHttpError(400, 'bad_request', '"formId" must be a string of at most 200 characters');
    const phoneCountry = body['phoneCountry'];
    if (phoneCountry !== undefined && !isPhoneCountry(phoneCountry)) throw new IntakeHttpError(400, 'bad_request', '"phoneCountry" must be an ISO 3166-1 alpha-2 country code in upper case, e.g. "KZ"');
    const hash = await fingerprint({ lead: body['lead'], submittedAt: submittedAt ?? null, formId: formId ?? null, ...(phoneCountry ? { phoneCountry } : {}) });

    const lead: Record<string, unknown> = { ...body['lead'] };
    delete lead['ownerId'];
    delete lead['idempotencyKey'];
    if (options.ownerId) lead['ownerId'] = options.ownerId;
    if (options.pipelineId) lead['pipelineId'] = options.pipelineId;
    if (formId && isPlainObject(lead['source']) && lead['source']['formId'] === undefined) lead['source'] = { ...lead['source'], formId };
    // The visitor's country, not the CRM's, reads a number typed without "+" (and so decides its duplicate key).
    if (phoneCountry && typeof lead['phone'] === 'string') lead['phone'] = phoneInCountry(lead['phone'], phoneCountry);
    return { key, hash, body, lead, formId: formId as string | undefined, submittedAt: submittedAt as string | undefined, errorsFor: { lead } };
  }

  async function handlePost(request: Request, cors: string | null, errorsFor: { lead: Record<string, unknown> }): Promise<Response> {
    checkRate(request);
    const s = await readSubmission(request);
    errorsFor.lead = s.lead;
    s.errorsFor = errorsFor;
    const joined = inflight.get(s.key);
    if (joined) {
      // The same key is being stored right now by a concurrent request.
      if (joined.hash !== s.hash) throw MISMATCH();
      const outcome = await joined.outcome;
      if (outcome.kind === 'busy') throw BUSY();
      if (outcome.kind === 'mismatch') throw MISMATCH();
      return json(200, { id: outcome.leadId, duplicate: true }, cors);
    }
    const pending = store(s, request);
    inflight.set(s.key, { hash: s.hash, outcome: pending });
    const forget = () => inflight.delete(s.key);
    pending.then(forget, forget);
    const outcome = await pending;
    if (outcome.kind === 'busy') throw BUSY();
    if (outcome.kind === 'mismatch') throw MISMATCH();
    const result: IntakeResult = { leadId: outcome.leadId, duplicate: outcome.duplicate, spam: outcome.spamSignals.length > 0, spamSignals: outcome.spamSignals };
    if (options.onLead) await Promise.resolve(options.onLead(result, request)).catch((e: unknown) => onError(e, request));
    return json(outcome.duplicate ? 200 : 201, { id: outcome.leadId, duplicate: outcome.duplicate }, cors);
  }

  return async function handleIntake(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    const cors = originAllowed(origin) ? origin : null;
    const errorsFor: { lead: Record<string, unknown> } = { lead: {} };
    try {
      if (!originAllowed(origin)) throw new IntakeHttpError(403, 'forbidden_origin', 'This origin may not send leads here');
      if (request.method === 'OPTIONS') {
        const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
        if (origin) {
          Object.assign(headers, corsHeaders(origin), {
            'Access-Control-Allow-Methods': options.formToken ? 'GET, POST, OPTIONS' : 'POST, OPTIONS',
            'Access-Control-Allow-Headers': ALLOWED_HEADERS,
            'Access-Control-Max-Age': String(options.preflightMaxAge ?? 600),
          });
          if (allowed === '*') headers['Vary'] = 'Origin';
        }
        headers['Allow'] = options.formToken ? 'GET, POST, OPTIONS' : 'POST, OPTIONS';
        return new Response(null, { status: 204, headers });
      }
      if (request.method === 'GET' && options.formToken) {
        return json(200, { token: await createFormToken(options.formToken.secret, { now: now() }) }, cors);
      }
      if (request.method !== 'POST') throw new IntakeHttpError(405, 'method_not_allowed', 'Use POST', { Allow: options.formToken ? 'GET, POST, OPTIONS' : 'POST, OPTIONS' });
      return await handlePost(request, cors, errorsFor);
    } catch (e) {
      return errorResponse(e, request, cors, errorsFor.lead);
    }
  };

  function errorResponse(e: unknown, request: Request, cors: string | null, lead: Record<string, unknown>): Response {
    if (e instanceof IntakeHttpError) return json(e.status, { error: { code: e.code, message: e.message } }, cors, e.headers);
    if (e instanceof ValidationError) {
      const locale = localeFromHeader(request.headers.get('accept-language'));
      return json(422, { errors: localiseIssues(e.issues, lead, locale) }, cors);
    }
    if (isCrmError(e, 'refused') || isCrmError(e, 'stage_transition')) return json(400, { error: { code: 'rejected', message: e.reason || 'Refused' } }, cors);
    if (e instanceof ExtensionUnavailable || isCrmError(e, 'plugin')) {
      onError(e instanceof ExtensionUnavailable ? e.original : e, request);
      return json(503, { error: { code: 'unavailable', message: 'The service is temporarily unavailable; try again later' } }, cors, { 'Retry-After': '30' });
    }
    onError(e, request);
    if (isCrmError(e, 'storage')) return json(503, { error: { code: 'unavailable', message: 'Storage is unavailable; try again later' } }, cors, { 'Retry-After': '5' });
    if (isCrmError(e, 'forbidden')) return json(403, { error: { code: 'forbidden', message: 'Not allowed' } }, cors);
    return json(500, { error: { code: 'internal', message: 'Internal error' } }, cors);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
