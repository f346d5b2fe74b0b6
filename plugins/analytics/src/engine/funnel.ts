import { localize, ValidationError } from '@crmkit/core';
import type { AnalyticsIndex } from './analytics-index.js';
import { OPEN, WON } from './pipeline-layout.js';
import { moneyOf, periodMs, type Scope } from './scope.js';
import type { FunnelQuery, FunnelResult, FunnelStage } from '../types.js';

/** Finds a pipeline's code or throws `ValidationError` naming `pipelineId`. */
export function pipelineCode(index: AnalyticsIndex, pipelineId: unknown, what: string): number {
  const code = typeof pipelineId === 'string' ? index.dicts.pipelines.find(pipelineId) : -1;
  if (code < 0) {
    throw new ValidationError([{ path: ['pipelineId'], code: 'invalid_option', message: `No pipeline "${String(pipelineId)}" (pipelines: ${index.dicts.pipelines.values.join(', ')})` }], what);
  }
  return code;
}

/**
 * The funnel of a cohort (records created in `[from, to)` in the pipeline):
 * counts per open stage by `mode`, conversion to the next stage, cumulative
 * share of the first stage, and value per currency. One pass over the columns.
 */
export function funnel(index: AnalyticsIndex, scope: Scope, query: FunnelQuery, locale: string): FunnelResult {
  const mode = query.mode ?? 'reached';
  if (mode !== 'reached' && mode !== 'entered' && mode !== 'snapshot') {
    throw new ValidationError([{ path: ['mode'], code: 'invalid_option', message: `Unknown funnel mode "${String(mode)}" (reached, entered, snapshot)` }], 'funnel');
  }
  const p = pipelineCode(index, query.pipelineId, 'funnel');
  const { from, to } = periodMs(query, 'funnel');
  const layout = index.layouts[p];
  if (!layout) throw new Error(`pipeline layout missing for ${query.pipelineId}`);
  const t = index.table(layout.pipeline.entity);
  const nOpen = layout.openStages.length;
  const currencies = index.dicts.currencies.values;
  const C = currencies.length;
  // reached: bump the furthest position, then suffix-sum (a record counts for every stage up to it).
  const counts = new Float64Array(nOpen + 1);
  const values = new Float64Array((nOpen + 1) * C);
  const valueCounts = new Float64Array((nOpen + 1) * C);
  let won = 0;
  let lost = 0;
  let open = 0;
  const { alive, pipeline, created, owner, status, furthest, stage, amount, currency, spam } = t;
  const only = scope.owner;
  const openPos = layout.openPos;
  for (let r = 0; r < t.size; r++) {
    if (alive[r] === 0 || pipeline[r] !== p || spam[r] === 1) continue;
    const c = created[r] as number;
    if (!(c >= from && c < to)) continue;
    if (only !== null && owner[r] !== only) continue;
    const st = status[r] as number;
    if (st === OPEN) open++;
    else if (st === WON) won++;
    else lost++;
    const a = amount[r] as number;
    const cur = currency[r] as number;
    const hasValue = a === a && cur >= 0;
    if (mode === 'reached') {
      const f = st === WON ? nOpen - 1 : (furthest[r] as number);
      if (f < 0) continue;
      counts[f]!++;
      if (hasValue) {
        values[f * C + cur]! += a;
        valueCounts[f * C + cur]!++;
      }
    } else if (mode === 'snapshot') {
      if (st !== OPEN) continue;
      const pos = openPos[stage[r] as number] ?? -1;
      if (pos < 0) continue;
      counts[pos]!++;
      if (hasValue) {
        values[pos * C + cur]! += a;
        valueCounts[pos * C + cur]!++;
      }
    } else {
      for (let i = 0; i < nOpen; i++) {
        if (!t.entered(r, layout.openStages[i] as number)) continue;
        counts[i]!++;
        if (hasValue) {
          values[i * C + cur]! += a;
          valueCounts[i * C + cur]!++;
        }
      }
    }
  }
  if (mode === 'reached') {
    for (let i = nOpen - 2; i >= 0; i--) {
      counts[i]! += counts[i + 1] as number;
      for (let c = 0; c < C; c++) {
        values[i * C + c]! += values[(i + 1) * C + c] as number;
        valueCounts[i * C + c]! += valueCounts[(i + 1) * C + c] as number;
      }
    }
  }
  const stages: FunnelStage[] = layout.openStages.map((s, i) => {
    const count = counts[i] as number;
    const next = i + 1 < nOpen ? (counts[i + 1] as number) : won;
    const first = counts[0] as number;
    const stageDef = layout.pipeline.stages[s];
    return {
      stageId: stageDef?.id ?? '',
      name: localize(stageDef?.name, locale),
      count,
      conversion: mode === 'snapshot' || count === 0 ? null : next / count,
      cumulative: mode === 'snapshot' || first === 0 ? null : count / first,
      value: moneyOf(values, valueCounts, currencies, i * C),
    };
  });
  return { pipelineId: layout.pipeline.id, mode, stages, won, lost, open, total: won + lost + open };
}
