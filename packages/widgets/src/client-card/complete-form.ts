import type { Activity } from '@crmkit/core';
import type { LossReasonForm } from '../shared/loss-reason-form.js';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../shared/format.js';
import { toLocalDateTimeValue } from './next-step-times.js';
import { newClose, type CloseDraft, type CloseForm } from './close-form.js';
import { newStep, type StepDraft, type StepFormContext } from './step-form-context.js';

/** Completing a pending step: what happened, then what next. @internal */
interface CompleteDraft {
  activityId: string;
  result: string;
  resultError?: string;
  choice?: 'next' | 'close' | 'none';
  choiceError?: string;
  next: StepDraft;
  close: CloseDraft;
  error?: string;
  busy?: boolean;
}

/**
 * Completing a pending step: the result is required, then a next step
 * (scheduled in the same write), closing the lead or deal, or — only where
 * the rule allows it — nothing more. An open lead or deal is never left
 * with neither. @internal
 */
export class CompleteForm {
  private draft: CompleteDraft | undefined;

  constructor(
    private readonly ctx: StepFormContext,
    private readonly closeForm: CloseForm,
    private readonly loss: LossReasonForm,
  ) {}

  /** The step being completed, if the form is open. */
  get activityId(): string | undefined {
    return this.draft?.activityId;
  }

  /** Opens the form for a pending step. */
  open(activity: Activity): void {
    this.draft = { activityId: activity.id, result: '', next: newStep(), close: newClose(this.loss) };
    this.ctx.host.requestUpdate();
    this.ctx.host.focusLater('#cf-result');
  }

  /** Closes the form without saving. */
  dismiss(): void {
    this.draft = undefined;
  }

  private cancel(): void {
    const id = this.draft?.activityId;
    this.draft = undefined;
    this.ctx.host.requestUpdate();
    if (id) this.ctx.host.focusLater(`[data-complete="${id}"]`);
  }

  /** Which follow-ups the form offers, and whether one is required. */
  private followUps(activityId: string): { close: boolean; none: boolean } {
    const otherPending = (this.ctx.host.data?.pending ?? []).some((a) => a.id !== activityId);
    if (this.ctx.isOpenFunnel) return { close: true, none: otherPending };
    return { close: false, none: true };
  }

  private async submit(): Promise<void> {
    const { ctx } = this;
    const host = ctx.host;
    const { crm, data, t } = host;
    const c = this.draft;
    if (!crm || !data || !c || c.busy) return;
    delete c.resultError;
    delete c.choiceError;
    delete c.error;
    delete c.next.error;
    let ok = true;
    if (!c.result.trim()) {
      c.resultError = t.resultRequired;
      ok = false;
    }
    const allowed = this.followUps(c.activityId);
    if (!c.choice || (c.choice === 'close' && !allowed.close) || (c.choice === 'none' && !allowed.none)) {
      c.choiceError = ctx.isOpenFunnel ? t.followUpRequired(data.type as 'lead' | 'deal') : t.chooseFollowUp;
      ok = false;
    }
    let due: Date | undefined;
    if (c.choice === 'next') {
      const d = ctx.dueOf(c.next.when, c.next.at);
      if (typeof d === 'string') {
        c.next.error = d;
        ok = false;
      } else due = d;
    }
    if (c.choice === 'close' && !this.closeForm.check(c.close)) ok = false;
    if (!ok) {
      host.requestUpdate();
      host.focusLater('#complete-form [aria-invalid="true"]');
      return;
    }
    c.busy = true;
    host.requestUpdate();
    const result = c.result.trim();
    try {
      if (c.choice === 'next' && due) {
        const { next } = await crm.activities.complete(c.activityId, { result, next: { type: c.next.type, title: c.next.title.trim() || ctx.typeLabel(c.next.type), dueAt: due } });
        this.draft = undefined;
        host.announce(t.completedWithNext(next ? formatDateTime(next.dueAt, host.uiLocale) : ''));
        if (next) host.fire('crm-next-step-scheduled', { activity: next });
      } else {
        await crm.activities.complete(c.activityId, { result });
        this.draft = undefined;
        if (c.choice === 'close') {
          try {
            await this.closeForm.close(c.close);
          } catch (err) {
            // The step is done but the record could not be closed (a guard refused, someone moved it):
            // keep the close form open with the reason, so the record is not silently left without a next step.
            this.closeForm.open({ ...c.close, error: t.closeFailedAfterComplete(host.errorText(err)) }, '');
            return;
          }
        } else host.announce(t.completed);
      }
      host.focusLater('#next-step-h');
    } catch (err) {
      c.error = host.errorText(err);
    } finally {
      c.busy = false;
      host.requestUpdate();
    }
  }

