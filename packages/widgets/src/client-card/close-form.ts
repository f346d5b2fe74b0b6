import type { Deal, Lead } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import type { LossReasonAnswer, LossReasonForm } from '../shared/loss-reason-form.js';
import type { StepFormContext } from './step-form-context.js';

/** The "close with an outcome" inputs; a loss's reason and comment live in its {@link LossReasonForm}. @internal */
export interface CloseDraft {
  outcome?: 'won' | 'lost';
  /** The shared loss-reason form that asks why (lead: junk, deal: lost). */
  loss: LossReasonForm;
  /** The checked reason and comment, once valid. */
  answer?: LossReasonAnswer;
  outcomeError?: string;
  error?: string;
  busy?: boolean;
}

/** An empty close draft over `loss` (cleared). @internal */
export const newClose = (loss: LossReasonForm): CloseDraft => {
  loss.reset();
  return { loss };
};

/**
 * Closing a lead or deal with an outcome: won (a deal won, a lead converted)
 * or lost with a reason from the pipeline (and a comment where the reason
 * asks for one), asked by the widgets' shared loss-reason form. The same
 * fields serve the completion form's "close" choice. @internal
 */
export class CloseForm {
  /** The open form's inputs; `undefined` while closed. */
  draft: CloseDraft | undefined;

  constructor(
    private readonly ctx: StepFormContext,
    private readonly loss: LossReasonForm,
  ) {}

  /** Opens the form (with `initial`, e.g. a failed close carried over from the completion form). */
  open(initial: CloseDraft = newClose(this.loss), focus = 'input[type=radio]'): void {
    this.draft = initial;
    this.ctx.host.requestUpdate();
    this.ctx.host.focusLater(`#close-form ${focus}`.trim());
  }

  /** Closes the form without saving. */
  dismiss(): void {
    this.draft = undefined;
  }

  private cancel(): void {
    this.draft = undefined;
    this.ctx.host.requestUpdate();
    this.ctx.host.focusLater('#close-open');
  }

  /** Checks a close draft, setting its field errors; true when it can be sent. */
  check(c: CloseDraft): boolean {
    delete c.outcomeError;
    delete c.answer;
    if (!c.outcome) {
      c.outcomeError = this.ctx.host.t.chooseOutcome;
      return false;
    }
    if (c.outcome === 'won') return true;
    const answer = c.loss.check(this.ctx.reasons());
    if (answer) c.answer = answer;
    return Boolean(answer);
  }

  /** Closes the lead or deal as `c` says: won (deal won, lead converted) or lost with a reason. */
  async close(c: CloseDraft): Promise<void> {
    const host = this.ctx.host;
    const { crm, data, t } = host;
    if (!crm || !data || (data.type !== 'lead' && data.type !== 'deal') || !c.outcome) return;
    const version = data.record.version;
    const reason = c.outcome === 'lost' ? c.answer?.reason : undefined;
    const comment = c.outcome === 'lost' ? c.answer?.comment : undefined;
    if (c.outcome === 'lost' && !reason) return;
    let record: Lead | Deal;
    if (data.type === 'deal') {
      record = c.outcome === 'won' ? await crm.deals.win(data.record.id, { version }) : await crm.deals.lose(data.record.id, { reason: reason as string, ...(comment ? { comment } : {}), version });
    } else {
      record = c.outcome === 'won' ? (await crm.leads.convert(data.record.id, { version })).lead : await crm.leads.close(data.record.id, { reason: reason as string, ...(comment ? { comment } : {}), version });
    }
    host.setRecord(record);
    host.announce(t.closedAnnouncement(data.type, c.outcome));
    host.fire('crm-record-closed', { recordType: data.type, record, outcome: c.outcome, ...(reason ? { reason } : {}), ...(comment ? { comment } : {}) });
  }

  private async submit(): Promise<void> {
    const host = this.ctx.host;
    const c = this.draft;
    if (!c || c.busy) return;
    delete c.error;
    if (!this.check(c)) {
      host.requestUpdate();
      host.focusLater('#close-form [aria-invalid="true"]');
      return;
    }
    c.busy = true;
    host.requestUpdate();
    try {
      await this.close(c);
      this.draft = undefined;
    } catch (err) {
      c.error = host.errorText(err);
    } finally {
      c.busy = false;
      host.requestUpdate();
    }
  }

  /** The outcome choice (its ids start with `prefix`), then for a loss the reason and comment. */
  renderFields(prefix: string, c: CloseDraft): TemplateResult {
    const { ctx } = this;
    const t = ctx.host.t;
    const type = ctx.host.data?.type as 'lead' | 'deal';
    return html`<fieldset aria-describedby=${c.outcomeError ? `${prefix}-outcome-error` : nothing}>
        <legend>${t.outcome}</legend>
        ${(['won', 'lost'] as const).map(
          (o) => html`<label class="choice">
            <input
              type="radio"
              name=${`${prefix}-outcome`}
              value=${o}
              .checked=${c.outcome === o}
              aria-invalid=${c.outcomeError ? 'true' : nothing}
              @change=${() => {
                c.outcome = o;
                ctx.host.requestUpdate();
              }}
            />
            ${t.outcomeLabel(type, o)}
          </label>`,
        )}
        ${c.outcomeError ? html`<p part="error" class="error" id=${`${prefix}-outcome-error`} role="alert">${c.outcomeError}</p>` : nothing}
      </fieldset>
      ${c.outcome === 'lost' ? c.loss.renderFields({ kind: type, reasons: ctx.reasons() }) : nothing}`;
  }

  /** The form, while open. */
  render(): TemplateResult | typeof nothing {
    const c = this.draft;
    if (!c) return nothing;
    const host = this.ctx.host;
    const t = host.t;
    const type = host.data?.type as 'lead' | 'deal';
    return html`<form
      novalidate
      part="close-form"
      class="panel-form"
      id="close-form"
      tabindex="-1"
      aria-labelledby="close-h"
      @submit=${(e: Event) => (e.preventDefault(), this.submit())}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancel()}
    >
      <h4 aria-level=${host.headingLevel + 2} id="close-h">${t.closeRecord(type)}</h4>
      ${c.error ? html`<p part="error" class="error" role="alert">${c.error}</p>` : nothing}
      ${this.renderFields('close', c)}
      <div class="actions">
        <button type="submit" part="button button-primary" class="primary" ?disabled=${c.busy}>${t.confirmClose(type)}</button>
        <button type="button" part="button" @click=${() => this.cancel()}>${t.cancel}</button>
      </div>
    </form>`;
  }
}
