import type { Crm, HookMap, PluginCrm, StoredRow } from '@crmkit/core';
import { randomToken } from './bytes.js';
import type { FetchLike } from './http.js';
import { signWebhook, webhookSecretBytes } from './webhook-signature.js';

/** Events a webhook may subscribe to (the CRM's event hooks). */
export type WebhookEventName = 'record:created' | 'record:updated' | 'record:removed' | 'stage:changed' | 'lead:converted' | 'activity:overdue' | 'message:received';

const EVENTS: readonly WebhookEventName[] = ['record:created', 'record:updated', 'record:removed', 'stage:changed', 'lead:converted', 'activity:overdue', 'message:received'];

/** One outgoing webhook subscription. */
export interface WebhookSubscription {
  /** Stable id of the subscription (kept in the delivery log); default `webhook-<n>`. */
  id?: string;
  /** Receiver URL (http or https). */
  url: string;
  /** `whsec_…` secret, or several during a rotation (each signs). Never stored, logged or sent. */
  secret: string | readonly string[];
  /** The events to deliver. */
  events: readonly WebhookEventName[];
}

/** Delivery schedule of the outgoing webhooks. */
export interface WebhookQueueOptions {
  /** Attempts before a delivery is given up (`failed`); default 10. */
  maxAttempts?: number;
  /** Wait before attempt `n + 1` after `n` failures; default 10 s × 2^(n−1), at most 6 h. */
  backoffMs?: (failures: number) => number;
  /** How often to look for due deliveries; default 5000 ms, `false` for none (call `deliverWebhooks`). */
  intervalMs?: number | false;
  /** Per-attempt timeout; default 15000 ms. */
  timeoutMs?: number;
  /** The `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Reports failed attempts. @internal */
  onError?: (error: unknown, context: string) => void;
}

/** One attempt in a delivery's log. */
export interface WebhookAttempt {
  /** ISO time of the attempt. */
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why it failed, when it did. */
  error?: string;
}

/** A queued webhook delivery and its log (stored in the `jobs` table). */
export interface WebhookDelivery {
  /** Job id. */
  id: string;
  /** Always `webhook`. */
  kind: 'webhook';
  /** `webhook_pending`, `webhook_running`, `webhook_delivered` or `webhook_failed`. */
  state: 'webhook_pending' | 'webhook_running' | 'webhook_delivered' | 'webhook_failed';
  /** Subscription id. */
  subscription: string;
  /** The receiver, without query string. */
  target: string;
  /** Event id: the `webhook-id` header on every attempt, so the receiver can de-duplicate. */
  eventId: string;
  /** Event name. */
  event: WebhookEventName;
  /** The exact JSON body sent. */
  body: string;
  /** Attempts made. */
  attempts: number;
  /** ISO time of the next attempt. */
  dueAt: string;
  /** ISO time the event happened. */
  createdAt: string;
  /** ISO time of the successful attempt. */
  deliveredAt?: string;
  /** Every attempt. */
  log: WebhookAttempt[];
  /** Which process is delivering it. */
  claimedBy?: string;
  /** ISO time of the claim (a stale claim is taken over). */
  claimedAt?: string;
}

function clean(record: unknown): unknown {
  if (!record || typeof record !== 'object') return record;
  const { dupKeys: _d, nameKey: _n, ...rest } = record as Record<string, unknown>;
  return rest;
}

/** The event's `data`: records without internal index fields, stages by id and name. */
function eventData(event: WebhookEventName, payload: Record<string, unknown>): Record<string, unknown> {
  switch (event) {
    case 'stage:changed': {
      const p = payload as unknown as HookMap['stage:changed']['payload'];
      return { recordType: p.type, record: clean(p.record), from: { id: p.from.id, name: p.from.name }, to: { id: p.to.id, name: p.to.name, kind: p.to.kind }, pipelineId: p.pipeline.id };
    }
    case 'lead:converted': {
      const p = payload as unknown as HookMap['lead:converted']['payload'];
      return { lead: clean(p.lead), deal: clean(p.deal), contact: clean(p.contact), ...(p.company ? { company: clean(p.company) } : {}) };
    }
    case 'record:created':
    case 'record:removed':
      return { recordType: payload['type'], record: clean(payload['record']) };
    case 'record:updated':
      return { recordType: payload['type'], record: clean(payload['record']), changes: payload['changes'] };
    default:
      return { ...payload };
  }
}

const RUNNING_STALE_MS = 5 * 60_000;

/** The persisted outgoing-webhook queue of one CRM. @internal */
export class WebhookQueue {
  private crm: PluginCrm | undefined;
  private readonly subs: Array<WebhookSubscription & { id: string }>;
  private readonly instance = randomToken(8);
  private draining: Promise<void> | undefined;
  private again = false;

