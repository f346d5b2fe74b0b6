import { localize } from '@crmkit/core';
import type { Aggregate } from './aggregate.js';
import type { AnalyticsIndex } from './analytics-index.js';
import { pipelineCode } from './funnel.js';
import { LOST, OPEN } from './pipeline-layout.js';
import { moneyOf, periodMs, roundMoney, type Scope } from './scope.js';
import type { FunnelTable } from './funnel-table.js';
import type { LossReasonRow, MetricsResult, Money, PipelineQuery } from '../types.js';

const DAY = 86_400_000;

/** The table and pipeline codes a query covers: one pipeline, or every deal pipeline. */
export function pipelinesOf(index: AnalyticsIndex, pipelineId: string | undefined, what: string): { table: FunnelTable; codes: Uint8Array } {
  const codes = new Uint8Array(index.layouts.length);
  if (pipelineId !== undefined) {
    const p = pipelineCode(index, pipelineId, what);
    codes[p] = 1;
    return { table: index.table(index.layouts[p]?.pipeline.entity ?? 'deal'), codes };
  }
  index.layouts.forEach((l, i) => {
    if (l.pipeline.entity === 'deal') codes[i] = 1;
  });
  return { table: index.deals, codes };
}

/** Running totals of `metrics`: closed in the period (won/lost, sums, cycle) and open now (counts, weighted sums). */
export class MetricsAggregate implements Aggregate {
  readonly entity: 'lead' | 'deal';
  valid = true;
  private readonly C: number;
  private readonly width: number;
  private readonly prob: Float64Array;
  private readonly wonSum: Float64Array;
  private readonly wonCount: Float64Array;
  private readonly openCount: Float64Array;
  private readonly weighted: Float64Array;
  private readonly weightedCount: Float64Array;
  private won = 0;
  private lost = 0;
  private open = 0;
  private cycleSum = 0;

  constructor(
    index: AnalyticsIndex,
    private readonly scope: Scope,
    private readonly t: FunnelTable,
    private readonly codes: Uint8Array,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.entity = t === index.leads ? 'lead' : 'deal';
    const C = (this.C = index.dicts.currencies.size);
    this.wonSum = new Float64Array(C);
    this.wonCount = new Float64Array(C);
    this.openCount = new Float64Array(C);
    this.weighted = new Float64Array(C);
    this.weightedCount = new Float64Array(C);
    // Stage probabilities of every pipeline in one flat array: [pipeline * width + stage].
    this.width = Math.max(1, ...index.layouts.map((l) => l.probability.length));
    this.prob = new Float64Array(index.layouts.length * this.width);
    index.layouts.forEach((l, i) => this.prob.set(l.probability, i * this.width));
    this.scan();
  }

  /** The first pass, written out with local arrays (the hot path of a new query). */
  private scan(): void {
    const { live, owner, status, amount, currency, stage, closed, created } = this.t;
    const { codes, from, to, C, prob, width, openCount, weighted, weightedCount, wonSum, wonCount } = this;
    const only = this.scope.owner;
    let won = 0;
    let lost = 0;
    let open = 0;
    let cycle = 0;
    for (let r = 0, n = this.t.size; r < n; r++) {
      const p = live[r] as number;
      if (p < 0 || codes[p] === 0) continue;
      if (only !== null && owner[r] !== only) continue;
      const cur = currency[r] as number;
      if (cur >= C) {
        this.valid = false;
        continue;
      }
      const st = status[r] as number;
      const a = amount[r] as number;
      if (st === OPEN) {
        open++;
        if (cur >= 0) {
          openCount[cur]!++;
          const s = stage[r] as number;
          if (a === a && s >= 0) {
            weighted[cur]! += a * (prob[p * width + s] as number);
            weightedCount[cur]!++;
          }
        }
        continue;
      }
      const cl = closed[r] as number;
      if (!(cl >= from && cl < to)) continue;
      if (st === LOST) {
        lost++;
        continue;
      }
      won++;
      cycle += cl - (created[r] as number);
      if (cur >= 0 && a === a) {
        wonSum[cur]! += a;
        wonCount[cur]!++;
      }
    }
    this.won += won;
    this.lost += lost;
    this.open += open;
    this.cycleSum += cycle;
  }

  apply(r: number, sign: 1 | -1): void {
    const p = this.t.live[r] as number;
    if (p < 0 || this.codes[p] === 0) return;
    if (this.scope.owner !== null && this.t.owner[r] !== this.scope.owner) return;
    this.add(r, p, sign);
  }

