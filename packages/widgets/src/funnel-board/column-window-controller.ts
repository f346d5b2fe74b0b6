import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterNextPaint } from '../shared/after-paint.js';
import { CARD_SLOT_HEIGHT } from './styles.js';

/** What windowing needs from the board. */
export interface ColumnWindowHost extends ReactiveControllerHost {
  /** The board's shadow root (the column scrollers are in it). */
  readonly renderRoot: HTMLElement | DocumentFragment;
}

interface Viewport {
  top: number;
  height: number;
}

/**
 * Cards rendered above and below the visible ones, so a fast scroll shows no
 * gap for a frame. Not in the board's first frame (nothing has scrolled yet,
 * and each card costs style, layout and paint there): they are added once it
 * is painted.
 */
const OVERSCAN = 3;

/** A column's height before it is measured: the default `--crm-board-column-height` (65vh). */
function estimate(): Viewport {
  return { top: 0, height: window.innerHeight * 0.65 };
}

/** The rows a viewport shows, plus `overscan` (not clamped to the column's length). */
function rowsOf(vp: Viewport, overscan: number): { first: number; last: number } {
  return { first: Math.max(0, Math.floor(vp.top / CARD_SLOT_HEIGHT) - overscan), last: Math.ceil((vp.top + vp.height) / CARD_SLOT_HEIGHT) + overscan };
}

function sameRows(a: Viewport, b: Viewport, overscan: number): boolean {
  const x = rowsOf(a, overscan);
  const y = rowsOf(b, overscan);
  return x.first === y.first && x.last === y.last;
}

/**
 * Windowed columns: each column's scroller is measured (scroll position and
 * height, kept current by a ResizeObserver and scroll events, at most once a
 * frame), and only the card rows in view plus a few more are rendered; the
 * list keeps its full height so the scrollbar is true.
 */
export class ColumnWindowController implements ReactiveController {
  private viewports = new Map<string, Viewport>();
  private resizeObserver: ResizeObserver | undefined;
  private frame = 0;
  /** Rows rendered beyond the visible ones: none until the first frame with columns is painted. */
  private overscan = 0;
  private overscanPending = false;

  constructor(private readonly host: ColumnWindowHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resizeObserver = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const stage = el.dataset['stage'];
        // A scroller removed (its column emptied) reports a zero size: nothing to re-window.
        if (!stage || !el.isConnected) {
          this.resizeObserver?.unobserve(el);
          continue;
        }
        const prev = this.viewports.get(stage);
        if (!prev || prev.height !== el.clientHeight) {
          const next = { top: el.scrollTop, height: el.clientHeight };
          this.viewports.set(stage, next);
          // The first measurement usually confirms the estimate the first render used: rendering again then would
          // only redo the same rows inside the first frame.
          if (!sameRows(prev ?? estimate(), next, this.overscan)) changed = true;
        }
      }
      if (changed) this.host.requestUpdate();
    });
  }

  hostUpdated(): void {
    const scrollers = this.host.renderRoot.querySelectorAll<HTMLElement>('.scroller');
    for (const el of scrollers) this.resizeObserver?.observe(el);
    if (scrollers.length && this.overscan === 0 && !this.overscanPending) {
      this.overscanPending = true;
      void afterNextPaint().then(() => {
        this.overscanPending = false;
        this.overscan = OVERSCAN;
        this.host.requestUpdate();
      });
    }
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    cancelAnimationFrame(this.frame);
  }

  /** Forget every measurement (another pipeline: other columns); the next first frame again has no overscan. */
  reset(): void {
    this.viewports.clear();
    if (!this.overscanPending) this.overscan = 0;
  }

  /** The rows `first` (inclusive) to `last` (exclusive) in view, plus overscan, of a column of `count` cards. */
  bounds(stage: string, count: number): { first: number; last: number } {
    // Until the column is measured, assume the default height; overscan covers a taller one for that first frame.
    const { first, last } = rowsOf(this.viewports.get(stage) ?? estimate(), this.overscan);
    return { first, last: Math.min(count, last) };
  }

  /** The column of `stage` scrolled: re-window it at the next frame. */
  onScroll(stage: string, el: HTMLElement): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.viewports.set(stage, { top: el.scrollTop, height: el.clientHeight });
      this.host.requestUpdate();
    });
  }

  /** The rows of a column of `count` cards to render: those in view plus overscan, plus `keep` (the tab stop, a grabbed card). */
  rows(stage: string, count: number, keep: readonly number[]): { rows: number[]; first: number } {
    const { first, last } = this.bounds(stage, count);
    const rows: number[] = [];
    for (let i = first; i < last; i++) rows.push(i);
    for (const extra of keep) {
      if (extra >= 0 && extra < count && (extra < first || extra >= last) && !rows.includes(extra)) rows.push(extra);
    }
    return { rows, first };
  }

  /** Scrolls the column of `stage` so that `row` is in view, and re-windows it. */
  reveal(stage: string, row: number): void {
    const scroller = this.host.renderRoot.querySelector<HTMLElement>(`.scroller[data-stage="${CSS.escape(stage)}"]`);
    if (!scroller) return;
    const top = row * CARD_SLOT_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + CARD_SLOT_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + CARD_SLOT_HEIGHT - scroller.clientHeight;
    this.viewports.set(stage, { top: scroller.scrollTop, height: scroller.clientHeight || window.innerHeight });
    this.host.requestUpdate();
  }
}
