import type { DeliveryOutcome, LeadConnector, LeadSubmission } from '@crmkit/core/intake';
import { backoffDelay } from './backoff.js';
import { Outbox, type OutboxRecord } from './outbox.js';
import { restConnector } from './rest-connector.js';
import type { DeliveryTiming } from './types.js';

export { Outbox, OUTBOX_DB, type OutboxRecord } from './outbox.js';
export { restConnector, type RestConnectorOptions } from './rest-connector.js';

/** What happened to one submission, told to whoever waits for it. */
export type DeliveryEvent =
  | { type: 'delivered'; record: OutboxRecord; outcome?: DeliveryOutcome }
  | { type: 'refused'; record: OutboxRecord; outcome?: DeliveryOutcome }
  | { type: 'retrying'; record: OutboxRecord; outcome: DeliveryOutcome };

/** Options of an {@link OutboxDrainer}. */
export interface DrainerOptions extends DeliveryTiming {
  /** IndexedDB database name; default `crmkit-lead-outbox`. */
  dbName?: string;
  /** Web Locks name; default `crmkit-lead-outbox:<dbName>`. */
  lockName?: string;
  /** Clock (epoch ms). */
  now?: () => number;
  /** How long delivered records are kept before they are pruned; default 7 days. */
  keepDeliveredMs?: number;
}

/** `localStorage` flag: something may be waiting in the outbox (so a page load knows to load the delivery code). */
export const PENDING_FLAG = 'crmkit-lead-outbox-pending';

function setFlag(on: boolean): void {
  try {
    if (on) localStorage.setItem(PENDING_FLAG, '1');
    else localStorage.removeItem(PENDING_FLAG);
  } catch {
    /* storage disabled */
  }
}

/**
 * Drains the outbox: delivers pending submissions through the connector of
 * their target, retries failures with backoff + jitter (honouring
 * `Retry-After`), records refusals without retrying them, and never deletes
 * what was not delivered. Only one drainer per origin works at a time: each
 * pass holds a Web Lock, so with two tabs open one sends and the other waits,
 * and a record is read inside the lock before it is sent.
 */
export class OutboxDrainer {
  /** The outbox it drains. */
  readonly outbox: Outbox;
  private readonly targets = new Map<string, LeadConnector>();
  private readonly listeners = new Map<string, Set<(e: DeliveryEvent) => void>>();
  private running?: Promise<void>;
  private again = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly abort = new AbortController();
  private readonly opts: Required<Omit<DrainerOptions, 'dbName'>>;
  private readonly onOnline = () => void this.drain();

  constructor(options: DrainerOptions = {}) {
    this.outbox = new Outbox(options.dbName);
    this.opts = {
      baseDelayMs: options.baseDelayMs ?? 2000,
      maxDelayMs: options.maxDelayMs ?? 5 * 60_000,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      keepDeliveredMs: options.keepDeliveredMs ?? 7 * 86_400_000,
      lockName: options.lockName ?? `crmkit-lead-outbox:${this.outbox.dbName}`,
    };
    globalThis.addEventListener?.('online', this.onOnline);
  }

  /** Changes timing (the page-wide drainer is shared by every form; the last setting wins). */
  configure(timing: DeliveryTiming): void {
    if (timing.baseDelayMs !== undefined) this.opts.baseDelayMs = timing.baseDelayMs;
    if (timing.maxDelayMs !== undefined) this.opts.maxDelayMs = timing.maxDelayMs;
    if (timing.random) this.opts.random = timing.random;
  }

  /** Makes a target deliverable by this drainer. `endpoint:<url>` targets need no registration. */
  register(target: string, connector: LeadConnector): void {
    this.targets.set(target, connector);
  }

