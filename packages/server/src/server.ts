import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCrm, createIntakeHandler, type Crm, type CrmOptions, type IntakeHandler, type IntakeHandlerOptions, type Store, type User } from '@crmkit/core';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { Accounts } from './auth/accounts.js';
import { requestBodyLimit } from './http/body-limit.js';
import { mountChangeFeed } from './http/change-feed.js';
import { errorResponse, HttpError, requestLocale } from './http/error-response.js';
import { mountFunnelRoutes } from './http/funnel-routes.js';
import { mountIdempotency, type IdempotencyOptions } from './http/idempotency.js';
import { openApiDocument } from './http/openapi.js';
import { mountRecordRoutes } from './http/record-routes.js';
import { jsonBody, type ServerEnv } from './http/request-helpers.js';
import type { SqlStore } from './store/sql-store.js';
import { intakeKeySweep } from './http/intake-key-sweep.js';

/** The cookie a session login sets. */
export const SESSION_COOKIE = 'crmkit_session';

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** Where data lives: `pgliteStore(dir)` or `postgresStore(url)`. */
  store: SqlStore;
  /** `createCrm` options (pipelines, plugins, locale, …); users come from the server's accounts plus these. */
  crm?: Omit<CrmOptions, 'store' | 'currentUser'>;
  /** The public lead intake at `POST /api/v1/intake`; default: any origin may post (it is rate-limited per IP). `false` turns it off. */
  intake?: Partial<IntakeHandlerOptions> | false;
  /** Inbound webhooks mounted at `/api/v1/webhooks/{name}` (e.g. the channels plugin's Telegram, email and call handlers). */
  webhooks?: Record<string, (crm: Crm) => (request: Request) => Promise<Response>>;
  /** Send the session cookie with `Secure` (set it when the server sits behind HTTPS). Default: when the request came over https. */
  secureCookies?: boolean;
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** `Idempotency-Key` on authenticated writes: how long a stored key is remembered (`ttlMs`, default 24 h) and the clock. */
  idempotency?: IdempotencyOptions;
}

