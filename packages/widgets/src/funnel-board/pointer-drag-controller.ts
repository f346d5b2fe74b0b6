import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BoardCard } from './board-model.js';

/** What pointer dragging needs from the board. */
export interface PointerDragHost extends ReactiveControllerHost, HTMLElement {
  /** The board's shadow root (drop targets and scrollers are found in it). */
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** True while something else owns the cards (a keyboard grab, the loss dialog). */
  readonly pointerBlocked: boolean;
  /** The user dropped `card` on the column or zone of `stageId`. */
  dropCard(card: BoardCard, stageId: string): void;
}

/** The card being dragged, where the pointer is, and the drop target under it. */
export interface PointerDrag {
  card: BoardCard;
  x: number;
  y: number;
  target: string | undefined;
}

interface Press {
  card: BoardCard;
  pointerId: number;
  x: number;
  y: number;
  touch: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** A mouse or pen drag starts after the pointer moved this many pixels. */
const MOVE_THRESHOLD = 6;
/** A finger must rest this long on a card to pick it up; moving earlier is a swipe, which scrolls. */
export const LONG_PRESS_MS = 400;
/** Within this many pixels of a scrollable edge, dragging scrolls that way. */
const EDGE = 56;
/** Scroll speed at the very edge, in pixels per frame (slower further in). */
const MAX_SPEED = 22;

/** Pixels to scroll this frame for a pointer at `pos` in `[start, end]`: negative near the start, positive near the end. */
function edgeSpeed(pos: number, start: number, end: number): number {
  const edge = Math.min(EDGE, (end - start) / 3);
  if (pos < start + edge) return -Math.ceil(MAX_SPEED * Math.min(1, (start + edge - pos) / edge));
  if (pos > end - edge) return Math.ceil(MAX_SPEED * Math.min(1, (pos - (end - edge)) / edge));
  return 0;
}

/**
 * Dragging cards with a pointer. A mouse or pen picks a card up once it moves
 * a few pixels; a finger must rest on it first (a long-press), so a swipe
 * keeps scrolling the columns and never moves the deal. While a card is
 * dragged, the column or zone under the pointer (`[data-drop]`) is the
 * target, the page does not scroll under the finger, and near an edge the
 * column's list, the row of columns and the page scroll by themselves, so
 * cards far down a column, off-screen columns and the won/lost zones below
 * the fold can all be reached.
 */
export class PointerDragController implements ReactiveController {
  /** The drag in progress, if any. */
  drag: PointerDrag | undefined;
  /** True right after a drag, so the click that ends it does not open the card. */
  suppressClick = false;

  private press: Press | undefined;
  private frame = 0;
  private last = { x: 0, y: 0 };

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // While a finger drags a card, the page must not scroll under it (listeners
    // must not be passive to be able to say so).
    this.host.addEventListener('touchmove', this.onTouchMove, { passive: false });
    this.host.addEventListener('contextmenu', this.onContextMenu);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('touchmove', this.onTouchMove);
    this.host.removeEventListener('contextmenu', this.onContextMenu);
    this.end();
  }

  /** Starts a press on a card (from the card's `pointerdown`). */
  onPointerDown(e: PointerEvent, card: BoardCard): void {
    if (e.button !== 0 || this.press || this.host.pointerBlocked) return;
    const touch = e.pointerType === 'touch';
    this.press = { card, pointerId: e.pointerId, x: e.clientX, y: e.clientY, touch, timer: undefined };
    this.last = { x: e.clientX, y: e.clientY };
    if (touch) this.press.timer = setTimeout(() => this.start(), LONG_PRESS_MS);
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
  }

  private readonly onTouchMove = (e: TouchEvent): void => {
    if (this.drag && e.cancelable) e.preventDefault();
  };

  /** A long-press opens the context menu on touch screens; not while it is picking a card up. */
  private readonly onContextMenu = (e: Event): void => {
    if (this.press?.touch || this.drag) e.preventDefault();
  };

