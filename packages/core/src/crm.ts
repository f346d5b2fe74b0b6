import type { $ZodType } from 'zod/v4/core';
import { Automation, automationFor } from './automation/automation.js';
import { BUILTIN_ROBOTS } from './automation/builtin-robots.js';
import { DEFAULT_PIPELINES } from './default-pipelines.js';
import { withErrorBoundary } from './error-boundary.js';
import { CrmError, NotFoundError, PluginError, ValidationError } from './errors.js';
import type { Hooks } from './hooks/hook-host.js';
import type { HookName } from './hooks/hook-map.js';
import { resolveLocale } from './i18n/locale.js';
import { DEFAULT_PHONE_COUNTRY, type PhoneCountry } from './phone.js';
import { checkPluginDefinition, type Plugin, type PluginCrm } from './plugin.js';
import { Runtime, type CrmEvents, type OverduePolicy } from './runtime.js';
import type { RecordType } from './schemas/activity.js';
import { PipelineSchema, type Pipeline } from './schemas/pipeline.js';
import { UserSchema, type User } from './schemas/user.js';
import { ActivityService } from './services/activity-service.js';
import type { Actor } from './services/actor.js';
import { ChannelService } from './services/channel-service.js';
import { CompanyService } from './services/company-service.js';
import { ContactService } from './services/contact-service.js';
import { DealService } from './services/deal-service.js';
import { HistoryService } from './services/history-service.js';
import { LeadService } from './services/lead-service.js';
import { PipelineRegistry } from './services/pipeline-registry.js';
import type { ActivitiesApi, AutomationApi, ChannelsApi, CompaniesApi, ContactsApi, DealsApi, HistoryApi, LeadsApi, PipelinesApi } from './services/service-apis.js';
import { dexieStore } from './store/dexie-store.js';
import { memoryStore } from './store/memory-store.js';
import type { Store } from './store/store.js';
import { validate } from './validate.js';
import { DEFAULT_QUICK_TIMES, QuickTimeSchema, WorkCalendarSchema, quickTimeDue, weekendOf, type QuickTime, type QuickTimes, type WorkCalendar } from './quick-times.js';
import * as z from 'zod/mini';

/** Options of {@link createCrm}. */
export interface CrmOptions {
  /** Where data lives. Default: `dexieStore('crmkit')` where IndexedDB exists, else `memoryStore()`. */
  store?: Store;
  /** Pipelines; default `leads` (entity `lead`) and `sales` (entity `deal`). */
  pipelines?: readonly Pipeline[];
  /** Plugins, registered in `pre`, normal, `post` order, then in this order. */
  plugins?: readonly Plugin[];
  /** Users and roles. With none, there are no role checks. */
  users?: readonly User[];
  /** The signed-in user id. Without one, calls act as `system` (full rights). */
  currentUser?: string;
  /** Locale of messages (`en`, `ru`, `zh`, `mn`, `uz`; others fall back to `en`). */
  locale?: string;
  /** The clock. Inject one in tests to move time instead of sleeping. */
  now?: () => Date;
  /** Country for phone numbers typed without `+`; default from the locale (ru → RU, mn → MN, uz → UZ, zh → CN, en → US). */
  phoneCountry?: PhoneCountry;
  /** Default deal currency (ISO 4217). Default `USD`. */
  currency?: string;
  /** Hand overdue next steps to someone else. */
  overduePolicy?: OverduePolicy;
  /** Custom fields per record type (besides those plugins declare). */
  fields?: Partial<Record<RecordType, Record<string, $ZodType>>>;
  /** How long a hook or robot may run before it is cut off (its `signal` aborts). Default 10 000 ms. */
  hookDeadlineMs?: number;
  /**
   * The next-step rule: `required` refuses any change by a person that
   * leaves an open lead or deal without a pending next step (creating it,
   * moving it, completing or removing its last step) unless the same call
   * schedules one (`nextStep` option) or closes the record. `advisory`
   * (default) only reports them through `activities.missingNextStep()`.
   */
  nextStep?: 'required' | 'advisory';
  /** Quick next-step times the client card offers (a pipeline may have its own). Default: in an hour, tomorrow, in 3 days, next week. */
  quickTimes?: readonly QuickTime[];
  /** Working day start and weekend for day-based quick times. Default: 10:00, the locale's weekend. */
  workCalendar?: WorkCalendar;
  /** How often delayed robots and overdue steps are processed; `false` turns the timer off (call `automation.runDue()` yourself). Default 30 000 ms. */
  automationIntervalMs?: number | false;
}

