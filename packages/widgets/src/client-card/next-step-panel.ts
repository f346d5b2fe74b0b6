import { intlTag } from '../i18n/intl-tag.js';
import { DEFAULT_QUICK_TIMES, localize, type Activity, type ActivityType, type Deal, type Lead, type LossReason, type QuickTime } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatRelative } from '../shared/format.js';
import type { CardHost } from './card-host.js';
import { parseLocalDateTime, quickDueAt, toLocalDateTimeValue, type QuickDue } from './next-step-times.js';

const TYPES: readonly ActivityType[] = ['call', 'meeting', 'email', 'task'];

/** The "set the next step" inputs (standalone, or as the follow-up when completing a step). */
interface StepDraft {
  type: ActivityType;
  title: string;
  /** Chosen quick time, or `custom` for the date-time input (completion form only). */
  when?: string;
  /** `<input type="datetime-local">` value. */
  at: string;
  error?: string;
  busy?: boolean;
}

/** The "close with an outcome" inputs. */
interface CloseDraft {
  outcome?: 'won' | 'lost';
  reason: string;
  comment: string;
  outcomeError?: string;
  reasonError?: string;
  commentError?: string;
  error?: string;
  busy?: boolean;
}

/** Completing a pending step: what happened, then what next. */
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

const newStep = (): StepDraft => ({ type: 'call', title: '', at: '' });
const newClose = (): CloseDraft => ({ reason: '', comment: '' });

/**
 * The next-step panel, the heart of the card: the pending steps with their
 * due times (overdue marked), quick buttons to set the next one, completing
 * a step (what happened, then a next step or closing — an open lead or deal
 * is never left with neither), and closing a lead or deal with an outcome
 * and reason. @internal
 */
export class NextStepPanel {
  private step: StepDraft = newStep();
  private completing: CompleteDraft | undefined;
  private closing: CloseDraft | undefined;

  constructor(private readonly host: CardHost) {
  }

  /** Forgets open forms (the card now shows another record). */
  reset(): void {
    this.step = newStep();
    this.completing = undefined;
    this.closing = undefined;
  }

  /** The record is an open lead or deal: it must always have a next step or be closed. */
  private get isOpenFunnel(): boolean {
    const d = this.host.data;
    return Boolean(d && (d.type === 'lead' || d.type === 'deal') && (d.record as Lead | Deal).status === 'open' && d.pipeline);
  }

  private get now(): Date {
    return this.host.crm?.now() ?? new Date();
  }

  /** The quick times the CRM configures for this record's pipeline. */
  private get quickTimes(): readonly QuickTime[] {
    const crm = this.host.crm;
    const pipelineId = (this.host.data?.record as Partial<Lead | Deal> | undefined)?.pipelineId;
    return crm ? crm.quickTimes.list(pipelineId) : DEFAULT_QUICK_TIMES;
  }

  private quickDue(id: string): Date {
    const crm = this.host.crm;
    const pipelineId = (this.host.data?.record as Partial<Lead | Deal> | undefined)?.pipelineId;
    return crm ? crm.quickTimes.dueAt(id, { from: this.now, ...(pipelineId ? { pipelineId } : {}) }) : quickDueAt(id as QuickDue, this.now);
  }

  private quickLabel(q: QuickTime): string {
    return (this.host.t.quick as Partial<Record<string, string>>)[q.id] ?? localize(q.label ?? q.id, this.host.uiLocale);
  }

  private typeLabel(type: ActivityType): string {
    return this.host.t.activityTypes[type];
  }

  /** Due time of a step draft, or an error to show. */
  private dueOf(when: string | undefined, at: string): Date | string {
    const t = this.host.t;
    if (when === undefined) return t.chooseWhen;
    if (when !== 'custom') return this.quickDue(when);
    const due = parseLocalDateTime(at);
    if (!due) return t.chooseDateTime;
    if (due.getTime() <= this.now.getTime()) return t.timeInPast;
    return due;
  }

