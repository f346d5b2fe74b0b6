import { localize, ValidationError } from '@crmkit/core';
import type { Aggregate } from './aggregate.js';
import type { AnalyticsIndex } from './analytics-index.js';
import type { FunnelTable } from './funnel-table.js';
import { OPEN, WON, type PipelineLayout } from './pipeline-layout.js';
import { moneyOf, periodMs, type Scope } from './scope.js';
import type { FunnelMode, FunnelQuery, FunnelResult, FunnelStage } from '../types.js';

/** Finds a pipeline's code or throws `ValidationError` naming `pipelineId`. */
export function pipelineCode(index: AnalyticsIndex, pipelineId: unknown, what: string): number {
  const code = typeof pipelineId === 'string' ? index.dicts.pipelines.find(pipelineId) : -1;
  if (code < 0) {
    throw new ValidationError([{ path: ['pipelineId'], code: 'invalid_option', message: `No pipeline "${String(pipelineId)}" (pipelines: ${index.dicts.pipelines.values.join(', ')})` }], what);
  }
  return code;
}

/**
 * Running totals of a funnel: per open-stage position, records and value
 * per currency (in `reached` mode at the furthest position only — the
 * result spreads them over earlier stages), plus won/lost/open.
 */
export class FunnelAggregate implements Aggregate {
  readonly entity: 'lead' | 'deal';
  valid = true;
  private readonly t: FunnelTable;
  private readonly nOpen: number;
  private readonly C: number;
  private readonly counts: Float64Array;
  private readonly values: Float64Array;
  private readonly valueCounts: Float64Array;
  private won = 0;
  private lost = 0;
  private open = 0;

  constructor(
    index: AnalyticsIndex,
    private readonly scope: Scope,
    private readonly p: number,
    private readonly layout: PipelineLayout,
    private readonly mode: FunnelMode,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.entity = layout.pipeline.entity;
    this.t = index.table(this.entity);
    this.nOpen = layout.openStages.length;
    this.C = index.dicts.currencies.size;
    this.counts = new Float64Array(this.nOpen);
    this.values = new Float64Array(this.nOpen * this.C);
    this.valueCounts = new Float64Array(this.nOpen * this.C);
    if (mode === 'reached') this.scanReached();
    else {
      const { live, created, owner } = this.t;
      const only = scope.owner;
      for (let r = 0, n = this.t.size; r < n; r++) {
        if (live[r] !== p) continue;
        const c = created[r] as number;
        if (!(c >= from && c < to)) continue;
        if (only !== null && owner[r] !== only) continue;
        this.add(r, 1);
      }
    }
  }

  /** The first pass in `reached` mode, written out with local arrays (the hot path of a new query). */
  private scanReached(): void {
    const { live, created, owner, status, furthest, amount, currency } = this.t;
    const { counts, values, valueCounts, C, p, from, to } = this;
    const only = this.scope.owner;
    const last = this.nOpen - 1;
    let won = 0;
    let lost = 0;
    let open = 0;
    for (let r = 0, n = this.t.size; r < n; r++) {
      if (live[r] !== p) continue;
      const c = created[r] as number;
      if (!(c >= from && c < to)) continue;
      if (only !== null && owner[r] !== only) continue;
      const st = status[r] as number;
      let f: number;
      if (st === WON) {
        won++;
        f = last;
      } else {
        if (st === OPEN) open++;
        else lost++;
        f = furthest[r] as number;
        if (f < 0) continue;
      }
      counts[f]!++;
      const a = amount[r] as number;
      const cur = currency[r] as number;
      if (a === a && cur >= 0) {
        if (cur >= C) {
          this.valid = false;
          continue;
        }
        values[f * C + cur]! += a;
        valueCounts[f * C + cur]!++;
      }
    }
    this.won += won;
    this.lost += lost;
    this.open += open;
  }

  apply(r: number, sign: 1 | -1): void {
    const t = this.t;
    if (t.live[r] !== this.p) return;
    const c = t.created[r] as number;
    if (!(c >= this.from && c < this.to)) return;
    if (this.scope.owner !== null && t.owner[r] !== this.scope.owner) return;
    this.add(r, sign);
  }