  private add(r: number, p: number, sign: number): void {
    const t = this.t;
    const st = t.status[r] as number;
    const a = t.amount[r] as number;
    const cur = t.currency[r] as number;
    if (cur >= this.C) {
      this.valid = false;
      return;
    }
    if (st === OPEN) {
      this.open += sign;
      if (cur >= 0) {
        this.openCount[cur]! += sign;
        const s = t.stage[r] as number;
        if (a === a && s >= 0) {
          this.weighted[cur]! += sign * a * (this.prob[p * this.width + s] as number);
          this.weightedCount[cur]! += sign;
        }
      }
      return;
    }
    const cl = t.closed[r] as number;
    if (!(cl >= this.from && cl < this.to)) return;
    if (st === LOST) {
      this.lost += sign;
      return;
    }
    this.won += sign;
    // In whole milliseconds: exact, so taking a deal out leaves no trace.
    this.cycleSum += sign * (cl - (t.created[r] as number));
    if (cur >= 0 && a === a) {
      this.wonSum[cur]! += sign * a;
      this.wonCount[cur]! += sign;
    }
  }

  /** The metrics from the running totals. */
  result(currencies: readonly string[]): MetricsResult {
    const { won, lost, C } = this;
    const winRate = won + lost > 0 ? won / (won + lost) : null;
    const cycleDays = won > 0 ? this.cycleSum / DAY / won : null;
    const averageDealSize: Money = {};
    const velocityPerDay: Money = {};
    for (let c = 0; c < C; c++) {
      if ((this.wonCount[c] as number) === 0) continue;
      const code = currencies[c] as string;
      const avg = (this.wonSum[c] as number) / (this.wonCount[c] as number);
      averageDealSize[code] = roundMoney(avg);
      // A cycle shorter than a day counts as one: a pipeline cannot close more than its whole expected value in a day.
      if (winRate !== null && cycleDays !== null) velocityPerDay[code] = roundMoney(((this.openCount[c] as number) * winRate * avg) / Math.max(cycleDays, 1));
    }
    return { won, lost, winRate, averageDealSize, cycleDays, open: this.open, velocityPerDay, weightedPipeline: moneyOf(this.weighted, this.weightedCount, currencies.slice(0, C)) };
  }
}

/**
 * Win rate, average deal size, cycle, velocity and weighted pipeline (see
 * the analytics guide for each formula). The first call scans the columns
 * once; later calls read running totals the index keeps current.
 */
export function metrics(index: AnalyticsIndex, scope: Scope, query: PipelineQuery): MetricsResult {
  const { from, to } = periodMs(query, 'metrics');
  const { table, codes } = pipelinesOf(index, query.pipelineId, 'metrics');
  const key = `metrics|${scope.owner}|${query.pipelineId ?? '*'}|${from}|${to}`;
  return index.aggregate(key, () => new MetricsAggregate(index, scope, table, codes, from, to)).result(index.dicts.currencies.values);
}

/** Records lost in `[from, to)` by reason, with each reason's share of all lost and the value lost. */
export function lossReasons(index: AnalyticsIndex, scope: Scope, query: PipelineQuery, locale: string): LossReasonRow[] {
  const { from, to } = periodMs(query, 'lossReasons');
  const { table: t, codes } = pipelinesOf(index, query.pipelineId, 'lossReasons');
  const C = index.dicts.currencies.size;
  const R = index.dicts.reasons.size + 1;
  const counts = new Float64Array(R);
  const sums = new Float64Array(R * C);
  const sumCounts = new Float64Array(R * C);
  let total = 0;
  const only = scope.owner;
  for (let r = 0; r < t.size; r++) {
    const p = t.live[r] as number;
    if (p < 0 || codes[p] === 0 || t.status[r] !== LOST) continue;
    if (only !== null && t.owner[r] !== only) continue;
    const cl = t.closed[r] as number;
    if (!(cl >= from && cl < to)) continue;
    const reason = (t.reason[r] as number) + 1;
    total++;
    counts[reason]!++;
    const a = t.amount[r] as number;
    const cur = t.currency[r] as number;
    if (a === a && cur >= 0) {
      sums[reason * C + cur]! += a;
      sumCounts[reason * C + cur]!++;
    }
  }
  const names = new Map<string, string>();
  index.layouts.forEach((l, i) => {
    if (codes[i] === 0) return;
    for (const lr of l.pipeline.lossReasons) if (!names.has(lr.id)) names.set(lr.id, localize(lr.name, locale));
  });
  const rows: LossReasonRow[] = [];
  for (let i = 0; i < R; i++) {
    const count = counts[i] as number;
    if (count === 0) continue;
    const reasonId = i === 0 ? '' : (index.dicts.reasons.values[i - 1] as string);
    rows.push({ reasonId, name: names.get(reasonId) ?? reasonId, count, share: count / total, value: moneyOf(sums, sumCounts, index.dicts.currencies.values, i * C) });
  }
  return rows.sort((a, b) => b.count - a.count || (a.reasonId < b.reasonId ? -1 : 1));
}