  constructor(subscriptions: readonly WebhookSubscription[], private readonly options: WebhookQueueOptions) {
    this.subs = subscriptions.map((s, i) => {
      const name = s.id ?? `webhook-${i + 1}`;
      if (typeof s.url !== 'string' || !/^https?:\/\//i.test(s.url) || !URL.canParse(s.url)) throw new TypeError(`channelsPlugin: webhooks[${i}].url must be an http(s) URL`);
      const secrets = typeof s.secret === 'string' ? [s.secret] : [...(s.secret ?? [])];
      if (secrets.length === 0 || secrets.some((x) => typeof x !== 'string' || !webhookSecretBytes(x))) {
        throw new TypeError(`channelsPlugin: webhooks[${i}].secret must be a "whsec_" secret (base64 of at least 16 bytes)`);
      }
      const unknown = (s.events ?? []).filter((e) => !EVENTS.includes(e));
      if (!s.events?.length || unknown.length) throw new TypeError(`channelsPlugin: webhooks[${i}].events must list some of ${EVENTS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
      return { ...s, id: name };
    });
  }

  /** Subscribes to the CRM's events and starts the delivery timer. */
  async attach(crm: PluginCrm): Promise<void> {
    this.crm = crm;
    const events = new Set(this.subs.flatMap((s) => s.events));
    for (const event of events) {
      crm.hooks.on(event, (async (payload: Record<string, unknown>) => {
        await this.enqueue(event, payload);
      }) as never);
    }
    const every = this.options.intervalMs ?? 5000;
    if (every !== false) {
      const timer = setInterval(() => void this.drain(), every) as unknown as { unref?: () => void };
      timer.unref?.();
    }
  }

  private get store(): Crm['store'] {
    if (!this.crm) throw new Error('The webhook queue starts with the CRM');
    return this.crm.store;
  }

  /** Stores one delivery per subscriber of `event`, then tries to deliver. */
  async enqueue(event: WebhookEventName, payload: Record<string, unknown>): Promise<void> {
    const crm = this.crm as PluginCrm;
    const now = crm.now().toISOString();
    const eventId = `evt_${randomToken(16)}`;
    const body = JSON.stringify({ id: eventId, type: event, timestamp: now, data: eventData(event, payload) });
    const jobs: WebhookDelivery[] = this.subs
      .filter((s) => s.events.includes(event))
      .map((s) => {
        const url = new URL(s.url);
        return { id: `wh_${eventId}_${s.id}`, kind: 'webhook', state: 'webhook_pending', subscription: s.id, target: `${url.origin}${url.pathname}`, eventId, event, body, attempts: 0, dueAt: now, createdAt: now, log: [] };
      });
    if (jobs.length === 0) return;
    await this.store.bulkPut('jobs', jobs as unknown as StoredRow[]);
    void this.drain();
  }

  /** Delivers every due delivery; resolves when done. Concurrent calls share one run. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        await this.runDue();
      } while (this.again);
    })().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** Every delivery, newest first. */
  async deliveries(): Promise<WebhookDelivery[]> {
    const rows = (await this.store.query('jobs')) as unknown as WebhookDelivery[];
    return rows.filter((r) => r.kind === 'webhook').sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  private async runDue(): Promise<void> {
    const crm = this.crm as PluginCrm;
    const now = crm.now();
    const pending = (await this.store.query('jobs', { index: 'state', equals: 'webhook_pending' })) as unknown as WebhookDelivery[];
    const stale = ((await this.store.query('jobs', { index: 'state', equals: 'webhook_running' })) as unknown as WebhookDelivery[]).filter((j) => !j.claimedAt || now.getTime() - Date.parse(j.claimedAt) > RUNNING_STALE_MS);
    const due = [...pending.filter((j) => j.dueAt <= now.toISOString()), ...stale].sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
    for (const job of due) {
      const claimed = await this.store.transaction(['jobs'], async (tx) => {
        const fresh = (await tx.get('jobs', job.id)) as unknown as WebhookDelivery | undefined;
        const takeOver = fresh?.state === 'webhook_running' && job.state === 'webhook_running' && fresh.claimedAt === job.claimedAt;
        if (!fresh || (fresh.state !== 'webhook_pending' && !takeOver)) return undefined;
        const running: WebhookDelivery = { ...fresh, state: 'webhook_running', claimedBy: this.instance, claimedAt: crm.now().toISOString() };
        await tx.put('jobs', running as unknown as StoredRow);
        return running;
      });
      if (claimed) await this.attempt(claimed);
    }
  }

  private async attempt(job: WebhookDelivery): Promise<void> {
    const crm = this.crm as PluginCrm;
    const sub = this.subs.find((s) => s.id === job.subscription);
    const at = crm.now();
    let entry: WebhookAttempt;
    let delivered = false;
    let permanent = !sub;
    if (!sub) entry = { at: at.toISOString(), error: 'The subscription no longer exists' };
    else {
      try {
        // Signed with the real time: it is what the receiver compares with its own clock.
        const headers = await signWebhook(sub.secret, job.body, { id: job.eventId });
        const response = await (this.options.fetch ?? globalThis.fetch.bind(globalThis))(sub.url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'crmkit-webhooks' },
          body: job.body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        });
        await response.body?.cancel().catch(() => undefined);
        delivered = response.ok;
        permanent = response.status === 410;
        entry = { at: at.toISOString(), status: response.status, ...(delivered ? {} : { error: `HTTP ${response.status}` }) };
      } catch (error) {
        entry = { at: at.toISOString(), error: error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'network error' };
      }
    }
    const attempts = job.attempts + 1;
    const max = this.options.maxAttempts ?? 10;
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(10_000 * 2 ** (n - 1), 6 * 3600_000));
    const next: WebhookDelivery = {
      ...job,
      attempts,
      log: [...job.log, entry],
      state: delivered ? 'webhook_delivered' : permanent || attempts >= max ? 'webhook_failed' : 'webhook_pending',
      dueAt: delivered ? job.dueAt : new Date(at.getTime() + backoff(attempts)).toISOString(),
      ...(delivered ? { deliveredAt: at.toISOString() } : {}),
    };
    delete next.claimedBy;
    delete next.claimedAt;
    await this.store.put('jobs', next as unknown as StoredRow);
    if (!delivered) this.options.onError?.(new Error(`Webhook ${job.event} ${job.eventId} to ${job.target}: ${entry.error ?? 'failed'} (attempt ${attempts})`), 'webhook delivery');
  }
}
