import type { Pipeline, Stage } from '@crmkit/core';

/** Stage kinds as small codes in the status column. */
export const OPEN = 0;
/** Won. */
export const WON = 1;
/** Lost. */
export const LOST = 2;

/** One pipeline's stages as lookup tables the report loops index by stage position. */
export interface PipelineLayout {
  /** The pipeline. */
  pipeline: Pipeline;
  /** Stage id → index in `pipeline.stages`. */
  stageIndex: Map<string, number>;
  /** Per stage index: OPEN, WON or LOST. */
  kind: Uint8Array;
  /** Per stage index: position among the open stages, or -1 for won/lost stages. */
  openPos: Int32Array;
  /** Stage indexes of the open stages, in funnel order. */
  openStages: number[];
  /** Per stage index: probability of winning from there (0–1). */
  probability: Float64Array;
}

/**
 * The probability a stage declares, read defensively (`stage.probability`,
 * 0–1). A stage without one gets its place in the funnel: open stage `i` of
 * `n` → `(i + 1) / (n + 1)`, won → 1, lost → 0.
 */
export function stageProbability(stage: Stage, openPos: number, openCount: number): number {
  const declared = (stage as Stage & { probability?: unknown }).probability;
  if (typeof declared === 'number' && declared >= 0 && declared <= 1) return declared;
  if (stage.kind === 'won') return 1;
  if (stage.kind === 'lost') return 0;
  return (openPos + 1) / (openCount + 1);
}

/** Builds the lookup tables of one pipeline. */
export function layoutOf(pipeline: Pipeline): PipelineLayout {
  const n = pipeline.stages.length;
  const kind = new Uint8Array(n);
  const openPos = new Int32Array(n).fill(-1);
  const openStages: number[] = [];
  const stageIndex = new Map<string, number>();
  pipeline.stages.forEach((s, i) => {
    stageIndex.set(s.id, i);
    kind[i] = s.kind === 'open' ? OPEN : s.kind === 'won' ? WON : LOST;
    if (s.kind === 'open') {
      openPos[i] = openStages.length;
      openStages.push(i);
    }
  });
  const probability = new Float64Array(n);
  pipeline.stages.forEach((s, i) => {
    probability[i] = stageProbability(s, openPos[i] ?? -1, openStages.length);
  });
  return { pipeline, stageIndex, kind, openPos, openStages, probability };
}
