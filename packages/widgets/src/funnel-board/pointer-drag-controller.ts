import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BoardCard } from './board-model.js';

/** What pointer dragging needs from the board. */
export interface PointerDragHost extends ReactiveControllerHost {
  /** The board's shadow root (drop targets are found in it). */
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
  x: number;
  y: number;
}

/** A drag starts after the pointer moved this many pixels. */
const MOVE_THRESHOLD = 6;

/**
 * Dragging cards with a pointer: a press on a card becomes a drag once the
 * pointer moves; the column or zone under the pointer is the drop target
 * (`[data-drop]`), and releasing over it moves the card.
 */
export class PointerDragController implements ReactiveController {
  /** The drag in progress, if any. */
  drag: PointerDrag | undefined;
  /** True right after a drag, so the click that ends it does not open the card. */
  suppressClick = false;

  private press: Press | undefined;

  constructor(private readonly host: PointerDragHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.end();
  }

  /** Starts a press on a card (from the card's `pointerdown`). */
  onPointerDown(e: PointerEvent, card: BoardCard): void {
    if (e.button !== 0 || this.host.pointerBlocked) return;
    this.press = { card, x: e.clientX, y: e.clientY };
    window.addEventListener('pointermove', this.onMove);
    window.addEventListener('pointerup', this.onUp);
    window.addEventListener('pointercancel', this.onCancel);
  }

  private readonly onMove = (e: PointerEvent): void => {
    const press = this.press;
    if (!press) return;
    if (!this.drag && Math.hypot(e.clientX - press.x, e.clientY - press.y) < MOVE_THRESHOLD) return;
    e.preventDefault();
    this.drag = { card: press.card, x: e.clientX, y: e.clientY, target: this.dropTargetAt(e.clientX, e.clientY) };
    this.host.requestUpdate();
  };

  private readonly onUp = (e: PointerEvent): void => {
    const drag = this.drag;
    this.end();
    if (!drag) return;
    this.suppressClick = true;
    setTimeout(() => (this.suppressClick = false), 0);
    const target = this.dropTargetAt(e.clientX, e.clientY);
    if (target) this.host.dropCard(drag.card, target);
  };

  private readonly onCancel = (): void => this.end();

  private end(): void {
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
