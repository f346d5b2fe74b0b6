import type { Crm, IntakeHandlerOptions } from '@crmkit/core';
import type { setupServer as SetupServer } from 'msw/node';
import type { Emulation, MockTarget, ReceivedRequest, StoredRecord } from './mock/emulation.js';
import { jsonResponse } from './mock/emulation.js';
import { restEmulation } from './mock/rest-emulation.js';
import { crmEmulations, type CrmEmulationOptions } from './mock/crm-emulations.js';

export type { MockTarget, ReceivedRequest, StoredRecord } from './mock/emulation.js';
export type { CrmEmulationOptions } from './mock/crm-emulations.js';

/** Options of {@link mockBackend}. */
export interface MockBackendOptions extends CrmEmulationOptions {
  /**
   * Where crmkit's REST intake is emulated: a path (`/api/leads`, matched on
   * any origin) or an absolute URL. Default `/api/leads`.
   */
  restEndpoint?: string;
  /** The CRM REST leads are stored in (e.g. the demo's local CRM, to show leads arriving). Default: a fresh in-memory CRM. */
  crm?: Crm;
  /** Options for the `createIntakeHandler` behind the REST emulation. Default: any origin, no rate limit. */
  intake?: Partial<IntakeHandlerOptions>;
  /** Wait this long before answering each request (to see a form's "sending" state). Default 0. */
  delayMs?: number;
}

/** Picks the requests a failure applies to, e.g. `(r) => r.url.includes('/v1/leads')`. */
export type RequestMatcher = (request: ReceivedRequest) => boolean;

/** Options of {@link MockBackend.start}. */
export interface MockStartOptions {
  /** URL of msw's service worker script in a browser. Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Log intercepted requests to the console (msw's own logging). Default false. */
  log?: boolean;
}

/**
 * An in-memory emulation of crmkit's REST intake and of the lead APIs of
 * Bitrix24, HubSpot, amoCRM/Kommo and Pipedrive, for trying a form with no
 * server, for demos and for tests. See {@link mockBackend}.
 */
export interface MockBackend {
  /**
   * Starts intercepting `fetch` with msw: in a browser through a service
   * worker (`msw/browser`, script served at `/mockServiceWorker.js`), in
   * Node through `msw/node`. Requests that no emulation answers pass through
   * to the network. Several backends may be started; the last one started
   * answers first.
   */
  start(options?: MockStartOptions): Promise<void>;
  /** Stops intercepting (the msw worker or server stops when no backend is left). */
  stop(): Promise<void>;
  /** Answers one request without msw (`undefined` when no emulation matches its URL). */
  handle(request: Request): Promise<Response | undefined>;
  /** A `fetch` that goes to the emulation, and to the network for other URLs. Pass it as a connector's `fetch` to use the mock without msw. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** msw request handlers for your own `setupWorker(...)` / `setupServer(...)`. */
  handlers(): Promise<unknown[]>;
  /** Requests received, in order (also those failed on purpose), for one API or all. */
  received(target?: MockTarget): ReceivedRequest[];
  /** What one emulated API stored, in order (for `rest`: crmkit leads, once per idempotency key). */
  stored(target: MockTarget): StoredRecord[];
  /** The CRM the REST emulation stores leads in. */
  crm(): Promise<Crm>;
  /**
   * Fails the next `n` requests (to any emulated API, or only those `match`
   * accepts) with `status` (default 503; `0` for a network error), adding
   * `Retry-After: retryAfter` (seconds) when given. Nothing is stored for a
   * failed request.
   */
  failNext(n: number, status?: number, retryAfter?: number, match?: RequestMatcher): void;
  /**
   * Processes the next `n` (default 1) requests (or only those `match`
   * accepts) normally — storing what they carry — then drops the response:
   * the client sees a network error although the server stored the lead.
   */
  dropResponseAfterStore(n?: number, match?: RequestMatcher): void;
  /** Forgets received requests, stored records and pending failures (a CRM passed in `crm` keeps its leads). */
  reset(): void;
}

// ---- one msw worker/server per page or process, shared by every started backend ----

interface Interceptor {
  stop(): void;
}

const active: MockBackend[] = [];
let interceptor: Promise<Interceptor> | undefined;

async function route(request: Request): Promise<Response | undefined> {
  for (let i = active.length - 1; i >= 0; i--) {
    const res = await (active[i] as MockBackend).handle(request);
    if (res) return res;
  }
  return undefined;
}

async function mswHandlers(answer: (request: Request) => Promise<Response | undefined>): Promise<unknown[]> {
  const { http } = await import('msw');
  return [http.all('*', async ({ request }) => answer(request))];
}

