import type { $ZodType } from 'zod/v4/core';
import { PluginError, ValidationError } from './errors.js';
import type { Crm } from './crm.js';
import type { HookHandler, HookName, FunnelRecordType } from './hooks/hook-map.js';
import type { Hooks, PluginOrder } from './hooks/hook-host.js';
import type { RecordType } from './schemas/activity.js';
import type { Deal } from './schemas/deal.js';
import type { Lead } from './schemas/lead.js';
import type { Pipeline, Stage } from './schemas/pipeline.js';

/** What a robot's `run` receives. */
export interface RobotContext {
  /** The CRM, acting as `system` (robots are not limited by the current user's role). */
  crm: Crm;
  /** The record that entered the stage, as stored when the robot starts. */
  record: Lead | Deal;
  /** `lead` or `deal`. */
  recordType: FunnelRecordType;
  /** The stage the robot is attached to. */
  stage: Stage;
  /** The record's pipeline. */
  pipeline: Pipeline;
  /** Aborted when the robot's deadline passes. */
  signal: AbortSignal;
  /** The CRM clock's current time. */
  now: Date;
}

/** A robot type: the step a stage can run when a record enters it. */
export interface RobotType<P = Record<string, unknown>> {
  /** Validates the robot's `params` (when the pipeline is loaded, so mistakes show at start-up). */
  params?: $ZodType<P>;
  /** Does the work. Throwing reports a `PluginError` (hook `robot:<type>`); the stage move stands. */
  run(ctx: RobotContext, params: P): void | Promise<void>;
}

/** An outgoing message for a channel. */
export interface OutgoingMessage {
  /** Address in the channel's terms: phone, email, chat id. */
  to: string;
  /** Message text. */
  text: string;
  /** Subject, for channels that have one. */
  subject?: string;
  /** The record it is about. */
  recordType?: RecordType;
  /** The record it is about. */
  recordId?: string;
}

/** A communication channel a plugin provides (email, messenger, webhook, another CRM). */
export interface ChannelAdapter {
  /** Sends one message; throws on failure. May return details to keep on the `message_out` entry (e.g. `{ messageId }`). */
  send(message: OutgoingMessage, ctx: { signal: AbortSignal }): Promise<void | Record<string, unknown>>;
}

/** The CRM a plugin's `setup` receives: `hooks` registrations belong to the plugin. */
export type PluginCrm = Omit<Crm, 'hooks'> & { hooks: Hooks };

/**
 * Robot types by name, each `run` receiving the params its `params` schema
 * produces: `R` maps robot type → params type (inferred by {@link definePlugin}).
 */
export type PluginRobots<R extends Record<string, unknown> = Record<string, unknown>> = { [K in keyof R]: RobotType<R[K]> };

/** Declarative hook handlers, as an alternative to `crm.hooks.on` in `setup`. */
export type PluginHooks = { [K in HookName]?: HookHandler<K> };

/** A plugin's definition. */
export interface Plugin {
  /** Unique name; errors from the plugin carry it. */
  name: string;
  /** `pre` plugins run first, `post` last; then registration order. */
  order?: PluginOrder;
  /** Custom fields per record type, each validated by its schema. */
  fields?: Partial<Record<RecordType, Record<string, $ZodType>>>;
  /** Robot types this plugin adds. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  robots?: Record<string, RobotType<any>>;
  /** Channels this plugin adds (used by the `send-message` robot). */
  channels?: Record<string, ChannelAdapter>;
  /** Pipelines to add, or a function that returns the changed list (to add stages to existing pipelines). */
  pipelines?: Pipeline[] | ((current: Pipeline[]) => Pipeline[]);
  /** Hook handlers. */
  hooks?: PluginHooks;
  /** Runs once when the CRM is created, after every plugin's fields, robots and pipelines are registered. */
  setup?(crm: PluginCrm): void | Promise<void>;
}

const RECORD_TYPES: readonly string[] = ['contact', 'company', 'lead', 'deal'];
const PLUGIN_KEYS = new Set(['name', 'order', 'fields', 'robots', 'channels', 'pipelines', 'hooks', 'setup']);

/** True for a zod schema (classic or mini): what `fields` and robot `params` must be. */
function isZodSchema(value: unknown): value is $ZodType {
  return typeof value === 'object' && value !== null && typeof (value as { _zod?: { def?: unknown } })._zod?.def === 'object';
}