  /** The "when" choice of the follow-up next step: the quick times or a chosen date and time. */
  private renderWhen(n: StepDraft): TemplateResult {
    const { ctx } = this;
    const t = ctx.host.t;
    return html`<fieldset class="when" aria-describedby=${n.error ? 'cf-when-error' : nothing}>
      <legend>${t.when}</legend>
      ${[...ctx.quickTimes, 'custom' as const].map(
        (q) => html`<label class="choice">
          <input
            type="radio"
            name="cf-when"
            value=${q === 'custom' ? q : q.id}
            .checked=${n.when === (q === 'custom' ? q : q.id)}
            aria-invalid=${n.error ? 'true' : nothing}
            @change=${() => {
              n.when = q === 'custom' ? q : q.id;
              delete n.error;
              ctx.host.requestUpdate();
            }}
          />
          ${q === 'custom' ? t.pickDateTime : html`${ctx.quickLabel(q)} <span class="hint">${ctx.quickHint(q)}</span>`}
        </label>`,
      )}
      ${n.when === 'custom'
        ? html`<div class="cell">
            <label for="cf-at">${t.dateTime}</label>
            <input id="cf-at" part="input" type="datetime-local" min=${toLocalDateTimeValue(ctx.now)} .value=${n.at} @input=${(e: Event) => (n.at = (e.target as HTMLInputElement).value)} />
          </div>`
        : nothing}
      ${n.error ? html`<p part="error" class="error" id="cf-when-error" role="alert">${n.error}</p>` : nothing}
    </fieldset>`;
  }

  /** The form, while open. */
  render(): TemplateResult | typeof nothing {
    const c = this.draft;
    if (!c) return nothing;
    const { ctx } = this;
    const t = ctx.host.t;
    const data = ctx.host.data;
    const activity = data?.pending.find((a) => a.id === c.activityId);
    const allowed = this.followUps(c.activityId);
    const type = data?.type;
    const choices: { value: 'next' | 'close' | 'none'; label: string }[] = [
      { value: 'next', label: t.followNext },
      ...(allowed.close ? [{ value: 'close' as const, label: t.closeRecord(type as 'lead' | 'deal') }] : []),
      ...(allowed.none ? [{ value: 'none' as const, label: ctx.isOpenFunnel ? t.followNoneOtherPending : t.followNone }] : []),
    ];
    const n = c.next;
    return html`<form
      novalidate
      part="complete-form"
      class="panel-form"
      id="complete-form"
      aria-labelledby="cf-h"
      @submit=${(e: Event) => (e.preventDefault(), this.submit())}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancel()}
    >
      <h4 aria-level=${ctx.host.headingLevel + 2} id="cf-h">${t.completingTitle(activity?.title ?? '')}</h4>
      <div class="cell">
        <label for="cf-result">${t.whatHappened}</label>
        <textarea
          id="cf-result"
          part="input"
          rows="2"
          aria-required="true"
          .value=${c.result}
          aria-invalid=${c.resultError ? 'true' : 'false'}
          aria-describedby=${c.resultError ? 'cf-result-error' : nothing}
          @input=${(e: Event) => (c.result = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${c.resultError ? html`<p part="error" class="error" id="cf-result-error" role="alert">${c.resultError}</p>` : nothing}
      </div>
      <fieldset part="follow-up" aria-describedby=${c.choiceError ? 'cf-choice-error' : nothing}>
        <legend>${t.whatNext}</legend>
        ${choices.map(
          (ch) => html`<label class="choice">
            <input
              type="radio"
              name="cf-choice"
              value=${ch.value}
              .checked=${c.choice === ch.value}
              aria-invalid=${c.choiceError ? 'true' : nothing}
              @change=${() => {
                c.choice = ch.value;
                delete c.choiceError;
                ctx.host.requestUpdate();
              }}
            />
            ${ch.label}
          </label>`,
        )}
        ${c.choiceError ? html`<p part="error" class="error" id="cf-choice-error" role="alert">${c.choiceError}</p>` : nothing}
      </fieldset>
      ${c.choice === 'next'
        ? html`<fieldset class="follow-next">
            <legend>${t.setNextStep}</legend>
            <div class="row">
              <div class="cell">${ctx.renderTypeSelect('cf-type', n)}</div>
              <div class="cell grow">${ctx.renderTitleInput('cf-title', n)}</div>
            </div>
            ${this.renderWhen(n)}
          </fieldset>`
        : nothing}
      ${c.choice === 'close' ? this.closeForm.renderFields('cf-close', c.close) : nothing}
      ${c.error ? html`<p part="error" class="error" role="alert">${c.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="button button-primary" class="primary" ?disabled=${c.busy}>${t.finishComplete}</button>
        <button type="button" part="button" @click=${() => this.cancel()}>${t.cancel}</button>
      </div>
    </form>`;
  }
}