/** `crm.users`: the configured users. */
export interface UserDirectory {
  /** All users. */
  list(): User[];
  /** One user; throws `NotFoundError`. */
  get(id: string): User;
}

/** A crmkit CRM instance: the services over one store. */
export interface Crm {
  /** People. */
  readonly contacts: ContactsApi;
  /** Business clients. */
  readonly companies: CompaniesApi;
  /** The lead funnel. */
  readonly leads: LeadsApi;
  /** Deals. */
  readonly deals: DealsApi;
  /** Next steps. */
  readonly activities: ActivitiesApi;
  /** Record timelines. */
  readonly history: HistoryApi;
  /** Pipelines and stages. */
  readonly pipelines: PipelinesApi;
  /** Robots and delayed jobs. */
  readonly automation: AutomationApi;
  /** Channels plugins registered. */
  readonly channels: ChannelsApi;
  /** Quick next-step times and when each falls due. */
  readonly quickTimes: QuickTimes;
  /** Hook registration (`app` is the plugin name for handlers added here). */
  readonly hooks: Hooks;
  /** Users and roles. */
  readonly users: UserDirectory;
  /**
   * The raw storage layer, for plugin authors (their own `meta` rows, fast
   * reads, keys for per-store caches): the very store passed to `createCrm`.
   * It is outside the error boundary and applies no roles, validation or
   * history, so app and widget code use the services instead (a lint rule
   * keeps it out of the widgets). Storage faults arrive as `StorageError`;
   * misuse (an unknown table, a row without `id`) throws as the adapter does.
   */
  readonly store: Store;
  /** The locale messages are in. */
  readonly locale: string;
  /** The acting user, or `undefined` when acting as `system`. */
  readonly currentUser: User | undefined;
  /** Changes the signed-in user (affects every view of this CRM except `as()` views). */
  setCurrentUser(id: string | undefined): void;
  /** A view of the same CRM acting as `userId` (or `system`), e.g. for a server handling one request. */
  as(userId: string): Crm;
  /** The CRM clock. */
  now(): Date;
  /** Listens to CRM events (`plugin:error`, `change`, `storage:error`). Returns an unsubscribe function. */
  on<K extends keyof CrmEvents>(event: K, listener: (event: CrmEvents[K]) => void): () => void;
  /** Stops timers and closes the store. */
  close(): Promise<void>;
}

function sortPlugins(plugins: readonly Plugin[]): Plugin[] {
  const rank = (p: Plugin) => (p.order === 'pre' ? 0 : p.order === 'post' ? 2 : 1);
  return plugins.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map((x) => x.p);
}

function defaultStore(): Store {
  return typeof indexedDB !== 'undefined' ? dexieStore('crmkit') : memoryStore();
}

function makeView(rt: Runtime, automation: Automation, actorOf: () => Actor, fixedUser: string | null, quickTimes: QuickTimes): Crm {
  const contacts = new ContactService(rt, actorOf);
  const companies = new CompanyService(rt, actorOf);
  const deals = new DealService(rt, actorOf);
  const leads = new LeadService(rt, actorOf);
  const activities = new ActivityService(rt, actorOf);
  leads.related = { contacts, companies, deals };
  leads.activities = activities;
  deals.activities = activities;
  leads.onStageEntered = (t, r, s, p) => automation.onStageEntered(t, r, s, p);
  deals.onStageEntered = (t, r, s, p) => automation.onStageEntered(t, r, s, p);
  const users: UserDirectory = {
    list: () => [...rt.users.values()],
    get: (id) => {
      const u = rt.users.get(id);
      if (!u) throw new NotFoundError('user', id);
      return u;
    },
  };
  const crm: Crm = {
    contacts,
    companies,
    leads,
    deals,
    activities,
    history: new HistoryService(rt, actorOf),
    pipelines: rt.pipelines,
    automation: automationFor(automation, actorOf),
    channels: new ChannelService(rt, () => actorOf().id),
    quickTimes,
    hooks: rt.hooks.forPlugin('app', undefined),
    users,
    store: rt.store,
    locale: rt.locale,
    get currentUser() {
      const id = fixedUser ?? rt.currentUserId;
      return id ? rt.users.get(id) : undefined;
    },
    setCurrentUser(id) {
      if (id !== undefined && rt.users.size > 0 && !rt.users.has(id)) throw new NotFoundError('user', id);
      rt.currentUserId = id;
    },
    as(userId) {
      if (userId === 'system') return makeView(rt, automation, () => ({ id: 'system', role: 'system' }), 'system', quickTimes);
      const user = rt.users.get(userId);
      if (!user) throw new NotFoundError('user', userId);
      return makeView(rt, automation, () => ({ id: user.id, role: user.role }), user.id, quickTimes);
    },
    now: () => rt.now(),
    on: (event, listener) => rt.on(event, listener),
    async close() {
      automation.stop();
      await rt.store.close();
    },
  };
  return withErrorBoundary(crm, () => rt.locale);
}

