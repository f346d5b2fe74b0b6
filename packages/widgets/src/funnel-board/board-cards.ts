import type { Pipeline } from '@crmkit/core';
import { afterNextPaint } from '../shared/after-paint.js';
import { BoardLayout, type BoardCard, type BoardColumn, type BoardRecord, type CardContext } from './board-model.js';

/**
 * Rows of each column put in order when the board is laid out afresh (more
 * than a first frame shows at the default column height on a tall screen);
 * the rest are ordered after that frame is painted, or at once when needed.
 */
export const FIRST_ORDERED_ROWS = 40;

/** The open records, as the board's data keeps them. */
export interface BoardRecords {
  /** Open records by id (an index the data may build only when first asked for). */
  readonly records: ReadonlyMap<string, BoardRecord>;
  /** Every open record, without building that index. */
  allRecords(): Iterable<BoardRecord>;
}

/** What placing the cards reads: the records, the moves in flight, and what a card shows. */
export interface BoardCardsInput {
  pipeline: Pipeline;
  /** The open records. */
  source: BoardRecords;
  /** Moves in flight: record id → the stage its card shows it in. */
  overrides: ReadonlyMap<string, string>;
  context: Omit<CardContext, 'pipeline'>;
}

/**
 * Which card is where: the board's {@link BoardLayout}, rebuilt when
 * everything changed (data, filter, the minute) and otherwise patched for
 * just the records marked dirty (a move, a live change, a next step), with
 * a card whose move is in flight shown in the stage it is going to.
 */
export class BoardCards {
  private layout: BoardLayout | undefined;
  private dirty: Set<string> | 'all' = 'all';

  /** The columns as shown, every card in order (none before the data is ready). */
  get columns(): readonly BoardColumn[] {
    this.layout?.complete();
    return this.layout?.columns ?? [];
  }

  /** The columns with at least the first `rows(column)` cards of each in order: what a render needs. */
  columnsInOrder(rows: (column: BoardColumn) => number): readonly BoardColumn[] {
    const layout = this.layout;
    if (!layout) return [];
    const ordered = layout.orderedRows;
    if (ordered !== Infinity && layout.columns.some((c) => rows(c) > ordered)) layout.complete();
    return layout.columns;
  }

  /** Puts every card in order (after the first frame; lookups and changes do it themselves when needed). */
  complete(): void {
    this.layout?.complete();
  }

  private completing = false;

  /** Orders what a fresh layout left unordered once the frame showing its first rows is painted. */
  private completeAfterPaint(): void {
    if (this.completing) return;
    this.completing = true;
    void afterNextPaint().then(() => {
      this.completing = false;
      this.complete();
    });
  }

  /** The card shown for a record id. */
  card(id: string): BoardCard | undefined {
    return this.layout?.card(id);
  }

  /** A shown card's row in its column, -1 when not shown. */
  rowOf(id: string): number {
    return this.layout?.rowOf(id) ?? -1;
  }

  /** Notes records whose cards must be re-placed at the next update. */
  markDirty(ids: Iterable<string>): void {
    if (this.dirty !== 'all') for (const id of ids) this.dirty.add(id);
  }

  /** Every column is rebuilt at the next update. */
  markAllDirty(): void {
    this.dirty = 'all';
  }

  /** Forgets the layout (no data to show). */
  clear(): void {
    this.layout = undefined;
    this.dirty = 'all';
  }

  /** Brings the layout up to date: rebuilt after {@link markAllDirty}, else only the dirty records re-placed. */
  update({ pipeline, source, overrides, context }: BoardCardsInput): void {
    const dirty = this.dirty;
    if (dirty !== 'all' && dirty.size === 0) return;
    this.dirty = new Set();
    const ctx: CardContext = { ...context, pipeline };
    const shown = (r: BoardRecord): BoardRecord => {
      const to = overrides.get(r.id);
      if (!to) return r;
      return { ...r, stageId: to, status: pipeline.stages.find((s) => s.id === to)?.kind ?? r.status } as BoardRecord;
    };
    const recordOf = (id: string): BoardRecord | undefined => {
      const r = source.records.get(id);
      return r && shown(r);
    };
    if (dirty === 'all' || !this.layout) {
      const all = overrides.size ? [...source.allRecords()].map(shown) : source.allRecords();
      this.layout = new BoardLayout(all, ctx, { head: FIRST_ORDERED_ROWS });
      if (this.layout.orderedRows !== Infinity) this.completeAfterPaint();
    } else {
      this.layout.patch(dirty, recordOf, ctx);
    }
  }
}
