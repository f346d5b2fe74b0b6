/**
 * @crmkit/widgets — Lit web components for crmkit: the lead form for site
 * visitors, the funnel board and the client card for sales staff. Classes
 * are exported without registering tags; call each `define…()` (or import
 * the self-registering bundles in `dist/`) to register them.
 *
 * @packageDocumentation
 */

// ── lead form (issue: lead capture) ──
export { CrmLeadForm } from './lead-form/crm-lead-form.js';
export { defineLeadForm } from './lead-form/define.js';
export { captureAttribution, readAttribution, type Attribution } from './lead-form/attribution.js';
export { type LeadFormStrings } from './lead-form/strings.js';
export { LEAD_FORM_STRINGS } from './lead-form/all-strings.js';
export { OutboxDrainer, Outbox, OUTBOX_DB, pageDrainer, type OutboxRecord, type DrainerOptions, type DeliveryEvent } from './lead-form/delivery.js';
export { restConnector, type RestConnectorOptions } from './lead-form/rest-connector.js';
export { localStoreConnector } from './lead-form/local-connector.js';
export { backoffDelay } from './lead-form/backoff.js';
export type {
  LeadFormCustomField,
  LeadSubmitDetail,
  LeadCreatedDetail,
  LeadQueuedDetail,
  LeadErrorDetail,
  LeadFormEventMap,
  BeforeSubmit,
  LeadFormState,
  DeliveryTiming,
} from './lead-form/types.js';

// ── funnel board (issue: sales workspace) ──
export { CrmFunnelBoard, defineFunnelBoard, type StageChangeDetail, type CardOpenDetail, type PipelineChangeDetail, type MoveCardOptions } from './funnel-board/crm-funnel-board.js';

// ── client card (issue: sales workspace) ──
export { CrmClientCard, defineClientCard } from './client-card/crm-client-card.js';
export type { RecordUpdatedDetail, NextStepScheduledDetail, RecordClosedDetail, ClientCardOpenDetail } from './client-card/client-card-events.js';
export { quickDueAt, QUICK_DUE_CHOICES, WORKDAY_START_HOUR, type QuickDue } from './client-card/next-step-times.js';

// ── planner (issue: widget platform) ──
export { CrmPlanner, type StepMoveDetail, type StepOpenDetail } from './planner/crm-planner.js';
export { definePlanner } from './planner/define-planner.js';
export type { PlannerView } from './planner/planner-model.js';

// ── platform: live data and translations (for every widget, including plugins') ──
export { LiveQueryController, type LiveQueryControllerOptions, type LiveQueryStatus } from './live/live-query-controller.js';
export { registerTranslation, registerTranslationDefaults, translate, localeChain, resolveTranslationLocale, hasTranslation, onTranslationsChanged, FALLBACK_LOCALE, type StringTable, type TranslationBundle } from './i18n/translation-registry.js';
export { TranslationController, type TranslatedHost } from './i18n/translation-controller.js';
export { intlTag } from './i18n/intl-tag.js';
export { createTranslationRegistrar } from './i18n/translation-registrar.js';
export { pseudoLocale } from './i18n/pseudo-locale.js';
export { BUILTIN_TRANSLATIONS, registerBuiltinTranslations, type WidgetStrings } from './locales/builtin-translations.js';

// ── shared ──
export { baseTheme } from './shared/theme.js';
