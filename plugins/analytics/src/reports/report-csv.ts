import type { ReportResult, ReportValue } from './run-report.js';

/** Options of {@link reportToCsv}. */
export interface CsvOptions {
  /** Field separator; default `,` (use `;` for spreadsheets in locales with a decimal comma). */
  separator?: string;
  /** Start with a UTF-8 byte order mark so spreadsheet apps read the encoding right; default true. */
  bom?: boolean;
  /** Write the ids group columns hold instead of their names (`ReportColumn.labels`); default false. */
  ids?: boolean;
}

/** Characters that make a spreadsheet treat a text cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: ReportValue, separator: string): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  // Text a spreadsheet would run as a formula gets a leading apostrophe, so it stays text.
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return s.includes('"') || s.includes(separator) || s.includes('\n') || s.includes('\r') || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A report result as CSV (RFC 4180: CRLF line ends, fields with separators,
 * quotes or line breaks quoted, quotes doubled), with a header row of the
 * column labels, the names of ids where the result has them (`ids: true`
 * keeps the ids), a UTF-8 BOM, and text cells that start with `=`, `+`, `-`,
 * `@`, tab or carriage return neutralised with a leading `'` (numbers stay
 * numbers, so a negative amount is still `-5`).
 */
export function reportToCsv(result: ReportResult, options: CsvOptions = {}): string {
  const sep = options.separator ?? ',';
  const lines = [result.columns.map((c) => cell(c.label, sep)).join(sep)];
  const shown = (labels: Record<string, string> | undefined, v: ReportValue): ReportValue => (!options.ids && labels && typeof v === 'string' ? (labels[v] ?? v) : v);
  for (const row of result.rows) lines.push(result.columns.map((c) => cell(shown(c.labels, row[c.key] ?? null), sep)).join(sep));
  return (options.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
