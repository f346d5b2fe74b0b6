/**
 * When the quick next-step buttons of the client card put a step, from the
 * CRM clock (`crm.now()`), in the browser's local time zone:
 *
 * - `hour` — exactly one hour from now;
 * - `tomorrow` — the next calendar day at 10:00;
 * - `three-days` — the calendar day three days from today at 10:00;
 * - `next-week` — the next Monday at 10:00 (on a Monday: the Monday a week later).
 *
 * 10:00 is the start of a working morning: a step set "for tomorrow" should
 * greet the manager when the day starts, not at the minute it was set.
 */
export type QuickDue = 'hour' | 'tomorrow' | 'three-days' | 'next-week';

/** The quick choices in the order the card offers them. */
export const QUICK_DUE_CHOICES: readonly QuickDue[] = ['hour', 'tomorrow', 'three-days', 'next-week'];

/** The local hour at which day-based quick choices are due. */
export const WORKDAY_START_HOUR = 10;

/** The due time of a quick choice, counted from `now` (see {@link QuickDue}). */
export function quickDueAt(choice: QuickDue, now: Date): Date {
  const at = (daysAhead: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, WORKDAY_START_HOUR, 0, 0, 0);
  switch (choice) {
    case 'hour':
      return new Date(now.getTime() + 60 * 60 * 1000);
    case 'tomorrow':
      return at(1);
    case 'three-days':
      return at(3);
    case 'next-week': {
      const day = now.getDay(); // 0 Sunday … 6 Saturday
      return at(day === 0 ? 1 : 8 - day);
    }
  }
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
