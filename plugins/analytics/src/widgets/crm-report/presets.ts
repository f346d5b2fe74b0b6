import type { Analytics } from '../../create-analytics.js';
import type { ReportColumn, ReportResult, ReportValue } from '../../reports/run-report.js';
import type { LossReasonRow, Money, Period, SourceRow } from '../../types.js';

/** Built-in reports `<crm-report preset="…">` can show besides a definition. */
export type ReportPreset = 'loss-reasons' | 'sources';

/** Column headers of the presets, per locale. */
export interface PresetLabels {
  reason: string;
  count: string;
  share: string;
  value: string;
  source: string;
  campaign: string;
  leads: string;
  converted: string;
  won: string;
  revenue: string;
}

function currencies(rows: readonly { [k: string]: unknown }[], key: string): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys((r[key] as Money | undefined) ?? {})))].sort();
}

function moneyColumns(prefix: string, label: string, codes: readonly string[]): ReportColumn[] {
  return codes.map((c) => ({ key: `${prefix}:${c}`, label: `${label}, ${c}`, role: 'measure', type: 'money', currencyCode: c }));
}

/** Loss reasons as a report result: one money column per currency (never added). */
export function lossReasonsResult(rows: readonly LossReasonRow[], l: PresetLabels): ReportResult {
  const codes = currencies(rows as never, 'value');
  const columns: ReportColumn[] = [
    { key: 'reason', label: l.reason, role: 'group', type: 'string' },
    { key: 'count', label: l.count, role: 'measure', type: 'number' },
    { key: 'share', label: l.share, role: 'measure', type: 'number', format: 'percent' },
    ...moneyColumns('value', l.value, codes),
  ];
  const out = rows.map((r) => {
    const row: Record<string, ReportValue> = { reason: r.name || r.reasonId || '—', count: r.count, share: r.share };
    for (const c of codes) row[`value:${c}`] = r.value[c] ?? null;
    return row;
  });
  return { type: 'loss-reasons', columns, rows: out, timeZone: 'UTC' };
}

/** Sources → revenue as a report result. */
export function sourcesResult(rows: readonly SourceRow[], l: PresetLabels): ReportResult {
  const codes = currencies(rows as never, 'revenue');
  const columns: ReportColumn[] = [
    { key: 'source', label: l.source, role: 'group', type: 'string' },
    { key: 'campaign', label: l.campaign, role: 'group', type: 'string' },
    { key: 'leads', label: l.leads, role: 'measure', type: 'number' },
    { key: 'converted', label: l.converted, role: 'measure', type: 'number' },
    { key: 'won', label: l.won, role: 'measure', type: 'number' },
    ...moneyColumns('revenue', l.revenue, codes),
  ];
  const out = rows.map((r) => {
    const row: Record<string, ReportValue> = { source: r.source || '—', campaign: r.campaign || null, leads: r.leads, converted: r.converted, won: r.won };
    for (const c of codes) row[`revenue:${c}`] = r.revenue[c] ?? null;
    return row;
  });
  return { type: 'sources', columns, rows: out, timeZone: 'UTC' };
}

/** Watches a preset and delivers it as a report result. */
export function watchPreset(analytics: Analytics, preset: ReportPreset, pipelineId: string | undefined, period: Period, labels: () => PresetLabels, emit: (r: ReportResult) => void, fail: (e: unknown) => void): () => void {
  if (preset === 'sources') return analytics.watch({ kind: 'sources', ...period }, (rows) => emit(sourcesResult(rows, labels())), { onError: fail });
  return analytics.watch({ kind: 'lossReasons', ...(pipelineId ? { pipelineId } : {}), ...period }, (rows) => emit(lossReasonsResult(rows, labels())), { onError: fail });
}
