/**
 * The analytics widgets: `<crm-funnel-report>`, `<crm-kpis>` and
 * `<crm-report>`. Classes are exported without registering tags; call each
 * `define…()` (or import the self-registering `dist/analytics-widgets.js`).
 *
 * @packageDocumentation
 */

export { CrmFunnelReport, defineFunnelReport, type FunnelModeChangeDetail } from './crm-funnel-report/crm-funnel-report.js';
export { FUNNEL_REPORT_NAMESPACE, type FunnelReportStrings } from './crm-funnel-report/strings.js';
export { CrmKpis, defineKpis, type KpisResult } from './crm-kpis/crm-kpis.js';
export { KPIS_NAMESPACE, type KpisStrings } from './crm-kpis/strings.js';
export { CrmReport, defineReport, type ReportExportDetail } from './crm-report/crm-report.js';
export { REPORT_NAMESPACE, type ReportStrings } from './crm-report/strings.js';
export { lossReasonsResult, sourcesResult, type ReportPreset, type PresetLabels } from './crm-report/presets.js';
export { AnalyticsElement } from './shared/analytics-element.js';
export { ANALYTICS_TRANSLATIONS, registerAnalyticsTranslations } from '../locales/analytics-translations.js';
export type { AnalyticsStrings } from '../locales/en.js';
