/**
 * @crmkit/core — the CRM SDK: contacts, companies, leads, deals, next steps,
 * funnels and the plugin hook API. No DOM: runs in browsers and Node.
 *
 * @packageDocumentation
 */

export { createCrm, type Crm, type CrmOptions, type UserDirectory } from './crm.js';
export { definePlugin, type Plugin, type PluginCrm, type PluginHooks, type RobotType, type RobotContext, type ChannelAdapter, type OutgoingMessage } from './plugin.js';
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { dexieStore, type DexieStoreOptions } from './store/dexie-store.js';
export { DEXIE_VERSIONS, type DexieSchemaVersion } from './store/dexie-schema.js';
export { STORE_INDEXES, TABLE_NAMES, type Store, type StoreOps, type StoreChange, type StoredRow, type TableName, type IndexQuery, type IndexValue } from './store/store.js';
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
  isCrmError,
  type CrmErrorByCode,
  type ValidationIssue,
} from './errors.js';
export type { HookMap, HookName, HookKind, HookHandler, HookContext, GuardRefusal, TransformHook, GuardHook, EventHook, AnyRecord, FunnelRecordType } from './hooks/hook-map.js';
export type { Hooks, GuardOutcome, PluginOrder } from './hooks/hook-host.js';
export type { CrmEvents, OverduePolicy } from './runtime.js';
export { DEFAULT_PIPELINES, LEADS_PIPELINE, SALES_PIPELINE } from './default-pipelines.js';
export { validate, check, ensureJitless } from './validate.js';
export { VALIDATION_MESSAGES, validationMessage, type ValidationMessageKey } from './i18n/validation-messages.js';
export { localize, resolveLocale, SUPPORTED_LOCALES, type Locale, type LocalizedText } from './i18n/locale.js';
export { normalizePhone, normalizeEmail, isPlausiblePhone, phoneKey, emailKey, DEFAULT_PHONE_COUNTRY, type PhoneCountry } from './phone.js';
export { parseDuration, isDuration, type Duration } from './duration.js';
export { newId } from './ids.js';

export { ContactSchema, ContactInputSchema, type Contact, type ContactInput } from './schemas/contact.js';
export { CompanySchema, CompanyInputSchema, type Company, type CompanyInput } from './schemas/company.js';
export { LeadSchema, LeadInputSchema, LeadFieldsSchema, ConsentSchema, RecordStatusSchema, type Lead, type LeadInput, type Consent, type RecordStatus } from './schemas/lead.js';
export { DealSchema, DealInputSchema, type Deal, type DealInput } from './schemas/deal.js';
export { ActivitySchema, ActivityInputSchema, ActivityTypeSchema, RecordTypeSchema, type Activity, type ActivityInput, type ActivityType, type RecordType } from './schemas/activity.js';
export { HistoryEntrySchema, HistoryTypeSchema, type HistoryEntry, type HistoryType } from './schemas/history.js';
export { UserSchema, RoleSchema, type User, type Role } from './schemas/user.js';
export { PipelineSchema, StageSchema, LossReasonSchema, RobotConfigSchema, StageGuardSchema, type Pipeline, type Stage, type LossReason, type RobotConfig, type StageGuard } from './schemas/pipeline.js';
export { SourceSchema, PhoneSchema, EmailSchema, WebUrlSchema, LocalizedTextSchema, type Source, type RecordBase } from './schemas/common.js';

export { RecordService, type ListQuery, type UpdateOptions, type WatchOptions } from './services/record-service.js';
export { FunnelService, type MoveOptions, type FunnelRecord } from './services/funnel-service.js';
export { ContactService } from './services/contact-service.js';
export { CompanyService } from './services/company-service.js';
export { LeadService, type ConvertOptions, type ConversionResult, type CloseOptions } from './services/lead-service.js';
export { DealService, type LoseOptions } from './services/deal-service.js';
export { ActivityService, type ActivityQuery, type CompleteOptions, type MissingNextStep } from './services/activity-service.js';
export { HistoryService, type HistoryAddInput } from './services/history-service.js';
export type { ImportBatchRow, ImportBatchOptions, ImportRowOutcome, DuplicateMode } from './services/bulk-import.js';
export { undoImportBatch, type UndoImportResult } from './services/import-undo.js';
export { ChannelService, type IncomingMessage } from './services/channel-service.js';
export { PipelineRegistry } from './services/pipeline-registry.js';
export { Automation, type AutomationJob, type RunDueResult } from './automation/automation.js';
export { BUILTIN_ROBOTS } from './automation/builtin-robots.js';
export type { Actor } from './services/actor.js';
export { parseRetryAfter, isRetryableStatus, type LeadConnector, type LeadSubmission, type DeliveryOutcome } from './intake/lead-connector.js';
export { createIntakeHandler, type IntakeHandler, type IntakeHandlerOptions, type IntakeRateLimit, type IntakeResult } from './intake/intake-handler.js';
