import type { Crm, TableName } from '@crmkit/core';
import { indexOf, type AnalyticsIndex } from './engine/analytics-index.js';
import { funnel } from './engine/funnel.js';
import { managers } from './engine/managers.js';
import { lossReasons, metrics } from './engine/metrics.js';
import { scopeOf } from './engine/scope.js';
import { sources } from './engine/sources.js';
import { defaultTimeZone } from './reports/date-bucket.js';
import { checkDefinition, type ReportDefinition } from './reports/report-definition.js';
import { labelColumns } from './reports/report-labels.js';
import { reportTypesOf } from './reports/report-registry.js';
import type { ReportRow, ReportType } from './reports/report-type.js';
import { currencyColumns, runReport, type ReportResult } from './reports/run-report.js';
import type { FunnelQuery, FunnelResult, LossReasonRow, ManagerRow, MetricsResult, Period, PipelineQuery, SourceRow } from './types.js';

/** Options of {@link createAnalytics}. */
export interface AnalyticsOptions {
  /** IANA time zone of date buckets; default the runtime's (the user's, in a browser). */
  timeZone?: string;
  /** Language of the names in results (stages, reasons, report columns, validation messages); default the CRM's. */
  locale?: string;
}

/** What `analytics.watch` can keep live, and with which query. */
export type WatchSpec =
  | ({ kind: 'funnel' } & FunnelQuery)
  | ({ kind: 'metrics' } & PipelineQuery)
  | ({ kind: 'lossReasons' } & PipelineQuery)
  | ({ kind: 'sources' } & Period)
  | ({ kind: 'managers' } & Period)
  | { kind: 'report'; definition: ReportDefinition };

/** The result a watch of each kind delivers. */
export interface WatchResults {
  /** `funnel`. */
  funnel: FunnelResult;
  /** `metrics`. */
  metrics: MetricsResult;
  /** `lossReasons`. */
  lossReasons: LossReasonRow[];
  /** `sources`. */
  sources: SourceRow[];
  /** `managers`. */
  managers: ManagerRow[];
  /** `report`. */
  report: ReportResult;
}

/** Options of `analytics.watch`. */
export interface AnalyticsWatchOptions {
  /** Called when a recomputation fails (bad query, store closed). */
  onError?: (error: unknown) => void;
}

/** Reports over one CRM, as its acting user may see them. */
export interface Analytics {
  /** The funnel of the records created in `[from, to)` in a pipeline. */
  funnel(query: FunnelQuery): Promise<FunnelResult>;
  /** Won, lost, win rate, average deal size, cycle, velocity and weighted pipeline. */
  metrics(query: PipelineQuery): Promise<MetricsResult>;
  /** Records lost in `[from, to)` by reason. */
  lossReasons(query: PipelineQuery): Promise<LossReasonRow[]>;
  /** Leads created in `[from, to)` by source and campaign, with the deals they became. */
  sources(period: Period): Promise<SourceRow[]>;
  /** Per owner: leads, wins, revenue, win rate, next steps. */
  managers(period: Period): Promise<ManagerRow[]>;
  /** Runs a report definition; throws `ValidationError` naming the bad field. */
  run(definition: ReportDefinition): Promise<ReportResult>;
  /** The report types available (built-in and registered). */
  reportTypes(): ReportType[];
  /** Calls `listener` with the result now and after every change that may alter it. Returns a stop function. */
  watch<S extends WatchSpec>(spec: S, listener: (result: WatchResults[S['kind']]) => void, options?: AnalyticsWatchOptions): () => void;
  /** Resolves once the index holds every change seen so far. */
  ready(): Promise<void>;
  /**
   * Writes the columnar index to the store now (it is also written about a
   * second after it is built and at most every 30 s while changes arrive), so
   * the next session opens it instead of re-reading every record — e.g. on
   * `pagehide`. Does nothing for stores without a change log.
   */
  persist(): Promise<void>;
}

interface RowCache {
  rows: readonly ReportRow[];
  valid: boolean;
}
const rowCaches = new WeakMap<object, Map<string, RowCache>>();

