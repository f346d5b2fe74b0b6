// Every string of @crmkit/plugin-analytics in English: one module per locale, each widget's
// strings under its registry namespace. English defines the shape (`AnalyticsStrings`); every
// other locale module is typed by it, so a missing or misspelt key is a compile error.
import { FUNNEL_REPORT_NAMESPACE, type FunnelReportStrings } from '../widgets/crm-funnel-report/strings.js';
import { KPIS_NAMESPACE, type KpisStrings } from '../widgets/crm-kpis/strings.js';
import { REPORT_NAMESPACE, type ReportStrings } from '../widgets/crm-report/strings.js';

/** Every string of @crmkit/plugin-analytics, by translation registry namespace. */
export type AnalyticsStrings = {
  readonly [FUNNEL_REPORT_NAMESPACE]: FunnelReportStrings;
  readonly [KPIS_NAMESPACE]: KpisStrings;
  readonly [REPORT_NAMESPACE]: ReportStrings;
};

/** English. */
export const en: AnalyticsStrings = {
  /** `<crm-funnel-report>`. */
  [FUNNEL_REPORT_NAMESPACE]: {
    title: (p) => `Funnel: ${p}`,
    mode: 'Count records',
    modes: { reached: 'that reached a stage', entered: 'that entered a stage', snapshot: 'where they are now' },
    stage: 'Stage',
    count: 'Records',
    conversion: 'To next stage',
    cumulative: 'Of the first stage',
    value: 'Value',
    chart: (p, m) => `Funnel chart of ${p}, records ${m}; the table below has the same figures`,
    summary: (t, w, l, o) => `Created in the period: ${t}. Won: ${w}, lost: ${l}, still open: ${o}.`,
    loading: 'Loading the funnel…',
    empty: 'No records were created in this period.',
  },
  /** `<crm-kpis>`. */
  [KPIS_NAMESPACE]: {
    title: 'Key figures',
    winRate: 'Win rate',
    averageDealSize: 'Average deal',
    cycleDays: 'Sales cycle',
    days: (n) => `${n} days`,
    open: 'Open deals',
    won: 'Won',
    lost: 'Lost',
    velocity: 'Sales velocity',
    perDay: (m) => `${m} a day`,
    weighted: 'Weighted pipeline',
    managers: 'By manager',
    manager: 'Manager',
    leads: 'Leads',
    revenue: 'Revenue',
    activitiesDone: 'Steps done',
    overdue: 'Overdue steps',
    missingNextStep: 'No next step',
    chart: 'Deals won by manager; the table has the same figures',
    loading: 'Loading the figures…',
  },
  /** `<crm-report>`. */
  [REPORT_NAMESPACE]: {
    titles: { 'loss-reasons': 'Why deals are lost', sources: 'Sources → revenue', report: 'Report' },
    export: 'Export CSV', exported: (f) => `Saved ${f}`, chart: (t) => `Chart: ${t}; the table has the same figures`, rows: (n) => `${n} rows`,
    noRows: 'Nothing matches this report.', loading: 'Loading the report…', yes: 'yes', no: 'no', empty: '(empty)',
    reason: 'Reason', count: 'Count', share: 'Share', value: 'Value', source: 'Source', campaign: 'Campaign', leads: 'Leads', converted: 'Converted', won: 'Won', revenue: 'Revenue',
  },
};
