import { DEFAULT_QUICK_TIMES, localize, type ActivityType, type Deal, type Lead, type LossReason, type QuickTime } from '@crmkit/core';
import { html, type TemplateResult } from 'lit';
import { intlTag } from '../i18n/intl-tag.js';
import type { CardHost } from './card-host.js';
import { parseLocalDateTime, quickDueAt, type QuickDue } from './next-step-times.js';

const TYPES: readonly ActivityType[] = ['call', 'meeting', 'email', 'task'];

/** The "set the next step" inputs (standalone, or as the follow-up when completing a step). @internal */
export interface StepDraft {
  type: ActivityType;
  title: string;
  /** Chosen quick time, or `custom` for the date-time input (completion form only). */
  when?: string;
  /** `<input type="datetime-local">` value. */
  at: string;
  error?: string;
  busy?: boolean;
}

/** An empty step draft. @internal */
export const newStep = (): StepDraft => ({ type: 'call', title: '', at: '' });

/**
 * What the next-step panel's three forms share: the card host, the record's
 * quick times, due-time checks, loss reasons and the step type and title
 * inputs. @internal
 */
export class StepFormContext {
  constructor(readonly host: CardHost) {}

  /** The record is an open lead or deal: it must always have a next step or be closed. */
  get isOpenFunnel(): boolean {
    const d = this.host.data;
    return Boolean(d && (d.type === 'lead' || d.type === 'deal') && (d.record as Lead | Deal).status === 'open' && d.pipeline);
  }

  /** The CRM's clock. */
  get now(): Date {
    return this.host.crm?.now() ?? new Date();
  }

  private get pipelineId(): string | undefined {
    return (this.host.data?.record as Partial<Lead | Deal> | undefined)?.pipelineId;
  }

  /** The quick times the CRM configures for this record's pipeline. */
  get quickTimes(): readonly QuickTime[] {
    const crm = this.host.crm;
    return crm ? crm.quickTimes.list(this.pipelineId) : DEFAULT_QUICK_TIMES;
  }

  /** When a quick time falls, from now. */
  quickDue(id: string): Date {
    const crm = this.host.crm;
    const pipelineId = this.pipelineId;
    return crm ? crm.quickTimes.dueAt(id, { from: this.now, ...(pipelineId ? { pipelineId } : {}) }) : quickDueAt(id as QuickDue, this.now);
  }

  /** A quick time's button label in the card's language. */
  quickLabel(q: QuickTime): string {
    return (this.host.t.quick as Partial<Record<string, string>>)[q.id] ?? localize(q.label ?? q.id, this.host.uiLocale);
  }

  /** The date and time a quick time stands for, shown beside its label. */
  quickHint(q: QuickTime): string {
    const due = this.quickDue(q.id);
    return new Intl.DateTimeFormat(intlTag(this.host.uiLocale), q.in !== undefined ? { timeStyle: 'short' } : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(due);
  }

  /** An activity type's name. */
  typeLabel(type: ActivityType): string {
    return this.host.t.activityTypes[type];
  }

  /** The loss reasons of the record's pipeline. */
  reasons(): LossReason[] {
    return this.host.data?.pipeline?.lossReasons ?? [];
  }

  /** Due time of a step draft, or an error to show. */
  dueOf(when: string | undefined, at: string): Date | string {
    const t = this.host.t;
    if (when === undefined) return t.chooseWhen;
    if (when !== 'custom') return this.quickDue(when);
    const due = parseLocalDateTime(at);
    if (!due) return t.chooseDateTime;
    if (due.getTime() <= this.now.getTime()) return t.timeInPast;
    return due;
  }

  /** The step type select of a draft. */
  renderTypeSelect(id: string, draft: StepDraft): TemplateResult {
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

  /** The step title input of a draft (the type's name when left empty). */
  renderTitleInput(id: string, draft: StepDraft): TemplateResult {
    const t = this.host.t;
    return html`<label for=${id}>${t.stepTitle}</label>
      <input id=${id} part="input" type="text" maxlength="300" placeholder=${this.typeLabel(draft.type)} .value=${draft.title} @input=${(e: Event) => (draft.title = (e.target as HTMLInputElement).value)} />`;
  }
}
