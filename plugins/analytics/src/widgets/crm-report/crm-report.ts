import { TranslationController } from '@crmkit/widgets';
import { html, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Analytics } from '../../create-analytics.js';
import type { ReportDefinition } from '../../reports/report-definition.js';
import { reportToCsv } from '../../reports/report-csv.js';
import type { ReportColumn, ReportResult, ReportValue } from '../../reports/run-report.js';
import { AnalyticsElement } from '../shared/analytics-element.js';
import { barChart } from '../shared/bar-chart.js';
import { formatAmount, formatNumber, formatPercent } from '../shared/format.js';
import { analyticsTheme } from '../shared/theme.js';
import { watchPreset, type ReportPreset } from './presets.js';
import { registerAnalyticsTranslations } from '../../locales/analytics-translations.js';
import { REPORT_NAMESPACE, type ReportStrings } from './strings.js';

/** `detail` of `crm-report-export`: a CSV is about to be downloaded (cancel the event to handle it yourself). */
export interface ReportExportDetail {
  /** The CSV text (with BOM, formula-safe). */
  csv: string;
  /** The suggested file name. */
  filename: string;
}

let ids = 0;

/**
 * `<crm-report>`: a report — a definition run over a report type
 * (`definition` property or JSON attribute), or a built-in preset
 * (`preset="loss-reasons"` or `"sources"`) — as a table and an SVG bar chart
 * of its first measure by its first group, with CSV export. Live.
 *
 * @tagname crm-report
 * @attr preset - `loss-reasons` or `sources` instead of a definition.
 * @attr pipeline - Pipeline of the `loss-reasons` preset (default: every deal pipeline).
 * @attr heading - Title shown above the report.
 * @fires crm-report-export - Before a CSV download; cancelable (`detail.csv`, `detail.filename`).
 * @csspart chart - The SVG chart.
 * @csspart table - The table.
 * @csspart export - The export button.
 * @csspart error - The error line.
 * @cssprop --crm-chart-bar - Bar colour.
 */
export class CrmReport extends AnalyticsElement<ReportResult> {
  static override styles = [analyticsTheme];

  protected readonly i18n = new TranslationController<ReportStrings>(this, REPORT_NAMESPACE);

  constructor() {
    super();
    registerAnalyticsTranslations();
  }

  /** The report definition (as a property, or a JSON attribute). */
  @property({ type: Object }) definition: ReportDefinition | undefined;
  /** A built-in report instead of a definition. */
  @property() preset: ReportPreset | undefined;
  /** Pipeline for the `loss-reasons` preset. */
  @property() pipeline: string | undefined;
  /** Title shown above the report. */
  @property() heading: string | undefined;

  @state() private notice = '';
  private readonly chartId = `crm-report-chart-${++ids}`;

  protected override watchedProperties(): readonly string[] {
    return [...super.watchedProperties(), 'definition', 'preset', 'pipeline'];
  }

  protected override subscribe(analytics: Analytics, emit: (r: ReportResult) => void, fail: (e: unknown) => void): () => void {
    if (this.preset) return watchPreset(analytics, this.preset, this.pipeline, this.period, () => this.i18n.t, emit, fail);
    if (!this.definition) throw new Error('<crm-report> needs a definition or a preset');
    return analytics.watch({ kind: 'report', definition: this.definition }, emit, { onError: fail });
  }

  private cell(c: ReportColumn, row: Record<string, ReportValue>, t: ReportStrings): string {
    const v = row[c.key] ?? null;
    const locale = this.uiLocale;
    if (v === null || v === '') return c.role === 'group' ? t.empty : '—';
    if (typeof v === 'boolean') return v ? t.yes : t.no;
    if (typeof v === 'string') return c.labels?.[v] ?? v;
    if (typeof v !== 'number') return String(v);
    if (c.format === 'percent') return formatPercent(v, locale);
    const currency = c.currencyCode ?? (c.currency ? row[c.currency] : undefined);
    if (c.type === 'money' && typeof currency === 'string') return formatAmount(v, currency, locale);
    return formatNumber(v, locale, 2);
  }

  /** Downloads the shown result as CSV (after a cancelable `crm-report-export`). */
  exportCsv(): void {
    if (!this.result) return;
    const t = this.i18n.t;
    const csv = reportToCsv(this.result);
    const filename = `${(this.preset ?? this.definition?.type ?? 'report').replace(/[^\w-]+/g, '-')}.csv`;
    const event = new CustomEvent<ReportExportDetail>('crm-report-export', { detail: { csv, filename }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) return;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.notice = t.exported(filename);
  }

  protected override render(): TemplateResult {
    const t = this.i18n.t;
    const title = this.heading ?? (this.preset ? t.titles[this.preset] : t.titles.report);
    const r = this.result;
    const group = r?.columns.find((c) => c.role === 'group');
    const measure = r?.columns.find((c) => c.role === 'measure' && c.type !== 'date');
    const bars =
      r && group && measure
        ? r.rows.slice(0, 30).map((row) => ({ label: [...r.columns.filter((c) => c.role === 'group')].map((c) => this.cell(c, row, t)).join(' · '), value: Math.max(0, Number(row[measure.key] ?? 0)), text: this.cell(measure, row, t) }))
        : [];
    return html`
      <h2>${title}</h2>
      <div class="toolbar">
        <button part="export" ?disabled=${!r || r.rows.length === 0} @click=${() => this.exportCsv()}>${t.export}</button>
        <span role="status" class="muted">${this.notice}</span>
      </div>
      ${this.status(t.loading)}
      ${r
        ? r.rows.length === 0
          ? html`<p role="status">${t.noRows}</p>`
          : html`
              ${bars.length ? barChart(this.chartId, t.chart(`${measure?.label ?? ''} — ${title}`), bars) : ''}
              <table part="table">
                <caption>${title} — ${t.rows(formatNumber(r.rows.length, this.uiLocale))}</caption>
                <thead><tr>${r.columns.map((c) => html`<th scope="col" class=${c.role === 'measure' ? 'num' : ''}>${c.label}</th>`)}</tr></thead>
                <tbody>
                  ${r.rows.map((row) => html`<tr>${r.columns.map((c, i) => (i === 0 ? html`<th scope="row">${this.cell(c, row, t)}</th>` : html`<td class=${c.role === 'measure' ? 'num' : ''}>${this.cell(c, row, t)}</td>`))}</tr>`)}
                </tbody>
              </table>`
        : ''}
    `;
  }
}

/** Registers `<crm-report>` (or your own tag name for the same class). */
export function defineReport(tag = 'crm-report'): void {
  if (!customElements.get(tag)) customElements.define(tag, class extends CrmReport {});
}
