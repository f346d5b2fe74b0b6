import type { $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { PluginError, ValidationError, type StorageError, type ValidationIssue } from './errors.js';
import { HookHost } from './hooks/hook-host.js';
import { newId } from './ids.js';
import type { PhoneCountry } from './phone.js';
import type { ChannelAdapter, RobotType } from './plugin.js';
import type { RecordType } from './schemas/activity.js';
import type { HistoryEntry, HistoryType } from './schemas/history.js';
import type { User } from './schemas/user.js';
import type { PipelineRegistry } from './services/pipeline-registry.js';
import type { Actor } from './services/actor.js';
import type { StoreOps, Store } from './store/store.js';
import type { SyncFailure } from './remote/remote-outbox.js';
import { toValidationIssue, ensureJitless } from './validate.js';

/** How overdue next steps are handed over. */
export interface OverduePolicy {
  /** `round-robin`: to the next manager of the assignee's team (or all managers); `head`: to the first head. */
  handTo: 'round-robin' | 'head';
  /** Hand over only once the step is this late (default: as soon as it is overdue). */
  after?: string;
}

/** The CRM's events (`crm.on`). */
export interface CrmEvents {
  /** A plugin hook or robot failed; the operation it followed stands. */
  'plugin:error': PluginError;
  /** Records changed (this tab or another); `table` is the store table. */
  change: { table: string; ids: string[]; remote: boolean };
  /** The store became unusable while running (e.g. its database was deleted in another tab); every later call rejects with this error. */
  'storage:error': StorageError;
  /** Remote CRMs only: a write queued offline was refused when it was replayed — a `ConflictError` when someone else changed the record meanwhile. */
  'sync:failed': SyncFailure;
  /** Remote CRMs only: the server became reachable or unreachable, or the queue of offline writes changed. */
  'sync:state': { online: boolean; pending: number };
}

type Listener<T> = (event: T) => void;

/**
 * Internal state shared by every service of one CRM (and every `crm.as()` view).
 * @internal
 */
export class Runtime {
  readonly hooks: HookHost;
  readonly fields: Record<RecordType, Map<string, { schema: $ZodType; plugin: string }>> = {
    contact: new Map(),
    company: new Map(),
    lead: new Map(),
    deal: new Map(),
  };
  readonly robots = new Map<string, { plugin: string; def: RobotType<Record<string, unknown>> }>();
  readonly channels = new Map<string, { plugin: string; adapter: ChannelAdapter }>();
  private readonly listeners = new Map<string, Set<Listener<unknown>>>();
  private seq: number;
  currentUserId: string | undefined;
  /** `required`: refuse changes that leave an open lead/deal without a pending next step. */
  nextStepRule: 'required' | 'advisory' = 'advisory';

  constructor(
    readonly store: Store,
    readonly pipelines: PipelineRegistry,
    readonly users: ReadonlyMap<string, User>,
    readonly now: () => Date,
    readonly locale: string,
    readonly phoneCountry: PhoneCountry | undefined,
    readonly currency: string,
    readonly overduePolicy: OverduePolicy | undefined,
    readonly deadlineMs: number,
  ) {
    ensureJitless();
    this.hooks = new HookHost(deadlineMs, (e) => this.emit('plugin:error', e));
    this.seq = Date.now() * 1000;
  }

  /** The acting user for public calls. */
  actor(): Actor {
    const id = this.currentUserId;
    if (!id) return { id: 'system', role: 'system' };
    const user = this.users.get(id);
    return user ? { id: user.id, role: user.role } : { id, role: 'admin' };
  }

  /** ISO time from the injected clock. */
  nowIso(): string {
    return this.now().toISOString();
  }

  on<K extends keyof CrmEvents>(name: K, fn: Listener<CrmEvents[K]>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(fn as Listener<unknown>);
    this.listeners.set(name, set);
    return () => set.delete(fn as Listener<unknown>);
  }

  emit<K extends keyof CrmEvents>(name: K, event: CrmEvents[K]): void {
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        fn(event);
      } catch (err) {
        // A listener's own bug must not break the operation that emitted; surface it.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  /** Reports a failure from plugin code without throwing. */
  reportPluginError(plugin: string, hook: string, cause: unknown): void {
    this.emit('plugin:error', cause instanceof PluginError ? cause : new PluginError(plugin, hook, cause));
  }

  /** A new history entry (not yet stored). */
  historyEntry(recordType: RecordType, recordId: string, type: HistoryType, by: string, data: Record<string, unknown> = {}, at = this.nowIso()): HistoryEntry {
    return { id: newId('h'), recordType, recordId, type, at, by, seq: this.seq++, data };
  }

  /** Appends history entries inside a transaction. */
  async appendHistory(tx: StoreOps, entries: HistoryEntry[]): Promise<void> {
    if (entries.length === 1) await tx.put('history', entries[0] as unknown as HistoryEntry & { id: string });
    else if (entries.length > 1) await tx.bulkPut('history', entries as unknown as { id: string }[]);
  }

  /** True when `name` is a declared custom field of `type` that cannot be absent. */
  isRequiredCustom(type: RecordType, name: string): boolean {
    const field = this.fields[type].get(name);
    return field !== undefined && !safeParse(field.schema, undefined).success;
  }

  /**
   * Validates custom fields for `type`: declared fields by their schemas
   * (a declared field missing on create is checked too, so required custom
   * fields are enforced); undeclared ones must be plain JSON values.
   */
  validateCustom(type: RecordType, custom: Record<string, unknown> | undefined, creating: boolean): Record<string, unknown> {
    const declared = this.fields[type];
    const out: Record<string, unknown> = {};
    const issues: ValidationIssue[] = [];
    const input = custom ?? {};
    for (const [name, { schema }] of declared) {
      if (!(name in input) && !creating) continue;
      const r = safeParse(schema, input[name], { reportInput: true });
      if (r.success) {
        if (r.data !== undefined) out[name] = r.data;
      } else issues.push(...r.error.issues.flatMap((i) => toValidationIssue(i, this.locale, ['custom', name])));
    }
    for (const [name, value] of Object.entries(input)) {
      if (declared.has(name)) continue;
      if (!isPlainValue(value)) {
        issues.push({ path: ['custom', name], code: 'invalid', message: `Custom field "${name}" is not declared; undeclared fields may hold only text, numbers, booleans or lists of them` });
      } else if (value !== undefined) out[name] = value;
    }
    if (issues.length) throw new ValidationError(issues, `${type} custom fields`);
    return out;
  }
}

function isPlainValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (['string', 'number', 'boolean'].includes(typeof v)) return true;
  return Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x));
}
