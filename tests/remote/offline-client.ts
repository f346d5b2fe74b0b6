import { memoryStore, remoteCrm, type RemoteCrm, type Store, type SyncFailure } from '@crmkit/core';

/** What the server answered to one write, by its `Idempotency-Key` (the queue id of a replayed write). */
export interface WireAnswer {
  /** `POST /api/v1/deals`, … */
  request: string;
  /** HTTP status of the last answer. */
  status: number;
  /** The version the written record has after it (the lead's, for a conversion; the step's, for a completion). */
  version?: number;
}

/**
 * One user's remote CRM on a device whose network the test controls: it can
 * go offline (every request fails and the live feed breaks, as when the Wi-Fi
 * drops), lose the answer to its next write (the server applies it, the
 * client never hears back), and have its feed cut. Every write's answer is
 * logged by idempotency key, and every refused replay the CRM reported.
 */
export class OfflineClient {
  /** The CRM (after {@link open}). */
  crm!: RemoteCrm;
  /** The device's cache. */
  readonly cache: Store = memoryStore();
  /** Answers to writes, by `Idempotency-Key`. */
  readonly wire = new Map<string, WireAnswer>();
  /** What `sync:failed` reported. */
  readonly reported: SyncFailure[] = [];
  private down = false;
  private loseNext = false;
  private readonly feeds = new Set<AbortController>();

  constructor(
    /** The user id. */
    readonly user: string,
  ) {}

  /** Whether the test cut this device's network. */
  get offline(): boolean {
    return this.down;
  }

  /** Opens the CRM and waits until its change feed is live. */
  async open(api: string, token: string): Promise<void> {
    this.crm = await remoteCrm({ url: api, token, cache: this.cache, retry: { minMs: 5, maxMs: 40 }, fetch: this.fetch });
    this.crm.on('sync:failed', (failure) => this.reported.push(failure));
    await until(async () => (await this.cache.get('meta', 'remote:feed')) !== undefined, `${this.user}'s feed to open`);
  }

  /** The network drops: requests fail, the live feed breaks. */
  goOffline(): void {
    this.down = true;
    this.cutFeed();
  }

  /** The network is back. */
  goOnline(): void {
    this.down = false;
  }

  /** The next write reaches the server but its answer is lost on the way back. */
  loseNextAnswer(): void {
    this.loseNext = true;
  }

  /** Breaks the open change feed (it reconnects with `Last-Event-ID`). */
  cutFeed(): void {
    for (const cut of this.feeds) cut.abort();
    this.feeds.clear();
  }

  /** Waits until the network is up, the client knows it, and its queue is empty. */
  async settle(): Promise<void> {
    await until(async () => {
      if (!this.crm.sync.online) return false;
      await this.crm.sync.flush();
      return (await this.crm.sync.pending()).length === 0;
    }, `${this.user}'s queue to drain`);
  }

  private readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.down) throw new TypeError('Failed to fetch');
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.endsWith('/changes')) {
      const cut = new AbortController();
      this.feeds.add(cut);
      return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal });
    }
    const response = await fetch(input, init);
    const key = new Headers(init?.headers).get('idempotency-key');
    if (method !== 'GET' && key) {
      let version: number | undefined;
      if (response.ok && response.status !== 204) {
        const body = (await response.clone().json()) as { version?: number; lead?: { version?: number }; activity?: { version?: number } };
        version = body.version ?? body.lead?.version ?? body.activity?.version;
      }
      this.wire.set(key, { request: `${method} ${url.pathname}`, status: response.status, ...(version !== undefined ? { version } : {}) });
      if (this.loseNext) {
        this.loseNext = false;
        await response.body?.cancel();
        throw new TypeError('Failed to fetch');
      }
    }
    return response;
  }) as typeof fetch;
}

/** Polls `check` until it passes; throws naming `what` after `ms`. */
export async function until(check: () => Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
