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
   * Keep an incoming `X-Forwarded-For` (add the socket address after it, as
   * a proxy would). Only for servers behind a proxy that sets it. Default
   * `false`: the header is replaced by the socket address, so a client
   * cannot pick its own rate-limit bucket.
   */
  trustProxy?: boolean;
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
      if (address) {
        const incoming = headers.get('x-forwarded-for');
        headers.set('x-forwarded-for', options.trustProxy && incoming ? `${incoming}, ${address}` : address);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const scheme = req.socket?.encrypted ? 'https' : 'http';
      const url = new URL(req.url ?? '/', `${scheme}://${headers.get('host') ?? 'localhost'}`);
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
