/** A mouse or pen drag starts after the pointer moved this many pixels. */
export const MOVE_THRESHOLD = 6;
/** A finger must rest this long on an item to pick it up; moving earlier is a swipe, which scrolls. */
export const LONG_PRESS_MS = 400;

/** A point in viewport coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** What a widget's drag does with the shared press handling. */
export interface PressDragHandlers<T> {
  /** False while something else owns the items (a keyboard grab, a dialog): no press starts and no drag begins. */
  canDrag(): boolean;
  /** The press became a drag of `item` (moved past the threshold, or a long-press on touch). */
  start(item: T, at: Point): void;
  /** The pointer moved while dragging (also after the view scrolled by itself): find the target under it. */
  track(at: Point): void;
  /** The drag ended with the pointer released at `at`. */
  drop(item: T, at: Point): void;
  /** The press or drag is over (dropped, cancelled, swiped away, disconnected); `dragged` says whether a drag had begun. */
  ended(dragged: boolean): void;
  /** Called every frame while dragging: scrolls what is near the pointer's edges; true if anything moved (then `track` follows). */
  scrollEdges(at: Point): boolean;
}

interface Press<T> {
  item: T;
  pointerId: number;
  start: Point;
  touch: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The press-to-drag gesture the board and the planner share: a mouse or pen
 * picks an item up once it moves a few pixels; a finger must rest on it first
 * (a long-press), so a swipe keeps scrolling and never moves anything. While
 * dragging, the page does not scroll under the finger, the context menu a
 * long-press would open is suppressed, the widget's edges auto-scroll every
 * frame, and the click that ends a drag is marked so it does not open the
 * item. What is dragged and where it lands is the widget's business
 * ({@link PressDragHandlers}).
 */
export class PressDrag<T> {
  /** True right after a drag, so the click that ends it does not open the item. */
  suppressClick = false;

  private press: Press<T> | undefined;
  private dragging = false;
  private frame = 0;
  private last: Point = { x: 0, y: 0 };

  constructor(
    private readonly host: HTMLElement,
    private readonly handlers: PressDragHandlers<T>,
  ) {}

  /** True while an item is being dragged. */
  get active(): boolean {
    return this.dragging;
  }

  /** Where the pointer is (while pressed or dragging). */
  get pointer(): Point {
    return this.last;
  }

  /** Listens on the host (call from `hostConnected`). */
  connect(): void {
    // While a finger drags, the page must not scroll under it (the listener must not be passive to say so).
    this.host.addEventListener('touchmove', this.onTouchMove, { passive: false });
    this.host.addEventListener('contextmenu', this.onContextMenu);
  }

  /** Stops listening and ends any press (call from `hostDisconnected`). */
  disconnect(): void {
    this.host.removeEventListener('touchmove', this.onTouchMove);
    this.host.removeEventListener('contextmenu', this.onContextMenu);
    this.end();
  }

  /** A `pointerdown` on `item`: starts a press (ignored for other buttons, during a press, or while dragging is blocked). */
  down(e: PointerEvent, item: T): void {
    if (e.button !== 0 || this.press || !this.handlers.canDrag()) return;
    const touch = e.pointerType === 'touch';
    this.press = { item, pointerId: e.pointerId, start: { x: e.clientX, y: e.clientY }, touch, timer: undefined };
    this.last = { x: e.clientX, y: e.clientY };
    if (touch) this.press.timer = setTimeout(() => this.begin(), LONG_PRESS_MS);
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
  }

  /** Ends the press or drag without a drop. */
  cancel(): void {
    this.end();
  }

  private readonly onTouchMove = (e: TouchEvent): void => {
    if (this.dragging && e.cancelable) e.preventDefault();
  };

  private readonly onContextMenu = (e: Event): void => {
    if (this.press?.touch || this.dragging) e.preventDefault();
  };

  private readonly onMove = (e: PointerEvent): void => {
    const press = this.press;
    if (!press || e.pointerId !== press.pointerId) return;
    this.last = { x: e.clientX, y: e.clientY };
    if (!this.dragging) {
      if (Math.hypot(e.clientX - press.start.x, e.clientY - press.start.y) < MOVE_THRESHOLD) return;
      if (press.touch) {
        // Moved before the long-press: a swipe. Let the browser scroll.
        this.end();
        return;
      }
      this.begin();
      if (!this.dragging) return;
    }
    e.preventDefault();
    this.handlers.track(this.last);
    this.autoScroll();
  };

  private readonly onUp = (e: PointerEvent): void => {
    const press = this.press;
    if (!press || e.pointerId !== press.pointerId) return;
    const dragged = this.dragging;
    this.last = { x: e.clientX, y: e.clientY };
    if (dragged) {
      this.suppressClick = true;
      setTimeout(() => (this.suppressClick = false), 0);
      this.handlers.drop(press.item, this.last);
    }
    this.end();
  };

  private readonly onCancel = (e: PointerEvent): void => {
    if (this.press && e.pointerId === this.press.pointerId) this.end();
  };

  private begin(): void {
    const press = this.press;
    if (!press || this.dragging || !this.handlers.canDrag()) return;
    if (press.timer) clearTimeout(press.timer);
    press.timer = undefined;
    this.dragging = true;
    this.handlers.start(press.item, this.last);
  }

  /** While the pointer stays near a scrollable edge, scrolls a little every frame. */
  private autoScroll(): void {
    if (this.frame) return;
    const step = (): void => {
      this.frame = 0;
      if (!this.dragging || !this.handlers.scrollEdges(this.last)) return;
      this.handlers.track(this.last);
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  private end(): void {
    if (this.press?.timer) clearTimeout(this.press.timer);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const pressed = Boolean(this.press);
    const dragged = this.dragging;
    this.press = undefined;
    this.dragging = false;
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    if (pressed) this.handlers.ended(dragged);
  }
}