/**
 * Creates a CRM: opens the store, registers plugins (fields, robots,
 * channels, pipelines, then hooks and `setup`), validates pipelines and
 * their robots, and starts the automation timer.
 *
 * Throws `ValidationError` for bad pipelines, users or robot params, and
 * `PluginError` when a plugin's `setup` fails.
 */
export async function createCrm(options: CrmOptions = {}): Promise<Crm> {
  const locale = options.locale ?? 'en';
  const users = (options.users ?? []).map((u, i) => {
    try {
      return validate(UserSchema, u, locale, `user #${i}`);
    } catch (e) {
      if (e instanceof ValidationError) throw new ValidationError(e.issues.map((iss) => ({ ...iss, path: ['users', i, ...iss.path] })), 'users');
      throw e;
    }
  });
  if (options.currentUser && users.length > 0 && !users.some((u) => u.id === options.currentUser)) {
    throw new ValidationError([{ path: ['currentUser'], code: 'invalid_option', message: `Unknown user "${options.currentUser}"` }], 'CRM options');
  }
  const plugins = sortPlugins(options.plugins ?? []);
  for (const p of plugins) checkPluginDefinition(p);
  const names = new Set<string>();
  for (const p of plugins) {
    if (names.has(p.name)) throw new ValidationError([{ path: ['plugins', p.name], code: 'invalid', message: `Plugin "${p.name}" is registered twice` }], 'CRM options');
    names.add(p.name);
  }

  let pipelines: Pipeline[] = [...(options.pipelines ?? DEFAULT_PIPELINES)];
  for (const p of plugins) {
    if (!p.pipelines) continue;
    try {
      pipelines = typeof p.pipelines === 'function' ? p.pipelines(pipelines) : [...pipelines, ...p.pipelines];
    } catch (cause) {
      throw new PluginError(p.name, 'pipelines', cause);
    }
  }
  const seen = new Set<string>();
  pipelines = pipelines.map((p, i) => {
    const v = (() => {
      try {
        return validate(PipelineSchema, p, locale, `pipeline "${p?.id ?? i}"`);
      } catch (e) {
        if (e instanceof ValidationError) throw new ValidationError(e.issues.map((iss) => ({ ...iss, path: ['pipelines', p?.id ?? i, ...iss.path] })), 'pipelines');
        throw e;
      }
    })();
    if (seen.has(v.id)) throw new ValidationError([{ path: ['pipelines', v.id], code: 'invalid', message: `Pipeline id "${v.id}" is used twice` }], 'pipelines');
    seen.add(v.id);
    return v;
  });
  for (const entity of ['lead', 'deal'] as const) {
    if (!pipelines.some((p) => p.entity === entity)) throw new ValidationError([{ path: ['pipelines'], code: 'invalid', message: `At least one ${entity} pipeline is required` }], 'pipelines');
  }

  const quick = quickConfig(options, locale);
  const store = options.store ?? defaultStore();
  try {
    await store.open();
  } catch (e) {
    if (e instanceof CrmError) throw e;
    throw e;
  }
  const rt = new Runtime(
    store,
    new PipelineRegistry(pipelines),
    new Map(users.map((u) => [u.id, u])),
    options.now ?? (() => new Date()),
    locale,
    options.phoneCountry ?? DEFAULT_PHONE_COUNTRY[resolveLocale(locale)],
    (options.currency ?? 'USD').toUpperCase(),
    options.overduePolicy,
    options.hookDeadlineMs ?? 10_000,
  );
  rt.currentUserId = options.currentUser;
  rt.nextStepRule = options.nextStep ?? 'advisory';
  for (const [type, def] of Object.entries(BUILTIN_ROBOTS)) rt.robots.set(type, { plugin: 'core', def: def as never });
  for (const [type, fields] of Object.entries(options.fields ?? {})) {
    for (const [name, schema] of Object.entries(fields ?? {})) rt.fields[type as RecordType].set(name, { schema, plugin: 'app' });
  }
  for (const p of plugins) {
    for (const [type, fields] of Object.entries(p.fields ?? {})) {
      for (const [name, schema] of Object.entries(fields ?? {})) {
        const existing = rt.fields[type as RecordType].get(name);
        if (existing) throw new PluginError(p.name, 'fields', new Error(`custom field ${type}.${name} is already declared by "${existing.plugin}"`));
        rt.fields[type as RecordType].set(name, { schema, plugin: p.name });
      }
    }
    for (const [type, def] of Object.entries(p.robots ?? {})) {
      const existing = rt.robots.get(type);
      if (existing) throw new PluginError(p.name, 'robots', new Error(`robot type "${type}" is already registered by "${existing.plugin}"`));
      rt.robots.set(type, { plugin: p.name, def });
    }
    for (const [name, adapter] of Object.entries(p.channels ?? {})) {
      const existing = rt.channels.get(name);
      if (existing) throw new PluginError(p.name, 'channels', new Error(`channel "${name}" is already registered by "${existing.plugin}"`));
      rt.channels.set(name, { plugin: p.name, adapter });
    }
  }

  const automation = new Automation(rt);
  automation.validateRobots(pipelines);
  const crm = makeView(rt, automation, () => rt.actor(), null, makeQuickTimes(rt, quick));
  automation.systemCrm = crm.as('system');

  for (const p of plugins) {
    try {
      for (const [name, handler] of Object.entries(p.hooks ?? {})) rt.hooks.on(name as HookName, handler as never, p.name, p.order);
    } catch (e) {
      automation.stop();
      await store.close().catch(() => undefined);
      throw e;
    }
    if (p.setup) {
      const scoped = Object.assign(Object.create(crm) as PluginCrm, { hooks: rt.hooks.forPlugin(p.name, p.order) });
      try {
        await p.setup(scoped);
      } catch (cause) {
        await store.close().catch(() => undefined);
        throw cause instanceof PluginError && cause.plugin === p.name ? cause : new PluginError(p.name, 'setup', cause);
      }
    }
  }
  store.subscribe((changes) => {
    const byTable = new Map<string, { ids: string[]; remote: boolean }>();
    for (const c of changes) {
      const entry = byTable.get(c.table) ?? { ids: [], remote: Boolean(c.remote) };
      entry.ids.push(c.id);
      byTable.set(c.table, entry);
    }
    for (const [table, { ids, remote }] of byTable) rt.emit('change', { table, ids, remote });
  });
  store.onFault?.((error) => rt.emit('storage:error', error));
  if (options.automationIntervalMs !== false) automation.start(options.automationIntervalMs ?? 30_000);
  return crm;
}

/** Validates the quick-time options (before anything is opened). */
function quickConfig(options: CrmOptions, locale: string): { own: readonly QuickTime[]; calendar: Required<WorkCalendar> } {
  const own = options.quickTimes ? validate(z.array(QuickTimeSchema).check(z.minLength(1)), options.quickTimes, locale, 'quickTimes') : DEFAULT_QUICK_TIMES;
  const cal = options.workCalendar ? validate(WorkCalendarSchema, options.workCalendar, locale, 'workCalendar') : {};
  return { own, calendar: { dayStart: cal.dayStart ?? '10:00', weekend: cal.weekend ?? weekendOf(locale) } };
}

function makeQuickTimes(rt: Runtime, { own, calendar }: ReturnType<typeof quickConfig>): QuickTimes {
  const list = (pipelineId?: string): QuickTime[] => [...((pipelineId ? rt.pipelines.get(pipelineId).quickTimes : undefined) ?? own)];
  return {
    calendar,
    list,
    dueAt(id, { pipelineId, from } = {}) {
      const time = list(pipelineId).find((q) => q.id === id);
      if (!time) throw new NotFoundError('quick time', id);
      return quickTimeDue(time, from ?? rt.now(), calendar);
    },
  };
}
