import type { ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../shared/after-paint.js';
import { firstFrameRows } from './planner-window.js';

/**
 * Which people rows render their steps: in a period's first frame those in
 * view (estimated from their step counts) and one more; once that frame is
 * painted, about a screenful more in each frame, so no one task renders
 * every row below.
 */
export class PlannerRows {
  /** Rows (by index) rendered with their steps; the others show their person only. */
  shown = Infinity;
  /** Counts the periods started: rows still coming for an older one stop. */
  private turn = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** A period rendered fresh; `rowSteps[i]`: the most step elements a cell of row `i` shows. */
  start(rowSteps: readonly number[]): void {
    const turn = ++this.turn;
    this.shown = firstFrameRows(rowSteps, window.innerHeight);
    void this.more(rowSteps, turn);
  }

  private async more(rowSteps: readonly number[], turn: number): Promise<void> {
    while (this.shown < rowSteps.length) {
      await afterNextPaint();
      if (turn !== this.turn) return;
      this.shown += firstFrameRows(rowSteps.slice(this.shown), window.innerHeight);
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
    // Every row is in: rows added later (a new assignee) render at once.
    if (turn === this.turn) this.shown = Infinity;
  }
}
