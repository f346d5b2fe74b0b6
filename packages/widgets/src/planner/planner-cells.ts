import type { Activity } from '@crmkit/core';
import { addDays, type PlannerDay } from './planner-model.js';

/** The key of a cell: `assigneeId|YYYY-MM-DD`, or `assigneeId|earlier` for the steps due before the period. */
export type CellKey = string;

/** What a row of cells shows: the most step elements in one cell, and in all of them. */
export interface RowShown {
  /** Step elements in the row's fullest cell. */
  most: number;
  /** Step elements in the whole row. */
  total: number;
  /** Step elements in each of its cells, in order. */
  cells: number[];
}

/** The key of the "earlier" cell of `person`. */
export const earlierKey = (person: string): CellKey => `${person}|earlier`;

/**
 * The planner's steps sorted into the cells of the period shown, kept up to
 * date change by change: a live change or a move re-sorts only the steps it
 * names, and only the cells they leave or enter get a new array — the others
 * keep theirs, so the planner re-renders those two cells, not the grid.
 *
 * A step being moved is shown where it is going (an override) until the
 * core has saved or refused the move; the live row underneath stays known,
 * so a refusal puts the step back where the store says it is.
 */
export class PlannerCells {
  /** Steps by cell key, each cell's steps in no particular order (the planner orders only those it shows). */
  readonly cells = new Map<CellKey, Activity[]>();
  /** Non-empty cells, "earlier" included (the planner shares its element budget among them). */
  filled = 0;
  /** Pending steps per assignee (of the steps visible to the user), for the people rows. */
  readonly assignees = new Map<string, number>();

  private live = new Map<string, Activity>();
  private overrides = new Map<string, Activity>();
  private days: readonly PlannerDay[] = [];
  private starts: number[] = [];
  private from = 0;
  private to = 0;
  private visible: (step: Activity) => boolean = () => true;

  /** The step with `id` as shown (moving: where it is going). */
  get(id: string): Activity | undefined {
    return this.overrides.get(id) ?? this.live.get(id);
  }

  /** The cell `id` is shown in, if it is in the period or before it. */
  cellOf(id: string): CellKey | undefined {
    const step = this.get(id);
    return step && this.visible(step) ? this.keyOf(step) : undefined;
  }

  /** The cells holding the steps `ids` (those that must stay rendered: picked up, dragged, keeping focus). */
  pinned(ids: readonly (string | undefined)[]): Set<CellKey> {
    const out = new Set<CellKey>();
    for (const id of ids) {
      const cell = id ? this.cellOf(id) : undefined;
      if (cell) out.add(cell);
    }
    return out;
  }

  /**
   * The step elements the cells `keys` (a row) show — each its steps up to
   * `limit(key)`, "+N more" counted as one: the most in one cell (the row's
   * height) and the total (its cost to render).
   */
  shownIn(keys: readonly CellKey[], limit: (key: CellKey) => number): RowShown {
    let most = 0;
    let total = 0;
    const cells = keys.map((key) => {
      const n = Math.min(this.cells.get(key)?.length ?? 0, limit(key) + 1);
      most = Math.max(most, n);
      total += n;
      return n;
    });
    return { most, total, cells };
  }

  /** All new rows (the first results of a query): every step is sorted again at the next {@link view}. */
  load(rows: readonly Activity[]): void {
    const live = new Map<string, Activity>();
    for (const row of rows) live.set(row.id, row);
    this.live = live;
    this.dirty = true;
  }
  /** True when the cells must be sorted again from all rows (new rows, no period yet). */
  private dirty = true;

  /**
   * The period and who may be seen: re-sorts every step when `scope` (a key
   * of the days and of the filter's inputs) differs from the last call's.
   */
  view(days: readonly PlannerDay[], scope: string, visible: (step: Activity) => boolean): void {
    if (scope === this.scope && !this.dirty) return;
    this.days = days;
    this.scope = scope;
    this.visible = visible;
    this.starts = days.map((d) => d.start.getTime());
    const last = days[days.length - 1];
    this.from = this.starts[0] ?? 0;
    this.to = last ? addDays(last.start, 1).getTime() : 0;
    this.rebuild();
  }
  private scope = '';

