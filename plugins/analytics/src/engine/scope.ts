import { ValidationError, type Crm } from '@crmkit/core';
import type { AnalyticsIndex } from './analytics-index.js';
import type { Money, Period } from '../types.js';

/** Whose records a report may count: everyone's, or one owner's (a manager). */
export interface Scope {
  /** Owner code a manager is limited to; `null` for heads, admins and `system`. */
  owner: number | null;
}

/**
 * The scope of the acting user of `crm`, with the core's rule: managers see
 * their own records, heads and admins see all, no user means `system`.
 */
export function scopeOf(crm: Crm, index: AnalyticsIndex): Scope {
  const user = crm.currentUser;
  if (!user || user.role !== 'manager') return { owner: null };
  return { owner: index.dicts.users.code(user.id) };
}

/** A period as milliseconds `[from, to)`; throws `ValidationError` naming `from` or `to`. */
export function periodMs(period: Partial<Period>, what = 'period'): { from: number; to: number } {
  const ms = (v: unknown, field: 'from' | 'to'): number => {
    const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) throw new ValidationError([{ path: [field], code: 'invalid_date', message: `"${field}" must be a date (a Date or an ISO 8601 string)` }], what);
    return t;
  };
  const from = ms(period.from, 'from');
  const to = ms(period.to, 'to');
  if (to < from) throw new ValidationError([{ path: ['to'], code: 'invalid', message: '"to" must not be before "from" (the period is [from, to))' }], what);
  return { from, to };
}

/**
 * Money rounded to a millionth: running totals add and take out amounts ×
 * fractional probabilities, and must show the same figure as a fresh sum
 * (`108.19999999999999` is `108.2`).
 */
export function roundMoney(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Sums per currency code, turned into a `Money` map (codes with no entries left out). */
export function moneyOf(sums: Float64Array, counts: Float64Array | Uint32Array | Uint8Array, currencies: readonly string[], offset = 0): Money {
  const out: Money = {};
  for (let c = 0; c < currencies.length; c++) {
    if ((counts[offset + c] as number) > 0) out[currencies[c] as string] = roundMoney(sums[offset + c] as number);
  }
  return out;
}
