import type { AnalyticsIndex } from './analytics-index.js';
import { OPEN, WON } from './pipeline-layout.js';
import { periodMs, type Scope } from './scope.js';
import type { ManagerRow, Money, Period } from '../types.js';

/**
 * Per owner: leads created, deals won/lost and revenue in `[from, to)`,
 * win rate of their closed deals, next steps completed in the period, and
 * overdue steps and records missing a next step now.
 */
export function managers(index: AnalyticsIndex, scope: Scope, period: Period, now: number, users: readonly { id: string; name: string }[]): ManagerRow[] {
  const { from, to } = periodMs(period, 'managers');
  const U = index.dicts.users;
  for (const u of users) U.code(u.id);
  const n = U.size;
  const C = index.dicts.currencies.size;
  const leadsCount = new Float64Array(n);
  const won = new Float64Array(n);
  const lost = new Float64Array(n);
  const revenue = new Float64Array(n * C);
  const revenueCount = new Float64Array(n * C);
  const done = new Float64Array(n);
  const overdue = new Float64Array(n);
  const missing = new Float64Array(n);
  const touched = new Uint8Array(n);
  const only = scope.owner;
  const visible = (o: number) => only === null || o === only;

  const { leads, deals, activities: acts } = index;
  for (let r = 0; r < leads.size; r++) {
    if (leads.alive[r] === 0 || leads.spam[r] === 1) continue;
    const o = leads.owner[r] as number;
    if (!visible(o)) continue;
    const c = leads.created[r] as number;
    if (c >= from && c < to) {
      leadsCount[o]!++;
      touched[o] = 1;
    }
  }
  for (let r = 0; r < deals.size; r++) {
    if (deals.alive[r] === 0) continue;
    const o = deals.owner[r] as number;
    if (!visible(o)) continue;
    const st = deals.status[r] as number;
    if (st === OPEN) continue;
    const cl = deals.closed[r] as number;
    if (!(cl >= from && cl < to)) continue;
    touched[o] = 1;
    if (st !== WON) {
      lost[o]!++;
      continue;
    }
    won[o]!++;
    const a = deals.amount[r] as number;
    const cur = deals.currency[r] as number;
    if (a === a && cur >= 0) {
      revenue[o * C + cur]! += a;
      revenueCount[o * C + cur]!++;
    }
  }
  const planned = new Set<string>();
  for (let r = 0; r < acts.size; r++) {
    if (acts.alive[r] === 0) continue;
    if (acts.pending[r] === 1) planned.add(acts.recordId[r] as string);
    const who = acts.assignee[r] as number;
    if (!visible(who)) continue;
    if (acts.pending[r] === 1) {
      if ((acts.due[r] as number) < now) {
        overdue[who]!++;
        touched[who] = 1;
      }
    } else {
      const d = acts.done[r] as number;
      if (d >= from && d < to) {
        done[who]!++;
        touched[who] = 1;
      }
    }
  }
  for (const t of [leads, deals]) {
    for (let r = 0; r < t.size; r++) {
      if (t.alive[r] === 0 || t.status[r] !== OPEN) continue;
      const o = t.owner[r] as number;
      if (!visible(o) || planned.has(t.ids[r] as string)) continue;
      missing[o]!++;
      touched[o] = 1;
    }
  }
  const names = new Map(users.map((u) => [u.id, u.name]));
  const order = [...users.map((u) => U.find(u.id)), ...Array.from({ length: n }, (_, i) => i).filter((i) => !names.has(U.values[i] as string) && touched[i] === 1)];
  const rows: ManagerRow[] = [];
  for (const o of order) {
    if (!visible(o)) continue;
    const userId = U.values[o] as string;
    const revenueMoney: Money = {};
    for (let c = 0; c < C; c++) if ((revenueCount[o * C + c] as number) > 0) revenueMoney[index.dicts.currencies.values[c] as string] = revenue[o * C + c] as number;
    const w = won[o] as number;
    const l = lost[o] as number;
    rows.push({
      userId,
      name: names.get(userId) ?? userId,
      leads: leadsCount[o] as number,
      won: w,
      lost: l,
      revenue: revenueMoney,
      winRate: w + l > 0 ? w / (w + l) : null,
      activitiesDone: done[o] as number,
      overdue: overdue[o] as number,
      missingNextStep: missing[o] as number,
    });
  }
  return rows;
}
