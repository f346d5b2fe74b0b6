import type { $ZodType } from 'zod/v4/core';
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
  /** Sends one message; throws on failure. */
  send(message: OutgoingMessage, ctx: { signal: AbortSignal }): Promise<void>;
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

/**
 * Defines a plugin. It only checks the definition and returns it typed; the
 * CRM registers it when passed in `createCrm({ plugins })`. Each robot's
 * `run` gets its `params` typed from the robot's zod `params` schema.
 */
export function definePlugin<R extends Record<string, unknown> = Record<string, never>>(plugin: Omit<Plugin, 'robots'> & { robots?: PluginRobots<R> }): Plugin {
  if (!plugin || typeof plugin.name !== 'string' || !/^[a-z0-9@][\w@/.-]*$/i.test(plugin.name)) {
    throw new TypeError(`definePlugin: "name" must be a non-empty identifier, got ${JSON.stringify(plugin?.name)}`);
  }
  if (plugin.order !== undefined && plugin.order !== 'pre' && plugin.order !== 'post') {
    throw new TypeError(`definePlugin(${plugin.name}): "order" must be 'pre', 'post' or undefined`);
  }
  return plugin;
}
