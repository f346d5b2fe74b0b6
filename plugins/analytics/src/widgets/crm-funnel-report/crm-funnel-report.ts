import { TranslationController } from '@crmkit/widgets';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { localize } from '@crmkit/core';
import type { Analytics } from '../../create-analytics.js';
import type { FunnelMode, FunnelResult } from '../../types.js';
import { AnalyticsElement } from '../shared/analytics-element.js';
import { barChart } from '../shared/bar-chart.js';
import { formatMoney, formatNumber, formatPercent } from '../shared/format.js';
import { analyticsTheme } from '../shared/theme.js';
import { registerAnalyticsTranslations } from '../../locales/analytics-translations.js';
import { FUNNEL_REPORT_NAMESPACE, type FunnelReportStrings } from './strings.js';

/** `detail` of `crm-funnel-mode-change`: the user picked another counting mode. */
export interface FunnelModeChangeDetail {
  /** The mode now shown. */
  mode: FunnelMode;
}

let ids = 0;

/**
 * `<crm-funnel-report>`: the funnel of the records created in a period —
 * an SVG funnel chart and, as its accessible equivalent, a table of counts,
 * conversion to the next stage, share of the first stage and value per
 * currency. Live: it follows every change.
 *
 * @tagname crm-funnel-report
 * @attr pipeline - Pipeline id (default `sales`).
 * @attr mode - `reached` (default), `entered` or `snapshot`.
 * @attr from - First instant of the period.
 * @attr to - First instant after it.
 * @fires crm-funnel-mode-change - The user picked another mode (`detail.mode`).
 * @csspart chart - The SVG chart.
 * @csspart table - The figures table.
 * @csspart error - The error line.
 * @cssprop --crm-chart-bar - Bar colour.
 * @cssprop --crm-color-accent - Focus and accent colour.
 */
export class CrmFunnelReport extends AnalyticsElement<FunnelResult> {
  static override styles = [analyticsTheme];

  protected readonly i18n = new TranslationController<FunnelReportStrings>(this, FUNNEL_REPORT_NAMESPACE);

  constructor() {
    super();
    registerAnalyticsTranslations();
  }

  /** Pipeline id. */
  @property() pipeline = 'sales';
  /** How records are counted at a stage. */
  @property() mode: FunnelMode = 'reached';

  private readonly chartId = `crm-funnel-chart-${++ids}`;

  protected override watchedProperties(): readonly string[] {
    return [...super.watchedProperties(), 'pipeline', 'mode'];
  }

  protected override subscribe(analytics: Analytics, emit: (r: FunnelResult) => void, fail: (e: unknown) => void): () => void {
    return analytics.watch({ kind: 'funnel', pipelineId: this.pipeline, mode: this.mode, ...this.period }, emit, { onError: fail });
  }

  private pick(e: Event): void {
    this.mode = (e.target as HTMLSelectElement).value as FunnelMode;
    this.dispatchEvent(new CustomEvent<FunnelModeChangeDetail>('crm-funnel-mode-change', { detail: { mode: this.mode }, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    const t = this.i18n.t;
    const locale = this.uiLocale;
    let name = this.pipeline;
    try {
      if (this.crm) name = localize(this.crm.pipelines.get(this.pipeline).name, locale);
    } catch {
      // Unknown pipeline: the error line says so.
    }
    const r = this.result;
    const n = (x: number) => formatNumber(x, locale);
    return html`
      <h2>${t.title(name)}</h2>
      <div class="toolbar">
        <label>${t.mode}
          <select .value=${this.mode} @change=${this.pick}>
            ${(['reached', 'entered', 'snapshot'] as const).map((m) => html`<option value=${m} ?selected=${m === this.mode}>${t.modes[m]}</option>`)}
          </select>
        </label>
      </div>
      ${this.status(t.loading)}
      ${r
        ? html`
            <p role="status">${r.total === 0 ? t.empty : t.summary(n(r.total), n(r.won), n(r.lost), n(r.open))}</p>
            ${barChart(this.chartId, t.chart(name, t.modes[r.mode]), r.stages.map((s) => ({ label: s.name, value: s.count, text: n(s.count) })), true)}
            <table part="table">
              <caption>${t.title(name)} — ${t.modes[r.mode]}</caption>
              <thead><tr><th scope="col">${t.stage}</th><th scope="col" class="num">${t.count}</th><th scope="col" class="num">${t.conversion}</th><th scope="col" class="num">${t.cumulative}</th><th scope="col" class="num">${t.value}</th></tr></thead>
              <tbody>
                ${r.stages.map((s) => html`<tr><th scope="row">${s.name}</th><td class="num">${n(s.count)}</td><td class="num">${formatPercent(s.conversion, locale)}</td><td class="num">${formatPercent(s.cumulative, locale)}</td><td class="num">${formatMoney(s.value, locale)}</td></tr>`)}
              </tbody>
            </table>`
        : ''}
    `;
  }
}

/** Registers `<crm-funnel-report>` (or your own tag name for the same class). */
export function defineFunnelReport(tag = 'crm-funnel-report'): void {
  if (!customElements.get(tag)) customElements.define(tag, class extends CrmFunnelReport {});
}
