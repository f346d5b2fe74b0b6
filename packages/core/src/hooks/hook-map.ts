import type { Activity, RecordType } from '../schemas/activity.js';
import type { Company } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead, LeadInput } from '../schemas/lead.js';
import type { Pipeline, Stage } from '../schemas/pipeline.js';
import type { LocalizedText } from '../i18n/locale.js';

/** A hook whose handlers run in sequence, each may return a changed payload. */
export interface TransformHook<T> {
  /** Discriminant. */
  kind: 'transform';
  /** Payload type. */
  payload: T;
}
/** A hook whose handlers run in sequence; the first `{ cancel }` refuses the operation. */
export interface GuardHook<T> {
  /** Discriminant. */
  kind: 'guard';
  /** Payload type. */
  payload: T;
}
/** A hook whose handlers run after the fact, in parallel; failures are reported, never undo anything. */
export interface EventHook<T> {
  /** Discriminant. */
  kind: 'event';
  /** Payload type. */
  payload: T;
}

/** Any stored record a hook may see. */
export type AnyRecord = Contact | Company | Lead | Deal;

/** A record type with a funnel. */
export type FunnelRecordType = 'lead' | 'deal';

/**
 * Every hook by name. Plugins declare their own by augmenting this interface:
 *
 * ```ts
 * declare module '@crmkit/core' {
 *   interface HookMap { 'invoice:issued': EventHook<{ dealId: string; invoiceNo: string }> }
 * }
 * crm.hooks.declare('invoice:issued', 'event');
 * ```
 */
export interface HookMap {
  /** Transform: before a contact, company, lead or deal is validated and created. Return a changed `input`. */
  'record:beforeCreate': TransformHook<{ type: RecordType; input: Record<string, unknown> }>;
  /** Transform: before an update is validated and applied. Return a changed `patch`. */
  'record:beforeUpdate': TransformHook<{ type: RecordType; record: AnyRecord; patch: Record<string, unknown> }>;
  /** Transform: a lead form is about to submit (spam checks, captcha tokens, enrichment). */
  'form:beforeSubmit': TransformHook<{ formId?: string; lead: LeadInput }>;
  /** Guard: a lead or deal is about to change stage. */
  'stage:beforeChange': GuardHook<{ type: FunnelRecordType; record: Lead | Deal; from: Stage; to: Stage; pipeline: Pipeline }>;
  /** Guard: a record is about to be removed. */
  'record:beforeRemove': GuardHook<{ type: RecordType; record: AnyRecord }>;
  /** Event: a record was created. */
  'record:created': EventHook<{ type: RecordType; record: AnyRecord }>;
  /** Event: a record was updated; `changes` maps field → `{ from, to }`. */
  'record:updated': EventHook<{ type: RecordType; record: AnyRecord; previous: AnyRecord; changes: Record<string, { from: unknown; to: unknown }> }>;
  /** Event: a record was removed. */
  'record:removed': EventHook<{ type: RecordType; record: AnyRecord }>;
  /** Event: a lead or deal changed stage (also when closed won/lost). */
  'stage:changed': EventHook<{ type: FunnelRecordType; record: Lead | Deal; from: Stage; to: Stage; pipeline: Pipeline }>;
  /** Event: a lead was converted. */
  'lead:converted': EventHook<{ lead: Lead; deal: Deal; contact: Contact; company?: Company }>;
  /** Event: a next step became overdue (after any hand-over). */
  'activity:overdue': EventHook<{ activity: Activity; previousAssigneeId: string; assigneeId: string }>;
  /** Event: a channel received a message. */
  'message:received': EventHook<{ channel: string; text: string; from?: string; recordType?: RecordType; recordId?: string }>;
}

/** A hook name. */
export type HookName = keyof HookMap;
/** The three hook kinds. */
export type HookKind = 'transform' | 'guard' | 'event';

/** What a guard returns to refuse. */
export interface GuardRefusal {
  /** The reason shown to the user. */
  cancel: LocalizedText;
}

/** Passed to every hook handler. */
export interface HookContext {
  /** The plugin the handler belongs to (`app` outside plugins). */
  plugin: string;
  /** The hook being run. */
  hook: string;
  /** Aborted when the hook's deadline passes: stop work and return. */
  signal: AbortSignal;
}

type Awaitable<T> = T | Promise<T>;
type PayloadOf<K extends HookName> = HookMap[K]['payload'];

/** The handler type for hook `K`, by its kind. */
export type HookHandler<K extends HookName> = HookMap[K] extends TransformHook<infer T>
  ? (payload: T, ctx: HookContext) => Awaitable<T | void | undefined>
  : HookMap[K] extends GuardHook<infer T>
    ? (payload: T, ctx: HookContext) => Awaitable<GuardRefusal | void | undefined>
    : (payload: PayloadOf<K>, ctx: HookContext) => Awaitable<void>;
