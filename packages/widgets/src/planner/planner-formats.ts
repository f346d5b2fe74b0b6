/** The date and time formats the planner shows. @internal */
export type PlannerFormat = 'day-short' | 'day-long' | 'time' | 'period';

const OPTIONS: Record<PlannerFormat, Intl.DateTimeFormatOptions> = {
  'day-short': { weekday: 'short', day: 'numeric', month: 'short' },
  'day-long': { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit' },
  period: { day: 'numeric', month: 'long', year: 'numeric' },
};

/** Formatters shared by every planner on the page: they never change, and making one costs more than a render of a cell. */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Period titles (a range format is slow), by locale and period. */
const periods = new Map<string, string>();

/** One `Intl.DateTimeFormat` per format and locale, made once per page (a busy week asks for them in every cell). @internal */
export class PlannerFormats {
  /** The formatter of `kind` for the Intl tag `intl`. */
  get(intl: string, kind: PlannerFormat): Intl.DateTimeFormat {
    const key = `${intl}|${kind}`;
    let f = formatters.get(key);
    if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(intl, OPTIONS[kind])));
    return f;
  }

  /** "May 4 – 10, 2026": the range from `first` to `last` (days), in `intl`. */
  range(intl: string, first: Date, last: Date): string {
    const key = `${intl}|${first.getTime()}|${last.getTime()}`;
    let text = periods.get(key);
    if (text === undefined) periods.set(key, (text = this.get(intl, 'period').formatRange(first, last)));
    return text;
  }
}
