import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { localize, type LossReason } from '@crmkit/core';
import { TranslationController, type TranslatedHost } from '../i18n/translation-controller.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import type { LossReasonFormStrings, LossRecordKind } from './loss-reason-strings.js';

/** What the user answered: a reason id from the pipeline's list, and a comment when one was written. */
export interface LossReasonAnswer {
  reason: string;
  comment?: string;
}

/** A widget that shows the loss-reason form (a Lit element with a `locale`). */
export type LossReasonFormHost = TranslatedHost & { readonly renderRoot: HTMLElement | DocumentFragment };

/** What {@link LossReasonForm.renderFields} needs. */
export interface LossReasonFieldsOptions {
  /** `lead` (closed as junk) or `deal` (lost). */
  kind: LossRecordKind;
  /** The pipeline's configured loss reasons. */
  reasons: readonly LossReason[];
}

/** What {@link LossReasonForm.renderForm} needs besides the fields. */
export interface LossReasonFormOptions extends LossReasonFieldsOptions {
  /** The title of the lead or deal being closed. */
  recordTitle: string;
  /** Called with the answer once it is valid. */
  onSubmit: (answer: LossReasonAnswer) => void;
  /** Called when the user cancels. */
  onCancel: () => void;
  /** Disables the confirm button while the close is being saved. */
  busy?: boolean;
}

/** Styles of the form; add them to the host element's `styles`. */
export const lossReasonFormStyles = css`
  .loss-form fieldset {
    border: 0;
    margin: 0 0 var(--_space, 8px);
    padding: 0;
  }
  .loss-form legend {
    font-weight: 600;
    margin-bottom: 4px;
  }
  .loss-form .reason {
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 2px 0;
  }
  .loss-form textarea {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 4em;
    margin-top: 2px;
    border: 1px solid var(--_border, #ccc);
    border-radius: var(--_radius, 4px);
    padding: 4px;
    font: inherit;
  }
  .loss-form [aria-invalid='true'] {
    border-color: var(--_danger, #b00020);
  }
  .loss-form .error {
    color: var(--_danger, #b00020);
    margin: 4px 0;
  }
`;

/**
 * The one loss-reason form of the widgets: the reasons the pipeline
 * configures as radio buttons, a comment box (required for a reason such as
 * "Other"), errors on the field they concern, and lead or deal wording
 * ("Why is “X” junk? … Close as junk" vs "Why was “X” lost? … Close as lost").
 * A small controller on its host: it keeps the draft, checks it the way the core does
 * (a reason from the list; a comment when the reason requires one) and
 * renders either the fields alone (to place inside a larger form) or a whole
 * form with a heading and buttons. Its strings are the registry's
 * `lossReason` namespace.
 *
 * ```ts
 * private loss = new LossReasonForm(this, 'loss');
 * render() {
 *   return this.loss.renderForm({ kind: 'deal', recordTitle: deal.title, reasons: pipeline.lossReasons,
 *     onSubmit: (answer) => crm.deals.lose(deal.id, answer), onCancel: () => this.close() });
 * }
 * ```
 */
export class LossReasonForm {
  /** The chosen reason id ('' while none is chosen). */
  reason = '';
  /** The comment as typed. */
  comment = '';
  /** The error shown under the reasons ('' for none). */
  reasonError = '';
  /** The error shown under the comment ('' for none). */
  commentError = '';

  private readonly i18n: TranslationController<LossReasonFormStrings>;

  constructor(
    private readonly host: LossReasonFormHost,
    /** Prefix of the element ids the form renders (unique within the host's shadow root). */
    readonly id = 'loss',
  ) {
    registerBuiltinTranslations();
    this.i18n = new TranslationController<LossReasonFormStrings>(host, 'lossReason');
  }

  /** The id of the form's heading (for a dialog's `aria-labelledby`). */
  get titleId(): string {
    return `${this.id}-title`;
  }

