import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizedText } from '@crmkit/core/i18n';
import type { CrmLeadForm } from './crm-lead-form.js';
import { LEAD_KEY, type FieldDef } from './field-defs.js';
import type { LeadFormStrings } from './strings.js';
import type { LeadFormCustomField } from './types.js';
import { pickText } from './pick-text.js';

// How <crm-lead-form> draws its fields and the consent row (the element keeps
// the state; these only render it and route input back to it).

const list = (s: string | undefined) => (s ?? '').split(/[\s,]+/).filter(Boolean);

const STANDARD: Record<string, { type: FieldDef['type']; autocomplete: string }> = {
  name: { type: 'text', autocomplete: 'name' },
  phone: { type: 'tel', autocomplete: 'tel' },
  email: { type: 'email', autocomplete: 'email' },
  company: { type: 'text', autocomplete: 'organization' },
  message: { type: 'textarea', autocomplete: 'off' },
};

const standard = (host: CrmLeadForm, key: string, required: boolean, label?: LocalizedText, hint?: LocalizedText): RenderedField => ({
  key,
  leadPath: [LEAD_KEY[key]!],
  type: STANDARD[key]!.type,
  autocomplete: STANDARD[key]!.autocomplete,
  required,
  label: pickText(label, host.localeTag) || host.t[key as 'name'],
  hint,
});

const custom = (host: CrmLeadForm, c: LeadFormCustomField, required: boolean): RenderedField => ({
  key: `custom.${c.name}`,
  leadPath: ['custom', c.name],
  type: c.type ?? 'text',
  required: Boolean(c.required) || required,
  schema: c.schema,
  label: pickText(c.label, host.localeTag),
  hint: c.hint,
  custom: c,
});

/** The form's fields: its definition's, else from its `fields`, `required` and `customFields`; labelled in its language. */
export function fieldDefsOf(host: CrmLeadForm): RenderedField[] {
  const defined = host.definitionCtl.fields;
  if (defined) return defined.map((f) => (f.builtin ? standard(host, f.name, Boolean(f.required), f.label, f.hint) : custom(host, f, false)));
  const required = new Set(list(host.required));
  return [
    ...list(host.fields)
      .filter((k) => k in STANDARD)
      .map((key) => standard(host, key, required.has(key))),
    ...(host.customFields ?? []).map((c) => custom(host, c, required.has(`custom.${c.name}`))),
  ];
}

/** A consent value that is a link to the policy: `https://…`, or relative to the page (`/privacy`, `./privacy`, `../privacy`). */
const consentUrl = (s: string) => (/^(https?:\/\/|\.{0,2}\/)\S*$/i.test(s) && URL.canParse(s, location.href) ? new URL(s, location.href).href : undefined);

/**
 * What the consent row shows and the lead keeps as evidence: a policy link under the form's own sentence, or the
 * exact sentence, and the version. The tag's `consent` wins over the definition's consent as a whole; its
 * `consent-version` wins over the definition's version.
 */
export function consentInfoOf(host: CrmLeadForm): { url?: string; text: string; version?: string } | undefined {
  const c = host.consent?.trim();
  const d = c ? undefined : host.definitionCtl.definition?.consent;
  const version = host.consentVersion || d?.version;
  const url = d ? d.url && consentUrl(d.url) : c && consentUrl(c);
  const text = d ? pickText(d.text, host.localeTag) : c && !url ? c : '';
  return c || d ? { text: text || host.t.consent, ...(url ? { url } : {}), ...(version ? { version } : {}) } : undefined;
}

/** A field as rendered: its definition, visible label, autocomplete hint and custom-field settings. */
export type RenderedField = FieldDef & { label: string; autocomplete?: string; hint?: LocalizedText; custom?: LeadFormCustomField };

/** One field: label (with the required mark), hint, control and its error line. */
export function renderField(host: CrmLeadForm, d: RenderedField, t: LeadFormStrings): TemplateResult {
  const id = `f-${d.key}`;
  const err = host.errors.get(d.key);
  const hint = pickText(d.hint, host.localeTag);
  const describedBy = [hint ? `hint-${d.key}` : '', err ? `err-${d.key}` : ''].filter(Boolean).join(' ') || nothing;
  const value = host.values[d.key];
  const input = (e: Event) => host.onInput(d.key, e);
  const blur = () => void host.onBlur(d.key);
  const req = d.required ? html`<span class="req" aria-hidden="true">*</span><span class="vh"> ${t.required}</span>` : nothing;
  const errorEl = html`<span part="error" class="error" id="err-${d.key}">${err?.message ?? ''}</span>`;
  if (d.type === 'checkbox') {
    return html`<div part="field" class="field check">
      <input part="input" type="checkbox" id=${id} name=${d.key} .checked=${value === true} ?required=${d.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @change=${input} />
      <div><label part="label" for=${id}>${d.label}${req}</label>${errorEl}</div>
    </div>`;
  }
  const common = { id, name: d.key };
  let control: TemplateResult;
  if (d.type === 'textarea') {
    control = html`<textarea part="input" id=${common.id} name=${common.name} .value=${String(value ?? '')} ?required=${d.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @input=${input} @blur=${blur}></textarea>`;
  } else if (d.type === 'select') {
    control = html`<select part="input" id=${common.id} name=${common.name} ?required=${d.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @change=${input}>
      <option value="" ?selected=${!value}>—</option>
      ${(d.custom?.options ?? []).map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${pickText(o.label, host.localeTag)}</option>`)}
    </select>`;
  } else {
    control = html`<input part="input" id=${common.id} name=${common.name} type=${d.type} autocomplete=${d.autocomplete ?? 'off'} .value=${String(value ?? '')} ?required=${d.required} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy} @input=${input} @blur=${blur} />`;
  }
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${d.label}${req}</label>
    ${hint ? html`<span part="hint" class="hint" id="hint-${d.key}">${hint}</span>` : nothing} ${control} ${errorEl}
  </div>`;
}

/** The consent checkbox with its sentence and, for a policy URL, the link. */
export function renderConsent(host: CrmLeadForm, c: { url?: string; text: string }, t: LeadFormStrings): TemplateResult {
  const err = host.errors.get('consent');
  return html`<div part="field consent" class="field">
    <div class="check">
      <input part="input" type="checkbox" id="f-consent" name="consent" .checked=${host.values['consent'] === true} required aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? 'err-consent' : nothing} @change=${(e: Event) => host.onInput('consent', e)} />
      <div>
        <label part="label" for="f-consent">${c.text}<span class="req" aria-hidden="true">*</span></label>
        ${c.url ? html`<a href=${c.url} target="_blank" rel="noopener noreferrer">${t.consentPolicy}</a>` : nothing}
      </div>
    </div>
    <span part="error" class="error" id="err-consent">${err?.message ?? ''}</span>
  </div>`;
}
