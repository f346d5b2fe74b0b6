import { localize, type Activity, type Deal, type Lead } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatRelative } from '../shared/format.js';
import type { LossReasonForm } from '../shared/loss-reason-form.js';
import type { CardHost } from './card-host.js';
import { CloseForm } from './close-form.js';
import { CompleteForm } from './complete-form.js';
import { ScheduleForm } from './schedule-form.js';
import { StepFormContext } from './step-form-context.js';

/**
 * The next-step panel, the heart of the card: the pending steps with their
 * due times (overdue marked) and, one at a time, one of three forms — set
 * the next step ({@link ScheduleForm}), complete a step ({@link CompleteForm}:
 * what happened, then a next step or closing — an open lead or deal is never
 * left with neither), or close a lead or deal with an outcome and reason
 * ({@link CloseForm}). @internal
 */
export class NextStepPanel {
  private readonly ctx: StepFormContext;
  private readonly scheduleForm: ScheduleForm;
  private readonly closeForm: CloseForm;
  private readonly completeForm: CompleteForm;

  /** `loss` asks why a record is closed as lost or junk: one for the close form, one for the completion form. */
  constructor(host: CardHost, loss: { close: LossReasonForm; complete: LossReasonForm }) {
    this.ctx = new StepFormContext(host);
    this.scheduleForm = new ScheduleForm(this.ctx);
    this.closeForm = new CloseForm(this.ctx, loss.close);
    this.completeForm = new CompleteForm(this.ctx, this.closeForm, loss.complete);
  }

  /** Forgets open forms (the card now shows another record). */
  reset(): void {
    this.scheduleForm.reset();
    this.completeForm.dismiss();
    this.closeForm.dismiss();
  }

  /** Schedules the next step from the panel's form, due at a quick time or (`custom`) the chosen date and time. */
  schedule(when: string): Promise<void> {
    return this.scheduleForm.schedule(when);
  }

  /** Opens the completion form of a pending step. */
  startComplete(activity: Activity): void {
    this.closeForm.dismiss();
    this.completeForm.open(activity);
  }

  /** Opens the close form (outcome and reason) of an open lead or deal. */
  startClose(): void {
    this.completeForm.dismiss();
    this.closeForm.open();
  }

  render(): TemplateResult | typeof nothing {
    const host = this.ctx.host;
    const data = host.data;
    if (!data) return nothing;
    const t = host.t;
    const now = this.ctx.now;
    const funnel = data.type === 'lead' || data.type === 'deal' ? (data.record as Lead | Deal) : undefined;
    const closed = Boolean(funnel && funnel.status !== 'open');
    const form = this.completeForm.activityId ? this.completeForm.render() : this.closeForm.draft ? this.closeForm.render() : closed ? nothing : this.scheduleForm.render(() => this.startClose());
    return html`<section part="next-step" class="next-step" aria-labelledby="next-step-h">
      <h3 aria-level=${host.headingLevel + 1} id="next-step-h" tabindex="-1">${t.nextStep}</h3>
      ${funnel && closed ? html`<p part="outcome" class="outcome">${this.outcomeText(funnel)}</p>` : nothing}
      ${data.pending.length
        ? html`<ul class="steps">${data.pending.map((a) => this.renderStep(a, now))}</ul>`
        : this.ctx.isOpenFunnel
          ? html`<p part="no-next-step" class="no-next-step" role="status"><strong>${t.noNextStep}</strong> ${t.noNextStepHint(data.type as 'lead' | 'deal')}</p>`
          : html`<p class="muted">${t.nothingScheduled}</p>`}
      ${form}
    </section>`;
  }

  private outcomeText(record: Lead | Deal): string {
    const host = this.ctx.host;
    const type = host.data?.type as 'lead' | 'deal';
    const reasonId = 'lostReason' in record ? record.lostReason : (record as Lead).closeReason;
    const reason = this.ctx.reasons().find((r) => r.id === reasonId);
    const comment = 'lostComment' in record ? record.lostComment : (record as Lead).closeComment;
    const text = host.t.closedStatus(type, record.status as 'won' | 'lost');
    return [text, reason ? localize(reason.name, host.uiLocale) : reasonId, comment].filter(Boolean).join(' — ');
  }

  private renderStep(a: Activity, now: Date): TemplateResult {
    const host = this.ctx.host;
    const t = host.t;
    const overdue = Date.parse(a.dueAt) < now.getTime();
    const locale = host.uiLocale;
    const busy = this.completeForm.activityId === a.id;
    return html`<li part=${overdue ? 'step step-overdue' : 'step'} class=${overdue ? 'step overdue' : 'step'}>
      <span class="step-type">${this.ctx.typeLabel(a.type)}</span>
      <strong class="step-title">${a.title}</strong>
      <span class="step-due">
        <time datetime=${a.dueAt}>${formatDateTime(a.dueAt, locale)}</time>
        <span class="muted">(${formatRelative(a.dueAt, now, locale)})</span>
        ${overdue ? html`<span part="overdue" class="badge overdue-badge">${t.overdue}</span>` : nothing}
      </span>
      <span class="muted step-assignee">${t.assignee(host.userName(a.assigneeId))}</span>
      ${busy
        ? nothing
        : html`<button type="button" part="button" data-complete=${a.id} @click=${() => this.startComplete(a)}>${t.complete}<span class="visually-hidden"> ${a.title}</span></button>`}
    </li>`;
  }
}