/** Checks a plugin's name and order; throws `ValidationError` naming the field. */
function checkIdentity(plugin: Plugin): void {
  if (!plugin || typeof plugin !== 'object') {
    throw new ValidationError([{ path: ['plugin'], code: 'invalid_type', message: 'Expected a plugin object { name, … } (made with definePlugin)' }], 'plugin');
  }
  if (typeof plugin.name !== 'string' || !/^[a-z0-9@][\w@/.-]*$/i.test(plugin.name)) {
    throw new ValidationError([{ path: ['name'], code: 'invalid', message: `Expected a plugin name: an identifier like "invoice" or "@acme/invoice", got ${JSON.stringify(plugin.name) ?? String(plugin.name)}` }], 'plugin');
  }
  if (plugin.order !== undefined && plugin.order !== 'pre' && plugin.order !== 'post') {
    throw new ValidationError([{ path: ['order'], code: 'invalid_option', message: `Plugin "${plugin.name}": expected order to be one of: pre, post (or no order)` }], `plugin "${plugin.name}"`);
  }
}

/**
 * Checks a plugin definition the way `createCrm` registers it, so a mistake
 * fails at start-up with a `PluginError` naming the plugin and the part
 * (`fields`, `robots`, `channels`, `hooks`, `setup`) instead of surfacing
 * later as a confusing failure: a field for an unknown record type, a field
 * or robot `params` that is not a zod schema, a robot without `run`, a
 * channel without `send`, a hook handler that is not a function, or an
 * unknown top-level key (a typo such as `hook:`). Hook *names* are checked
 * when handlers are registered (a plugin may use hooks another declares).
 * @internal
 */
export function checkPluginDefinition(plugin: Plugin): void {
  checkIdentity(plugin);
  const fail = (part: string, message: string): never => {
    throw new PluginError(plugin.name, part, new Error(message));
  };
  for (const key of Object.keys(plugin)) {
    if (!PLUGIN_KEYS.has(key)) fail('definition', `unknown key "${key}"; expected one of: ${[...PLUGIN_KEYS].join(', ')}`);
  }
  for (const [type, fields] of Object.entries(plugin.fields ?? {})) {
    if (!RECORD_TYPES.includes(type)) fail('fields', `fields for unknown record type "${type}"; expected one of: ${RECORD_TYPES.join(', ')}`);
    for (const [name, schema] of Object.entries(fields ?? {})) {
      if (!isZodSchema(schema)) fail('fields', `custom field ${type}.${name}: expected a zod schema (e.g. z.string()), got ${typeof schema}`);
    }
  }
  for (const [type, robot] of Object.entries(plugin.robots ?? {})) {
    if (!robot || typeof robot !== 'object') fail('robots', `robot "${type}": expected { params?, run }`);
    if (typeof robot.run !== 'function') fail('robots', `robot "${type}" has no run(ctx, params) function`);
    if (robot.params !== undefined && !isZodSchema(robot.params)) fail('robots', `robot "${type}": expected params to be a zod schema (e.g. z.object({ … }))`);
  }
  for (const [name, channel] of Object.entries(plugin.channels ?? {})) {
    if (!channel || typeof channel.send !== 'function') fail('channels', `channel "${name}" has no send(message, ctx) function`);
  }
  for (const [name, handler] of Object.entries(plugin.hooks ?? {})) {
    if (typeof handler !== 'function') fail('hooks', `hook "${name}": expected a handler function`);
  }
  if (plugin.pipelines !== undefined && typeof plugin.pipelines !== 'function' && !Array.isArray(plugin.pipelines)) fail('pipelines', 'expected a list of pipelines or a function that changes the list');
  if (plugin.setup !== undefined && typeof plugin.setup !== 'function') fail('setup', 'expected setup to be a function');
}

/**
 * Defines a plugin. It only checks the definition and returns it typed; the
 * CRM registers it when passed in `createCrm({ plugins })`. Each robot's
 * `run` gets its `params` typed from the robot's zod `params` schema.
 */
export function definePlugin<R extends Record<string, unknown> = Record<string, never>>(plugin: Omit<Plugin, 'robots'> & { robots?: PluginRobots<R> }): Plugin {
  checkIdentity(plugin as Plugin);
  return plugin as Plugin;
}
