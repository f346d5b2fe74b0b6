import type { Crm, Pipeline, Stage } from '@crmkit/core';
import type { TemplateResult } from 'lit';
import type { BoardCard, BoardColumn } from './board-model.js';
import type { ColumnWindowController } from './column-window-controller.js';
import type { KeyboardDragController } from './keyboard-drag-controller.js';
import type { PointerDragController } from './pointer-drag-controller.js';
import type { FunnelBoardStrings } from './strings.js';

/** What the board's templates read from the element and call back into it. */
export interface BoardView {
  readonly crm?: Crm | undefined;
  readonly t: FunnelBoardStrings;
  /** The registered locale the strings come from (for `localize` and formatting). */
  readonly loc: string;
  readonly owner: string;
  readonly search: string;
  readonly noSwitcher: boolean;
  /** The column headings' level, 1–6. */
  readonly columnHeadingLevel: number;
  /** Stages whose "what to do here" text is shown. */
  readonly helpOpen: ReadonlySet<string>;
  /** The tab stop of each column (stage id → record id). */
  readonly active: ReadonlyMap<string, string>;
  /** Records whose move is being saved (or waits for a loss reason), by id → target stage. */
  readonly overrides: ReadonlyMap<string, string>;
  /** User names by id. */
  readonly userNames: ReadonlyMap<string, string>;
  /** Goes up when client names arrive (cards show them). */
  readonly namesRevision: number;
  /** The columns as shown. */
  readonly columns: readonly BoardColumn[];
  /** The columns, with at least the first `rows(column)` cards of each in order (the rows a render shows). */
  columnsInOrder(rows: (column: BoardColumn) => number): readonly BoardColumn[];
  /** Renders one column (called only for columns whose inputs changed). */
  renderColumn(col: BoardColumn, index: number, pipeline: Pipeline): TemplateResult;
  readonly windows: ColumnWindowController;
  readonly keyboard: KeyboardDragController;
  readonly pointer: PointerDragController;
  stageName(stage: Stage | undefined): string;
  /** A shown card's row in its column (O(log n)), -1 when not shown. */
  rowOf(id: string): number;
  /** The user picked another pipeline. */
  choosePipeline(id: string): void;
  chooseOwner(id: string): void;
  setSearch(text: string): void;
  toggleHelp(stageId: string): void;
  /** A card got focus: it becomes its column's tab stop. */
  cardFocused(card: BoardCard): void;
  /** A card was clicked (not the end of a drag). */
  cardClicked(card: BoardCard): void;
  /** The pipeline shown. */
  readonly currentPipeline: Pipeline | undefined;
}
