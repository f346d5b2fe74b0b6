import type { Activity } from '@crmkit/core';

/** At most this many step elements in a first render, however many steps there are. */
export const STEP_BUDGET = 288;
/** A cell never shows more than this many steps before "+N more" (unless expanded). */
export const MAX_PER_CELL = 20;
/** How many more steps one press of "+N more" shows. */
export const MORE_STEP = 20;

/**
 * Steps per cell for a period with `filledCells` non-empty cells: the
 * budget shared evenly, at least one (so every cell shows its soonest step)
 * and at most {@link MAX_PER_CELL}.
 */
export function cellLimit(filledCells: number, budget = STEP_BUDGET): number {
  if (filledCells <= 0) return MAX_PER_CELL;
  return Math.max(1, Math.min(MAX_PER_CELL, Math.floor(budget / filledCells)));
}

/** The steps a cell renders, and how many stay behind its "+N more" button. */
export interface CellWindow {
  /** Steps to render, soonest first. */
  shown: Activity[];
  /** Steps not rendered. */
  hidden: number;
}

/**
 * The first `limit` steps of a cell (soonest first), plus any `pinned` step
 * beyond them — the one picked up or just moved keeps its element, so it
 * keeps the keyboard focus.
 */
export function windowCell(steps: readonly Activity[], limit: number, pinned: ReadonlySet<string>): CellWindow {
  if (steps.length <= limit) return { shown: [...steps], hidden: 0 };
  const shown = steps.slice(0, limit);
  for (let i = limit; i < steps.length; i++) if (pinned.has(steps[i]!.id)) shown.push(steps[i]!);
  return { shown, hidden: steps.length - shown.length };
}
