import { numberSeparators } from '../shared/locale-number.js';
import { intlTag } from '../i18n/intl-tag.js';
import { isCrmError, type Crm, type Deal, type RecordType } from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatMoney } from '../shared/format.js';
import { readRecord, type CardRecord } from './card-data.js';
import { issueMessage } from './card-errors.js';
import type { CardHost } from './card-host.js';
import { customName, draftOf, fieldOfIssuePath, fieldsOf, NumberInputError, patchOf, valueOf, type FieldDef, type FieldKey } from './fields.js';

/** One open field editor: what the user typed and the version it is based on. */
interface FieldEditor {
  draft: string;
  /** The record version the edit started from (sent with the save). */
  version: number;
  error?: string;
  conflict?: boolean;
  /** Set after "Reload" in a conflict: the value someone else saved. */
  theirs?: string;
  saving?: boolean;
}

/** Only http(s) addresses become links; anything else (javascript:, data:) stays text. */
export function safeWebHref(value: string): string | undefined {
  const v = value.trim();
  if (!/^https?:\/\//i.test(v)) return undefined;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A `tel:` URI for a phone number as typed (digits and a leading +). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? '+' + digits.slice(1).replace(/\+/g, '') : digits.replace(/\+/g, '')}`;
}

const dateOnly = new Map<string, Intl.DateTimeFormat>();
/** A date-only value (stored as UTC midnight) formatted for the locale without shifting the day. */
function formatDay(iso: string, locale: string): string {
  let f = dateOnly.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' });
    dateOnly.set(locale, f);
  }
  return f.format(new Date(iso));
}

function serviceOf(crm: Crm, type: RecordType) {
  return { contact: crm.contacts, company: crm.companies, lead: crm.leads, deal: crm.deals }[type] as unknown as {
    update(id: string, patch: Record<string, unknown>, options: { version: number }): Promise<CardRecord>;
  };
}

/** The card's details: every field shown as text or a safe link, each with its own inline editor. @internal */
export class DetailsEditor {
  private editors = new Map<string, FieldEditor>();

  constructor(private readonly host: CardHost) {
  }

  /** Forgets every open editor (the card now shows another record). */
  reset(): void {
    this.editors.clear();
  }

  /** True while any field has an open editor. */
  get editing(): boolean {
    return this.editors.size > 0;
  }

  label(def: FieldDef): string {
    return customName(def.id) ?? this.host.t.fields[def.id as FieldKey];
  }

  /** Opens the editor of a field. */
  start(def: FieldDef): void {
    const data = this.host.data;
    if (!data) return;
    this.editors.set(def.id, { draft: draftOf(def, data.record), version: data.record.version });
    this.host.requestUpdate();
    this.host.focusLater(`#edit-${cssId(def.id)}`);
  }

  /**
   * A save made offline was refused when replayed (someone else changed the
   * record meanwhile): reopens each field it changed with what the user typed
   * and the conflict message, as for a save refused online.
   */
  replayConflict(patch: Record<string, unknown>, version: number | undefined): void {
    const data = this.host.data;
    if (!data) return;
    const mine = { ...data.record, ...patch, custom: { ...data.record.custom, ...(patch['custom'] as Record<string, unknown> | undefined) } } as CardRecord;
    const changed = (id: string) => {
      const custom = customName(id);
      return custom !== undefined ? Object.hasOwn((patch['custom'] as object | undefined) ?? {}, custom) : Object.hasOwn(patch, id);
    };
    for (const def of fieldsOf(data.type, mine)) {
      if (changed(def.id)) this.editors.set(def.id, { draft: draftOf(def, mine), version: version ?? data.record.version, conflict: true });
    }
    this.host.requestUpdate();
  }

  /** Closes an editor without saving. */
  cancel(def: FieldDef): void {
    this.editors.delete(def.id);
    this.host.requestUpdate();
    this.host.focusLater(`[data-edit="${cssId(def.id)}"]`);
  }

