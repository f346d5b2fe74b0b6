import { TranslationController } from '@crmkit/widgets';
import { css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Analytics } from '../../create-analytics.js';
import type { ManagerRow, MetricsResult } from '../../types.js';
import { AnalyticsElement } from '../shared/analytics-element.js';
import { barChart } from '../shared/bar-chart.js';
import { formatMoney, formatNumber, formatPercent } from '../shared/format.js';
import { analyticsTheme } from '../shared/theme.js';
import { registerAnalyticsTranslations } from '../../locales/analytics-translations.js';
import { KPIS_NAMESPACE, type KpisStrings } from './strings.js';

/** What `<crm-kpis>` shows: the metrics, and (with `managers`) one row per manager. */
export interface KpisResult {
  /** Pipeline metrics. */
  metrics: MetricsResult;
  /** Per manager, when asked. */
  managers: ManagerRow[];
}

let ids = 0;

/**
 * `<crm-kpis>`: win rate, average deal, sales cycle, open deals, velocity and
 * weighted pipeline for a period, as tiles; with the `managers` attribute,
 * also a per-manager table (leads, wins, revenue, win rate, next steps) and
 * its SVG chart. Money stays per currency. Live.
 *
 * @tagname crm-kpis
 * @attr pipeline - A deal pipeline id (default: every deal pipeline).
 * @attr managers - Also show the per-manager table and chart.
 * @attr from - First instant of the period.
 * @attr to - First instant after it.
 * @csspart tile - One figure.
 * @csspart chart - The SVG chart.
 * @csspart table - The managers table.
 * @csspart error - The error line.
 * @cssprop --crm-chart-bar - Bar colour.
 */
export class CrmKpis extends AnalyticsElement<KpisResult> {
  static override styles = [
    analyticsTheme,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
        gap: var(--_space);
        margin: 0;
      }
      dl > div {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
      }
      dt {
        color: var(--_muted);
        font-size: 0.85em;
      }
      dd {
        margin: 2px 0 0;
        font-size: 1.25em;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      h3 {
        font-size: 1em;
        margin: calc(var(--_space) * 2) 0 var(--_space);
      }
    `,
  ];

  protected readonly i18n = new TranslationController<KpisStrings>(this, KPIS_NAMESPACE);

  constructor() {
    super();
    registerAnalyticsTranslations();
  }

  /** A deal pipeline id; unset: every deal pipeline. */
  @property() pipeline: string | undefined;
  /** Also show the per-manager table. */
  @property({ type: Boolean }) managers = false;

  private readonly chartId = `crm-kpis-chart-${++ids}`;

  protected override watchedProperties(): readonly string[] {
    return [...super.watchedProperties(), 'pipeline', 'managers'];
  }

  protected override subscribe(analytics: Analytics, emit: (r: KpisResult) => void, fail: (e: unknown) => void): () => void {
    const period = this.period;
    let metrics: KpisResult['metrics'] | undefined;
    let managers: ManagerRow[] | undefined = this.managers ? undefined : [];
    const both = () => {
      if (metrics && managers) emit({ metrics, managers });
    };
    const stopMetrics = analytics.watch({ kind: 'metrics', ...(this.pipeline ? { pipelineId: this.pipeline } : {}), ...period }, (m) => ((metrics = m), both()), { onError: fail });
    const stopManagers = this.managers ? analytics.watch({ kind: 'managers', ...period }, (r) => ((managers = r), both()), { onError: fail }) : () => {};
    return () => {
      stopMetrics();
      stopManagers();
    };
  }

  protected override render(): TemplateResult {
    const t = this.i18n.t;
    const locale = this.uiLocale;
    const m = this.result?.metrics;
    const n = (x: number) => formatNumber(x, locale);
    const tile = (label: string, value: string) => html`<div part="tile"><dt>${label}</dt><dd>${value}</dd></div>`;
    const rows = this.result?.managers ?? [];
    return html`
      <h2>${t.title}</h2>
      ${this.status(t.loading)}
      ${m
        ? html`<dl>
            ${tile(t.winRate, formatPercent(m.winRate, locale))} ${tile(t.averageDealSize, formatMoney(m.averageDealSize, locale))}
            ${tile(t.cycleDays, m.cycleDays === null ? '—' : t.days(formatNumber(m.cycleDays, locale, 1)))} ${tile(t.open, n(m.open))} ${tile(t.won, n(m.won))}
            ${tile(t.lost, n(m.lost))} ${tile(t.velocity, Object.keys(m.velocityPerDay).length ? t.perDay(formatMoney(m.velocityPerDay, locale)) : '—')}
            ${tile(t.weighted, formatMoney(m.weightedPipeline, locale))}
          </dl>`
        : ''}
      ${m && this.managers
        ? html`<h3>${t.managers}</h3>
            ${barChart(this.chartId, t.chart, rows.map((r) => ({ label: r.name, value: r.won, text: n(r.won) })))}
            <table part="table">
              <caption>${t.managers}</caption>
              <thead><tr><th scope="col">${t.manager}</th><th scope="col" class="num">${t.leads}</th><th scope="col" class="num">${t.won}</th><th scope="col" class="num">${t.revenue}</th><th scope="col" class="num">${t.winRate}</th><th scope="col" class="num">${t.activitiesDone}</th><th scope="col" class="num">${t.overdue}</th><th scope="col" class="num">${t.missingNextStep}</th></tr></thead>
              <tbody>
                ${rows.map((r) => html`<tr><th scope="row">${r.name}</th><td class="num">${n(r.leads)}</td><td class="num">${n(r.won)}</td><td class="num">${formatMoney(r.revenue, locale)}</td><td class="num">${formatPercent(r.winRate, locale)}</td><td class="num">${n(r.activitiesDone)}</td><td class="num">${n(r.overdue)}</td><td class="num">${n(r.missingNextStep)}</td></tr>`)}
              </tbody>
            </table>`
        : ''}
    `;
  }
}

/** Registers `<crm-kpis>` (or your own tag name for the same class). */
export function defineKpis(tag = 'crm-kpis'): void {
  if (!customElements.get(tag)) customElements.define(tag, class extends CrmKpis {});
}
