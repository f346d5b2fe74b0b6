import { definePlugin, type Plugin } from '@crmkit/core';
import { indexOf } from './engine/analytics-index.js';
import { registerReportType } from './reports/report-registry.js';
import type { ReportType } from './reports/report-type.js';

/** Options of {@link analyticsPlugin}. */
export interface AnalyticsPluginOptions {
  /** Report types to add to the built-in ones. */
  reportTypes?: readonly ReportType[];
  /**
   * Keep the columnar index in the store between sessions (default true).
   * With a store that has a change log (`dexieStore`), the next session
   * opens the saved index and replays only what changed since — also changes
   * made without the analytics running — instead of re-reading every
   * record. Other stores rebuild it on open either way.
   */
  persistIndex?: boolean;
}

/**
 * The analytics plugin: registers report types and starts building the
 * columnar index as soon as the CRM opens, so the first report is quick.
 * (`createAnalytics(crm)` also works without it, building the index on
 * first use.)
 */
export function analyticsPlugin(options: AnalyticsPluginOptions = {}): Plugin {
  return definePlugin({
    name: 'analytics',
    setup(crm) {
      for (const type of options.reportTypes ?? []) registerReportType(crm, type);
      indexOf(crm.store, crm.pipelines.list(), { persist: options.persistIndex ?? true });
    },
  });
}
