import { html, type TemplateResult } from 'lit';
import { FORM_KEY, type FieldError } from './field-defs.js';
import type { LeadFormStrings } from './strings.js';

// The list of problems shown after a failed submit. It only ever appears once
// the validator has run, so it travels in the submit chunk, not in the
// initial module.

/** What the summary needs from the form. */
export interface SummaryHost {
  /** The visible label of a field, by form key. */
  labelOf(key: string): string;
  /** Moves focus to a field (a summary link's click). */
  focusField(key: string, e: Event): void;
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
          : html`<li><a href="#f-${key}" @click=${(e: Event) => host.focusField(key, e)}>${host.labelOf(key)}${t.labelSep}${err.message}</a></li>`,
      )}
    </ul>
  </div>`;
}
