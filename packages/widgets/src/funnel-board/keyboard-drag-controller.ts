import type { ReactiveControllerHost } from 'lit';
import type { Stage } from '@crmkit/core';
import type { BoardCard, BoardColumn } from './board-model.js';
import type { FunnelBoardStrings } from './strings.js';

/** What keyboard moving needs from the board. */
export interface KeyboardDragHost extends ReactiveControllerHost {
  /** The columns as shown. */
  readonly columns: readonly BoardColumn[];
  /** The board's strings. */
  readonly t: FunnelBoardStrings;
  /** Drop targets in keyboard order: the open stages, then won, then lost. */
  targets(): Stage[];
  /** A stage's name in the board's language. */
  stageName(stage: Stage | undefined): string;
  /** The stage a card is in. */
  stageOf(card: BoardCard): Stage | undefined;
  /** Says `text` through the live region. */
  announce(text: string): void;
  /** Moves a card (asking for a loss reason when needed). */
  requestMove(card: BoardCard, to: Stage): Promise<boolean>;
  /** Fires `crm-card-open`. */
  openCard(card: BoardCard): void;
  /** Scrolls a card into its column's window and focuses it; false when it is not on the board. */
  focusCard(id: string): Promise<boolean>;
  /** Focuses the column's "what to do here" button (when a column has no card left to focus). */
  focusColumn(index: number): void;
}

/** A card picked up with the keyboard: where it was and which target is chosen. */
export interface Grab {
  id: string;
  from: string;
  /** Index into `targets()`. */
  target: number;
}

/**
 * Moving cards with the keyboard alone: Space picks the focused card up, the
 * arrow keys (and Home/End) choose a column or the won/lost zone, Space or
 * Enter drops, Escape or Tab cancels; every step is announced. Without a
 * card picked up, the arrows move focus between cards and columns and Enter
 * opens the card.
 */
export class KeyboardDragController {
  /** The card picked up, if any. */
  grab: Grab | undefined;

  constructor(private readonly host: KeyboardDragHost) {}

  /** The stage id the picked-up card would be dropped on. */
  get targetId(): string | undefined {
    return this.grab ? this.host.targets()[this.grab.target]?.id : undefined;
  }

  /** Drops the grab without a move (e.g. the card left the board). */
  release(): void {
    if (!this.grab) return;
    this.grab = undefined;
    this.host.requestUpdate();
  }

  /** Handles a key on the card at `row` of column `col`. */
  onKeydown(e: KeyboardEvent, card: BoardCard, col: number, row: number): void {
    if (this.grab) this.whileGrabbed(e, card, col, row, this.grab);
    else this.browse(e, card, col, row);
  }

  private set(grab: Grab | undefined): void {
    this.grab = grab;
    this.host.requestUpdate();
  }

  private whileGrabbed(e: KeyboardEvent, card: BoardCard, col: number, row: number, grab: Grab): void {
    const { host } = this;
    const targets = host.targets();
    let target = grab.target;
    switch (e.key) {
      case 'ArrowLeft':
      case 'ArrowUp':
        target = Math.max(0, target - 1);
        break;
      case 'ArrowRight':
      case 'ArrowDown':
        target = Math.min(targets.length - 1, target + 1);
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = targets.length - 1;
        break;
      case ' ':
      case 'Enter': {
        e.preventDefault();
        const to = targets[grab.target];
        this.set(undefined);
        if (!to || to.id === grab.from) {
          host.announce(host.t.cancelled(card.title, host.stageName(host.stageOf(card))));
          return;
        }
        void host.requestMove(card, to).then(async () => {
          // Won or lost: the card left the board; keep focus in its old column.
          if (await host.focusCard(card.record.id)) return;
          const left = host.columns[col]?.cards;
          const neighbour = left?.[Math.min(row, left.length - 1)];
          if (neighbour) await host.focusCard(neighbour.record.id);
          else host.focusColumn(col);
        });
        void host.focusCard(card.record.id);
        return;
      }
      case 'Escape':
      case 'Tab':
        if (e.key === 'Escape') e.preventDefault();
        this.set(undefined);
        host.announce(host.t.cancelled(card.title, host.stageName(host.stageOf(card))));
        return;
      default:
        return;
    }
    e.preventDefault();
    if (target !== grab.target) {
      this.set({ ...grab, target });
      host.announce(host.t.over(card.title, host.stageName(targets[target]), target + 1, targets.length));
    }
  }

  private browse(e: KeyboardEvent, card: BoardCard, col: number, row: number): void {
    const { host } = this;
    switch (e.key) {
      case ' ': {
        e.preventDefault();
        const from = host.stageOf(card);
        this.set({ id: card.record.id, from: card.record.stageId, target: Math.max(0, host.targets().findIndex((s) => s.id === from?.id)) });
        host.announce(host.t.pickedUp(card.title, host.stageName(from)));
        return;
      }
      case 'Enter':
        e.preventDefault();
        host.openCard(card);
        return;
      case 'ArrowDown':
      case 'ArrowUp':
      case 'Home':
      case 'End': {
        e.preventDefault();
        const cards = host.columns[col]?.cards ?? [];
        const next = e.key === 'Home' ? 0 : e.key === 'End' ? cards.length - 1 : row + (e.key === 'ArrowDown' ? 1 : -1);
        const target = cards[Math.max(0, Math.min(cards.length - 1, next))];
        if (target) void host.focusCard(target.record.id);
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        e.preventDefault();
        const step = e.key === 'ArrowRight' ? 1 : -1;
        for (let c = col + step; c >= 0 && c < host.columns.length; c += step) {
          const cards = host.columns[c]!.cards;
          if (cards.length) {
            void host.focusCard(cards[Math.min(row, cards.length - 1)]!.record.id);
            return;
          }
        }
        return;
      }
      default:
        return;
    }
  }
}