  private onInput(def: FieldDef, value: string): void {
    const ed = this.editors.get(def.id);
    if (ed) ed.draft = value;
  }

  private onKeydown(def: FieldDef, e: KeyboardEvent): void {
    if (e.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.cancel(def);
    } else if (e.key === 'Enter' && !(def.kind === 'multiline' && e.shiftKey)) {
      e.preventDefault();
      void this.save(def);
    }
  }

  /** Saves a field with the version its edit started from: a stale one shows the conflict message and keeps the draft. */
  async save(def: FieldDef): Promise<void> {
    const { crm, data, t } = this.host;
    const ed = this.editors.get(def.id);
    if (!crm || !data || !ed || ed.saving) return;
    ed.saving = true;
    delete ed.error;
    this.host.requestUpdate();
    try {
      const record = await serviceOf(crm, data.type).update(data.record.id, patchOf(def, ed.draft, data.record, this.host.uiLocale), { version: ed.version });
      this.editors.delete(def.id);
      this.host.setRecord(record);
      this.host.announce(t.saved(this.label(def)));
      this.host.fire('crm-record-updated', { recordType: data.type, record });
      this.host.focusLater(`[data-edit="${cssId(def.id)}"]`);
    } catch (err) {
      if (err instanceof NumberInputError) {
        const { decimal, group } = numberSeparators(this.host.uiLocale);
        ed.error = err.problem === 'ambiguous' ? t.numberAmbiguous(err.input, decimal, group) : t.numberInvalid;
        this.host.focusLater(`#edit-${cssId(def.id)}`);
      } else if (isCrmError(err, 'conflict')) {
        ed.conflict = true;
      } else if (isCrmError(err, 'validation')) {
        const mine = err.issues.filter((i) => fieldOfIssuePath(i.path) === def.id);
        ed.error = [...new Set((mine.length ? mine : err.issues).map((i) => issueMessage(i, this.host.uiLocale)))].join('; ');
        this.host.focusLater(`#edit-${cssId(def.id)}`);
      } else {
        ed.error = this.host.errorText(err);
      }
    } finally {
      ed.saving = false;
      this.host.requestUpdate();
    }
  }

  /** After a conflict: reads the stored record, bases the edit on it and keeps what the user typed. */
  async reloadFor(def: FieldDef): Promise<void> {
    const { crm, data } = this.host;
    const ed = this.editors.get(def.id);
    if (!crm || !data || !ed) return;
    try {
      const fresh = await readRecord(crm, { type: data.type, id: data.record.id });
      this.host.setRecord(fresh);
      ed.version = fresh.version;
      ed.theirs = draftOf(def, fresh);
      delete ed.conflict;
      this.host.announce(this.host.t.reloaded);
      this.host.focusLater(`#edit-${cssId(def.id)}`);
    } catch (err) {
      ed.error = this.host.errorText(err);
    }
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    const data = this.host.data;
    if (!data) return nothing;
    const t = this.host.t;
    return html`<section part="details" class="details" aria-labelledby="details-h">
      <h3 aria-level=${this.host.headingLevel + 1} id="details-h">${t.details}</h3>
      <dl>${fieldsOf(data.type, data.record).map((def) => this.renderField(def, data.record))}</dl>
    </section>`;
  }

