import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Crm } from '@crmkit/core';
import type { TranslationController } from '@crmkit/widgets';
import { createAnalytics, type Analytics } from '../../create-analytics.js';
import type { Period } from '../../types.js';

const DAY = 86_400_000;

/**
 * What the analytics widgets share: a `crm` property, `locale`, the period
 * (`from`/`to` attributes, `[from, to)`; default the 90 days up to now),
 * `time-zone`, and a live result from `analytics.watch` that follows every
 * change until the element leaves the page.
 */
export abstract class AnalyticsElement<R> extends LitElement {
  /** The CRM to report on (its acting user's view). */
  @property({ attribute: false }) crm: Crm | undefined;
  /** Language tag, e.g. `ru` or `ru-KZ` (default: the nearest `lang`, else the browser's). */
  @property({ reflect: true }) locale: string | undefined;
  /** First instant of the period (ISO date or time). */
  @property() from: string | undefined;
  /** First instant after the period (ISO date or time). */
  @property() to: string | undefined;
  /** IANA time zone of date buckets (default the browser's). */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** The latest result, `undefined` while loading. */
  @state() protected result: R | undefined;
  /** The latest error message. */
  @state() protected error = '';

  private stop: (() => void) | undefined;

  /** The element's strings from the widget translation registry (re-renders on a language switch). */
  protected abstract readonly i18n: TranslationController<object>;

  /** The tag numbers and money are formatted with (`Intl`). */
  protected get uiLocale(): string {
    return this.i18n.intl;
  }

  /** The period asked for. */
  protected get period(): Period {
    const now = this.crm?.now() ?? new Date();
    return { from: this.from ?? new Date(now.getTime() - 90 * DAY), to: this.to ?? now };
  }

  /** Starts watching what the element shows; calls `emit` with each result, `fail` with errors. Returns a stop function. */
  protected abstract subscribe(analytics: Analytics, emit: (result: R) => void, fail: (error: unknown) => void): () => void;

  /** Properties whose change restarts the watch. */
  protected watchedProperties(): readonly string[] {
    return ['crm', 'from', 'to', 'timeZone', 'locale'];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.crm && !this.stop) this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.watchedProperties().some((p) => changed.has(p as keyof this))) this.restart();
  }

  /** Stops the current watch and starts one for the current properties. */
  protected restart(): void {
    this.stop?.();
    this.stop = undefined;
    this.result = undefined;
    this.error = '';
    if (!this.crm || !this.isConnected) return;
    const fail = (e: unknown) => (this.error = e instanceof Error ? e.message : String(e));
    try {
      const analytics = createAnalytics(this.crm, { locale: this.uiLocale, ...(this.timeZone ? { timeZone: this.timeZone } : {}) });
      this.stop = this.subscribe(
        analytics,
        (result) => {
          this.error = '';
          this.result = result;
        },
        fail,
      );
    } catch (e) {
      fail(e);
    }
  }

  /** The error (announced) or the loading line, else `nothing`. */
  protected status(loading: string): TemplateResult | typeof nothing {
    if (this.error) return html`<p class="error" role="alert" part="error">${this.error}</p>`;
    if (this.result === undefined) return html`<p class="muted" role="status">${loading}</p>`;
    return nothing;
  }
}
