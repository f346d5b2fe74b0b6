import { localize, type HistoryEntry, type Pipeline } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../shared/format.js';
import type { CardHost } from './card-host.js';
import type { ClientCardStrings } from './client-card-strings.js';
import { describeMessage } from './message-entry.js';

/** How one timeline entry reads: a headline and optional detail lines. */
export interface EntryText {
  /** What happened, e.g. "Stage: New → Proposal". */
  title: string;
  /** Details: changed fields, the note's text, the step's result. */
  lines: string[];
}

/** What describing an entry needs. */
export interface DescribeContext {
  /** The card's strings. */
  t: ClientCardStrings;
  /** The card's locale. */
  locale: Parameters<typeof formatDateTime>[1];
  /** Pipelines, for stage and loss-reason names. */
  pipelines: readonly Pipeline[];
  /** A user's display name. */
  userName(id: string): string;
}

function show(value: unknown, key: string, ctx: DescribeContext): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return ctx.t.notSet;
  if (key === 'ownerId' && typeof value === 'string') return ctx.userName(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 199)}…` : json;
  }
  return String(value);
}

function fieldLabel(key: string, t: ClientCardStrings): string {
  if (key.startsWith('custom.')) return key.slice(7);
  return (t.fields as Record<string, string>)[key] ?? (t.otherFields as Record<string, string>)[key] ?? key;
}

/** The readable text of a history entry, in the card's locale. Entry data is user data: it is returned as plain text. */
export function describeEntry(entry: HistoryEntry, ctx: DescribeContext): EntryText {
  const { t } = ctx;
  const h = t.history;
  const d = entry.data as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const pipeline = ctx.pipelines.find((p) => p.id === d['pipelineId']);
  const stageName = (id: string) => {
    const s = pipeline?.stages.find((st) => st.id === id);
    return s ? localize(s.name, ctx.locale) : id;
  };
  let out: EntryText;
  switch (entry.type) {
    case 'created':
      out = { title: h.created(entry.recordType), lines: [] };
      break;
    case 'field_changed': {
      const changes = (d['changes'] ?? {}) as Record<string, { from: unknown; to: unknown }>;
      out = { title: h.changed, lines: Object.entries(changes).map(([k, c]) => `${fieldLabel(k, t)}: ${show(c?.from, k, ctx)} → ${show(c?.to, k, ctx)}`) };
      break;
    }
    case 'stage_changed':
      out = { title: h.stage(stageName(str('from')), stageName(str('to'))), lines: [] };
      break;
    case 'activity_scheduled': {
      const type = str('type') as keyof ClientCardStrings['activityTypes'];
      const due = str('dueAt');
      out = { title: h.scheduled, lines: [[t.activityTypes[type] ?? '', str('title')].filter(Boolean).join(': ') + (due ? ` — ${formatDateTime(due, ctx.locale)}` : '')] };
      break;
    }
    case 'activity_done':
      out = { title: d['automatic'] ? h.doneAutomatically : h.done, lines: [str('title'), ...(str('result') ? [t.resultLine(str('result'))] : [])].filter(Boolean) };
      break;
    case 'activity_reassigned':
      out = { title: h.reassigned(ctx.userName(str('from')), ctx.userName(str('to'))), lines: [str('title')].filter(Boolean) };
      break;
    case 'note':
      out = { title: h.note, lines: [str('text')] };
      break;
    case 'message_in':
    case 'message_out': {
      const message = describeMessage(entry, ctx.locale);
      out = { title: entry.type === 'message_in' ? h.messageIn(message.channel) : h.messageOut(message.channel), lines: message.lines };
      break;
    }
    case 'converted':
      out = { title: h.converted, lines: [] };
      break;
    case 'closed': {
      const outcome = str('outcome') === 'won' ? 'won' : 'lost';
      const reason = pipeline?.lossReasons.find((r) => r.id === d['reason']) ?? ctx.pipelines.flatMap((p) => p.lossReasons).find((r) => r.id === d['reason']);
      const type = entry.recordType === 'lead' ? 'lead' : 'deal';
      out = { title: h.closed(type, outcome), lines: [reason ? localize(reason.name, ctx.locale) : str('reason'), str('comment')].filter(Boolean) };
      break;
    }
    case 'removed':
      out = { title: h.removed, lines: [] };
      break;
    default:
      out = { title: String(entry.type), lines: [] };
  }
  if (d['carriedFrom']) out.title = `${out.title} ${h.fromLead}`;
  return out;
}

/** The timeline: every history entry newest first, with who and when; and adding a note. @internal */
export class TimelineSection {
  private note = '';
  private error: string | undefined;
  private busy = false;

  constructor(private readonly host: CardHost) {
  }

  /** Forgets the note draft (the card now shows another record). */
  reset(): void {
    this.note = '';
    this.error = undefined;
  }

  /** Adds the typed note to the record's timeline. */
  async addNote(): Promise<void> {
    const { crm, data, t } = this.host;
    if (!crm || !data || this.busy) return;
    if (!this.note.trim()) {
      this.error = t.noteRequired;
      this.host.requestUpdate();
      this.host.focusLater('#note-text');
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await crm.history.addNote(data.type, data.record.id, this.note);
      this.note = '';
      this.host.announce(t.noteAdded);
    } catch (err) {
      this.error = this.host.errorText(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    const { data, crm, t, uiLocale } = this.host;
    if (!data || !crm) return nothing;
    const ctx: DescribeContext = { t, locale: uiLocale, pipelines: crm.pipelines.list(), userName: (id) => this.host.userName(id) };
    const entries = [...data.history].reverse();
    return html`<section part="timeline" class="timeline" aria-labelledby="timeline-h">
      <h3 id="timeline-h">${t.timeline}</h3>
      <form novalidate part="note-form" class="note-form" @submit=${(e: Event) => (e.preventDefault(), this.addNote())}>
        <label for="note-text">${t.note}</label>
        <textarea
          id="note-text"
          part="input"
          rows="2"
          .value=${this.note}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? 'note-error' : nothing}
          @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
              e.preventDefault();
              void this.addNote();
            }
          }}
        ></textarea>
        ${this.error ? html`<p part="error" class="error" id="note-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" part="button" ?disabled=${this.busy}>${t.addNote}</button>
      </form>
      ${entries.length
        ? html`<ol class="entries">
            ${entries.map((entry) => {
              const text = describeEntry(entry, ctx);
              return html`<li part="timeline-entry" class="entry" data-type=${entry.type} data-channel=${typeof entry.data['channel'] === 'string' ? entry.data['channel'] : nothing}>
                <p class="entry-title">${text.title}</p>
                ${text.lines.map((line) => html`<p class="entry-line">${line}</p>`)}
                <p class="entry-meta muted">${this.host.userName(entry.by)} · <time datetime=${entry.at}>${formatDateTime(entry.at, uiLocale)}</time></p>
              </li>`;
            })}
          </ol>`
        : html`<p class="muted">${t.noHistory}</p>`}
    </section>`;
  }
}
