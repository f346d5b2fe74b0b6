/**
 * @crmkit/plugin-analytics — funnel conversion, win rate, velocity, loss
 * reasons, sources, managers and report types, computed in the browser (or
 * Node) over a columnar index kept live from the CRM's change feed.
 *
 * @packageDocumentation
 */

export { analyticsPlugin, type AnalyticsPluginOptions } from './analytics-plugin.js';
export { createAnalytics, type Analytics, type AnalyticsOptions, type AnalyticsWatchOptions, type WatchSpec, type WatchResults } from './create-analytics.js';
export type { Money, Period, FunnelMode, FunnelQuery, FunnelStage, FunnelResult, PipelineQuery, MetricsResult, LossReasonRow, SourceRow, ManagerRow } from './types.js';
export type { ReportType, ReportField, ReportFieldRef, ReportFieldType, ReportRow } from './reports/report-type.js';
export { ReportDefinitionSchema, FILTER_OPS, DATE_BUCKETS, MEASURE_OPS, type ReportDefinition, type ReportFilter, type ReportGroup, type ReportMeasure } from './reports/report-definition.js';
export { registerReportType } from './reports/report-registry.js';
export { BUILTIN_REPORT_TYPES } from './reports/builtin-report-types.js';
export type { ReportResult, ReportColumn, ReportValue } from './reports/run-report.js';
export { reportToCsv, type CsvOptions } from './reports/report-csv.js';
export { bucketOf, type DateBucket } from './reports/date-bucket.js';