  /** The form's strings in the host's language. */
  get t(): LossReasonFormStrings {
    return this.i18n.t;
  }

  /** Clears the draft and its errors (call before showing the form for another record). */
  reset(): void {
    this.reason = '';
    this.comment = '';
    this.reasonError = '';
    this.commentError = '';
    this.host.requestUpdate();
  }

  /**
   * Checks the draft against `reasons`: returns the answer, or `undefined`
   * after setting the errors and moving focus to the first invalid field.
   */
  check(reasons: readonly LossReason[]): LossReasonAnswer | undefined {
    const t = this.t;
    const reason = reasons.find((r) => r.id === this.reason);
    const comment = this.comment.trim();
    this.reasonError = reason ? '' : t.chooseReason;
    this.commentError = reason?.requiresComment && !comment ? t.commentRequired : '';
    if (reason && !this.commentError) return comment ? { reason: reason.id, comment } : { reason: reason.id };
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`#${this.id}-fields [aria-invalid="true"]`)?.focus());
    return undefined;
  }

  /** The reason choices and the comment box, to place inside a form. */
  renderFields({ kind, reasons }: LossReasonFieldsOptions): TemplateResult {
    const t = this.t;
    const id = this.id;
    const selected = reasons.find((r) => r.id === this.reason);
    const needsComment = selected?.requiresComment === true;
    if (!reasons.length) return html`<p id="${id}-fields" class="error" role="alert">${t.noReasons(kind)}</p>`;
    return html`<div id="${id}-fields">
      <fieldset aria-describedby=${this.reasonError ? `${id}-reason-error` : nothing}>
        <legend>${t.reason}</legend>
        ${reasons.map(
          (r) => html`<label class="reason"
            ><input
              type="radio"
              name="${id}-reason"
              .value=${r.id}
              .checked=${live(r.id === this.reason)}
              aria-invalid=${this.reasonError ? 'true' : nothing}
              @change=${() => {
                this.reason = r.id;
                this.reasonError = '';
                if (!r.requiresComment) this.commentError = '';
                this.host.requestUpdate();
              }}
            />${localize(r.name, this.i18n.locale)}</label
          >`,
        )}
        ${this.reasonError ? html`<p id="${id}-reason-error" class="error" role="alert">${this.reasonError}</p>` : nothing}
      </fieldset>
      <label
        >${needsComment ? t.commentRequiredLabel : t.comment}
        <textarea
          .value=${live(this.comment)}
          ?required=${needsComment}
          aria-invalid=${this.commentError ? 'true' : 'false'}
          aria-describedby=${this.commentError ? `${id}-comment-error` : nothing}
          @input=${(e: Event) => {
            this.comment = (e.target as HTMLTextAreaElement).value;
            if (this.commentError && this.comment.trim()) {
              this.commentError = '';
              this.host.requestUpdate();
            }
          }}
        ></textarea>
      </label>
      ${this.commentError ? html`<p id="${id}-comment-error" class="error" role="alert">${this.commentError}</p>` : nothing}
    </div>`;
  }

  /** A whole form: heading, fields, Cancel and the confirm button; Escape cancels. */
  renderForm(options: LossReasonFormOptions): TemplateResult {
    const t = this.t;
    const { kind, reasons } = options;
    return html`<form
      class="loss-form"
      novalidate
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        options.onCancel();
      }}
      @submit=${(e: Event) => {
        e.preventDefault();
        const answer = this.check(reasons);
        if (answer) options.onSubmit(answer);
      }}
    >
      <h2 id=${this.titleId}>${t.title(options.recordTitle, kind)}</h2>
      ${this.renderFields(options)}
      <div class="actions">
        <button type="button" @click=${() => options.onCancel()}>${t.cancel}</button>
        <button type="submit" class="primary" ?disabled=${options.busy === true || !reasons.length}>${t.confirm(kind)}</button>
      </div>
    </form>`;
  }
}