  /** Schedules the next step from the panel's form, due at a quick time or the chosen date and time. */
  async schedule(when: string): Promise<void> {
    const { crm, data, t } = this.host;
    const step = this.step;
    if (!crm || !data || step.busy) return;
    const due = this.dueOf(when, step.at);
    delete step.error;
    if (typeof due === 'string') {
      step.error = due;
      this.host.requestUpdate();
      this.host.focusLater(when === 'custom' ? '#ns-at' : '#ns-title');
      return;
    }
    step.busy = true;
    this.host.requestUpdate();
    try {
      const activity = await crm.activities.schedule({ recordType: data.type, recordId: data.record.id, type: step.type, title: step.title.trim() || this.typeLabel(step.type), dueAt: due });
      this.step = { ...newStep(), type: step.type };
      this.host.announce(t.scheduled(activity.title, formatDateTime(activity.dueAt, this.host.uiLocale)));
      this.host.fire('crm-next-step-scheduled', { activity });
    } catch (err) {
      step.error = this.host.errorText(err);
    } finally {
      step.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Opens the completion form of a pending step. */
  startComplete(activity: Activity): void {
    this.closing = undefined;
    this.completing = { activityId: activity.id, result: '', next: newStep(), close: newClose() };
    this.host.requestUpdate();
    this.host.focusLater('#cf-result');
  }

  private cancelComplete(): void {
    const id = this.completing?.activityId;
    this.completing = undefined;
    this.host.requestUpdate();
    if (id) this.host.focusLater(`[data-complete="${id}"]`);
  }

  /** Opens the close form (outcome and reason) of an open lead or deal. */
  startClose(): void {
    this.completing = undefined;
    this.closing = newClose();
    this.host.requestUpdate();
    this.host.focusLater('#close-form input[type=radio]');
  }

  private cancelClose(): void {
    this.closing = undefined;
    this.host.requestUpdate();
    this.host.focusLater('#close-open');
  }

  /** Checks a close draft; true when it can be sent. */
  private checkClose(c: CloseDraft): boolean {
    const t = this.host.t;
    delete c.outcomeError;
    delete c.reasonError;
    delete c.commentError;
    if (!c.outcome) c.outcomeError = t.chooseOutcome;
    else if (c.outcome === 'lost') {
      const reason = this.reasons().find((r) => r.id === c.reason);
      if (!reason) c.reasonError = t.chooseReason;
      else if (reason.requiresComment && !c.comment.trim()) c.commentError = t.commentRequired;
    }
    return !c.outcomeError && !c.reasonError && !c.commentError;
  }

  private reasons(): LossReason[] {
    return this.host.data?.pipeline?.lossReasons ?? [];
  }

  /** Closes the lead or deal: won (deal won, lead converted) or lost with a reason. */
  private async close(c: CloseDraft): Promise<void> {
    const { crm, data, t } = this.host;
    if (!crm || !data || (data.type !== 'lead' && data.type !== 'deal') || !c.outcome) return;
    const version = data.record.version;
    const reason = c.outcome === 'lost' ? c.reason : undefined;
    const comment = c.outcome === 'lost' && c.comment.trim() ? c.comment.trim() : undefined;
    let record: Lead | Deal;
    if (data.type === 'deal') {
      record = c.outcome === 'won' ? await crm.deals.win(data.record.id, { version }) : await crm.deals.lose(data.record.id, { reason: reason as string, ...(comment ? { comment } : {}), version });
    } else {
      record = c.outcome === 'won' ? (await crm.leads.convert(data.record.id, { version })).lead : await crm.leads.close(data.record.id, { reason: reason as string, ...(comment ? { comment } : {}), version });
    }
    this.host.setRecord(record);
    this.host.announce(t.closedAnnouncement(data.type, c.outcome));
    this.host.fire('crm-record-closed', { recordType: data.type, record, outcome: c.outcome, ...(reason ? { reason } : {}), ...(comment ? { comment } : {}) });
  }

  private async submitClose(): Promise<void> {
    const c = this.closing;
    if (!c || c.busy) return;
    delete c.error;
    if (!this.checkClose(c)) {
      this.host.requestUpdate();
      this.host.focusLater('#close-form [aria-invalid="true"]');
      return;
    }
    c.busy = true;
    this.host.requestUpdate();
    try {
      await this.close(c);
      this.closing = undefined;
    } catch (err) {
      c.error = this.host.errorText(err);
    } finally {
      c.busy = false;
      this.host.requestUpdate();
    }
  }

  /** Which follow-ups the completion form offers, and whether one is required. */
  private followUps(activityId: string): { close: boolean; none: boolean } {
    const data = this.host.data;
    const otherPending = (data?.pending ?? []).some((a) => a.id !== activityId);
    if (this.isOpenFunnel) return { close: true, none: otherPending };
    return { close: false, none: true };
  }

  /**
   * Completes the step: the result is required, then a next step (scheduled
   * in the same write), closing (complete, then win/lose/convert/junk), or —
   * only where the rule allows it — nothing more.
   */
  private async submitComplete(): Promise<void> {
    const { crm, data, t } = this.host;
    const c = this.completing;
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
      c.choiceError = this.isOpenFunnel ? t.followUpRequired(data.type as 'lead' | 'deal') : t.chooseFollowUp;
      ok = false;
    }
    let due: Date | undefined;
    if (c.choice === 'next') {
      const d = this.dueOf(c.next.when, c.next.at);
      if (typeof d === 'string') {
        c.next.error = d;
        ok = false;
      } else due = d;
    }
    if (c.choice === 'close' && !this.checkClose(c.close)) ok = false;
    if (!ok) {
      this.host.requestUpdate();
      this.host.focusLater('#complete-form [aria-invalid="true"]');
      return;
    }
    c.busy = true;
    this.host.requestUpdate();
    const result = c.result.trim();
    try {
      if (c.choice === 'next' && due) {
        const { next } = await crm.activities.complete(c.activityId, { result, next: { type: c.next.type, title: c.next.title.trim() || this.typeLabel(c.next.type), dueAt: due } });
        this.completing = undefined;
        this.host.announce(t.completedWithNext(next ? formatDateTime(next.dueAt, this.host.uiLocale) : ''));
        if (next) this.host.fire('crm-next-step-scheduled', { activity: next });
      } else {
        await crm.activities.complete(c.activityId, { result });
        this.completing = undefined;
        if (c.choice === 'close') {
          try {
            await this.close(c.close);
          } catch (err) {
            // The step is done but the record could not be closed (a guard refused, someone moved it):
            // keep the close form open with the reason, so the record is not silently left without a next step.
            this.closing = { ...c.close, error: t.closeFailedAfterComplete(this.host.errorText(err)) };
            this.host.focusLater('#close-form');
            return;
          }
        } else this.host.announce(t.completed);
      }
      this.host.focusLater('#next-step-h');
    } catch (err) {
      c.error = this.host.errorText(err);
    } finally {
      c.busy = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    const data = this.host.data;
    if (!data) return nothing;
    const t = this.host.t;
    const now = this.now;
    const funnel = data.type === 'lead' || data.type === 'deal' ? (data.record as Lead | Deal) : undefined;
    return html`<section part="next-step" class="next-step" aria-labelledby="next-step-h">
      <h3 aria-level=${this.host.headingLevel + 1} id="next-step-h" tabindex="-1">${t.nextStep}</h3>
      ${funnel && funnel.status !== 'open' ? html`<p part="outcome" class="outcome">${this.outcomeText(funnel)}</p>` : nothing}
      ${data.pending.length
        ? html`<ul class="steps">${data.pending.map((a) => this.renderStep(a, now))}</ul>`
        : this.isOpenFunnel
          ? html`<p part="no-next-step" class="no-next-step" role="status"><strong>${t.noNextStep}</strong> ${t.noNextStepHint(data.type as 'lead' | 'deal')}</p>`
          : html`<p class="muted">${t.nothingScheduled}</p>`}
      ${this.completing ? this.renderComplete(this.completing) : this.closing ? this.renderClose(this.closing) : funnel && funnel.status !== 'open' ? nothing : this.renderSchedule()}
    </section>`;
  }

  private outcomeText(record: Lead | Deal): string {
    const t = this.host.t;
    const type = this.host.data?.type as 'lead' | 'deal';
    const reasonId = 'lostReason' in record ? record.lostReason : (record as Lead).closeReason;
    const reason = this.reasons().find((r) => r.id === reasonId);
    const comment = 'lostComment' in record ? record.lostComment : (record as Lead).closeComment;
    const text = t.closedStatus(type, record.status as 'won' | 'lost');
    return [text, reason ? localize(reason.name, this.host.uiLocale) : reasonId, comment].filter(Boolean).join(' — ');
  }

  private renderStep(a: Activity, now: Date): TemplateResult {
    const t = this.host.t;
    const overdue = Date.parse(a.dueAt) < now.getTime();
    const locale = this.host.uiLocale;
    const busy = this.completing?.activityId === a.id;
    return html`<li part=${overdue ? 'step step-overdue' : 'step'} class=${overdue ? 'step overdue' : 'step'}>
      <span class="step-type">${this.typeLabel(a.type)}</span>
      <strong class="step-title">${a.title}</strong>
      <span class="step-due">
        <time datetime=${a.dueAt}>${formatDateTime(a.dueAt, locale)}</time>
        <span class="muted">(${formatRelative(a.dueAt, now, locale)})</span>
        ${overdue ? html`<span part="overdue" class="badge overdue-badge">${t.overdue}</span>` : nothing}
      </span>
      <span class="muted step-assignee">${t.assignee(this.host.userName(a.assigneeId))}</span>
      ${busy
        ? nothing
        : html`<button type="button" part="button" data-complete=${a.id} @click=${() => this.startComplete(a)}>${t.complete}<span class="visually-hidden"> ${a.title}</span></button>`}
    </li>`;
  }

  private renderTypeSelect(id: string, draft: StepDraft): TemplateResult {
    const t = this.host.t;
    return html`<label for=${id}>${t.stepType}</label>
      <select
        id=${id}
        part="input"
        @change=${(e: Event) => {
          draft.type = (e.target as HTMLSelectElement).value as ActivityType;
          this.host.requestUpdate();
        }}
      >
        ${TYPES.map((type) => html`<option value=${type} ?selected=${draft.type === type}>${this.typeLabel(type)}</option>`)}
      </select>`;
  }

  private renderTitleInput(id: string, draft: StepDraft): TemplateResult {
    const t = this.host.t;
    return html`<label for=${id}>${t.stepTitle}</label>
      <input id=${id} part="input" type="text" maxlength="300" placeholder=${this.typeLabel(draft.type)} .value=${draft.title} @input=${(e: Event) => (draft.title = (e.target as HTMLInputElement).value)} />`;
  }

  private quickHint(q: QuickTime): string {
    const due = this.quickDue(q.id);
    return new Intl.DateTimeFormat(intlTag(this.host.uiLocale), q.in !== undefined ? { timeStyle: 'short' } : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(due);
  }

  private renderSchedule(): TemplateResult {
    const t = this.host.t;
    const s = this.step;
    const funnel = this.isOpenFunnel;
    return html`<form novalidate part="schedule-form" class="schedule" @submit=${(e: Event) => (e.preventDefault(), this.schedule('custom'))}>
        <fieldset>
          <legend>${this.host.data?.pending.length ? t.addStep : t.setNextStep}</legend>
          <div class="row">
            <div class="cell">${this.renderTypeSelect('ns-type', s)}</div>
            <div class="cell grow">${this.renderTitleInput('ns-title', s)}</div>
          </div>
          <div class="quick" role="group" aria-label=${t.when}>
            ${this.quickTimes.map(
              (q) => html`<button type="button" part="quick-button" class="quick-button" data-quick=${q.id} ?disabled=${s.busy} @click=${() => this.schedule(q.id)}>
                ${this.quickLabel(q)} <span class="hint">${this.quickHint(q)}</span>
              </button>`,
            )}
          </div>
          <div class="row">
            <div class="cell">
              <label for="ns-at">${t.dateTime}</label>
              <input
                id="ns-at"
                part="input"
                type="datetime-local"
                min=${toLocalDateTimeValue(this.now)}
                .value=${s.at}
                aria-invalid=${s.error ? 'true' : 'false'}
                aria-describedby=${s.error ? 'ns-error' : nothing}
                @input=${(e: Event) => (s.at = (e.target as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" part="button" ?disabled=${s.busy}>${t.schedule}</button>
          </div>
          ${s.error ? html`<p part="error" class="error" id="ns-error" role="alert">${s.error}</p>` : nothing}
        </fieldset>
      </form>
      ${funnel ? html`<button type="button" part="button" id="close-open" class="close-open" @click=${() => this.startClose()}>${t.closeRecord(this.host.data?.type as 'lead' | 'deal')}</button>` : nothing}`;
  }

  private renderCloseFields(prefix: string, c: CloseDraft): TemplateResult {
    const t = this.host.t;
    const type = this.host.data?.type as 'lead' | 'deal';
    const reason = this.reasons().find((r) => r.id === c.reason);
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
                this.host.requestUpdate();
              }}
            />
            ${t.outcomeLabel(type, o)}
          </label>`,
        )}
        ${c.outcomeError ? html`<p part="error" class="error" id=${`${prefix}-outcome-error`} role="alert">${c.outcomeError}</p>` : nothing}
      </fieldset>
      ${c.outcome === 'lost'
        ? html`<div class="cell">
              <label for=${`${prefix}-reason`}>${t.reason}</label>
              <select
                id=${`${prefix}-reason`}
                part="input"
                aria-invalid=${c.reasonError ? 'true' : 'false'}
                aria-describedby=${c.reasonError ? `${prefix}-reason-error` : nothing}
                @change=${(e: Event) => {
                  c.reason = (e.target as HTMLSelectElement).value;
                  this.host.requestUpdate();
                }}
              >
                <option value="" ?selected=${!c.reason}>${t.chooseReasonOption}</option>
                ${this.reasons().map((r) => html`<option value=${r.id} ?selected=${c.reason === r.id}>${localize(r.name, this.host.uiLocale)}</option>`)}
              </select>
              ${c.reasonError ? html`<p part="error" class="error" id=${`${prefix}-reason-error`} role="alert">${c.reasonError}</p>` : nothing}
            </div>
            <div class="cell">
              <label for=${`${prefix}-comment`}>${reason?.requiresComment ? t.commentRequiredLabel : t.comment}</label>
              <textarea
                id=${`${prefix}-comment`}
                part="input"
                rows="2"
                .value=${c.comment}
                aria-required=${reason?.requiresComment ? 'true' : 'false'}
                aria-invalid=${c.commentError ? 'true' : 'false'}
                aria-describedby=${c.commentError ? `${prefix}-comment-error` : nothing}
                @input=${(e: Event) => (c.comment = (e.target as HTMLTextAreaElement).value)}
              ></textarea>
              ${c.commentError ? html`<p part="error" class="error" id=${`${prefix}-comment-error`} role="alert">${c.commentError}</p>` : nothing}
            </div>`
        : nothing}`;
  }

  private renderClose(c: CloseDraft): TemplateResult {
    const t = this.host.t;
    const type = this.host.data?.type as 'lead' | 'deal';
    return html`<form
      novalidate
      part="close-form"
      class="panel-form"
      id="close-form"
      tabindex="-1"
      aria-labelledby="close-h"
      @submit=${(e: Event) => (e.preventDefault(), this.submitClose())}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancelClose()}
    >
      <h4 aria-level=${this.host.headingLevel + 2} id="close-h">${t.closeRecord(type)}</h4>
      ${c.error ? html`<p part="error" class="error" role="alert">${c.error}</p>` : nothing}
      ${this.renderCloseFields('close', c)}
      <div class="actions">
        <button type="submit" part="button button-primary" class="primary" ?disabled=${c.busy}>${t.confirmClose(type)}</button>
        <button type="button" part="button" @click=${() => this.cancelClose()}>${t.cancel}</button>
      </div>
    </form>`;
  }

  private renderComplete(c: CompleteDraft): TemplateResult {
    const t = this.host.t;
    const data = this.host.data;
    const activity = data?.pending.find((a) => a.id === c.activityId);
    const allowed = this.followUps(c.activityId);
    const type = data?.type;
    const choices: { value: 'next' | 'close' | 'none'; label: string }[] = [
      { value: 'next', label: t.followNext },
      ...(allowed.close ? [{ value: 'close' as const, label: t.closeRecord(type as 'lead' | 'deal') }] : []),
      ...(allowed.none ? [{ value: 'none' as const, label: this.isOpenFunnel ? t.followNoneOtherPending : t.followNone }] : []),
    ];
    const n = c.next;
    return html`<form
      novalidate
      part="complete-form"
      class="panel-form"
      id="complete-form"
      aria-labelledby="cf-h"
      @submit=${(e: Event) => (e.preventDefault(), this.submitComplete())}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.cancelComplete()}
    >
      <h4 aria-level=${this.host.headingLevel + 2} id="cf-h">${t.completingTitle(activity?.title ?? '')}</h4>
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
                this.host.requestUpdate();
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
              <div class="cell">${this.renderTypeSelect('cf-type', n)}</div>
              <div class="cell grow">${this.renderTitleInput('cf-title', n)}</div>
            </div>
            <fieldset class="when" aria-describedby=${n.error ? 'cf-when-error' : nothing}>
              <legend>${t.when}</legend>
              ${[...this.quickTimes, 'custom' as const].map(
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
                      this.host.requestUpdate();
                    }}
                  />
                  ${q === 'custom' ? t.pickDateTime : html`${this.quickLabel(q)} <span class="hint">${this.quickHint(q)}</span>`}
                </label>`,
              )}
              ${n.when === 'custom'
                ? html`<div class="cell">
                    <label for="cf-at">${t.dateTime}</label>
                    <input id="cf-at" part="input" type="datetime-local" min=${toLocalDateTimeValue(this.now)} .value=${n.at} @input=${(e: Event) => (n.at = (e.target as HTMLInputElement).value)} />
                  </div>`
                : nothing}
              ${n.error ? html`<p part="error" class="error" id="cf-when-error" role="alert">${n.error}</p>` : nothing}
            </fieldset>
          </fieldset>`
        : nothing}
      ${c.choice === 'close' ? this.renderCloseFields('cf-close', c.close) : nothing}
      ${c.error ? html`<p part="error" class="error" role="alert">${c.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="button button-primary" class="primary" ?disabled=${c.busy}>${t.finishComplete}</button>
        <button type="button" part="button" @click=${() => this.cancelComplete()}>${t.cancel}</button>
      </div>
    </form>`;
  }
}
