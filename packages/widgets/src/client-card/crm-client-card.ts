import { localize, type Crm, type Deal, type Lead, type RecordType } from '@crmkit/core';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseTheme } from '../shared/theme.js';
import { LossReasonForm, lossReasonFormStyles } from '../shared/loss-reason-form.js';
import { TranslationController } from '../i18n/translation-controller.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import type { CardData, CardRecord } from './card-data.js';
import { CardLiveData } from './card-live-data.js';
import { errorText } from './card-errors.js';
import type { CardHost } from './card-host.js';
import { clientCardStyles } from './client-card-styles.js';
import type { ClientCardStrings } from './client-card-strings.js';
import { DetailsEditor } from './details-editor.js';
import { NextStepPanel } from './next-step-panel.js';
import { parseRecordRef } from './record-ref.js';
import { leadName, renderRelated } from './related-list.js';
import { ReplyBox } from './reply-box.js';
import { SyncConflictController } from './sync-conflict-controller.js';
import { TimelineSection } from './timeline.js';


/**
 * The client card: one contact, company, lead or deal on one screen, built
 * around the question "what is the next step with this client?" — details
 * with inline editing (validation errors on the field, a conflict message
 * that keeps what the user typed), the next-step panel (quick due times;
 * completing a step requires a next step or closing an open lead/deal with
 * an outcome and reason), related records with their stages, and the
 * timeline with notes. Live: changes made elsewhere show up at once. Set
 * `record` and the `crm` property; register with `defineClientCard()`.
 *
 * @tagname crm-client-card
 *
 * @fires crm-record-updated - After a field edit was saved. `detail`: {@link RecordUpdatedDetail} (`recordType`, `record`).
 * @fires crm-next-step-scheduled - After a next step was scheduled (on its own or when completing a step). `detail`: {@link NextStepScheduledDetail} (`activity`).
 * @fires crm-record-closed - After a lead or deal was closed. `detail`: {@link RecordClosedDetail} (`recordType`, `record`, `outcome`, `reason?`, `comment?`).
 * @fires crm-message-sent - After a reply went out from the reply box. `detail`: `{ channel, recordType, recordId }`.
 * @fires crm-card-open - Cancelable: a related record was chosen; unless cancelled, the card shows it. `detail`: {@link ClientCardOpenDetail} (`recordType`, `id`).
 *
 * @csspart card - The card's outer box.
 * @csspart header - Record kind, name, stage and owner.
 * @csspart title - The record's name.
 * @csspart stage - The stage of a lead or deal.
 * @csspart status - Loading, not-found and error messages.
 * @csspart details - The details section.
 * @csspart field - One field row (also `field-editing` while edited).
 * @csspart field-label - A field's label.
 * @csspart field-value - A field's value or editor.
 * @csspart edit-button - A field's Edit button.
 * @csspart link - Phone, email and website links.
 * @csspart input - Every text input, select and text area.
 * @csspart button - Every button (also `button-primary` for the main action of a form).
 * @csspart error - A validation or action error message.
 * @csspart conflict - The "someone else changed this record" message.
 * @csspart next-step - The next-step panel.
 * @csspart step - A pending next step (also `step-overdue` when overdue).
 * @csspart overdue - The "Overdue" badge.
 * @csspart no-next-step - The warning on an open lead or deal with no next step.
 * @csspart outcome - How a closed lead or deal ended.
 * @csspart schedule-form - The form that sets the next step.
 * @csspart quick-button - The in-an-hour / tomorrow / in-3-days / next-week buttons.
 * @csspart complete-form - The form that completes a step.
 * @csspart follow-up - The "what next?" choice of the completion form.
 * @csspart close-form - The form that closes a lead or deal.
 * @csspart reply - The reply box (shown when the client wrote on a channel this CRM can send on).
 * @csspart reply-form - The reply box's form.
 * @csspart related - The related records section.
 * @csspart related-item - One related record.
 * @csspart timeline - The timeline section.
 * @csspart timeline-entry - One timeline entry.
 * @csspart note-form - The add-a-note form.
 *
 * @cssprop --crm-font - Font shorthand of the card.
 * @cssprop --crm-color-text - Text colour.
 * @cssprop --crm-color-surface - Background colour.
 * @cssprop --crm-color-muted - Secondary text colour.
 * @cssprop --crm-color-border - Border colour.
 * @cssprop --crm-color-accent - Links, primary buttons and focus ring.
 * @cssprop --crm-color-danger - Errors and the overdue mark.
 * @cssprop --crm-color-warning - The no-next-step warning.
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing unit.
 * @cssprop --crm-focus-ring - Focus outline.
 */
