import type { Crm } from '@crmkit/core';
import { unparse } from 'papaparse';
import writeXlsxFile from 'write-excel-file/universal';
import type { ImportEntity } from '../mapping/fields.js';
import { exportColumns, exportLookups } from './export-columns.js';
import { neutralizeCell } from './neutralize.js';

/** Options of `exportRecords`. */
export interface ExportOptions {
  /** Which records. */
  entity: ImportEntity;
  /** `csv`: UTF-8 with BOM, RFC 4180, CRLF; `xlsx`: one sheet. */
  format: 'csv' | 'xlsx';
}

/** A number as plain digits; three decimals get a fourth so `1.234` cannot read back as 1234 in locales that group by dots. */
function numberText(n: number): string {
  const s = String(n);
  return /\.\d{3}$/.test(s) ? `${s}0` : s;
}

function recordsOf(crm: Crm, entity: ImportEntity): Promise<Record<string, unknown>[]> {
  const service = { contact: crm.contacts, company: crm.companies, lead: crm.leads, deal: crm.deals }[entity];
  return service.list({ sort: 'createdAt' }) as Promise<Record<string, unknown>[]>;
}

/**
 * Exports the records the current user may see as CSV (UTF-8 with BOM,
 * RFC 4180) or XLSX. Columns are titled so that `suggestMapping` maps them
 * back and the id column makes a re-import match the same records: an export
 * imports back with nothing lost and nothing duplicated. Text that a
 * spreadsheet could run as a formula is neutralised (see `neutralizeCell`).
 * Custom fields follow the built-in columns, titled by their names.
 */
export async function exportRecords(crm: Crm, options: ExportOptions): Promise<Uint8Array> {
  const records = await recordsOf(crm, options.entity);
  const customNames = [...new Set(records.flatMap((r) => Object.keys((r['custom'] as object | undefined) ?? {})))].sort();
  const columns = exportColumns(options.entity, customNames, await exportLookups(crm, options.entity));
  const rows = records.map((r) => columns.map((c) => c.value(r)));
  if (options.format === 'csv') {
    const text = unparse({ fields: columns.map((c) => neutralizeCell(c.title)), data: rows.map((row) => row.map((v) => (v === undefined ? '' : typeof v === 'number' ? numberText(v) : neutralizeCell(v)))) }, { newline: '\r\n', quotes: false, quoteChar: '"', escapeChar: '"' });
    return new TextEncoder().encode(`\ufeff${text}\r\n`);
  }
  const header = columns.map((c) => ({ value: neutralizeCell(c.title), fontWeight: 'bold' as const }));
  const body = rows.map((row) => row.map((v) => (v === undefined ? null : typeof v === 'number' ? { value: v } : { value: neutralizeCell(v), type: String })));
  const blob = await writeXlsxFile([header, ...body], { sheet: options.entity }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
