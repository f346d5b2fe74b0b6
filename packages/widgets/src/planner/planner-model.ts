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

/** The steps of the visible days, by `person|day`, each cell in the order given; steps before the first day that are still pending are `earlier`. */
export interface PlannerBuckets {
  /** `assigneeId|YYYY-MM-DD` → steps due that day. */
  cells: Map<string, Activity[]>;
  /** `assigneeId` → pending steps due before the first visible day. */
  earlier: Map<string, Activity[]>;
}

/** Sorts the steps into the cells of the visible days, keeping their order within a cell (the planner orders only the steps a cell shows). */
export function bucketSteps(steps: readonly Activity[], days: readonly PlannerDay[]): PlannerBuckets {
  const cells = new Map<string, Activity[]>();
  const earlier = new Map<string, Activity[]>();
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return { cells, earlier };
  const from = first.start.getTime();
  // Day boundaries once per call: a step finds its column by comparing
  // numbers, not by making a Date and a key of its own.
  const starts = days.map((d) => d.start.getTime());
  const to = addDays(last.start, 1).getTime();
  for (const step of steps) {
    const due = Date.parse(step.dueAt);
    if (due < from) {
      const list = earlier.get(step.assigneeId);
      if (list) list.push(step);
      else earlier.set(step.assigneeId, [step]);
    } else if (due < to) {
      let i = starts.length - 1;
      while (starts[i]! > due) i--;
      const key = `${step.assigneeId}|${days[i]!.key}`;
      const list = cells.get(key);
      if (list) list.push(step);
      else cells.set(key, [step]);
    }
  }
  return { cells, earlier };
}

