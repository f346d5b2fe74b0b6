import { html, type TemplateResult } from 'lit';
import { FORM_KEY, type FieldError } from './field-defs.js';
import type { LeadFormStrings } from './strings.js';

// The list of problems shown after a failed submit. It only ever appears once
// the validator has run, so it travels in the submit chunk, not in the
// initial module.

/** What the summary needs from the form: its fields' labels and where to focus. */
export interface SummaryHost {
  readonly defs: ReadonlyArray<{ key: string; label: string }>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly t: LeadFormStrings;
}

/** The visible label of a field, by form key. */
const labelOf = (host: SummaryHost, key: string) => (key === 'consent' ? host.t.consent : (host.defs.find((d) => d.key === key)?.label ?? key));

/** Moves focus to a field (a summary link's click). */
function focusField(host: SummaryHost, key: string, e: Event): void {
  e.preventDefault();
  (host.renderRoot.querySelector(`[name="${CSS.escape(key)}"]`) as HTMLElement | null)?.focus();
}

/**
 * The error summary: a named group (its title is its accessible name), focused
 * after a failed submit so a screen reader reads the title and the list; each
 * problem links to its field.
 */
export function renderErrorSummary(host: SummaryHost, errors: [string, FieldError][], t: LeadFormStrings): TemplateResult {
  return html`<div part="error-summary" class="summary" role="group" tabindex="-1" aria-labelledby="summary-title">
    <p id="summary-title"><strong>${t.summaryTitle}</strong></p>
    <ul>
      ${errors.map(([key, err]) =>
        key === FORM_KEY
          ? html`<li>${err.message}</li>`
          : html`<li><a href="#f-${key}" @click=${(e: Event) => focusField(host, key, e)}>${labelOf(host, key)}${t.labelSep}${err.message}</a></li>`,
      )}
    </ul>
  </div>`;
}