  private renderField(def: FieldDef, record: CardRecord): TemplateResult {
    const t = this.host.t;
    const id = cssId(def.id);
    const label = this.label(def);
    const ed = this.editors.get(def.id);
    if (!ed) {
      return html`<div part="field" class="field">
        <dt part="field-label">${label}</dt>
        <dd part="field-value">
          <span class="value">${this.renderValue(def, record)}</span>
          <button type="button" part="edit-button" class="link-button" data-edit=${id} @click=${() => this.start(def)}>${t.edit}<span class="visually-hidden">: ${label}</span></button>
        </dd>
      </div>`;
    }
    const errId = `err-${id}`;
    const hintId = `hint-${id}`;
    const described = [ed.error ? errId : '', ed.conflict ? `conflict-${id}` : '', def.kind === 'phones' || def.kind === 'emails' ? hintId : ''].filter(Boolean).join(' ');
    const input =
      def.kind === 'multiline'
        ? html`<textarea
            id=${`edit-${id}`}
            part="input"
            rows="3"
            .value=${ed.draft}
            aria-invalid=${ed.error ? 'true' : 'false'}
            aria-describedby=${described || nothing}
            @input=${(e: Event) => this.onInput(def, (e.target as HTMLTextAreaElement).value)}
            @keydown=${(e: KeyboardEvent) => this.onKeydown(def, e)}
          ></textarea>`
        : html`<input
            id=${`edit-${id}`}
            part="input"
            type=${inputType(def)}
            inputmode=${def.kind === 'amount' ? 'decimal' : nothing}
            .value=${ed.draft}
            aria-invalid=${ed.error ? 'true' : 'false'}
            aria-describedby=${described || nothing}
            @input=${(e: Event) => this.onInput(def, (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => this.onKeydown(def, e)}
          />`;
    return html`<div part="field field-editing" class="field editing">
      <dt part="field-label"><label for=${`edit-${id}`}>${label}</label></dt>
      <dd part="field-value">
        ${input}
        ${def.kind === 'phones' || def.kind === 'emails' ? html`<p class="hint" id=${hintId}>${t.listHint}</p>` : nothing}
        ${ed.theirs !== undefined ? html`<p class="hint">${t.theirValue(ed.theirs || t.notSet)}</p>` : nothing}
        ${ed.error ? html`<p part="error" class="error" id=${errId} role="alert">${ed.error}</p>` : nothing}
        ${ed.conflict
          ? html`<div part="conflict" class="conflict" id=${`conflict-${id}`} role="alert">
              <p>${t.conflict}</p>
              <button type="button" part="button" @click=${() => this.reloadFor(def)}>${t.reload}</button>
            </div>`
          : nothing}
        <div class="actions">
          <button type="button" part="button button-primary" class="primary" ?disabled=${ed.saving} @click=${() => this.save(def)}>${t.save}</button>
          <button type="button" part="button" @click=${() => this.cancel(def)}>${t.cancel}</button>
        </div>
      </dd>
    </div>`;
  }

  private renderValue(def: FieldDef, record: CardRecord): TemplateResult | string {
    const t = this.host.t;
    const v = valueOf(def, record);
    const empty = html`<span class="empty">${t.notSet}</span>`;
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return empty;
    switch (def.kind) {
      case 'phones':
        return html`<ul class="inline-list">${(v as string[]).map((p) => html`<li><a part="link" href=${telHref(p)}>${p}</a></li>`)}</ul>`;
      case 'emails':
        return html`<ul class="inline-list">${(v as string[]).map((m) => html`<li><a part="link" href=${`mailto:${m}`}>${m}</a></li>`)}</ul>`;
      case 'phone':
        return html`<a part="link" href=${telHref(String(v))}>${String(v)}</a>`;
      case 'email':
        return html`<a part="link" href=${`mailto:${String(v)}`}>${String(v)}</a>`;
      case 'url': {
        const href = safeWebHref(String(v));
        return href ? html`<a part="link" href=${href} target="_blank" rel="noopener noreferrer">${String(v)}</a>` : String(v);
      }
      case 'amount':
        return formatMoney(Number(v), (record as Deal).currency, this.host.uiLocale);
      case 'date':
        return formatDay(String(v), this.host.uiLocale);
      case 'multiline':
        return html`<span class="multiline">${String(v)}</span>`;
      default:
        return typeof v === 'boolean' ? (v ? t.yes : t.no) : String(v);
    }
  }
}

function inputType(def: FieldDef): string {
  switch (def.kind) {
    case 'email':
      return 'email';
    case 'phone':
      return 'tel';
    case 'url':
      return 'url';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
}

/** A field id safe for element ids and attribute selectors. */
export function cssId(fieldId: string): string {
  return fieldId.replace(/[^a-zA-Z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}
