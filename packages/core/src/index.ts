/**
 * @crmkit/core — the CRM SDK: contacts, companies, leads, deals, next steps,
 * funnels and the plugin hook API. No DOM: runs in browsers and Node.
 *
 * Smaller entry points serve code that needs only a part:
 * `@crmkit/core/form` (what a lead form validates with), `@crmkit/core/intake`
 * (the lead delivery contract and intake handler), `@crmkit/core/schemas`,
 * `@crmkit/core/i18n`, `@crmkit/core/phone`, and `@crmkit/core/testing`
 * (the store contract suite for adapter authors).
 *
 * @packageDocumentation
 */

// ── the CRM ──
export { createCrm, type Crm, type CrmOptions, type UserDirectory } from './crm.js';
export type { CrmEvents, OverduePolicy } from './runtime.js';

// ── records: schemas, types and the services that keep them ──
export { ContactSchema, ContactInputSchema, type Contact, type ContactInput } from './schemas/contact.js';
export { CompanySchema, CompanyInputSchema, type Company, type CompanyInput } from './schemas/company.js';
export { LeadSchema, LeadInputSchema, LeadFieldsSchema, ConsentSchema, RecordStatusSchema, type Lead, type LeadInput, type Consent, type RecordStatus } from './schemas/lead.js';
export { DealSchema, DealInputSchema, type Deal, type DealInput } from './schemas/deal.js';
export { ActivitySchema, ActivityInputSchema, ActivityTypeSchema, RecordTypeSchema, type Activity, type ActivityInput, type ActivityType, type RecordType } from './schemas/activity.js';
export { HistoryEntrySchema, HistoryTypeSchema, type HistoryEntry, type HistoryType } from './schemas/history.js';
export { UserSchema, RoleSchema, type User, type Role } from './schemas/user.js';
export { SourceSchema, HandlesSchema, type HandlesInput, PhoneSchema, EmailSchema, WebUrlSchema, LocalizedTextSchema, type Source, type RecordBase } from './schemas/common.js';
export type { RecordService, ListQuery, ListCursor, ListOptions, UpdateOptions, WatchOptions } from './services/record-service.js';
export { liveQuery, type LiveQuery, type LiveQuerySource, type LiveChange, type LiveListener, type LiveQueryOptions } from './live/live-query.js';
export type { ContactService } from './services/contact-service.js';
export type { CompanyService } from './services/company-service.js';
export type { LeadService, ConvertOptions, ConversionResult, CloseOptions } from './services/lead-service.js';
export type { DealService, LoseOptions } from './services/deal-service.js';
export type { ActivityService, ActivityQuery, CompleteOptions, MissingNextStep } from './services/activity-service.js';
export type { HistoryService, HistoryAddInput, HistoryQuery } from './services/history-service.js';
export type { ImportBatchRow, ImportBatchOptions, ImportRowOutcome, DuplicateMode } from './services/bulk-import.js';
export { indexDuplicateKeys, type DuplicateKeyIndex, type DuplicateKeyIndexOptions } from './services/duplicate-key-index.js';
export { undoImportBatch, type UndoImportResult } from './services/import-undo.js';
export type { ChannelService, IncomingMessage } from './services/channel-service.js';
export type { ContactsApi, CompaniesApi, LeadsApi, DealsApi, ActivitiesApi, HistoryApi, PipelinesApi, ChannelsApi, AutomationApi } from './services/service-apis.js';
export type { Actor } from './services/actor.js';
export { validate, check, ensureJitless } from './validate.js';
export { normalizePhone, phoneInCountry, isPhoneCountry, parsePhone, normalizeEmail, isEmailAddress, isPlausiblePhone, phoneKey, emailKey, DEFAULT_PHONE_COUNTRY, type PhoneCountry, type ParsedPhone } from './phone.js';
export { handleKey, handleKeys, normalizeHandle, type Handles } from './handles.js';

// ── pipelines: stages, guards, robots ──
export { PipelineSchema, StageSchema, LossReasonSchema, RobotConfigSchema, StageGuardSchema, type Pipeline, type Stage, type LossReason, type RobotConfig, type StageGuard } from './schemas/pipeline.js';
export { DEFAULT_PIPELINES, LEADS_PIPELINE, SALES_PIPELINE } from './default-pipelines.js';
export type { FunnelService, MoveOptions, FunnelRecord, FunnelCreateOptions, NextStepInput, StageSummary, FunnelSummary } from './services/funnel-service.js';
export type { PipelineRegistry } from './services/pipeline-registry.js';
export { DEFAULT_QUICK_TIMES, QuickTimeSchema, WorkCalendarSchema, quickTimeDue, weekendOf, type QuickTime, type QuickTimes, type WorkCalendar } from './quick-times.js';
export type { Automation, AutomationJob, RunDueResult } from './automation/automation.js';

// ── plugins and hooks ──
export { definePlugin, type Plugin, type PluginCrm, type PluginHooks, type PluginRobots, type RobotType, type RobotContext, type ChannelAdapter, type OutgoingMessage } from './plugin.js';
export type { HookMap, HookName, HookKind, HookHandler, HookContext, GuardRefusal, TransformHook, GuardHook, EventHook, AnyRecord, FunnelRecordType } from './hooks/hook-map.js';
export type { Hooks, GuardOutcome, PluginOrder } from './hooks/hook-host.js';

// ── the team server's client ──
export { remoteCrm, type RemoteCrm, type RemoteCrmOptions, type RemoteSync } from './remote/remote-crm.js';
export type { QueuedWrite, SyncFailure } from './remote/remote-outbox.js';

// ── stores ──
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { dexieStore, type DexieStoreOptions } from './store/dexie-store.js';
export { checkedPutTables } from './store/checked-put.js';
export { STORE_INDEXES, TABLE_NAMES, type Store, type StoreOps, type StoreChange, type LoggedStoreChange, type StoredRow, type TableName, type IndexQuery, type IndexValue, type ScanQuery, type CheckedPut, type BulkPutOptions } from './store/store.js';

// ── errors ──
export {
  CrmError,
  ValidationError,
  NotFoundError,
  ConflictError,
  StageTransitionError,
  OperationRefusedError,
  PluginError,
  ForbiddenError,
  StorageError,
  InternalError,
  NextStepRequiredError,
  isCrmError,
  type CrmErrorByCode,
  type ValidationIssue,
} from './errors.js';

// ── i18n ──
export { VALIDATION_MESSAGES, validationMessage, type ValidationMessageKey } from './i18n/validation-messages.js';
export { localize, resolveLocale, SUPPORTED_LOCALES, type Locale, type LocalizedText } from './i18n/locale.js';

// ── intake: lead delivery ──
export { parseRetryAfter, isRetryableStatus, type LeadConnector, type LeadSubmission, type DeliveryOutcome } from './intake/lead-connector.js';
export { createIntakeHandler, type IntakeHandler, type IntakeHandlerOptions, type IntakeRateLimit, type IntakeResult } from './intake/intake-handler.js';
export { IDEMPOTENCY_META_PREFIX, INTAKE_IDEMPOTENCY_TTL_MS } from './intake/idempotency-keys.js';
export { createFormToken, verifyFormToken, type FormTokenOptions, type FormTokenCheck, type FormTokenProblem, type FormTokenVerdict } from './intake/form-token.js';
export type { SpamSignal, IntakeFormTokenOptions } from './intake/spam-signals.js';
export { resolveClientAddress, type TrustProxy } from './intake/client-address.js';
