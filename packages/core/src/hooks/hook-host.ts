import { PluginError, ValidationError } from '../errors.js';
import type { GuardRefusal, HookContext, HookHandler, HookKind, HookMap, HookName } from './hook-map.js';

/** Plugin execution order: `pre` plugins first, then normal ones, then `post`. */
export type PluginOrder = 'pre' | 'post' | undefined;

const ORDER_RANK = { pre: 0, normal: 1, post: 2 } as const;

// Keyed by string, not HookName: plugins add names to HookMap by augmentation.
const BUILT_IN_KINDS: Readonly<Record<string, HookKind>> = {
  'record:beforeCreate': 'transform',
  'record:beforeUpdate': 'transform',
  'form:beforeSubmit': 'transform',
  'stage:beforeChange': 'guard',
  'record:beforeRemove': 'guard',
  'record:created': 'event',
  'record:updated': 'event',
  'record:removed': 'event',
  'stage:changed': 'event',
  'lead:converted': 'event',
  'activity:overdue': 'event',
  'message:received': 'event',
};

interface Registration {
  plugin: string;
  rank: number;
  seq: number;
  fn: (payload: unknown, ctx: HookContext) => unknown;
}

/** The result of running a guard hook that refused. */
export interface GuardOutcome {
  /** The refusal. */
  cancel: GuardRefusal['cancel'];
  /** The plugin that refused. */
  plugin: string;
}

/** Registering handlers: what `crm.hooks` offers. */
export interface Hooks {
  /** Adds a handler; returns a function that removes it. */
  on<K extends HookName>(name: K, handler: HookHandler<K>): () => void;
  /** Declares a plugin-defined hook and its kind (augment {@link HookMap} for its types). */
  declare(name: string, kind: HookKind): void;
  /** Runs an event hook (for plugins that declare their own events). */
  emit<K extends HookName>(name: K, payload: HookMap[K]['payload']): Promise<void>;
  /** Runs a transform hook and returns the final payload. */
  transform<K extends HookName>(name: K, payload: HookMap[K]['payload']): Promise<HookMap[K]['payload']>;
  /** Runs a guard hook; returns the first refusal, if any. */
  guard<K extends HookName>(name: K, payload: HookMap[K]['payload']): Promise<GuardOutcome | undefined>;
}

/**
 * Runs plugin hooks in a defined order (pre, normal, post, then registration
 * order), with a deadline per handler, attributing every failure to the
 * plugin and hook it came from.
 */
export class HookHost {
  private readonly handlers = new Map<string, Registration[]>();
  private readonly kinds = new Map<string, HookKind>(Object.entries(BUILT_IN_KINDS));
  private seq = 0;

  constructor(
    private readonly deadlineMs: number,
    private readonly reportError: (error: PluginError) => void,
  ) {}

  /** The kind of a known hook. */
  kindOf(name: string): HookKind | undefined {
    return this.kinds.get(name);
  }

  /** Declares a plugin-defined hook. */
  declare(name: string, kind: HookKind): void {
    const existing = this.kinds.get(name);
    if (kind !== 'transform' && kind !== 'guard' && kind !== 'event') {
      throw new ValidationError([{ path: ['hooks', name], code: 'invalid_option', message: `Hook "${name}": expected a kind, one of: transform, guard, event` }], 'hook declaration');
    }
    if (existing && existing !== kind) throw new ValidationError([{ path: ['hooks', name], code: 'invalid', message: `Hook "${name}" is already declared as ${existing}` }], 'hook declaration');
    this.kinds.set(name, kind);
  }

  /** Registers a handler for `plugin` with its order. */
  on(name: string, fn: Registration['fn'], plugin: string, order: PluginOrder): () => void {
    if (!this.kinds.has(name)) throw new PluginError(plugin, name, new Error(`Unknown hook "${name}"; expected one of: ${[...this.kinds.keys()].join(', ')} (a plugin's own hook must be declared first with crm.hooks.declare())`));
    const reg: Registration = { plugin, rank: ORDER_RANK[order ?? 'normal'], seq: this.seq++, fn };
    const list = [...(this.handlers.get(name) ?? []), reg].sort((a, b) => a.rank - b.rank || a.seq - b.seq);
    this.handlers.set(name, list);
    return () => {
      this.handlers.set(name, (this.handlers.get(name) ?? []).filter((r) => r !== reg));
    };
  }

  /** A `Hooks` facade whose registrations belong to `plugin`. */
  forPlugin(plugin: string, order: PluginOrder): Hooks {
    return {
      on: (name, handler) => this.on(name, handler as Registration['fn'], plugin, order),
      declare: (name, kind) => this.declare(name, kind),
      emit: (name, payload) => this.emit(name, payload),
      transform: (name, payload) => this.transform(name, payload),
      guard: (name, payload) => this.guard(name, payload),
    };
  }

  /** True when anything listens on `name`. */
  has(name: string): boolean {
    return (this.handlers.get(name)?.length ?? 0) > 0;
  }

  private async call(name: string, reg: Registration, payload: unknown): Promise<unknown> {
    const controller = new AbortController();
    const ctx: HookContext = { plugin: reg.plugin, hook: name, signal: controller.signal };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`deadline of ${this.deadlineMs} ms passed`));
        reject(new Error(`did not settle within ${this.deadlineMs} ms`));
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => reg.fn(payload, ctx)), deadline]);
    } catch (cause) {
      throw cause instanceof PluginError ? cause : new PluginError(reg.plugin, name, cause);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs a transform hook: handlers in order, each may return a changed payload. A throw refuses the operation. */
  async transform<K extends HookName>(name: K, payload: HookMap[K]['payload'], sanitize?: (next: HookMap[K]['payload'], plugin: string) => HookMap[K]['payload']): Promise<HookMap[K]['payload']> {
    let current: unknown = payload;
    for (const reg of this.handlers.get(name) ?? []) {
      const next = await this.call(name, reg, current);
      if (next !== undefined) current = next;
      // The core's own limits on what a transform may change are applied after each handler, so a violation is attributed to its plugin.
      if (sanitize) current = sanitize(current as HookMap[K]['payload'], reg.plugin);
    }
    return current as HookMap[K]['payload'];
  }

  /** Runs a guard hook: the first `{ cancel }` wins. A throw refuses too (as a PluginError). */
  async guard<K extends HookName>(name: K, payload: HookMap[K]['payload']): Promise<GuardOutcome | undefined> {
    for (const reg of this.handlers.get(name) ?? []) {
      const result = (await this.call(name, reg, payload)) as GuardRefusal | undefined;
      if (result && typeof result === 'object' && 'cancel' in result && result.cancel) return { cancel: result.cancel, plugin: reg.plugin };
    }
    return undefined;
  }

  /** Runs an event hook: handlers in parallel; failures are reported and swallowed. */
  async emit<K extends HookName>(name: K, payload: HookMap[K]['payload']): Promise<void> {
    const regs = this.handlers.get(name) ?? [];
    if (regs.length === 0) return;
    const results = await Promise.allSettled(regs.map((reg) => this.call(name, reg, payload)));
    for (const r of results) if (r.status === 'rejected') this.reportError(r.reason as PluginError);
  }
}
