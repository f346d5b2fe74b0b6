import type { ReactiveController, ReactiveControllerHost } from 'lit';

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

/** A mouse or pen drag starts after this many pixels; a touch after a still long-press. */
const MOVE_THRESHOLD = 6;
const LONG_PRESS_MS = 450;
const EDGE = 48;
const EDGE_SPEED = 18;

interface Press {
  id: string;
  pointerId: number;
  x: number;
  y: number;
  touch: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

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
  /** True right after a drag, so the click that ends it does not open the step. */
  justDropped = false;

  private press: Press | undefined;
  private frame = 0;
  private last = { x: 0, y: 0 };

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('pointerdown', this.onDown);
    // While a finger drags a step, the page must not scroll under it.
    this.host.addEventListener('touchmove', this.onTouchMove, { passive: false });
  }

  hostDisconnected(): void {
    this.host.removeEventListener('pointerdown', this.onDown);
    this.host.removeEventListener('touchmove', this.onTouchMove);
    this.end();
  }

  private readonly onTouchMove = (e: TouchEvent): void => {
    if (this.dragging) e.preventDefault();
  };

  private readonly onDown = (e: PointerEvent): void => {
    if (e.button !== 0 || this.press) return;
    const step = (e.composedPath()[0] as Element | undefined)?.closest?.('[data-step]') as HTMLElement | null;
    const id = step?.dataset['step'];
    if (!step || !id) return;
    const touch = e.pointerType === 'touch';
    this.press = { id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, touch, timer: undefined };
    this.last = { x: e.clientX, y: e.clientY };
    if (touch) this.press.timer = setTimeout(() => this.start(), LONG_PRESS_MS);
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
  };

  private readonly onMove = (e: PointerEvent): void => {
    const press = this.press;
    if (!press || e.pointerId !== press.pointerId) return;
    this.last = { x: e.clientX, y: e.clientY };
    const moved = Math.hypot(e.clientX - press.x, e.clientY - press.y) > MOVE_THRESHOLD;
    if (!this.dragging) {
      if (!moved) return;
      if (press.touch) {
        // Moved before the long-press: a swipe, which scrolls.
        this.end();
        return;
      }
      this.start();
    }
    e.preventDefault();
    this.track();
    this.autoScroll();
  };

  private readonly onUp = (e: PointerEvent): void => {
    if (!this.press || e.pointerId !== this.press.pointerId) return;
    const { dragging, target } = this;
    this.end();
    if (dragging) {
      this.justDropped = true;
      setTimeout(() => (this.justDropped = false), 0);
      if (target) this.host.dropStep(dragging, target);
    }
  };

  private readonly onCancel = (): void => {
    this.end();
  };

  private start(): void {
    if (!this.press) return;
    this.dragging = this.press.id;
    this.track();
    this.host.requestUpdate();
  }

  /** Finds the cell under the pointer. */
  private track(): void {
    const root = this.host.shadowRoot;
    const el = root?.elementFromPoint(this.last.x, this.last.y) ?? null;
    const cell = el?.closest('td[data-day][data-person]') as HTMLElement | null;
    const day = cell?.dataset['day'];
    const person = cell?.dataset['person'];
    const next = day && person ? { day, person } : undefined;
    if (next?.day !== this.target?.day || next?.person !== this.target?.person) {
      this.target = next;
      this.host.requestUpdate();
    }
  }

  /** Near an edge of the scroller, scrolls it a little every frame while the pointer stays there. */
  private autoScroll(): void {
    if (this.frame) return;
    const step = (): void => {
      this.frame = 0;
      const scroller = this.host.scroller;
      if (!this.dragging || !scroller) return;
      const r = scroller.getBoundingClientRect();
      const dx = this.last.x < r.left + EDGE ? -EDGE_SPEED : this.last.x > r.right - EDGE ? EDGE_SPEED : 0;
      const dy = this.last.y < r.top + EDGE ? -EDGE_SPEED : this.last.y > r.bottom - EDGE ? EDGE_SPEED : 0;
      if (dx === 0 && dy === 0) return;
      const before = [scroller.scrollLeft, scroller.scrollTop];
      scroller.scrollBy(dx, dy);
      if (scroller.scrollLeft === before[0] && scroller.scrollTop === before[1]) return;
      this.track();
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  private end(): void {
    if (this.press?.timer) clearTimeout(this.press.timer);
    this.press = undefined;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const was = this.dragging;
    this.dragging = undefined;
    this.target = undefined;
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    if (was) this.host.requestUpdate();
  }
}
