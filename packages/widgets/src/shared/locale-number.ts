import { intlTag } from '../i18n/intl-tag.js';

/** Why a typed number was refused: not a number at all, or one that reads two ways. */
export type NumberInputProblem = 'invalid' | 'ambiguous';

/** The outcome of {@link parseLocaleNumber}. */
export type ParsedNumber = { ok: true; value: number } | { ok: false; problem: NumberInputProblem };

const separators = new Map<string, { group: string; decimal: string }>();

/** The locale's grouping and decimal separators, from `Intl.NumberFormat` parts (spaces unified to ' '). */
export function numberSeparators(locale: string): { group: string; decimal: string } {
  let found = separators.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(intlTag(locale)).formatToParts(1234567.5);
    const group = (parts.find((p) => p.type === 'group')?.value ?? ',').replace(/\s/g, ' ');
    found = { group, decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    separators.set(locale, found);
  }
  return found;
}

const SPACES = /[\s\u00a0\u202f]/g;

/** Digits grouped by threes: `1`, `12`, `1 234`, `12,345,678` (groups given as the parts between separators). */
function validGroups(groups: readonly string[]): boolean {
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/.test(g) : /^\d{3}$/.test(g)));
}

/**
 * Reads a number as a person typed it in `locale`: `1,500` and `1,500.25` in
 * English, `1 500,25` in Russian, `1.5` anywhere a dot cannot be a thousands
 * separator. Never guesses: input that reads two ways — `1,50` in English
 * (a European decimal comma?), `1.500` in Russian (German thousands?) — is
 * refused as `ambiguous`, and anything else that is not a number as `invalid`.
 */
export function parseLocaleNumber(text: string, locale: string): ParsedNumber {
  const { group, decimal } = numberSeparators(locale);
  let s = text.trim().replace(/[−–]/g, '-');
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1).trim();
  // Spaces only ever group digits, in every locale: keep them as group marks to check their positions.
  s = s.replace(SPACES, ' ');
  if (!/^[\d., ']+$/.test(s) || !/\d/.test(s) || /^[., ]|[., ]$/.test(s)) return { ok: false, problem: 'invalid' };
  const marks = [...new Set(s.replace(/[\d]/g, ''))];
  const ok = (value: number): ParsedNumber => ({ ok: true, value: negative ? -value : value });
  const whole = (intPart: string, groupMarks: readonly string[]): number | undefined => {
    const groups = groupMarks.length ? intPart.split(new RegExp(`[${groupMarks.map((m) => `\\${m}`).join('')}]`)) : [intPart];
    if (groups.length > 1 && !validGroups(groups)) return undefined;
    return Number(groups.join(''));
  };
  const dots = marks.filter((m) => m === '.' || m === ',');
  const spaceLike = marks.filter((m) => m === ' ' || m === "'");
  if (dots.length === 0) {
    const n = whole(s, spaceLike);
    return n === undefined ? { ok: false, problem: 'invalid' } : ok(n);
  }
  if (dots.length === 2) {
    // Both '.' and ',': the last one is the decimal mark, and it must be this locale's.
    const last = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if (last !== decimal) return { ok: false, problem: 'ambiguous' };
    const [intPart, frac] = [s.slice(0, s.lastIndexOf(last)), s.slice(s.lastIndexOf(last) + 1)];
    const n = whole(intPart, [...spaceLike, last === '.' ? ',' : '.']);
    return n === undefined || !/^\d+$/.test(frac) ? { ok: false, problem: 'invalid' } : ok(Number(`${n}.${frac}`));
  }
  const mark = dots[0]!;
  const count = s.split(mark).length - 1;
  if (count > 1) {
    // Repeated: only a grouping mark can repeat.
    if (mark === decimal) return { ok: false, problem: 'invalid' };
    const n = whole(s, [...spaceLike, mark]);
    return n === undefined ? { ok: false, problem: 'invalid' } : ok(n);
  }
  const [intPart, frac] = s.split(mark) as [string, string];
  const intValue = whole(intPart, spaceLike);
  if (intValue === undefined || !/^\d+$/.test(frac)) return { ok: false, problem: 'invalid' };
  const asDecimal = Number(`${intValue}.${frac}`);
  const couldGroup = frac.length === 3 && !spaceLike.length && /^\d{1,3}$/.test(intPart);
  if (mark === decimal) {
    // `1,500` in Russian: a decimal comma, unless the locale also groups with commas (it does not).
    return ok(asDecimal);
  }
  if (mark === group) {
    // This locale's thousands mark: `1,500` in English. Not followed by three digits, it would be
    // someone else's decimal mark (`1,50`): refuse rather than guess.
    return couldGroup ? ok(Number(`${intPart}${frac}`)) : { ok: false, problem: 'ambiguous' };
  }
  // A mark this locale does not use (a dot in Russian): a decimal point, unless it could be
  // another locale's thousands mark (`1.500`).
  return couldGroup ? { ok: false, problem: 'ambiguous' } : ok(asDecimal);
}
