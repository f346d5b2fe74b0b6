import { errorFromResponse, NetworkDownError } from './remote-errors.js';

/** One request to the server's REST API. */
export interface RemoteRequest {
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under `/api/v1`, starting with `/`. */
  path: string;
  /** Query parameters (undefined ones are left out). */
  query?: Record<string, string | undefined>;
  /** JSON body. */
  body?: unknown;
  /** The version the write expects (`If-Match`). */
  ifMatch?: number;
  /** Makes a retried write happen once (`Idempotency-Key`). */
  idempotencyKey?: string;
  /** Names the record in errors. */
  what?: { entity?: string; id?: string };
}

/** The HTTP side of a remote CRM: base URL, credentials, language and typed errors. @internal */
export class RemoteHttp {
  readonly base: string;

  constructor(
    url: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: typeof fetch,
    private readonly locale: string,
  ) {
    const trimmed = url.replace(/\/+$/, '');
    this.base = /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
  }

  /** Headers every call carries. */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Accept: 'application/json', 'Accept-Language': this.locale, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  /** The absolute URL of `path` with `query`. */
  url(path: string, query: Record<string, string | undefined> = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    return `${this.base}${path}${qs ? `?${qs}` : ''}`;
  }

  /** Calls `fetch` with credentials; a network failure becomes `NetworkDownError`. */
  async raw(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(url, { credentials: this.token ? 'omit' : 'include', ...init });
    } catch (cause) {
      if ((cause as { name?: string })?.name === 'AbortError') throw cause;
      throw new NetworkDownError(cause);
    }
  }

  /** Sends `request`; resolves to the parsed JSON answer (`undefined` for 204), or throws the core's typed error. */
  async send<T>(request: RemoteRequest): Promise<T> {
    const headers = this.headers({
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(request.ifMatch !== undefined ? { 'If-Match': `"${request.ifMatch}"` } : {}),
      ...(request.idempotencyKey ? { 'Idempotency-Key': request.idempotencyKey } : {}),
    });
    const response = await this.raw(this.url(request.path, request.query), {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    if (response.status === 204) return undefined as T;
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (cause) {
      if (response.ok) throw new NetworkDownError(cause);
      payload = undefined;
    }
    // A proxy or gateway answering while the server is away is "down", not a refusal.
    if (response.status === 502 || response.status === 504) throw new NetworkDownError(new Error(`HTTP ${response.status}`));
    if (!response.ok) throw errorFromResponse(response.status, payload, request.what);
    return payload as T;
  }
}
