import type { ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../shared/after-paint.js';
import type { RowShown } from './planner-cells.js';
import { firstFrameRows, sliceCells } from './planner-window.js';

/**
 * Which cells render their steps: in a period's first frame the rows in view
 * (estimated from their step counts) and one more; once that frame is
 * painted, the cells below in order, a slice of a few dozen step elements
 * (about a row of a busy week) in each frame, so no task renders much at once
 * and a tap or a key waits for little while they arrive.
 */
export class PlannerRows {
  /** Cells rendered with their steps, counted row by row from the top; the others wait (empty). */
  private shown = Infinity;
  /** Cells per row. */
  private width = 1;
  /** Counts the periods started: cells still coming for an older one stop. */
  private turn = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** True while cell `cell` of row `row` waits for its slice (it renders empty). */
  later(row: number, cell: number): boolean {
    return row * this.width + cell >= this.shown;
  }

  /** A period rendered fresh; `rows[i]`: the step elements row `i` shows. */
  start(rows: readonly RowShown[]): void {
    const turn = ++this.turn;
    this.width = Math.max(1, rows[0]?.cells.length ?? 1);
    this.shown = firstFrameRows(rows.map((r) => r.most), window.innerHeight) * this.width;
    void this.more(rows.flatMap((r) => r.cells), turn);
  }

  private async more(cells: readonly number[], turn: number): Promise<void> {
    while (this.shown < cells.length) {
      await afterNextPaint();
      if (turn !== this.turn) return;
      this.shown += sliceCells(cells.slice(this.shown));
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    // Every cell is in: rows added later (a new assignee) render at once.
    if (turn === this.turn) this.shown = Infinity;
  }
}
