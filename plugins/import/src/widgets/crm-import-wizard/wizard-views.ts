import { html, nothing, type TemplateResult } from 'lit';
import type { ImportEntity, Mapping } from '../../mapping/fields.js';
import { importTargets } from '../../mapping/suggest-mapping.js';
import type { Table } from '../../read/table.js';
import type { ImportError, ImportResult } from '../../write/import-types.js';
import type { ImportWizardStrings } from './strings.js';

/** The text encodings a user may pick (the detected one is added when it is not here). */
export const ENCODINGS: readonly string[] = ['utf-8', 'windows-1251', 'utf-16le', 'utf-16be', 'gb18030', 'koi8-r', 'windows-1252', 'iso-8859-5', 'shift_jis', 'big5'];

/** Delimiters a user may pick, with the key of their label. */
export const DELIMITERS: readonly (readonly [string, keyof ImportWizardStrings['delimiters']])[] = [
  [',', 'comma'],
  [';', 'semicolon'],
  ['\t', 'tab'],
  ['|', 'bar'],
];

/** How many rows the preview shows, and how many errors are listed. */
export const PREVIEW_ROWS = 10;
/** At most this many errors are listed; the rest are counted. */
export const LISTED_ERRORS = 50;

/** The label of a mapping target. */
export function targetLabel(t: ImportWizardStrings, target: string): string {
  return target.startsWith('custom.') ? t.custom(target.slice(7)) : (t.targets[target] ?? target);
}

/** The first non-blank value of column `i`, as an example for the mapping table. */
function example(table: Table, i: number): string {
  for (let r = 0; r < table.rows.length && r < 50; r++) {
    const v = table.rows[r]?.[i]?.trim();
    if (v) return v.length > 60 ? `${v.slice(0, 57)}…` : v;
  }
  return '';
}

/** The mapping table: one row per column, a picker of where it goes. */
export function mappingTable(
  t: ImportWizardStrings,
  table: Table,
  mapping: Mapping,
  entity: ImportEntity,
  customFields: readonly string[],
  onChange: (header: string, target: string) => void,
): TemplateResult {
  const targets = importTargets(entity, customFields);
  return html`<div class="table-wrap">
    <table part="mapping">
      <caption>${t.columns}</caption>
      <thead><tr><th scope="col">${t.column}</th><th scope="col">${t.example}</th><th scope="col">${t.target}</th></tr></thead>
      <tbody>
        ${table.headers.map(
          (h, i) => html`<tr>
            <th scope="row">${h}</th>
            <td>${example(table, i)}</td>
            <td>
              <select aria-label=${`${h}: ${t.target}`} data-column=${h} @change=${(e: Event) => onChange(h, (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!mapping[h]}>${t.ignore}</option>
                ${targets.map((target) => html`<option value=${target} ?selected=${mapping[h] === target}>${targetLabel(t, target)}</option>`)}
              </select>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The problems of one spreadsheet row, as text. */
function problemsOf(errors: readonly ImportError[]): string {
  return errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join('; ');
}

/** The preview: the first rows of the mapped columns, each with its problems from the dry run. */
export function previewTable(t: ImportWizardStrings, table: Table, mapping: Mapping, check: ImportResult): TemplateResult {
  const columns = table.headers.map((h, i) => [h, i] as const).filter(([h]) => mapping[h]);
  const byRow = new Map<number, ImportError[]>();
  for (const e of check.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const shown = table.rows.slice(0, PREVIEW_ROWS);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.previewCaption}>
    <table part="preview">
      <caption>${t.previewCaption}</caption>
      <thead>
        <tr>
          <th scope="col">${t.row}</th>
          ${columns.map(([h]) => html`<th scope="col">${h}</th>`)}
          <th scope="col">${t.problems}</th>
        </tr>
      </thead>
      <tbody>
        ${shown.map((cells, k) => {
          const row = table.rowNumbers?.[k] ?? k + 2;
          const errors = byRow.get(row) ?? [];
          return html`<tr class=${errors.length ? 'bad' : ''}>
            <th scope="row">${row}</th>
            ${columns.map(([, i]) => html`<td>${cells[i]}</td>`)}
            <td>${errors.length ? problemsOf(errors) : t.ok}</td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

/** Every error (up to `LISTED_ERRORS`), each naming its spreadsheet row and column. */
export function errorList(t: ImportWizardStrings, errors: readonly ImportError[], format: (n: number) => string): TemplateResult | typeof nothing {
  if (errors.length === 0) return nothing;
  return html`<h4 id="errors-title">${t.errorsTitle}</h4>
    <ul class="errors" part="errors" aria-labelledby="errors-title">
      ${errors.slice(0, LISTED_ERRORS).map(
        (e) => html`<li class="error">${e.column ? t.errorAt(format(e.row), e.column) : t.errorInRow(format(e.row))}: ${e.message}</li>`,
      )}
      ${errors.length > LISTED_ERRORS ? html`<li>${t.moreErrors(format(errors.length - LISTED_ERRORS))}</li>` : nothing}
    </ul>`;
}
