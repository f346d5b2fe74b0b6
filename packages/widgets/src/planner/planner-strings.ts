import type { ActivityType } from '@crmkit/core';

/** Every string `<crm-planner>` shows or announces (namespace `planner`; the tables are in `locales/`). @internal */
export interface PlannerStrings {
  /** Accessible name of the planner, with the period shown. */
  planner: (period: string) => string;
  title: string;
  view: string;
  day: string;
  week: string;
  previous: (view: 'day' | 'week') => string;
  next: (view: 'day' | 'week') => string;
  today: string;
  person: string;
  earlier: string;
  overdue: string;
  todayMark: string;
  empty: string;
  loading: string;
  noCrm: string;
  failed: (message: string) => string;
  instructions: string;
  pickedUp: (title: string, day: string, person: string) => string;
  over: (title: string, day: string, person: string) => string;
  moved: (title: string, day: string, person: string) => string;
  cancelled: (title: string) => string;
  notMoved: (title: string, message: string) => string;
  forbidden: string;
  /** A hand-over the user may not make: "You may not hand steps over to Bob." */
  forbiddenHandOver: (person: string) => string;
  conflict: string;
  dismiss: string;
  /** A busy cell's button: "+12 more". */
  more: (count: number) => string;
  /** Its accessible name: how many more steps, whose, and when ("Show 12 more steps of Ann, Tuesday 5 May"). */
  moreLabel: (count: number, person: string, where: string) => string;
  types: Record<ActivityType, string>;
}