export class CrmClientCard extends LitElement {
  static override styles = [baseTheme, lossReasonFormStyles, clientCardStyles];

  /** Which record to show: `contact:ID`, `company:ID`, `lead:ID` or `deal:ID`. */
  @property({ reflect: true }) record = '';

  /** The CRM instance (`createCrm()`); the card reads and writes through it. */
  @property({ attribute: false }) crm: Crm | undefined;

  /** The card's language (`en`, `ru`, `zh`, `mn`, `uz`); default: the nearest `lang` attribute, else the browser's language. */
  @property() locale: string | undefined;

  /** The level of the card's title in the host page's outline (1–4, default 2); its sections are one and two levels deeper. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  private get level(): number {
    return Math.min(4, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  @state() private message = '';

  private ticker: ReturnType<typeof setInterval> | undefined;

  /** The record, its next steps, timeline and related lists, each on a live query. */
  private readonly live = new CardLiveData(this, () => ({ crm: this.crm, ref: parseRecordRef(this.record) }));

  private get current(): CardData | undefined {
    return this.live.data;
  }

  private readonly host: CardHost = this.hostAdapter();

  /** A save queued offline and refused on replay for a stale version reopens its fields with the conflict message. */
  private readonly conflicts = new SyncConflictController(this, () => ({ crm: this.crm, record: this.record }), {
    reopen: (patch, version) => this.details.replayConflict(patch, version),
    announce: () => this.announce(this.t.conflictShort),
  });

  private readonly details: DetailsEditor;
  private readonly nextStep: NextStepPanel;
  private readonly timeline: TimelineSection;
  private readonly reply: ReplyBox;

  constructor() {
    super();
    registerBuiltinTranslations();
    this.details = new DetailsEditor(this.host);
    this.nextStep = new NextStepPanel(this.host, { close: new LossReasonForm(this, 'close-loss'), complete: new LossReasonForm(this, 'cf-loss') });
    this.timeline = new TimelineSection(this.host);
    this.reply = new ReplyBox(this.host);
  }

