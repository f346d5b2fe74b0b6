import readXlsxFile from 'read-excel-file/universal';
import { TableReadError } from './table-read-error.js';

/** ISO date (`2025-03-12`) or date-time for a spreadsheet date cell. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** One cell as text: numbers in plain notation (never with a group separator), dates in ISO. @internal */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  // Three decimals get a fourth so `1.234` cannot be read back as 1234 where dots group thousands.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace(/\.\d{3}$/, (decimals) => `${decimals}0`) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Reads one sheet of an XLSX file with read-excel-file. @internal */
export async function readXlsx(bytes: Uint8Array, sheet?: string | number): Promise<{ rows: string[][]; sheet: string; sheetCount: number }> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer)) as { sheet: string; data: unknown[][] }[];
  } catch (cause) {
    throw new TableReadError('xlsx', `The XLSX file could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const chosen = sheet === undefined ? sheets[0] : typeof sheet === 'number' ? sheets[sheet - 1] : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    throw new TableReadError('sheet', `Sheet "${String(sheet ?? 1)}" not found; the file has: ${sheets.map((s) => s.sheet).join(', ')}`);
  }
  return { rows: chosen.data.map((r) => r.map(cellToText)), sheet: chosen.sheet, sheetCount: sheets.length };
}
