import { localize } from '@crmkit/core';
import type { AnalyticsIndex } from './analytics-index.js';
import { pipelineCode } from './funnel.js';
import { LOST, OPEN } from './pipeline-layout.js';
import { moneyOf, periodMs, type Scope } from './scope.js';
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

/**
 * Win rate, average deal size, cycle, velocity and weighted pipeline (see
 * the analytics guide for each formula). One pass over the deal columns.
 */
export function metrics(index: AnalyticsIndex, scope: Scope, query: PipelineQuery): MetricsResult {
  const { from, to } = periodMs(query, 'metrics');
  const { table: t, codes } = pipelinesOf(index, query.pipelineId, 'metrics');
  const C = index.dicts.currencies.size;
  const wonSum = new Float64Array(C);
  const wonCount = new Float64Array(C);
  const openCount = new Float64Array(C);
  const weighted = new Float64Array(C);
  const weightedCount = new Float64Array(C);
  let won = 0;
  let lost = 0;
  let open = 0;
  let cycleSum = 0;
  const { alive, pipeline, status, closed, created, amount, currency, owner, stage, spam } = t;
  const only = scope.owner;
  const layouts = index.layouts;
  for (let r = 0; r < t.size; r++) {
    const p = pipeline[r] as number;
    if (alive[r] === 0 || p < 0 || codes[p] === 0 || spam[r] === 1) continue;
    if (only !== null && owner[r] !== only) continue;
    const st = status[r] as number;
    const a = amount[r] as number;
    const cur = currency[r] as number;
    if (st === OPEN) {
      open++;
      if (cur >= 0) {
        openCount[cur]!++;
        if (a === a) {
          weighted[cur]! += a * ((layouts[p] as { probability: Float64Array }).probability[stage[r] as number] ?? 0);
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
    cycleSum += (cl - (created[r] as number)) / DAY;
    if (cur >= 0 && a === a) {
      wonSum[cur]! += a;
      wonCount[cur]!++;
    }
  }
  const currencies = index.dicts.currencies.values;
  const winRate = won + lost > 0 ? won / (won + lost) : null;
  const cycleDays = won > 0 ? cycleSum / won : null;
  const averageDealSize: Money = {};
  const velocityPerDay: Money = {};
  for (let c = 0; c < C; c++) {
    if ((wonCount[c] as number) === 0) continue;
    const code = currencies[c] as string;
    const avg = (wonSum[c] as number) / (wonCount[c] as number);
    averageDealSize[code] = avg;
    if (winRate !== null && cycleDays !== null && cycleDays > 0) velocityPerDay[code] = ((openCount[c] as number) * winRate * avg) / cycleDays;
  }
  return { won, lost, winRate, averageDealSize, cycleDays, open, velocityPerDay, weightedPipeline: moneyOf(weighted, weightedCount, currencies) };
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
    const p = t.pipeline[r] as number;
    if (t.alive[r] === 0 || p < 0 || codes[p] === 0 || t.status[r] !== LOST || t.spam[r] === 1) continue;
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
