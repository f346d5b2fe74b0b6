import { parse } from 'papaparse';

/**
 * Splits delimited text into rows of cells (RFC 4180 quoting: delimiters,
 * doubled quotes and line breaks inside quotes; rows may be shorter or longer
 * than the header). PapaParse, because uDSV — faster, see `npm run bench
 * import` — assumes every row has the header's column count and runs short
 * rows into the next. @internal
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  if (text.trim() === '') return [];
  const result = parse<string[]>(text, { delimiter, quoteChar: '"', escapeChar: '"', skipEmptyLines: false, header: false, dynamicTyping: false });
  const rows = result.data;
  while (rows.length && rows[rows.length - 1]?.every((c) => c === '')) rows.pop();
  return rows;
}
