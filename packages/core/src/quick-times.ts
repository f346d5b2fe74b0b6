import * as z from 'zod/mini';
import { isDuration, parseDuration } from './duration.js';
import { LocalizedTextSchema } from './schemas/common.js';

const TimeOfDaySchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time of day such as "10:00"' }));

/**
 * A quick next-step time the client card offers as one button ("Tomorrow").
 * Give exactly one of `in`, `days` or `weekday`.
 */
export const QuickTimeSchema = z
  .object({
    /** Stable id; the widgets have localised labels for the built-in ids (`hour`, `tomorrow`, `three-days`, `next-week`). */
    id: z.string().check(z.minLength(1), z.maxLength(50)),
    /** Label for a team's own choice (a string or a locale → string map). */
    label: z.optional(LocalizedTextSchema),
    /** Exactly this long from now (`'1h'`, `'30m'`). */
    in: z.optional(z.string().check(z.refine(isDuration, { error: 'expected a duration such as "1h" or "2d"' }))),
    /** This many days ahead, at the start of the working day; a weekend day moves on to the next working day. */
    days: z.optional(z.int().check(z.gte(1), z.lte(366))),
    /** The next such weekday (1 Monday … 7 Sunday) at the start of the working day; a week later when today is that day. */
    weekday: z.optional(z.int().check(z.gte(1), z.lte(7))),
    /** Time of day of `days`/`weekday` choices; default the calendar's `dayStart`. */
    at: z.optional(TimeOfDaySchema),
  })
  .check(
    z.refine((q) => [q.in, q.days, q.weekday].filter((x) => x !== undefined).length === 1, { error: 'give exactly one of in, days or weekday' }),
  );

/** When the team works: day-based quick times land at `dayStart` on a working day. */
export const WorkCalendarSchema = z.object({
  /** Start of the working day, local time (default `10:00`). */
  dayStart: z.optional(TimeOfDaySchema),
  /** Weekend days, 1 Monday … 7 Sunday (default from the locale, e.g. Saturday and Sunday). */
  weekend: z.optional(z.array(z.int().check(z.gte(1), z.lte(7)))),
});

/** A quick next-step time. */
export type QuickTime = z.infer<typeof QuickTimeSchema>;
/** The team's working calendar. */
export type WorkCalendar = z.infer<typeof WorkCalendarSchema>;

/** The quick times every CRM offers unless configured otherwise. */
export const DEFAULT_QUICK_TIMES: readonly QuickTime[] = [
  { id: 'hour', in: '1h' },
  { id: 'tomorrow', days: 1 },
  { id: 'three-days', days: 3 },
  { id: 'next-week', weekday: 1 },
];

/** The weekend of a locale (1 Monday … 7 Sunday), from `Intl.Locale` week data where the runtime has it; Saturday and Sunday otherwise. */
export function weekendOf(locale: string): number[] {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { weekend: number[] }; weekInfo?: { weekend: number[] } };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info?.weekend?.length) return [...info.weekend];
  } catch {
    // An unknown locale tag: fall back below.
  }
  return [6, 7];
}

/** ISO weekday of a date in local time: 1 Monday … 7 Sunday. */
function isoDay(d: Date): number {
  return d.getDay() === 0 ? 7 : d.getDay();
}

/**
 * When a quick time falls due, counted from `from` in the runtime's local
 * time zone: `in` exactly; `days` at the day start, moved past weekends;
 * `weekday` at the day start of the next such day.
 */
export function quickTimeDue(time: QuickTime, from: Date, calendar: Required<WorkCalendar>): Date {
  if (time.in !== undefined) return new Date(from.getTime() + parseDuration(time.in));
  const [h, m] = (time.at ?? calendar.dayStart).split(':').map(Number) as [number, number];
  const on = (daysAhead: number) => new Date(from.getFullYear(), from.getMonth(), from.getDate() + daysAhead, h, m, 0, 0);
  if (time.weekday !== undefined) {
    const ahead = (time.weekday - isoDay(from) + 7) % 7 || 7;
    return on(ahead);
  }
  let ahead = time.days ?? 1;
  // Never more than a week of weekend in a row: the guard keeps a misconfigured calendar from looping.
  for (let i = 0; i < 7 && calendar.weekend.includes(isoDay(on(ahead))); i++) ahead++;
  return on(ahead);
}

/** `crm.quickTimes`: the team's quick next-step times and when each falls due. */
export interface QuickTimes {
  /** The working calendar in effect. */
  readonly calendar: Required<WorkCalendar>;
  /** Quick times of a pipeline (its own, else the CRM's, else the defaults). */
  list(pipelineId?: string): QuickTime[];
  /** When the quick time `id` falls due from `from` (default: the CRM clock). Throws `NotFoundError` for an unknown id. */
  dueAt(id: string, options?: { pipelineId?: string; from?: Date }): Date;
}