/** A running (or ready to run) team server. */
export interface CrmServer {
  /** The Hono app (mount it elsewhere, or call `fetch` in tests). */
  readonly app: Hono<ServerEnv>;
  /** The CRM acting as `system`. */
  crm(): Crm;
  /** Users and credentials. */
  readonly accounts: Accounts;
  /** Handles one Fetch API request. */
  fetch(request: Request): Promise<Response>;
  /** Listens on `port` (0 = any free one) and `hostname`; resolves to the base URL. */
  listen(port?: number, hostname?: string): Promise<string>;
  /** Stops accepting requests, ends change feeds, waits for running requests (at most `graceMs`), then closes the CRM and the store. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Creates the team server over a SQL store: REST under `/api/v1`, the SSE
 * change feed, session and token authentication, the public intake, and the
 * OpenAPI document. Every authenticated route runs as `crm.as(user)`, so the
 * core's roles hold on every path.
 */
export async function createServer(options: ServerOptions): Promise<CrmServer> {
  const store = options.store;
  await store.open();
  const accounts = new Accounts(store);
  const shared = sharedStore(store);
  let crm = await buildCrm(options, shared, await accounts.list());
  let rebuilding: Promise<Crm> | undefined;
  /** Users added after start (by `crmkit-server users add`, maybe in another process) need a CRM that knows them. */
  const crmFor = async (userId: string): Promise<Crm | undefined> => {
    if (crm.users.list().some((u) => u.id === userId)) return crm;
    rebuilding ??= (async () => {
      const next = await buildCrm(options, shared, await accounts.list());
      const previous = crm;
      crm = next;
      previous.automation.stop();
      return next;
    })().finally(() => (rebuilding = undefined));
    const fresh = await rebuilding;
    return fresh.users.list().some((u) => u.id === userId) ? fresh : undefined;
  };

  /**
   * Each user's view of the current CRM (`crm.as(user)`), built once per
   * user and CRM, not per request: a view holds nothing but the acting user,
   * and building one constructs every service and its schemas (a few per cent
   * of a write's server CPU). A rebuilt CRM starts with no views.
   */
  const views = new WeakMap<Crm, Map<string, { crm: Crm; user: User }>>();
  const viewFor = async (userId: string): Promise<{ crm: Crm; user: User } | undefined> => {
    const cached = views.get(crm)?.get(userId);
    if (cached) return cached;
    const active = await crmFor(userId);
    if (!active) return undefined;
    let byUser = views.get(active);
    if (!byUser) views.set(active, (byUser = new Map()));
    let view = byUser.get(userId);
    if (!view) byUser.set(userId, (view = { crm: active.as(userId), user: active.users.get(userId) }));
    return view;
  };

  const streams = new Set<AbortController>();
  const intakeHandlers = new WeakMap<Crm, IntakeHandler>();
  const app = new Hono<ServerEnv>();
  app.onError((error, c) => {
    const { status, body } = errorResponse(error, requestLocale(c.req.header('accept-language'), crm.locale), crm.locale);
    if (status >= 500 && body.error['code'] === 'internal') console.error('crmkit-server:', error);
    return c.json(body, status as 500);
  });
  app.notFound((c) => c.json(errorResponse(new HttpError(404, 'not_found', `No route ${c.req.method} ${new URL(c.req.url).pathname}`), requestLocale(c.req.header('accept-language'), crm.locale), crm.locale).body, 404));
  app.use('/api/*', requestBodyLimit(options.maxBodyBytes ?? 1_048_576, () => {
    throw new HttpError(413, 'bad_request', 'The body is too large');
  }));

  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()));
  if (options.intake !== false) {
    app.all('/api/v1/intake', (c) => {
      let handler = intakeHandlers.get(crm);
      if (!handler) {
        // The intake's own idempotency keys expire like the API's (same lifetime unless the intake sets one), swept in SQL.
        const keyLifetime = options.idempotency?.ttlMs !== undefined ? { idempotencyTtlMs: options.idempotency.ttlMs } : {};
        handler = createIntakeHandler(crm, { allowedOrigins: '*', ...keyLifetime, sweepIdempotencyKeys: intakeKeySweep(options.store), ...(options.intake || {}) });
        intakeHandlers.set(crm, handler);
      }
      return handler(c.req.raw);
    });
  }
  for (const [name, make] of Object.entries(options.webhooks ?? {})) {
    const handlers = new WeakMap<Crm, (request: Request) => Promise<Response>>();
    app.all(`/api/v1/webhooks/${name}`, (c) => {
      let handler = handlers.get(crm);
      if (!handler) handlers.set(crm, (handler = make(crm)));
      return handler(c.req.raw);
    });
  }

  app.post('/api/v1/session', async (c) => {
    const body = await jsonBody(c);
    const userId = typeof body['token'] === 'string' ? await accounts.verifyToken(body['token']) : undefined;
    if (!userId) throw new HttpError(401, 'unauthorized', 'The token is not valid', [{ path: ['token'], code: 'invalid', message: 'The token is not valid' }]);
    const session = await accounts.startSession(userId);
    const secure = options.secureCookies ?? new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', secure, path: '/api/', expires: session.expiresAt });
    const active = await crmFor(userId);
    return c.json(active?.users.get(userId) ?? { id: userId });
  });
  app.delete('/api/v1/session', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await accounts.endSession(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/api/' });
    return c.body(null, 204);
  });

  app.use('/api/v1/*', async (c, next) => {
    const authorization = c.req.header('authorization');
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const userId = bearer ? await accounts.verifyToken(bearer) : cookie ? await accounts.verifySession(cookie) : undefined;
    if (!userId) throw new HttpError(401, 'unauthorized', bearer || cookie ? 'The token or session is not valid (or has expired)' : 'Send "Authorization: Bearer <token>" or sign in');
    const view = await viewFor(userId);
    if (!view) throw new HttpError(401, 'unauthorized', 'This user no longer exists');
    c.set('user', view.user);
    c.set('crm', view.crm);
    await next();
  });
  mountIdempotency(app, store, options.idempotency);
  mountChangeFeed(app, store, streams);
  mountFunnelRoutes(app);
  mountRecordRoutes(app);

  let http: HttpServer | undefined;
  const server: CrmServer = {
    app,
    crm: () => crm,
    accounts,
    fetch: (request) => Promise.resolve(app.fetch(request)),
    listen(port = 8787, hostname = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const started = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => resolve(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`)) as HttpServer;
        started.once('error', reject);
        http = started;
      });
    },
    async close(graceMs = 10_000) {
      for (const stream of streams) stream.abort();
      if (http) {
        const closing = new Promise<void>((resolve) => http!.close(() => resolve()));
        http.closeIdleConnections();
        const timer = setTimeout(() => http?.closeAllConnections(), graceMs);
        await closing;
        clearTimeout(timer);
      }
      crm.automation.stop();
      await store.close();
    },
  };
  return server;
}

async function buildCrm(options: ServerOptions, store: Store, accounts: readonly User[]): Promise<Crm> {
  const configured = options.crm?.users ?? [];
  const users = [...accounts.map(({ id, name, role }) => ({ id, name, role })), ...configured.filter((u) => !accounts.some((a) => a.id === u.id))];
  return createCrm({ ...options.crm, store, users });
}

/** The store as the CRMs see it: rebuilding a CRM for new users must not close the shared store. */
function sharedStore(store: SqlStore): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'close') return async () => undefined;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
