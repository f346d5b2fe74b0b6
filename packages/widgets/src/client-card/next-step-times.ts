import { DEFAULT_QUICK_TIMES, quickTimeDue } from '@crmkit/core';

/**
 * The built-in quick next-step choices, which have localised labels here.
 * Which choices a card offers, and when they fall due, is configuration in
 * the core (`createCrm({ quickTimes, workCalendar })`, or a pipeline's
 * `quickTimes`; read through `crm.quickTimes`):
 *
 * - `hour` — exactly one hour from now;
 * - `tomorrow` — the next working day at the start of the working day (10:00 by default);
 * - `three-days` — three days ahead at that time, moved past a weekend;
 * - `next-week` — the next Monday at that time (on a Monday: the Monday a week later).
 */
export type QuickDue = 'hour' | 'tomorrow' | 'three-days' | 'next-week';

/** The built-in quick choices in the order the card offers them. */
export const QUICK_DUE_CHOICES: readonly QuickDue[] = ['hour', 'tomorrow', 'three-days', 'next-week'];

/** The local hour at which day-based quick choices are due by default. */
export const WORKDAY_START_HOUR = 10;

/** The due time of a built-in quick choice with the default calendar (10:00, Saturday and Sunday off), counted from `now`. */
export function quickDueAt(choice: QuickDue, now: Date): Date {
  const time = DEFAULT_QUICK_TIMES.find((q) => q.id === choice) ?? { id: choice, in: '1h' };
  return quickTimeDue(time, now, { dayStart: `${WORKDAY_START_HOUR}:00`, weekend: [6, 7] });
}

/** Parses the value of an `<input type="datetime-local">` (`2025-03-04T15:30`) as local time; `undefined` when empty or malformed. */
export function parseLocalDateTime(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : undefined;
}

/** Formats a date as an `<input type="datetime-local">` value in local time (minutes precision). */
export function toLocalDateTimeValue(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}
