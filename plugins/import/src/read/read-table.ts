import { decodeText } from './decode-text.js';
import { detectDelimiter } from './detect-delimiter.js';
import { parseDelimited } from './parse-delimited.js';
import { parseHtmlTable } from './parse-html-table.js';
import { readXlsx } from './read-xlsx.js';
import type { ReadTableOptions, Table, TableFormat, TableSource, TableWarning } from './table.js';
import { TableReadError } from './table-read-error.js';

async function toBytes(source: TableSource): Promise<Uint8Array | string> {
  if (typeof source === 'string') return source;
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

/** The format from the first bytes: ZIP → XLSX, `<html`/`<table` → HTML, else text. @internal */
export function sniffFormat(bytes: Uint8Array): 'xlsx' | 'html' | 'text' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  let head = '';
  for (let i = 0, n = 0; i < bytes.length && n < 512; i++) {
    const b = bytes[i] as number;
    if (b !== 0 && b !== 0xef && b !== 0xbb && b !== 0xbf && b !== 0xff && b !== 0xfe) {
      head += String.fromCharCode(b);
      n++;
    }
  }
  return /^\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/i.test(head) ? 'html' : 'text';
}

/** The `charset` an HTML file declares in its first kilobytes. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

const LABELS: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'vertical bar' };

/** Makes every row as long as the header and names blank or repeated headers. */
function shape(raw: string[][], warnings: TableWarning[]): { headers: string[]; rows: string[][]; rowNumbers: number[] } {
  let first = 0;
  while (first < raw.length && (raw[first] ?? []).every((c) => c.trim() === '')) first++;
  const headerRow = (raw[first] ?? []).map((h) => h.replace(/^\ufeff/, '').trim());
  const width = Math.max(headerRow.length, ...raw.slice(first + 1).map((r) => r.length));
  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let i = 0; i < width; i++) {
    let h = headerRow[i] ?? '';
    if (h === '') {
      h = `Column ${i + 1}`;
      warnings.push({ code: 'blank-header', message: `Column ${i + 1} has no title; it is called "${h}"` });
    }
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n > 1) {
      warnings.push({ code: 'duplicate-header', message: `The title "${h}" appears more than once; column ${i + 1} is called "${h} (${n})"` });
      h = `${h} (${n})`;
    }
    headers.push(h);
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let skipped = 0;
  for (let i = first + 1; i < raw.length; i++) {
    const r = raw[i] as string[];
    if (r.every((c) => c.trim() === '')) {
      skipped++;
      continue;
    }
    if (r.length !== headerRow.length && headerRow.length > 0) {
      warnings.push({ code: 'ragged-row', message: `Row ${i + 1} has ${r.length} cells, the header has ${headerRow.length}`, row: i + 1 });
    }
    rows.push(r.length === width ? r : Array.from({ length: width }, (_, k) => r[k] ?? ''));
    rowNumbers.push(i + 1);
  }
  if (skipped) warnings.push({ code: 'empty-rows-skipped', message: `${skipped} empty row(s) skipped` });
  return { headers, rows, rowNumbers };
}

/**
 * Reads a CSV, TSV, XLSX or HTML-"xls" file into text rows. The format comes
 * from the first bytes, the encoding from a BOM, strict UTF-8 or a
 * statistical guess, the delimiter from the first lines; every guess can be
 * overridden in `options` and is listed in `warnings`. Throws
 * `TableReadError` for an empty or unreadable file.
 *
 * Spreadsheet row numbers are kept: `rows[i]` is row `i + 2` when the header
 * is the first row.
 */
export async function readTable(source: TableSource, options: ReadTableOptions = {}): Promise<Table> {
  const input = await toBytes(source);
  const warnings: TableWarning[] = [];
  if (typeof input !== 'string' && input.length === 0) throw new TableReadError('empty', `The file${options.fileName ? ` "${options.fileName}"` : ''} is empty`);
  const sniffed = typeof input === 'string' ? 'text' : sniffFormat(input);
  const format: TableFormat | 'text' = options.format ?? sniffed;
  if (format === 'xlsx') {
    if (typeof input === 'string') throw new TableReadError('format', 'An XLSX file must be given as bytes, not text');
    const { rows: raw, sheet, sheetCount } = await readXlsx(input, options.sheet);
    if (sheetCount > 1 && options.sheet === undefined) warnings.push({ code: 'other-sheets', message: `The file has ${sheetCount} sheets; only "${sheet}" was read` });
    const { headers, rows, rowNumbers } = shape(raw, warnings);
    if (headers.length === 0) throw new TableReadError('empty', `Sheet "${sheet}" is empty`);
    return { format: 'xlsx', encoding: 'utf-8', bom: false, delimiter: '', headers, rows, rowNumbers, warnings, sheet };
  }
  const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8', bom: input.startsWith('\ufeff'), guessed: false } : decodeText(input, options.encoding, format === 'html' ? declaredCharset(input) : undefined);
  if (decoded.guessed) warnings.push({ code: 'encoding-guessed', message: `The text encoding was guessed as ${decoded.encoding}; choose another if letters look wrong` });
  const text = decoded.text.replace(/^\ufeff/, '');
  if (format === 'html') {
    const { headers, rows, rowNumbers } = shape(parseHtmlTable(text), warnings);
    if (headers.length === 0) throw new TableReadError('empty', 'The HTML file has no table rows');
    return { format: 'html', encoding: decoded.encoding, bom: decoded.bom, delimiter: '', headers, rows, rowNumbers, warnings };
  }
  const delimiter = options.delimiter ?? detectDelimiter(text);
  if (options.delimiter === undefined) warnings.push({ code: 'delimiter-guessed', message: `Columns are separated by ${LABELS[delimiter] ?? delimiter}` });
  const { headers, rows, rowNumbers } = shape(await parseDelimited(text, delimiter), warnings);
  if (headers.length === 0) throw new TableReadError('empty', `The file${options.fileName ? ` "${options.fileName}"` : ''} has no rows`);
  const tsv = delimiter === '\t' || (format === 'tsv');
  return { format: tsv ? 'tsv' : 'csv', encoding: decoded.encoding, bom: decoded.bom, delimiter, headers, rows, rowNumbers, warnings };
}
