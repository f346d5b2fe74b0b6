import { intlTag } from '../i18n/intl-tag.js';

// Intl formatters are costly to construct; a board formats thousands of values.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export { intlTag } from '../i18n/intl-tag.js';

/** Formats an amount of money in its currency, e.g. `1 500 000 ₽` for ru/RUB. Whole units unless the amount has cents. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const whole = Number.isInteger(amount);
  try {
    return cached(`n|${locale}|${currency}|${whole}`, () =>
      new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency, maximumFractionDigits: whole ? 0 : 2, minimumFractionDigits: whole ? 0 : undefined }),
    ).format(amount) as string;
  } catch {
    // An unknown currency code: show the number and the code as given.
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}

/** Formats a plain number for the locale (grouping, decimal sign). */
export function formatNumber(value: number, locale: string): string {
  return (cached(`n|${locale}`, () => new Intl.NumberFormat(intlTag(locale))) as Intl.NumberFormat).format(value);
}

/** Formats per-currency totals, one string per currency, in currency-code order (amounts in different currencies are never added together or compared). */
export function formatTotals(totals: ReadonlyMap<string, number>, locale: string): string[] {
  return [...totals.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([currency, sum]) => formatMoney(sum, currency, locale));
}

/** Formats a date (no time), e.g. `12 мар. 2025 г.` / `Mar 12, 2025`. */
export function formatDate(date: Date | string | number, locale: string): string {
  return (cached(`d|${locale}`, () => new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium' })) as Intl.DateTimeFormat).format(new Date(date));
}

/** Formats a date with the time of day, e.g. `Mar 12, 2025, 14:30`. */
export function formatDateTime(date: Date | string | number, locale: string): string {
  return (cached(`dt|${locale}`, () => new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' })) as Intl.DateTimeFormat).format(new Date(date));
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  // No weeks: "12 days ago" says more about an overdue step than "last week".
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Formats how far `date` is from `now` in the largest sensible unit:
 * `in 3 hours`, `2 days ago`, `tomorrow` (`через 3 часа`, `2 дня назад`).
 */
export function formatRelative(date: Date | string | number, now: Date, locale: string): string {
  const diff = new Date(date).getTime() - now.getTime();
  const abs = Math.abs(diff);
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(intlTag(locale), { numeric: 'auto' })) as Intl.RelativeTimeFormat;
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) return rtf.format(Math.trunc(diff / ms), unit);
  }
  return rtf.format(0, 'minute');
}

/** Picks the plural form of `n` for the locale: `plural('ru', 3, { one: 'сделка', few: 'сделки', other: 'сделок' })`. */
export function plural(locale: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  const rule = (cached(`p|${locale}`, () => new Intl.PluralRules(intlTag(locale))) as Intl.PluralRules).select(n);
  return forms[rule] ?? forms.other;
}
