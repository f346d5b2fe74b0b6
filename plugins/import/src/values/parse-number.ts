/**
 * Reads a number the way people type it in spreadsheets of any locale:
 * `150 000,00`, `1,500.00`, `1.500,50`, `1'500.5`, `-12,5`, `(300)`, `12 %`
 * with currency signs and codes around it. `1,500` and `1.500` (three digits
 * after one separator) are read as thousands. Returns `undefined` when the
 * text is not a number.
 */
export function parseNumber(text: string): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[\s\u00a0\u202f']/g, '').replace(/^[^\d+\-.,−]+|[^\d]+$/g, '');
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    if (s.indexOf(decimal) !== s.lastIndexOf(decimal)) return undefined;
    normalized = s.split(group).join('').replace(decimal, '.');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (!sep) normalized = s;
    else {
      const parts = s.split(sep);
      const groups = parts.length > 2 || (parts[1]?.length === 3 && (parts[0] ?? '') !== '0' && (parts[0] ?? '') !== '');
      if (groups) {
        if (!parts.slice(1).every((p) => p.length === 3)) return undefined;
        normalized = parts.join('');
      } else normalized = parts.join('.');
    }
  }
  const n = Number(normalized);
  if (!Number.isFinite(n)) return undefined;
  return negative ? -n : n;
}