  private bump(i: number, cur: number, a: number, sign: number): void {
    this.counts[i]! += sign;
    if (a === a && cur >= 0) {
      if (cur >= this.C) {
        this.valid = false;
        return;
      }
      this.values[i * this.C + cur]! += sign * a;
      this.valueCounts[i * this.C + cur]! += sign;
    }
  }

  private add(r: number, sign: number): void {
    const t = this.t;
    const st = t.status[r] as number;
    if (st === OPEN) this.open += sign;
    else if (st === WON) this.won += sign;
    else this.lost += sign;
    const a = t.amount[r] as number;
    const cur = t.currency[r] as number;
    if (this.mode === 'reached') {
      const f = st === WON ? this.nOpen - 1 : (t.furthest[r] as number);
      if (f >= 0) this.bump(f, cur, a, sign);
    } else if (this.mode === 'snapshot') {
      if (st !== OPEN) return;
      const pos = this.layout.openPos[t.stage[r] as number] ?? -1;
      if (pos >= 0) this.bump(pos, cur, a, sign);
    } else {
      for (let i = 0; i < this.nOpen; i++) if (t.entered(r, this.layout.openStages[i] as number)) this.bump(i, cur, a, sign);
    }
  }

  /** The funnel result from the running totals. */
  result(currencies: readonly string[], locale: string): FunnelResult {
    const { nOpen, C, mode, layout } = this;
    const counts = Float64Array.from(this.counts);
    const values = Float64Array.from(this.values);
    const valueCounts = Float64Array.from(this.valueCounts);
    if (mode === 'reached') {
      for (let i = nOpen - 2; i >= 0; i--) {
        counts[i]! += counts[i + 1] as number;
        for (let c = 0; c < C; c++) {
          values[i * C + c]! += values[(i + 1) * C + c] as number;
          valueCounts[i * C + c]! += valueCounts[(i + 1) * C + c] as number;
        }
      }
    }
    const first = counts[0] ?? 0;
    const stages: FunnelStage[] = layout.openStages.map((s, i) => {
      const count = counts[i] as number;
      const next = i + 1 < nOpen ? (counts[i + 1] as number) : this.won;
      const stageDef = layout.pipeline.stages[s];
      return {
        stageId: stageDef?.id ?? '',
        name: localize(stageDef?.name, locale),
        count,
        conversion: mode === 'snapshot' || count === 0 ? null : next / count,
        cumulative: mode === 'snapshot' || first === 0 ? null : count / first,
        value: moneyOf(values, valueCounts, currencies.slice(0, C), i * C),
      };
    });
    return { pipelineId: layout.pipeline.id, mode, stages, won: this.won, lost: this.lost, open: this.open, total: this.won + this.lost + this.open };
  }
}

/**
 * The funnel of a cohort (records created in `[from, to)` in the pipeline):
 * counts per open stage by `mode`, conversion to the next stage, cumulative
 * share of the first stage, and value per currency. The first call scans the
 * columns once; later calls read running totals the index keeps current.
 */
export function funnel(index: AnalyticsIndex, scope: Scope, query: FunnelQuery, locale: string): FunnelResult {
  const mode = query.mode ?? 'reached';
  if (mode !== 'reached' && mode !== 'entered' && mode !== 'snapshot') {
    throw new ValidationError([{ path: ['mode'], code: 'invalid_option', message: `Unknown funnel mode "${String(mode)}" (reached, entered, snapshot)` }], 'funnel');
  }
  const p = pipelineCode(index, query.pipelineId, 'funnel');
  const { from, to } = periodMs(query, 'funnel');
  const layout = index.layouts[p] as PipelineLayout;
  const key = `funnel|${scope.owner}|${p}|${mode}|${from}|${to}`;
  const agg = index.aggregate(key, () => new FunnelAggregate(index, scope, p, layout, mode, from, to));
  return agg.result(index.dicts.currencies.values, locale);
}