  /** A live change: rows that entered or changed, ids that left. Steps being moved stay where they are going. */
  apply(upserted: readonly Activity[], removed: readonly string[]): void {
    for (const row of upserted) {
      const before = this.get(row.id);
      this.live.set(row.id, row);
      if (!this.overrides.has(row.id)) this.place(before, row);
    }
    for (const id of removed) {
      const before = this.get(id);
      this.live.delete(id);
      this.place(before, this.get(id));
    }
  }

  /** Shows `step` (a changed copy) where it is going until {@link settle} is called. */
  override(step: Activity): void {
    const before = this.get(step.id);
    this.overrides.set(step.id, step);
    this.place(before, step);
  }

  /** A move of `id` is over: saved (`saved`, the row the core returned) or refused (no row: back to the store's). */
  settle(id: string, saved?: Activity): void {
    const before = this.get(id);
    const live = this.live.get(id);
    // The live echo may have come first, or a newer change after it: keep the newest.
    if (saved && (!live || live.version <= saved.version)) this.live.set(id, saved);
    this.overrides.delete(id);
    this.place(before, this.get(id));
  }

  private rebuild(): void {
    this.dirty = false;
    this.cells.clear();
    this.assignees.clear();
    this.keys.clear();
    this.filled = 0;
    const overrides = this.overrides;
    for (const row of this.live.values()) this.add(overrides.size ? (overrides.get(row.id) ?? row) : row, true);
  }

  /** Moves a step from where `before` (the row as it was shown) put it to where `after` puts it. */
  private place(before: Activity | undefined, after: Activity | undefined): void {
    if (this.dirty) return;
    if (before) this.remove(before);
    if (after) this.add(after);
  }

  /** Places `step`; `fresh` while rebuilding (the cells' arrays are new, so they grow in place). */
  private add(step: Activity, fresh = false): void {
    if (!this.visible(step)) return;
    const person = step.assigneeId;
    this.assignees.set(person, (this.assignees.get(person) ?? 0) + 1);
    const key = this.keyOf(step);
    if (key === undefined) return;
    const list = this.cells.get(key);
    // Otherwise a new array: the cell's identity tells the renderer it changed.
    if (list && fresh) list.push(step);
    else if (list) this.cells.set(key, [...list, step]);
    else {
      this.cells.set(key, [step]);
      this.filled++;
    }
  }

  private remove(step: Activity): void {
    if (!this.visible(step)) return;
    const person = step.assigneeId;
    const n = (this.assignees.get(person) ?? 1) - 1;
    if (n > 0) this.assignees.set(person, n);
    else this.assignees.delete(person);
    const key = this.keyOf(step);
    if (key === undefined) return;
    const list = this.cells.get(key)?.filter((s) => s.id !== step.id);
    if (list && list.length) this.cells.set(key, list);
    else if (this.cells.delete(key)) this.filled--;
  }

  /** Each person's cell keys: "earlier", then one per day (made once per person, not per step). */
  private keys = new Map<string, CellKey[]>();

  /** The cell a step falls in: its day's, "earlier" when due before the period, none after it. */
  private keyOf(step: Activity): CellKey | undefined {
    const due = Date.parse(step.dueAt);
    if (!(due < this.to)) return undefined;
    const person = step.assigneeId;
    let keys = this.keys.get(person);
    if (!keys) this.keys.set(person, (keys = [earlierKey(person), ...this.days.map((d) => `${person}|${d.key}`)]));
    if (due < this.from) return keys[0];
    let i = this.starts.length - 1;
    while (this.starts[i]! > due) i--;
    return keys[i + 1];
  }
}
