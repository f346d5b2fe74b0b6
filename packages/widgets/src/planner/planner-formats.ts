/** The date and time formats the planner shows. @internal */
export type PlannerFormat = 'day-short' | 'day-long' | 'time' | 'period';

const OPTIONS: Record<PlannerFormat, Intl.DateTimeFormatOptions> = {
  'day-short': { weekday: 'short', day: 'numeric', month: 'short' },
  'day-long': { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit' },
  period: { day: 'numeric', month: 'long', year: 'numeric' },
};

/** One `Intl.DateTimeFormat` per format and locale, made once (a busy week asks for them in every cell). @internal */
export class PlannerFormats {
  private readonly cache = new Map<string, Intl.DateTimeFormat>();

  /** The formatter of `kind` for the Intl tag `intl`. */
  get(intl: string, kind: PlannerFormat): Intl.DateTimeFormat {
    const key = `${intl}|${kind}`;
    let f = this.cache.get(key);
    if (!f) this.cache.set(key, (f = new Intl.DateTimeFormat(intl, OPTIONS[kind])));
    return f;
  }
}
