import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxSize` bytes with `onError`. Hono's
 * `bodyLimit` asks the request for its body stream first, which on Node
 * builds a full Fetch `Request` for every call — a GET's included. Here a
 * GET or HEAD (no route reads their body) passes straight on, a body with a
 * `Content-Length` is judged by that header alone (Node's parser never
 * delivers more than it says), and only a chunked body is counted as it
 * streams, by Hono's middleware.
 */
export function requestBodyLimit(maxSize: number, onError: () => never): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) onError();
      return next();
    }
    return streamed(c, next);
  };
}