function inBrowser(): boolean {
  return typeof window !== 'undefined' && typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
}

async function startInterceptor(options: MockStartOptions): Promise<Interceptor> {
  const handlers = (await mswHandlers(route)) as never[];
  if (inBrowser()) {
    const { setupWorker } = await import('msw/browser');
    const worker = setupWorker(...handlers);
    await worker.start({ onUnhandledRequest: 'bypass', quiet: !options.log, serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' } });
    return worker;
  }
  // Not a literal, so browser bundlers never try to resolve msw's Node entry.
  const nodeEntry = 'msw/node';
  const { setupServer } = (await import(/* @vite-ignore */ nodeEntry)) as { setupServer: typeof SetupServer };
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'bypass' });
  return { stop: () => server.close() };
}

async function readBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const text = await request.clone().text();
  if (!text) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Creates a mock backend (msw is an optional peer dependency, loaded only
 * when you call `start()` or `handlers()`):
 *
 * ```ts
 * import { mockBackend } from '@crmkit/plugin-channels';
 * const backend = mockBackend();
 * await backend.start();                      // fetch('/api/leads', …) now answered in memory
 * backend.failNext(3, 503, 1);               // three failures with Retry-After: 1
 * backend.received('rest');                   // every attempt, with its Idempotency-Key
 * backend.stored('rest');                     // one lead per key
 * ```
 *
 * It emulates crmkit's REST contract with the real `createIntakeHandler`
 * (validation with core's schemas, `422` field errors, de-duplication by
 * `Idempotency-Key`) and the four CRMs' lead endpoints the connectors call
 * (Bitrix24 `…/rest/{user}/{token}/crm.lead.add.json`, HubSpot
 * `api.hsforms.com/submissions/v3/integration/submit/{portalId}/{formGuid}`,
 * amoCRM/Kommo `/api/v4/leads/complex`, Pipedrive `/v1/persons` +
 * `/v1/leads`), with their success and error formats.
 */
export function mockBackend(options: MockBackendOptions = {}): MockBackend {
  const rest = restEmulation(options.restEndpoint ?? '/api/leads', options.crm, options.intake ?? {});
  const emulations: Emulation[] = [rest, ...crmEmulations(options)];
  const received: ReceivedRequest[] = [];
  let failures: { status: number; retryAfter?: number; match?: RequestMatcher }[] = [];
  let drops: { match?: RequestMatcher }[] = [];
  const take = <T extends { match?: RequestMatcher }>(list: T[], entry: ReceivedRequest): T | undefined => {
    const i = list.findIndex((f) => !f.match || f.match(entry));
    return i < 0 ? undefined : list.splice(i, 1)[0];
  };
  let started = false;

  const backend: MockBackend = {
    async handle(request) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return undefined;
      }
      const emulation = emulations.find((e) => e.matches(url));
      if (!emulation) return undefined;
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const entry: ReceivedRequest = { target: emulation.target, method: request.method, url: request.url, headers, body: await readBody(request) };
      received.push(entry);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const failure = take(failures, entry);
      if (failure) {
        if (failure.status === 0) return Response.error();
        return jsonResponse(failure.status, emulation.errorBody(failure.status), failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {});
      }
      const response = await emulation.handle(request, entry);
      if (take(drops, entry)) return Response.error();
      return response;
    },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      return (await backend.handle(request.clone())) ?? globalThis.fetch(request);
    },
    handlers: () => mswHandlers((request) => backend.handle(request)),
    async start(startOptions = {}) {
      if (started) return;
      started = true;
      active.push(backend);
      try {
        await (interceptor ??= startInterceptor(startOptions));
      } catch (e) {
        interceptor = undefined;
        active.splice(active.indexOf(backend), 1);
        started = false;
        throw e;
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      active.splice(active.indexOf(backend), 1);
      if (active.length === 0 && interceptor) {
        const current = interceptor;
        interceptor = undefined;
        (await current).stop();
      }
    },
    received: (target) => (target ? received.filter((r) => r.target === target) : [...received]),
    stored: (target) => [...(emulations.find((e) => e.target === target)?.stored ?? [])],
    crm: () => rest.crm(),
    failNext(n, status = 503, retryAfter, match) {
      for (let i = 0; i < n; i++) failures.push({ status, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(match ? { match } : {}) });
    },
    dropResponseAfterStore(n = 1, match) {
      for (let i = 0; i < n; i++) drops.push(match ? { match } : {});
    },
    reset() {
      received.length = 0;
      failures = [];
      drops = [];
      for (const e of emulations) e.reset();
    },
  };
  return backend;
}
