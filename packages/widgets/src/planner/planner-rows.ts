import type { ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../shared/after-paint.js';
import type { RowShown } from './planner-cells.js';
import { firstFrameRows, sliceRows } from './planner-window.js';

/**
 * Which people rows render their steps: in a period's first frame those in
 * view (estimated from their step counts) and one more; once that frame is
 * painted, a slice of a few dozen step elements (about a row of a busy week)
 * in each frame, so no task renders much at once and a tap or a key waits
 * for little while the rows below arrive.
 */
export class PlannerRows {
  /** Rows (by index) rendered with their steps; the others show their person only. */
  shown = Infinity;
  /** Counts the periods started: rows still coming for an older one stop. */
  private turn = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** A period rendered fresh; `rows[i]`: the step elements row `i` shows. */
  start(rows: readonly RowShown[]): void {
    const turn = ++this.turn;
    this.shown = firstFrameRows(rows.map((r) => r.most), window.innerHeight);
    void this.more(rows, turn);
  }

  private async more(rows: readonly RowShown[], turn: number): Promise<void> {
    while (this.shown < rows.length) {
      await afterNextPaint();
      if (turn !== this.turn) return;
      this.shown += sliceRows(rows.slice(this.shown).map((r) => r.total));
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    // Every row is in: rows added later (a new assignee) render at once.
    if (turn === this.turn) this.shown = Infinity;
  }
}