function cacheFor(crm: Crm): Map<string, RowCache> {
  let cache = rowCaches.get(crm.store);
  if (!cache) {
    const c = new Map<string, RowCache>();
    cache = c;
    rowCaches.set(crm.store, c);
    const types = reportTypesOf(crm);
    crm.store.subscribe((changes) => {
      const tables = new Set(changes.map((x) => x.table));
      for (const [key, entry] of c) {
        const type = types.get(key.slice(0, key.indexOf('\u0000')));
        if (!type || type.tables.some((t) => tables.has(t))) entry.valid = false;
      }
    });
  }
  return cache;
}

/**
 * Analytics over `crm`: every call reads the columnar index of its store
 * (built once, kept current from the change feed) and counts only what
 * `crm`'s acting user may see (`createAnalytics(crm.as('ann'))` is Ann's view).
 */
export function createAnalytics(crm: Crm, options: AnalyticsOptions = {}): Analytics {
  const index: AnalyticsIndex = indexOf(crm.store, crm.pipelines.list());
  const timeZone = options.timeZone ?? defaultTimeZone();
  const locale = options.locale ?? crm.locale;
  const types = reportTypesOf(crm);
  const cache = cacheFor(crm);

  const rowsOf = async (type: ReportType): Promise<readonly ReportRow[]> => {
    const key = `${type.id}\u0000${crm.currentUser?.id ?? 'system'}`;
    const hit = cache.get(key);
    if (hit?.valid) return hit.rows;
    const entry: RowCache = { rows: [], valid: true };
    cache.set(key, entry);
    entry.rows = await type.rows(crm);
    return entry.rows;
  };

  const analytics: Analytics = {
    async funnel(query) {
      await index.ready();
      return funnel(index, scopeOf(crm, index), query, locale);
    },
    async metrics(query) {
      await index.ready();
      return metrics(index, scopeOf(crm, index), query);
    },
    async lossReasons(query) {
      await index.ready();
      return lossReasons(index, scopeOf(crm, index), query, locale);
    },
    async sources(period) {
      await index.ready();
      return sources(index, scopeOf(crm, index), period);
    },
    async managers(period) {
      await index.ready();
      return managers(index, scopeOf(crm, index), period, crm.now().getTime(), crm.users.list());
    },
    async run(input) {
      const { definition, type } = checkDefinition(input, types, locale, currencyColumns);
      return labelColumns(runReport(definition, type, await rowsOf(type), definition.timeZone ?? timeZone, locale), type, crm, locale);
    },
    reportTypes: () => [...types.values()],
    ready: () => index.ready(),
    persist: () => index.persist(),
    watch(spec, listener, watchOptions = {}) {
      let stopped = false;
      let running = false;
      let again = false;
      const compute = (): Promise<unknown> => {
        switch (spec.kind) {
          case 'funnel':
            return analytics.funnel(spec);
          case 'metrics':
            return analytics.metrics(spec);
          case 'lossReasons':
            return analytics.lossReasons(spec);
          case 'sources':
            return analytics.sources(spec);
          case 'managers':
            return analytics.managers(spec);
          case 'report':
            return analytics.run(spec.definition);
        }
      };
      const run = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            try {
              const result = await compute();
              if (!stopped) listener(result as never);
            } catch (error) {
              if (!stopped) watchOptions.onError?.(error);
            }
          } while (again && !stopped);
        } finally {
          running = false;
        }
      };
      let unsubscribe: () => void;
      if (spec.kind === 'report') {
        const tables = new Set<TableName>(types.get(spec.definition.type)?.tables ?? ['deals', 'leads', 'activities', 'history']);
        unsubscribe = crm.store.subscribe((changes) => {
          if (!stopped && changes.some((c) => tables.has(c.table))) void run();
        });
      } else {
        unsubscribe = index.onChange(() => {
          if (!stopped) void run();
        });
      }
      void run();
      return () => {
        stopped = true;
        unsubscribe();
      };
    },
  };
  return analytics;
}