  /** The narrow view of this element its parts work through. */
  private hostAdapter(): CardHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const el = this;
    return {
      requestUpdate: () => el.requestUpdate(),
      get crm() {
        return el.crm;
      },
      get data() {
        return el.current;
      },
      get uiLocale() {
        return el.uiLocale;
      },
      get t() {
        return el.t;
      },
      get headingLevel() {
        return el.level;
      },
      setRecord: (record) => el.live.setRecord(record),
      announce: (message) => el.announce(message),
      fire: (type, detail, cancelable = false) => el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable })),
      focusLater: (selector) => {
        void el.updateComplete.then(() => (el.renderRoot.querySelector(selector) as HTMLElement | null)?.focus());
      },
      userName: (id) => el.userName(id),
      errorText: (error) => errorText(error, el.t, el.uiLocale),
    };
  }

  private readonly i18n = new TranslationController<ClientCardStrings>(this, 'card');

  private get uiLocale(): string {
    return this.i18n.locale;
  }

  private get t(): ClientCardStrings {
    return this.i18n.t;
  }

  /**
   * Reads the record and everything around it again. Rarely needed: the card
   * follows every change by itself, row by row.
   */
  async reload(): Promise<void> {
    this.live.restart();
    await this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Due times turn overdue as time passes: re-render every minute.
    this.ticker = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('record') && changed.get('record') !== undefined && changed.get('record') !== this.record) {
      this.details.reset();
      this.nextStep.reset();
      this.timeline.reset();
      this.reply.reset();
    }
  }

  private announce(message: string): void {
    // Re-setting the same text would not be announced again; clear first.
    this.message = '';
    void this.updateComplete.then(() => {
      this.message = message;
    });
  }

  private userName(id: string): string {
    if (id === 'system') return this.t.system;
    if (id.startsWith('plugin:')) return this.t.plugin(id.slice(7));
    return this.crm?.users.list().find((u) => u.id === id)?.name ?? id;
  }

  private open(recordType: RecordType, id: string): void {
    if (this.host.fire('crm-card-open', { recordType, id }, true)) {
      this.record = `${recordType}:${id}`;
      void this.updateComplete.then(() => (this.renderRoot.querySelector('#card-title') as HTMLElement | null)?.focus());
    }
  }

  private displayName(data: CardData): string {
    const r = data.record as CardRecord & Record<string, unknown>;
    if (data.type === 'deal') return (r as unknown as Deal).title;
    if (data.type === 'lead') return leadName(r as unknown as Lead, this.t.untitledLead);
    return String(r['name'] ?? '');
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const data = this.current;
    const body = data ? this.renderCard(data) : this.renderStatus();
    return html`<article part="card" class="card" lang=${this.uiLocale} aria-labelledby=${data ? 'card-title' : nothing} aria-label=${data ? nothing : t.cardLabel}>
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.message}</div>
    </article>`;
  }

  private renderStatus(): TemplateResult {
    const t = this.t;
    switch (this.live.status) {
      case 'idle':
        if (!this.crm) return html`<p part="status" class="status notice" role="alert">${t.noCrm}</p>`;
        return html`<p part="status" class="status">${t.loading}</p>`;
      case 'loading':
        return html`<p part="status" class="status">${t.loading}</p>`;
      case 'invalid':
        return html`<p part="status" class="status notice">${t.invalidRecord}</p>`;
      case 'not-found':
        return html`<p part="status" class="status notice">${t.notFound}</p>`;
      case 'forbidden':
        return html`<p part="status" class="status notice">${t.forbidden}</p>`;
      default:
        return html`<p part="status" class="status notice">${t.loadFailed}
          <button type="button" part="button" @click=${() => this.reload()}>${t.retry}</button>
        </p>`;
    }
  }

  private renderCard(data: CardData): TemplateResult {
    const t = this.t;
    const funnel = data.type === 'lead' || data.type === 'deal' ? (data.record as Lead | Deal) : undefined;
    const description = data.stage?.description ? localize(data.stage.description, this.uiLocale) : '';
    return html`<header part="header" class="header">
        <p class="kind">${t.recordTypes[data.type]}</p>
        <h2 part="title" id="card-title" tabindex="-1" aria-level=${this.level}>${this.displayName(data)}</h2>
        ${funnel
          ? html`<p class="stage-line">
              ${data.pipeline ? html`<span>${localize(data.pipeline.name, this.uiLocale)}</span> · ` : nothing}
              <span part="stage" class="stage">${data.stage ? localize(data.stage.name, this.uiLocale) : funnel.stageId}</span>
              ${funnel.status !== 'open' ? html`<span class="badge status-${funnel.status}">${t.statusLabel(funnel.status)}</span>` : nothing}
            </p>`
          : nothing}
        ${description && funnel?.status === 'open'
          ? html`<details class="stage-help">
              <summary>${t.whatToDoHere}</summary>
              <p>${description}</p>
            </details>`
          : nothing}
        <p class="muted owner">${t.owner}: ${this.userName(data.record.ownerId)}</p>
      </header>
      <div class="layout">
        <div class="main">${this.nextStep.render()} ${this.details.render()}</div>
        <div class="side">${renderRelated(this.host, (type, id) => this.open(type, id))} ${this.reply.render()} ${this.timeline.render()}</div>
      </div>`;
  }
}

/** Registers `<crm-client-card>` (or `tagName`) unless that tag is already defined. Returns the tag name. */
export function defineClientCard(tagName = 'crm-client-card'): string {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends CrmClientCard {});
  return tagName;
}
