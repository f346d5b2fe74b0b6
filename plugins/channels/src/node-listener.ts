import { resolveClientAddress, type TrustProxy } from '@crmkit/core';

/**
 * The parts of Node's `http.IncomingMessage` the adapter reads (typed
 * structurally, so this module imports nothing from Node and type-checks
 * without Node's types).
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  /** HTTP method. */
  method?: string;
  /** Path and query, e.g. `/leads?x=1`. */
  url?: string;
  /** Headers, names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
  /** The connection, for the client's address. */
  socket?: { remoteAddress?: string; encrypted?: boolean };
  /** Discards the rest of the body (used after an early answer such as 413). */
  resume?(): unknown;
  /** Node ≥ 16.3: an iterator that does not destroy the socket when the reader stops early. */
  iterator?(options: { destroyOnReturn: boolean }): AsyncIterator<Uint8Array | string>;
}

/** The parts of Node's `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  /** Sets status and headers. */
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  /** Writes the body and finishes. */
  end(body?: Uint8Array): unknown;
  /** True once the headers went out. */
  headersSent?: boolean;
}

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Proxies in front of this server trusted to report the client in
   * `X-Forwarded-For` (see `TrustProxy` in `@crmkit/core`): `true` or `1` for
   * one proxy, a number for a chain, or a list of proxy addresses and CIDR
   * ranges. The handler then gets `X-Forwarded-For` set to the one resolved
   * client address: the right-most hop that is not a trusted proxy, never a
   * hop the client wrote on the left. Default `false`: the header is replaced
   * by the socket address, so a client cannot pick its own rate-limit bucket.
   */
  trustProxy?: TrustProxy;
  /** Called when the handler throws (the client gets `500`). Default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * Adapts a Fetch API handler — such as `createIntakeHandler(crm, options)`
 * from `@crmkit/core` — to Node's `http.createServer` (and to Express or
 * Connect, whose `req`/`res` are the same objects):
 *
 * ```js
 * import { createServer } from 'node:http';
 * import { createCrm, createIntakeHandler } from '@crmkit/core';
 * import { toNodeListener } from '@crmkit/plugin-channels';
 *
 * const crm = await createCrm();
 * const intake = createIntakeHandler(crm, { allowedOrigins: ['https://example.com'] });
 * createServer(toNodeListener(intake)).listen(8787);
 * // Express: app.all('/api/leads', toNodeListener(intake));
 * ```
 *
 * The body is streamed to the handler (so its size limit applies while
 * reading), and the client's socket address is passed in `X-Forwarded-For`.
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>, options: NodeListenerOptions = {}): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  const onError = options.onError ?? ((e: unknown) => console.error('crmkit node listener:', e));
  return async (req, res) => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const address = req.socket?.remoteAddress;
      const hops = options.trustProxy ? (headers.get('x-forwarded-for') ?? '').split(',') : [];
      const client = resolveClientAddress(address ? [...hops, address] : hops, options.trustProxy ?? false);
      if (client) headers.set('x-forwarded-for', client);
      else headers.delete('x-forwarded-for');
      const method = (req.method ?? 'GET').toUpperCase();
      const scheme = req.socket?.encrypted ? 'https' : 'http';
      const url = requestUrl(scheme, headers.get('host'), req.url);
      if (!url) {
        res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
        res.end(new TextEncoder().encode(JSON.stringify({ error: { code: 'bad_request', message: 'Malformed Host header or request target' } })));
        return;
      }
      let body: ReadableStream<Uint8Array> | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        const iterator = req.iterator ? req.iterator({ destroyOnReturn: false }) : req[Symbol.asyncIterator]();
        const encoder = new TextEncoder();
        body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await iterator.next();
            if (done) controller.close();
            else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
          },
          async cancel() {
            await iterator.return?.();
          },
        });
      }
      const request = new Request(url, { method, headers, ...(body ? { body, duplex: 'half' } : {}) } as RequestInit);
      const response = await handler(request);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      const cookies = response.headers.getSetCookie?.() ?? [];
      if (cookies.length) out['set-cookie'] = cookies;
      const bytes = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
      res.writeHead(response.status, out);
      res.end(bytes);
    } catch (error) {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(new TextEncoder().encode(JSON.stringify({ error: { code: 'internal', message: 'Internal error' } })));
    } finally {
      // Whatever the handler did not read (an early 413) is drained, so the client can read the answer.
      req.resume?.();
    }
  };
}

/** A host name or address with an optional port, as the `Host` header allows (RFC 9110 §7.2). */
const HOST_PATTERN = /^(?:\[[0-9a-f:.]+\]|[a-z0-9._~%!$&'()*+,;=-]+)(?::\d{1,5})?$/i;

/** The request URL, or undefined when `Host` or the target is malformed. */
function requestUrl(scheme: string, host: string | null, target: string | undefined): URL | undefined {
  const h = host ?? 'localhost';
  const port = /:(\d+)$/.exec(h)?.[1];
  if (!HOST_PATTERN.test(h) || (port !== undefined && Number(port) > 65_535)) return undefined;
  try {
    return new URL(target ?? '/', `${scheme}://${h}`);
  } catch {
    return undefined;
  }
}
