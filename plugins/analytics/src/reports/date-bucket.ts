/** A date bucket for grouping. */
export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

const dates = new Map<string, { year: number; month: number; day: number; weekday: number }>();
const WEEKDAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date of an instant in `timeZone`: year, month (1–12), day, weekday (0 = Monday). */
export function zonedDate(ms: number, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  // Offsets are whole quarter hours: every instant of one UTC quarter hour has the same local date.
  const key = `${timeZone}|${Math.floor(ms / 900_000)}`;
  const hit = dates.get(key);
  if (hit) return hit;
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday: WEEKDAY[get('weekday')] ?? 0 };
  if (dates.size > 50_000) dates.clear();
  dates.set(key, date);
  return date;
}

/**
 * The bucket an instant falls in, as a sortable label in `timeZone`:
 * day `2026-03-31`, week `2026-03-30` (its Monday), month `2026-03`,
 * quarter `2026-Q1`, year `2026`.
 */
export function bucketOf(ms: number, bucket: DateBucket, timeZone: string): string {
  const { year, month, day, weekday } = zonedDate(ms, timeZone);
  switch (bucket) {
    case 'day':
      return `${year}-${pad(month)}-${pad(day)}`;
    case 'week': {
      const monday = new Date(Date.UTC(year, month - 1, day - weekday));
      return `${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`;
    }
    case 'month':
      return `${year}-${pad(month)}`;
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return String(year);
  }
}

/** The time zone of the runtime (the user's, in a browser). */
export function defaultTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
