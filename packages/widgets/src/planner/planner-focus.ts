import type { ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../shared/after-paint.js';

/** What keeping the focus on a step needs from the planner. */
export interface PlannerFocusHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** A step to keep focused across re-renders until it shows in `focusCell`. */
  focusId: string | undefined;
  /** The cell the step in `focusId` is going to (undefined: wherever it is). */
  focusCell: { day: string; person: string } | undefined;
  /** The id of the step picked up with the keyboard, if any. */
  readonly grabbedId: string | undefined;
}

/**
 * Keeps the focus on a step that moved, came back or is picked up, across
 * re-renders that give it a new element (another cell, another period). While
 * picked up with the keyboard it is focused at once (keys keep coming); after
 * a move or a refusal, once the frame showing it in its cell is painted —
 * focusing forces style and layout of the grid, so done before that frame it
 * would delay the step showing where it went. Then it is brought into view
 * (after a paint too, for the same reason).
 */
export class PlannerFocus {
  /** A step to focus once the frame showing it is painted (the newest request wins). */
  private focusing: string | undefined;

  constructor(private readonly host: PlannerFocusHost) {}

  /** After each update: focuses the step in `focusId`, and lets it go once it has the focus where it was going. */
  updated(): void {
    const host = this.host;
    const id = host.focusId;
    if (!id) return;
    const el = this.stepElement(id);
    const cell = el?.closest('td');
    // Kept (and so rendered) until it has the focus: a render before the focus lands must not window it away.
    if (el && this.active() !== el) this.focus(id, host.grabbedId === id);
    if (el && this.active() === el && (!host.focusCell || (cell?.dataset['day'] === host.focusCell.day && cell.dataset['person'] === host.focusCell.person))) {
      host.focusId = undefined;
      host.focusCell = undefined;
    }
  }

  private focus(id: string, now: boolean): void {
    if (now) {
      this.focusing = undefined;
      this.stepElement(id)?.focus({ preventScroll: true });
    } else if (this.focusing === id) return;
    else this.focusing = id;
    void afterNextPaint().then(() => {
      const el = this.stepElement(id);
      if (!el) return;
      if (!now) {
        if (this.focusing !== id) return;
        this.focusing = undefined;
        if (this.active() !== el) el.focus({ preventScroll: true });
        // Focused: the next update lets it go (see updated()).
        if (this.host.focusId === id && this.active() === el) this.host.requestUpdate();
      }
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  }

  private active(): Element | null {
    return (this.host.renderRoot as ShadowRoot).activeElement;
  }

  private stepElement(id: string): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>(`[data-step="${CSS.escape(id)}"]`);
  }
}
