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

/** The most step elements a period may hold while its cells keep their limit (the target the budget is set under). */
export const STEP_CEILING = 300;

/**
 * The steps per cell for the next render: {@link cellLimit} for a `fresh`
 * period (new steps read, another period), else `current` as long as every
 * filled cell at that limit stays within {@link STEP_CEILING} — so a move
 * into an empty cell does not change every cell's limit and render the whole
 * grid again.
 */
export function keptLimit(current: number, filledCells: number, fresh: boolean): number {
  if (!fresh && current > 0 && filledCells * current <= STEP_CEILING) return current;
  return cellLimit(filledCells);
}

/** The steps a cell renders, and how many stay behind its "+N more" button. */
export interface CellWindow {
  /** Steps to render, soonest first. */
  shown: Activity[];
  /** Steps not rendered. */
  hidden: number;
}

/**
 * The `limit` soonest steps of a cell (soonest first; ties by id), plus any
 * `pinned` step beyond them — the one picked up or just moved keeps its
 * element, so it keeps the keyboard focus. The cell's steps may come in any
 * order: only the ones shown are ordered (a busy cell is not sorted whole).
 */
export function windowCell(steps: readonly Activity[], limit: number, pinned: ReadonlySet<string>): CellWindow {
  const shown = soonest(steps, limit);
  if (steps.length <= limit) return { shown, hidden: 0 };
  const inWindow = new Set(shown.map((s) => s.id));
  for (const step of steps) if (pinned.has(step.id) && !inWindow.has(step.id)) shown.push(step);
  return { shown, hidden: steps.length - shown.length };
}

/** The `k` soonest of `steps`, soonest first, in one pass (each step's due time parsed once). */
function soonest(steps: readonly Activity[], k: number): Activity[] {
  const best: Activity[] = [];
  const times: number[] = [];
  if (k <= 0) return best;
  const before = (t: number, id: string, i: number): boolean => times[i]! > t || (times[i] === t && best[i]!.id > id);
  for (const step of steps) {
    const t = Date.parse(step.dueAt);
    if (best.length === k && !before(t, step.id, k - 1)) continue;
    let i = best.length;
    while (i > 0 && before(t, step.id, i - 1)) i--;
    best.splice(i, 0, step);
    times.splice(i, 0, t);
    if (best.length > k) {
      best.pop();
      times.pop();
    }
  }
  return best;
}

/** A step element's height at least (two lines: time and type, title; its record's name comes after the first paint). */
export const STEP_MIN_HEIGHT = 48;
/** A row's height at least, with no steps (the person's name, the cell padding). */
const ROW_MIN_HEIGHT = 32;
/** Rows rendered in the first frame beyond those estimated to fill the viewport. */
const FIRST_FRAME_OVERSCAN = 1;

/**
 * How many people rows the first frame of a period renders: enough to fill
 * `viewport` pixels even if every step were as short as it can be, plus one.
 * The rows below come once that frame is painted — in a week of 10,000 deals
 * the viewport shows two or three of twelve rows, and each step costs script,
 * style, layout and paint. `rowSteps[i]` is the most steps a cell of row `i`
 * shows ("+N more" counted as one).
 */
export function firstFrameRows(rowSteps: readonly number[], viewport: number): number {
  let height = ROW_MIN_HEIGHT;
  let i = 0;
  while (i < rowSteps.length && height < viewport) height += Math.max(ROW_MIN_HEIGHT, rowSteps[i++]! * STEP_MIN_HEIGHT);
  return Math.min(rowSteps.length, i + FIRST_FRAME_OVERSCAN);
}

/**
 * Step elements rendered in one task while the cells below a period's first
 * frame arrive: at 4× CPU throttling each costs about a millisecond of
 * script (its style, layout and paint wait until it comes into view), so a
 * slice stays well within the 50 ms of a long task.
 */
export const SLICE_STEPS = 32;

/**
 * How many of the cells still to come (`cells[i]`: the step elements of
 * cell `i`, row by row) the next slice renders: as many as fit in
 * {@link SLICE_STEPS} (empty ones cost nothing), at least one.
 */
export function sliceCells(cells: readonly number[], budget = SLICE_STEPS): number {
  let n = 0;
  let sum = 0;
  while (n < cells.length && (n === 0 || sum + cells[n]! <= budget)) sum += cells[n++]!;
  return n;
}
