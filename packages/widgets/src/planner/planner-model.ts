import type { Activity } from '@crmkit/core';

/** `day` shows one day, `week` seven (Monday first). */
export type PlannerView = 'day' | 'week';

/** One day column: its local date key (`2026-05-04`) and its start. */
export interface PlannerDay {
  /** Local calendar date, `YYYY-MM-DD`. */
  key: string;
  /** Local midnight of that day. */
  start: Date;
}


/** The local calendar date of `date` as `YYYY-MM-DD`. */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

/** Local midnight of a `YYYY-MM-DD` key, or `undefined` when the key is not a real date. */
export function parseDayKey(key: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key.trim());
  if (!m) return undefined;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayKey(date) === key.trim() ? date : undefined;
}

/** `date` moved by `days` calendar days (local time; safe across daylight-saving changes). */
export function addDays(date: Date, days: number): Date {
  const out = new Date(date);
  out.setDate(out.getDate() + days);
  return out;
}

/** The days a view shows around `anchor`: that day, or its Monday-to-Sunday week. */
export function visibleDays(anchor: Date, view: PlannerView): PlannerDay[] {
  const start = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate());
  if (view === 'day') return [{ key: dayKey(start), start }];
  const monday = addDays(start, -((start.getDay() + 6) % 7));
  return Array.from({ length: 7 }, (_, i) => {
    const d = addDays(monday, i);
    return { key: dayKey(d), start: d };
  });
}

/** How far `view` steps with "previous" and "next". */
export function stepDays(view: PlannerView): number {
  return view === 'day' ? 1 : 7;
}

/** True when a pending step's due time has passed. */
export function isOverdue(step: Activity, now: Date): boolean {
  return step.state === 'pending' && Date.parse(step.dueAt) < now.getTime();
}

/** The same time of day as `dueAt`, on the day `key` (local time). */
export function moveToDay(dueAt: string, key: string): string {
  const due = new Date(dueAt);
  const day = parseDayKey(key);
  if (!day) throw new RangeError(`Not a calendar day: "${key}"`);
  day.setHours(due.getHours(), due.getMinutes(), due.getSeconds(), due.getMilliseconds());
  return day.toISOString();
}
