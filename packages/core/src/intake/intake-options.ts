import type { LeadInput } from '../schemas/lead.js';
import type { TrustProxy } from './client-address.js';
import type { IntakeFormTokenOptions, SpamSignal } from './spam-signals.js';

/** A fixed-window request limit per client (an IPv4 address, or an IPv6 /64 network). */
export interface IntakeRateLimit {
  /** Length of one window in milliseconds, e.g. `60_000`. */
  windowMs: number;
  /** Requests (POSTs) one client may make per window; the next one gets `429` with `Retry-After`. */
  max: number;
  /** Most clients remembered at once (an LRU: the least recently seen is forgotten first). Default 50 000. */
  maxClients?: number;
}

/** What the handler decided about one submission, for {@link IntakeHandlerOptions.onLead}. */
export interface IntakeResult {
  /** Id of the stored lead (for a replay: of the lead stored the first time). */
  leadId: string;
  /** True when the idempotency key had been stored before. */
  duplicate: boolean;
  /** True when the lead was stored as spam (closed as junk, kept for review). */
  spam: boolean;
  /** Why it was stored as spam (empty when it was not, and for replays). */
  spamSignals: SpamSignal[];
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
  /** Per-client limit; `false` turns it off. Default `{ windowMs: 60_000, max: 20, maxClients: 50_000 }`. */
  rateLimit?: IntakeRateLimit | false;
  /**
   * Proxies trusted to report the client in `X-Forwarded-For` (see
   * {@link TrustProxy}). Default `false`: the client is the right-most hop,
   * which is the socket address when the handler runs behind
   * `toNodeListener` (which resolves its own `trustProxy` first). Without
   * `X-Forwarded-For`, `X-Real-IP` is used; without either, all such
   * clients share one bucket.
   */
  trustProxy?: TrustProxy;
  /** Finds the client's address yourself (e.g. from your platform's connection info); overrides {@link trustProxy}. */
  getClientIp?: (request: Request) => string | undefined;
  /** Largest accepted body in bytes; a bigger one gets `413`. Default 65 536. */
  maxBodyBytes?: number;
  /** The whole body must arrive within this many ms after the handler starts reading it, else `408`. Default 10 000. */
  bodyTimeoutMs?: number;
  /** Deepest JSON nesting accepted; deeper bodies get `400`. Default 32. */
  maxJsonDepth?: number;
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
   * Signed form tokens: `GET` on the handler answers `{ token }`, a token
   * signed with `secret` that carries the time it was issued; the form sends
   * it back as `formToken` in the body. A submission whose token is missing,
   * forged, too fresh (`minFillMs`) or expired is stored as spam for review,
   * never dropped. Off by default.
   */
  formToken?: IntakeFormTokenOptions;
  /** Top-level body field that only bots fill (the lead form's hidden `hp-url`); a filled one is spam. `false` turns it off. Default `'hp-url'`. */
  honeypotField?: string | false;
  /**
   * Server-side spam check, besides the form's own flag (`lead.spam`), the
   * honeypot and the form token: return true to store the lead as spam.
   * The sender still gets `201`, so a bot learns nothing.
   */
  isSpam?: (submission: { lead: LeadInput; submittedAt?: string; formId?: string }, request: Request) => boolean | Promise<boolean>;
  /**
   * Run the CRM's `form:beforeSubmit` transform hook on the server (where a
   * captcha plugin can verify its token). A handler that throws an
   * `OperationRefusedError`, or returns `{ cancel: reason }`, refuses the
   * submission (`400 rejected` with that reason); any other failure is
   * `503` with `Retry-After`, so the form keeps the lead and retries.
   * Default `true`.
   */
  runFormHook?: boolean;
  /** How many idempotency keys to remember in memory (the store is the source of truth). Default 10 000. */
  idempotencyCacheSize?: number;
  /** How long a key being processed by another process blocks a replay (`503` + `Retry-After: 1`) before it is taken over. Default 30 000 ms. */
  claimTimeoutMs?: number;
  /**
   * How long a stored idempotency key is remembered (ms from its answer);
   * a key sent again later is a new submission. Default 24 h.
   */
  idempotencyTtlMs?: number;
  /**
   * Deletes stored idempotency keys older than `expiredBefore` (ms since
   * epoch). The handler calls it at most every `idempotencyTtlMs / 24`, once
   * across processes sharing the store. Default: reads the store's `meta`
   * table and deletes the expired keys one by one (the team server passes a
   * single SQL `DELETE`).
   */
  sweepIdempotencyKeys?: (expiredBefore: number) => Promise<void>;
  /** `Access-Control-Max-Age` of preflight answers, in seconds. Default 600. */
  preflightMaxAge?: number;
  /** Called after each stored (or replayed) lead, e.g. to notify someone. Errors thrown here are passed to `onError` and do not change the response. */
  onLead?: (result: IntakeResult, request: Request) => void | Promise<void>;
  /** Called with unexpected errors (the response says only `internal` or `unavailable`). Default `console.error`. */
  onError?: (error: unknown, request: Request) => void;
  /** The clock (ms since epoch), for the rate limit and form tokens. Default `Date.now`. */
  now?: () => number;
}
