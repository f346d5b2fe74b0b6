import type { FunnelMode } from '../../types.js';

/** Every string `<crm-funnel-report>` shows (namespace {@link FUNNEL_REPORT_NAMESPACE}; the tables are in `src/locales/`). */
export interface FunnelReportStrings {
  /** Heading, with the pipeline name. */
  title: (pipeline: string) => string;
  mode: string;
  modes: Record<FunnelMode, string>;
  stage: string;
  count: string;
  conversion: string;
  cumulative: string;
  value: string;
  /** Title of the chart image. */
  chart: (pipeline: string, mode: string) => string;
  /** One line about the cohort (formatted counts). */
  summary: (total: string, won: string, lost: string, open: string) => string;
  loading: string;
  empty: string;
}

/** The translation registry namespace of these strings (the tables are in `src/locales/`). */
export const FUNNEL_REPORT_NAMESPACE = 'crm-funnel-report';
