import { isRetryableStatus, parseRetryAfter, type DeliveryOutcome, type ValidationIssue } from '@crmkit/core';

/** The `fetch` a connector uses: the global one by default, or yours (a proxy, a test double, `mockBackend().fetch`). */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Options every connector accepts. */
export interface ConnectorBaseOptions {
  /** The `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike;
}

/** A response that arrived, with its body parsed as JSON when it is JSON (else the text, else `undefined`). */
export interface HttpReply {
  /** The response (its body has been read). */
  response: Response;
  /** Parsed JSON body, or text, or `undefined` for an empty body. */
  body: unknown;
}

/** The outcome for a request that never got a response (network down, DNS, CORS, abort). */
export function networkFailure(error: unknown, target: string): DeliveryOutcome {
  const why = error instanceof Error ? error.message : String(error);
  return { ok: false, retry: true, message: `${target}: network error (${why})` };
}

/** Sends one request. Returns the reply, or a retryable outcome when no response came. */
export async function send(fetchFn: FetchLike | undefined, url: string, init: RequestInit, target: string): Promise<HttpReply | DeliveryOutcome> {
  let response: Response;
  try {
    response = await (fetchFn ?? globalThis.fetch.bind(globalThis))(url, init);
  } catch (error) {
    return networkFailure(error, target);
  }
  let body: unknown;
  try {
    const text = await response.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
  } catch (error) {
    // The body was cut off: we cannot know what the receiver decided.
    return networkFailure(error, target);
  }
  return { response, body };
}

/** True when `send` returned an outcome instead of a reply. */
export function isOutcome(x: HttpReply | DeliveryOutcome): x is DeliveryOutcome {
  return 'ok' in x;
}

/** A failed delivery for an HTTP error status: retry on 408, 425, 429 and 5xx (honouring `Retry-After`), refuse otherwise. */
export function httpFailure(response: Response, message: string, fieldErrors?: ValidationIssue[]): DeliveryOutcome {
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return {
    ok: false,
    retry: isRetryableStatus(response.status),
    status: response.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message,
    ...(fieldErrors && fieldErrors.length ? { fieldErrors } : {}),
  };
}

/** Reads `obj.a.b` safely. */
export function pick(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
