import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PressDrag, type Point } from '../shared/press-drag.js';
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

  private readonly press: PressDrag<BoardCard>;

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
    this.press = new PressDrag<BoardCard>(host, {
      canDrag: () => !host.pointerBlocked,
      start: (card, at) => {
        this.drag = { card, x: at.x, y: at.y, target: undefined };
        this.track(at);
      },
      track: (at) => this.track(at),
      drop: (card, at) => {
        const target = this.dropTargetAt(at.x, at.y);
        if (target) host.dropCard(card, target);
      },
      ended: (dragged) => {
        this.drag = undefined;
        if (dragged) host.requestUpdate();
      },
      scrollEdges: (at) => this.scrollEdges(at),
    });
  }

  /** True right after a drag, so the click that ends it does not open the card. */
  get suppressClick(): boolean {
    return this.press.suppressClick;
  }

  hostConnected(): void {
    this.press.connect();
  }

  hostDisconnected(): void {
    this.press.disconnect();
  }

  /** Starts a press on a card (from the card's `pointerdown`). */
  onPointerDown(e: PointerEvent, card: BoardCard): void {
    this.press.down(e, card);
  }

  /** Moves the ghost and finds the drop target under the pointer. */
  private track(at: Point): void {
    const drag = this.drag;
    if (!drag) return;
    this.drag = { ...drag, x: at.x, y: at.y, target: this.dropTargetAt(at.x, at.y) };
    this.host.requestUpdate();
  }

  /** Scrolls the column under the pointer, the row of columns and the page where the pointer is near their edges; true if any moved. */
  private scrollEdges({ x, y }: Point): boolean {
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
