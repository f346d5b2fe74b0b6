/** How to read `03/04/2025`: day first (most of the world) or month first (US). */
export type DateOrder = 'dmy' | 'mdy';

function iso(y: number, m: number, d: number, time?: string): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  const day = date.toISOString().slice(0, 10);
  return time ? `${day}T${time}` : day;
}

/** The date of an Excel serial day number (1900 date system, 1 = 1900-01-01). */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const s = d.toISOString();
  return s.endsWith('T00:00:00.000Z') ? s.slice(0, 10) : s.slice(0, 19) + 'Z';
}

/**
 * Reads a date as spreadsheets hold it: ISO (`2025-03-12`, with a time or
 * not), `12.03.2025` / `12/03/2025` / `12-03-25` (day first unless `order`
 * is `mdy`; a first part over 12 always means the day), `2025年3月12日`, or an
 * Excel serial number (`45728`). Returns an ISO date (`2025-03-12`) or
 * date-time, or `undefined` when the text is not a real date.
 */
export function parseDate(text: string, order: DateOrder = 'dmy'): string | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    if (m[4] === undefined) return iso(+m[1]!, +m[2]!, +m[3]!);
    const local = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}T${m[4].padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`;
    const d = new Date(local);
    if (Number.isNaN(d.getTime()) || iso(+m[1]!, +m[2]!, +m[3]!) === undefined) return undefined;
    return m[7] ? d.toISOString() : local;
  }
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    let a = +m[1]!;
    let b = +m[2]!;
    const y = m[3]!.length === 2 ? 2000 + +m[3]! - (+m[3]! > 69 ? 100 : 0) : +m[3]!;
    if (order === 'mdy' && a <= 12) [a, b] = [b, a];
    else if (a <= 12 && b > 12) [a, b] = [b, a];
    const time = m[4] !== undefined ? `${m[4].padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}` : undefined;
    return iso(y, b, a, time);
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return undefined;
}
