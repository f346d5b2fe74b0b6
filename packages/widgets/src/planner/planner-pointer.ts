import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PressDrag, type Point } from '../shared/press-drag.js';

/** Where a dragged step would land: a day and a person. */
export interface DropTarget {
  /** `YYYY-MM-DD`. */
  day: string;
  /** Assignee id. */
  person: string;
}

/** What the pointer controller needs from its host element. */
export interface PointerDragHost extends ReactiveControllerHost, HTMLElement {
  /** The element that scrolls the grid (auto-scrolled near its edges). */
  readonly scroller: HTMLElement | null;
  /** Called when a drag ends over a cell. */
  dropStep(id: string, target: DropTarget): void;
}

/** Within this many pixels of the grid's edge, dragging scrolls it that way. */
const EDGE = 48;
/** Pixels scrolled per frame near an edge. */
const EDGE_SPEED = 18;

/**
 * Dragging steps with a pointer. A mouse or pen picks a step up once it moves
 * a few pixels; a finger must rest on it first (long-press), so a swipe keeps
 * scrolling the grid. While dragging, the cell under the pointer is the
 * target, and the grid scrolls by itself near its edges.
 */
export class PlannerPointerController implements ReactiveController {
  /** The step being dragged. */
  dragging: string | undefined;
  /** The cell under the pointer while dragging. */
  target: DropTarget | undefined;

  private readonly press: PressDrag<string>;

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
    this.press = new PressDrag<string>(host, {
      canDrag: () => true,
      start: (id, at) => {
        this.dragging = id;
        this.track(at);
        host.requestUpdate();
      },
      track: (at) => this.track(at),
      drop: (id, at) => {
        const target = this.cellAt(at);
        if (target) host.dropStep(id, target);
      },
      ended: (dragged) => {
        this.dragging = undefined;
        this.target = undefined;
        if (dragged) host.requestUpdate();
      },
      scrollEdges: (at) => this.scrollEdges(at),
    });
  }

  /** True right after a drag, so the click that ends it does not open the step. */
  get justDropped(): boolean {
    return this.press.suppressClick;
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.onDown);
    this.press.connect();
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onDown);
    this.press.disconnect();
  }

  private readonly onDown = (e: PointerEvent): void => {
    const step = (e.composedPath()[0] as Element | undefined)?.closest?.('[data-step]') as HTMLElement | null;
    const id = step?.dataset['step'];
    if (id) this.press.down(e, id);
  };

  /** The cell under a viewport point. */
  private cellAt({ x, y }: Point): DropTarget | undefined {
    const el = this.host.shadowRoot?.elementFromPoint(x, y) ?? null;
    const cell = el?.closest('td[data-day][data-person]') as HTMLElement | null;
    const day = cell?.dataset['day'];
    const person = cell?.dataset['person'];
    return day && person ? { day, person } : undefined;
  }

  /** Finds the cell under the pointer. */
  private track(at: Point): void {
    const next = this.cellAt(at);
    if (next?.day !== this.target?.day || next?.person !== this.target?.person) {
      this.target = next;
      this.host.requestUpdate();
    }
  }

  /** Near an edge of the scroller, scrolls it a little; true if it moved. */
  private scrollEdges({ x, y }: Point): boolean {
    const scroller = this.host.scroller;
    if (!scroller) return false;
    const r = scroller.getBoundingClientRect();
    const dx = x < r.left + EDGE ? -EDGE_SPEED : x > r.right - EDGE ? EDGE_SPEED : 0;
    const dy = y < r.top + EDGE ? -EDGE_SPEED : y > r.bottom - EDGE ? EDGE_SPEED : 0;
    if (dx === 0 && dy === 0) return false;
    const before = [scroller.scrollLeft, scroller.scrollTop];
    scroller.scrollBy(dx, dy);
    return scroller.scrollLeft !== before[0] || scroller.scrollTop !== before[1];
  }
}
