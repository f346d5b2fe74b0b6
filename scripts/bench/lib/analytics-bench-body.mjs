// The computations the analytics benchmark compares: the plugin's funnel +
// metrics, the same answer from a plain typed-array loop (the floor), and from
// arquero (a dataframe library a data engineer would reach for).
import { CURRENCIES, SALES_STAGES, syntheticChunks } from './analytics-bench-data.mjs';

const DAY = 86_400_000;
const STATUS = { open: 0, won: 1, lost: 2 };

/** Median wall time of `runs` calls after `warm` unmeasured ones (ms). */
export async function median(fn, runs = 10, warm = 3) {
  for (let i = 0; i < warm; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** Probability per open stage position, as the plugin reads it (declared, else place in the funnel). */
export function stageProbabilities(pipeline) {
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  return open.map((s, i) => (typeof s.probability === 'number' ? s.probability : (i + 1) / (open.length + 1)));
}

/** The same data as plain typed arrays: the best a hand-written loop can start from. */
export function floorColumns(n) {
  const cols = { n, furthest: new Int8Array(n), stage: new Int8Array(n), status: new Uint8Array(n), created: new Float64Array(n), closed: new Float64Array(n), amount: new Float64Array(n), currency: new Uint8Array(n) };
  let i = 0;
  for (const { deals, history } of syntheticChunks(n)) {
    for (const h of history) {
      const pos = h.type === 'stage_changed' ? SALES_STAGES.indexOf(h.data.to) : -1;
      const r = Number(h.recordId.slice(1));
      if (pos > cols.furthest[r]) cols.furthest[r] = pos;
    }
    for (const d of deals) {
      cols.stage[i] = SALES_STAGES.indexOf(d.stageId);
      cols.status[i] = STATUS[d.status];
      if (d.status === 'won') cols.furthest[i] = SALES_STAGES.length - 1;
      cols.created[i] = Date.parse(d.createdAt);
      cols.closed[i] = d.closedAt ? Date.parse(d.closedAt) : NaN;
      cols.amount[i] = d.amount;
      cols.currency[i] = CURRENCIES.indexOf(d.currency);
      i++;
    }
  }
  return cols;
}

/** Funnel (reached) + metrics in two plain loops over typed arrays. */
export function floorReport(c, period, probs) {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const S = SALES_STAGES.length;
  const C = CURRENCIES.length;
  const counts = new Float64Array(S);
  const values = new Float64Array(S * C);
  let won = 0, lost = 0, open = 0, cycle = 0, closedWon = 0, closedLost = 0;
  const wonSum = new Float64Array(C), wonN = new Float64Array(C), openN = new Float64Array(C), weighted = new Float64Array(C);
  for (let r = 0; r < c.n; r++) {
    const st = c.status[r];
    const cur = c.currency[r];
    const a = c.amount[r];
    const cr = c.created[r];
    if (cr >= from && cr < to) {
      if (st === 0) open++;
      else if (st === 1) won++;
      else lost++;
      const f = c.furthest[r];
      counts[f]++;
      values[f * C + cur] += a;
    }
    if (st === 0) {
      openN[cur]++;
      weighted[cur] += a * probs[c.stage[r]];
      continue;
    }
    const cl = c.closed[r];
    if (!(cl >= from && cl < to)) continue;
    if (st === 2) {
      closedLost++;
      continue;
    }
    closedWon++;
    cycle += (cl - cr) / DAY;
    wonSum[cur] += a;
    wonN[cur]++;
  }
  for (let i = S - 2; i >= 0; i--) {
    counts[i] += counts[i + 1];
    for (let k = 0; k < C; k++) values[i * C + k] += values[(i + 1) * C + k];
  }
  const winRate = closedWon / (closedWon + closedLost);
  const cycleDays = cycle / closedWon;
  const avg = {}, velocity = {}, weightedPipeline = {};
  CURRENCIES.forEach((code, k) => {
    avg[code] = wonSum[k] / wonN[k];
    velocity[code] = (openN[k] * winRate * avg[code]) / cycleDays;
    weightedPipeline[code] = weighted[k];
  });
  return { counts: [...counts], cohort: { won, lost, open }, won: closedWon, lost: closedLost, winRate, cycleDays, averageDealSize: avg, velocityPerDay: velocity, weightedPipeline };
}

/** An arquero table of the same columns. */
export function arqueroTable(aq, c, probs) {
  const prob = new Float64Array(c.n);
  for (let r = 0; r < c.n; r++) prob[r] = probs[c.stage[r]] ?? 0;
  return aq.table({ furthest: c.furthest, status: c.status, created: c.created, closed: c.closed, amount: c.amount, currency: c.currency, prob });
}

/** The same funnel + metrics with arquero verbs. */
export function arqueroReport(aq, t, period) {
  const op = aq.op;
  const p = { from: period.from.getTime(), to: period.to.getTime() };
  const stages = t.params(p).filter((d, $) => d.created >= $.from && d.created < $.to).groupby('furthest', 'currency').rollup({ n: op.count(), v: (d) => op.sum(d.amount) }).objects();
  const cohort = t.params(p).filter((d, $) => d.created >= $.from && d.created < $.to).groupby('status').count().objects();
  const closed = t.params(p).filter((d, $) => d.status > 0 && d.closed >= $.from && d.closed < $.to).derive({ days: (d) => (d.closed - d.created) / 86400000 }).groupby('status', 'currency').rollup({ n: op.count(), s: (d) => op.sum(d.amount), days: (d) => op.sum(d.days) }).objects();
  const open = t.filter((d) => d.status === 0).groupby('currency').rollup({ n: op.count(), w: (d) => op.sum(d.amount * d.prob) }).objects();
  const counts = new Array(SALES_STAGES.length).fill(0);
  for (const s of stages) counts[s.furthest] += s.n;
  for (let i = counts.length - 2; i >= 0; i--) counts[i] += counts[i + 1];
  let won = 0, lost = 0, days = 0;
  for (const r of closed) {
    if (r.status === 1) {
      won += r.n;
      days += r.days;
    } else lost += r.n;
  }
  return { counts, cohort, won, lost, winRate: won / (won + lost), cycleDays: days / won, open };
}