  private readonly onMove = (e: PointerEvent): void => {
    const press = this.press;
    if (!press || e.pointerId !== press.pointerId) return;
    this.last = { x: e.clientX, y: e.clientY };
    if (!this.drag) {
      if (Math.hypot(e.clientX - press.x, e.clientY - press.y) < MOVE_THRESHOLD) return;
      if (press.touch) {
        // Moved before the long-press: a swipe. Let the browser scroll.
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
    const drag = this.drag;
    this.last = { x: e.clientX, y: e.clientY };
    const target = drag ? this.dropTargetAt(e.clientX, e.clientY) : undefined;
    this.end();
    if (!drag) return;
    this.suppressClick = true;
    setTimeout(() => (this.suppressClick = false), 0);
    if (target) this.host.dropCard(drag.card, target);
  };

  private readonly onCancel = (e: PointerEvent): void => {
    if (this.press && e.pointerId === this.press.pointerId) this.end();
  };

  private start(): void {
    const press = this.press;
    if (!press || this.host.pointerBlocked) return;
    if (press.timer) clearTimeout(press.timer);
    press.timer = undefined;
    this.drag = { card: press.card, x: this.last.x, y: this.last.y, target: undefined };
    this.track();
    this.host.requestUpdate();
  }

  /** Moves the ghost and finds the drop target under the pointer. */
  private track(): void {
    const drag = this.drag;
    if (!drag) return;
    this.drag = { ...drag, x: this.last.x, y: this.last.y, target: this.dropTargetAt(this.last.x, this.last.y) };
    this.host.requestUpdate();
  }

  /** Near a scrollable edge, scrolls a little every frame while the pointer stays there. */
  private autoScroll(): void {
    if (this.frame) return;
    const step = (): void => {
      this.frame = 0;
      if (!this.drag) return;
      if (this.scrollEdges()) {
        this.track();
        this.frame = requestAnimationFrame(step);
      }
    };
    this.frame = requestAnimationFrame(step);
  }

  /** Scrolls the column under the pointer, the row of columns and the page where the pointer is near their edges; true if any moved. */
  private scrollEdges(): boolean {
    const { x, y } = this.last;
    let moved = false;
    const scroll = (el: Element, dx: number, dy: number): void => {
      if (!dx && !dy) return;
      const before = el.scrollLeft + el.scrollTop * 1e6;
      el.scrollBy(dx, dy);
      if (el.scrollLeft + el.scrollTop * 1e6 !== before) moved = true;
    };
    const root = this.host.renderRoot as ShadowRoot;
    const column = root.elementsFromPoint(x, y).find((el) => el.classList.contains('scroller'));
    if (column) {
      const r = column.getBoundingClientRect();
      scroll(column, 0, edgeSpeed(y, Math.max(0, r.top), Math.min(window.innerHeight, r.bottom)));
    }
    const strip = root.querySelector('.columns');
    if (strip) {
      const r = strip.getBoundingClientRect();
      if (y >= r.top && y <= r.bottom) scroll(strip, edgeSpeed(x, Math.max(0, r.left), Math.min(window.innerWidth, r.right)), 0);
    }
    const page = document.scrollingElement;
    if (page) scroll(page, 0, edgeSpeed(y, 0, window.innerHeight));
    return moved;
  }

  private end(): void {
    if (this.press?.timer) clearTimeout(this.press.timer);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const was = this.drag;
    this.press = undefined;
    this.drag = undefined;
    window.removeEventListener('pointermove', this.onMove);
    window.removeEventListener('pointerup', this.onUp);
    window.removeEventListener('pointercancel', this.onCancel);
    if (was) this.host.requestUpdate();
  }

  /** The stage id of the column or zone under a viewport point. */
  private dropTargetAt(x: number, y: number): string | undefined {
    const root = this.host.renderRoot as ShadowRoot;
    for (const el of root.elementsFromPoint(x, y)) {
      const zone = el.closest<HTMLElement>('[data-drop]');
      if (zone) return zone.dataset['drop'];
    }
    return undefined;
  }
}
