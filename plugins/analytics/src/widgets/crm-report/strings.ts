import type { PresetLabels } from './presets.js';

/** Every string `<crm-report>` shows (namespace {@link REPORT_NAMESPACE}; the tables are in `src/locales/`). */
export interface ReportStrings extends PresetLabels {
  titles: { 'loss-reasons': string; sources: string; report: string };
  export: string;
  /** Announced after a download. */
  exported: (file: string) => string;
  /** Title of the chart image. */
  chart: (title: string) => string;
  /** Row count in the caption (formatted). */
  rows: (n: string) => string;
  noRows: string;
  loading: string;
  yes: string;
  no: string;
  empty: string;
}

/** The translation registry namespace of these strings (the tables are in `src/locales/`). */
export const REPORT_NAMESPACE = 'crm-report';
