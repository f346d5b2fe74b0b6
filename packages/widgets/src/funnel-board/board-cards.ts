import type { Pipeline } from '@crmkit/core';
import { BoardLayout, type BoardCard, type BoardColumn, type BoardRecord, type CardContext } from './board-model.js';

/** What placing the cards reads: the records, the moves in flight, and what a card shows. */
export interface BoardCardsInput {
  pipeline: Pipeline;
  /** Open records by id. */
  records: ReadonlyMap<string, BoardRecord>;
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

  /** The columns as shown (none before the data is ready). */
  get columns(): readonly BoardColumn[] {
    return this.layout?.columns ?? [];
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
  update({ pipeline, records, overrides, context }: BoardCardsInput): void {
    const dirty = this.dirty;
    if (dirty !== 'all' && dirty.size === 0) return;
    this.dirty = new Set();
    const ctx: CardContext = { ...context, pipeline };
    const recordOf = (id: string): BoardRecord | undefined => {
      const r = records.get(id);
      const to = r && overrides.get(id);
      if (!r || !to) return r;
      return { ...r, stageId: to, status: pipeline.stages.find((s) => s.id === to)?.kind ?? r.status } as BoardRecord;
    };
    if (dirty === 'all' || !this.layout) {
      const all = overrides.size ? [...records.keys()].map((id) => recordOf(id)!) : records.values();
      this.layout = new BoardLayout(all, ctx);
    } else {
      this.layout.patch(dirty, recordOf, ctx);
    }
  }
}