  /** Listens to the fate of one submission; returns the unsubscribe function. */
  watch(key: string, listener: (e: DeliveryEvent) => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Saves a submission in the outbox. Resolves when it is committed to
   * IndexedDB — only then may anything go over the network.
   */
  async enqueue(submission: LeadSubmission, target: string, status: 'pending' | 'spam' = 'pending'): Promise<OutboxRecord> {
    const now = this.opts.now();
    const record: OutboxRecord = { key: submission.idempotencyKey, submission, target, status, attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now };
    await this.outbox.put(record);
    if (status === 'pending') setFlag(true);
    return record;
  }

  /** Every record in the outbox (pending, delivered, refused, spam), oldest first. */
  list(): Promise<OutboxRecord[]> {
    return this.outbox.all();
  }

  /** Sends what is due. Calls made while a pass runs are folded into one more pass. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.withLock(() => this.pass());
      } while (this.again && !this.abort.signal.aborted);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops: aborts an attempt in flight (its record stays pending) and releases the lock — what a closed tab does. */
  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.onOnline);
    void this.outbox.close();
  }

  private async withLock(fn: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    // Web Locks exist only in secure contexts; elsewhere the idempotency key alone prevents duplicates.
    if (!locks) return fn();
    await locks.request(this.opts.lockName, { signal: this.abort.signal }, () => fn()).catch((e: unknown) => {
      if (!this.abort.signal.aborted) throw e;
    });
  }

  private connectorFor(target: string): LeadConnector | undefined {
    const c = this.targets.get(target);
    if (c || !target.startsWith('endpoint:')) return c;
    const made = restConnector(target.slice('endpoint:'.length));
    this.targets.set(target, made);
    return made;
  }

  private emit(e: DeliveryEvent): void {
    for (const l of this.listeners.get(e.record.key) ?? []) l(e);
    if (e.type !== 'retrying') this.listeners.delete(e.record.key);
  }

  private async pass(): Promise<void> {
    const signal = this.abort.signal;
    let pending = 0;
    let nextDue = Infinity;
    for (const listed of await this.outbox.all()) {
      if (signal.aborted) return;
      // Re-read inside the lock: another tab may have delivered it since the listing.
      const rec = listed.status === 'pending' ? ((await this.outbox.get(listed.key)) ?? listed) : listed;
      if (rec.status === 'delivered') {
        if (this.listeners.has(rec.key)) this.emit({ type: 'delivered', record: rec });
        if (this.opts.now() - rec.updatedAt > this.opts.keepDeliveredMs) await this.outbox.delete(rec.key);
        continue;
      }
      if (rec.status === 'refused') {
        if (this.listeners.has(rec.key)) this.emit({ type: 'refused', record: rec });
        continue;
      }
      if (rec.status !== 'pending') continue;
      pending++;
      const connector = this.connectorFor(rec.target);
      if (!connector) continue; // its form (crm / custom connector) is not on this page
      if (rec.nextAttemptAt > this.opts.now()) {
        nextDue = Math.min(nextDue, rec.nextAttemptAt);
        continue;
      }
      const outcome = await this.attempt(connector, rec);
      if (signal.aborted) return; // like a closed tab: the record stays pending
      const now = this.opts.now();
      rec.attempts++;
      rec.updatedAt = now;
      if (outcome.ok) {
        rec.status = 'delivered';
        if (outcome.leadId) rec.leadId = outcome.leadId;
        delete rec.lastError;
        await this.outbox.put(rec);
        pending--;
        this.emit({ type: 'delivered', record: rec, outcome });
      } else if (!outcome.retry) {
        rec.status = 'refused';
        rec.lastError = { status: outcome.status, message: outcome.message, fieldErrors: outcome.fieldErrors };
        await this.outbox.put(rec);
        pending--;
        this.emit({ type: 'refused', record: rec, outcome });
      } else {
        rec.nextAttemptAt = now + backoffDelay(rec.attempts, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random, outcome.retryAfterMs);
        rec.lastError = { status: outcome.status, message: outcome.message };
        await this.outbox.put(rec);
        nextDue = Math.min(nextDue, rec.nextAttemptAt);
        this.emit({ type: 'retrying', record: rec, outcome });
      }
    }
    if (pending === 0) setFlag(false);
    clearTimeout(this.timer);
    if (nextDue < Infinity && !signal.aborted) {
      this.timer = setTimeout(() => void this.drain(), Math.max(0, nextDue - this.opts.now()));
    }
  }

  private async attempt(connector: LeadConnector, rec: OutboxRecord): Promise<DeliveryOutcome> {
    try {
      return await connector.deliver(rec.submission, this.abort.signal);
    } catch (e) {
      // A connector should not throw; if one does, treat it as transient and keep the lead.
      return { ok: false, retry: true, message: e instanceof Error ? e.message : String(e) };
    }
  }
}

let shared: OutboxDrainer | undefined;

/** The page's drainer, shared by every lead form on the page. */
export function pageDrainer(): OutboxDrainer {
  return (shared ??= new OutboxDrainer());
}
