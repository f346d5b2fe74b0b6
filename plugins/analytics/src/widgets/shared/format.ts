import type { Money } from '../../types.js';

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A count or plain number in the locale. */
export function formatNumber(n: number, locale: string, digits = 0): string {
  return nf(locale, { maximumFractionDigits: digits }).format(n);
}

/** A ratio (0–1) as a percentage; `—` when there is none. */
export function formatPercent(r: number | null | undefined, locale: string): string {
  return r === null || r === undefined ? '—' : nf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(r);
}

/** One amount in its currency. */
export function formatAmount(amount: number, currency: string, locale: string): string {
  try {
    return nf(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${formatNumber(amount, locale)} ${currency}`;
  }
}

/** Money per currency, side by side (never added): `$1,200 · ₽950,000`; `—` when empty. */
export function formatMoney(money: Money | undefined, locale: string): string {
  const entries = Object.entries(money ?? {});
  return entries.length ? entries.map(([c, v]) => formatAmount(v, c, locale)).join(' · ') : '—';
}
