import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { type Activity, type Crm, type User } from '@crmkit/core';
import { TranslationController } from '../i18n/translation-controller.js';
import { LiveQueryController } from '../live/live-query-controller.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import { baseTheme } from '../shared/theme.js';
import { earlierKey, PlannerCells, type CellKey } from './planner-cells.js';
import { addDays, dayKey, isOverdue, parseDayKey, stepDays, visibleDays, type PlannerDay, type PlannerView } from './planner-model.js';
import { PlannerFocus } from './planner-focus.js';
import { PlannerKeyboard } from './planner-keyboard.js';
import { errorMessage, PlannerMoves } from './planner-move.js';
import { PlannerPointerController, type DropTarget } from './planner-pointer.js';
import { keptLimit, MORE_STEP, windowCell } from './planner-window.js';
import { PlannerRows } from './planner-rows.js';
import { PlannerFormats, type PlannerFormat } from './planner-formats.js';
import { renderStep } from './planner-step.js';
import type { PlannerStrings } from './planner-strings.js';
import { plannerStyles } from './planner-styles.js';
import { RecordNames } from './record-names.js';

export type { StepMoveDetail } from './planner-move.js';

/** `detail` of `crm-step-open`: the user opened a step (click or Enter). */
export interface StepOpenDetail {
  /** The step. */
  activity: Activity;
}

/**
 * The team's calendar of next steps. A day or a week (Monday first), one row
 * per person: a manager sees their own steps, a head or admin everyone's.
 * Steps already overdue before the period are gathered in the first column;
 * overdue steps and today are marked. A step is rescheduled or handed over
 * by dragging it to another day or person, or by keyboard (Space picks it
 * up, arrows choose, Space or Enter drops, Escape cancels) — through
 * `crm.activities.update`, so the core's rules apply. Live: changes from
 * other tabs and users appear as they are made.
 *
 * Register with {@link definePlanner}; set the `crm` property.
 *
 * @tagname crm-planner
 * @fires crm-step-move - Cancelable, before a step is rescheduled or handed over. `detail`: {@link StepMoveDetail}.
 * @fires crm-step-open - A step was clicked or Enter was pressed on it. `detail`: {@link StepOpenDetail}.
 *
 * @csspart planner - The whole planner.
 * @csspart toolbar - The heading, the navigation and the view switch.
 * @csspart heading - The title with the period shown.
 * @csspart nav-button - The previous, today and next buttons.
 * @csspart view-button - The day and week buttons.
 * @csspart status - The loading, empty or "no CRM" message.
 * @csspart error - A failed load or a refused move.
 * @csspart grid - The table of people and days.
 * @csspart day-header - A day's column header (also `day-today`).
 * @csspart person - A person's row header.
 * @csspart cell - A person's day (also `cell-today`, `cell-earlier`, `cell-target`).
 * @csspart step - A step (also `step-overdue`, `step-grabbed`).
 * @csspart more - A cell's "+N more" button (a busy cell shows its soonest steps first).
 *
 * @cssprop --crm-planner-day-width - Minimum width of a day column (default 140px).
 * @cssprop --crm-planner-today - Background of today's column.
 * @cssprop --crm-color-accent - Focus ring, drop target, today's header.
 * @cssprop --crm-color-danger - Overdue marks and errors.
 */
export class CrmPlanner extends LitElement {
  static override styles = [baseTheme, plannerStyles];

  /** The CRM whose next steps the planner shows and moves. */
  @property({ attribute: false }) crm?: Crm;

  /** `day` or `week`. */
  @property({ reflect: true }) view: PlannerView = 'week';

  /** A day of the period shown, `YYYY-MM-DD` (local); empty: today by the CRM's clock. */
  @property({ reflect: true }) date = '';

  /** Locale of strings, dates and times (any BCP 47 tag); default: the nearest `lang` attribute. */
  @property() locale = '';

  /** The level of the planner's heading (1–6) for the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** @internal */
  readonly keyboard = new PlannerKeyboard(this);
  /** Cells whose "+N more" was pressed: cell key → steps shown beyond the limit. */
  @state() private expanded = new Map<string, number>();
  /** Steps per cell in the last render (the period's cells share a budget). */
  private limit = 0;
  @state() private announcement = '';

  private readonly i18n = new TranslationController<PlannerStrings>(this, 'planner');
  private readonly names = new RecordNames(this);
  private readonly pointer = new PlannerPointerController(this);
  private readonly moves = new PlannerMoves(this);
  /** @internal The steps sorted into cells, kept up to date change by change. */
  readonly cells = new PlannerCells();
  private readonly steps = new LiveQueryController<Activity>(this, {
    deps: () => [this.crm, this.crm?.currentUser?.id],
    // Unordered: each cell orders only the steps it shows (see windowCell).
    watch: (listener, onError) => this.crm?.activities.watch({ state: 'pending' }, listener, { onError, unordered: true }),
    onChange: (rows, change) => {
      if (!change.initial) return this.cells.apply(change.upserted, change.removed);
      this.cells.load(rows);
      this.freshGrid = true;
    },
  });
  /** True until the grid of newly read steps is rendered (its first frame renders only the rows in view). */
  private freshGrid = false;
  /** Cells rendered with their steps: the rows in view in a period's first frame, the others a slice a frame after it. */
  private readonly rows = new PlannerRows(this);
  /** The steps each cell showed when it last rendered: only their records' names are read, after the frame is painted. */
  private shown = new Map<CellKey, Activity[]>();
  /** The days of the last render (`shown` is for them). */
  private shownDays = '';
  /** @internal A step to keep focused across re-renders until it shows in `focusCell` (it moves between cells). */
  focusId: string | undefined;
  /** @internal The cell the step in `focusId` is going to (undefined: wherever it is). */
  focusCell: { day: string; person: string } | undefined;

  constructor() {
    super();
    registerBuiltinTranslations();
  }

  /** @internal The grid's scrolling box (auto-scrolled while dragging). */
  get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroller');
  }

  /** @internal */
  get t(): PlannerStrings {
    return this.i18n.t;
  }

  /** @internal */
  get today(): Date {
    return this.crm?.now() ?? new Date();
  }

  /** @internal */
  get anchor(): Date {
    return parseDayKey(this.date) ?? this.today;
  }

  /** @internal The rows: the signed-in manager alone, else every user (and any assignee with pending steps not among them). */
  people(): User[] {
    const me = this.crm?.currentUser;
    if (me?.role === 'manager') return [me];
    const users = this.crm?.users.list() ?? [];
    const known = new Set(users.map((u) => u.id));
    const extra = [...this.cells.assignees.keys()].filter((id) => !known.has(id));
    return [...users, ...extra.map((id) => ({ id, name: id, role: 'manager' as const }))];
  }

  /** The strings and Intl tag of this update, read once (each read resolves the locale again). */
  private rt!: PlannerStrings;
  private intl = 'en';

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.rt = this.i18n.t;
    this.intl = this.i18n.intl;
    if (changed.has('crm')) this.names.reset();
    if ((changed.has('view') || changed.has('date') || changed.has('crm')) && this.expanded.size) this.expanded = new Map();
    if (this.keyboard.grab && !this.cells.get(this.keyboard.grab.id)) this.keyboard.grab = undefined;
  }

  protected override updated(): void {
    if (this.shown.size) this.names.wantAfterPaint(() => this.crm, () => [...this.shown.values()].flat());
    this.stepFocus.updated();
  }

  private readonly stepFocus = new PlannerFocus(this);

  /** @internal The step picked up with the keyboard. */
  get grabbedId(): string | undefined {
    return this.keyboard.grab?.id;
  }

  /** @internal */
  dayLabel(day: Date, style: 'short' | 'long' = 'short'): string {
    return this.format(style === 'short' ? 'day-short' : 'day-long').format(day);
  }

  private readonly formats = new PlannerFormats();
  private format(kind: PlannerFormat): Intl.DateTimeFormat {
    return this.formats.get(this.intl, kind);
  }

  private period(days: readonly PlannerDay[]): string {
    const first = days[0]!.start;
    const last = days[days.length - 1]!.start;
    return days.length === 1 ? this.dayLabel(first, 'long') : this.formats.range(this.intl, first, last);
  }

  /** @internal */
  personName(id: string): string {
    return this.crm?.users.list().find((u) => u.id === id)?.name ?? id;
  }

  private go(days: number): void {
    this.date = days === 0 ? '' : dayKey(addDays(this.anchor, days));
  }

  override render(): TemplateResult {
    const t = this.rt;
    const days = visibleDays(this.anchor, this.view);
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    const period = this.period(days);
    return html`<section part="planner" class="planner" aria-label=${t.planner(period)} lang=${this.i18n.locale}>
      <div part="toolbar" class="toolbar">
        <div part="heading" class="heading" role="heading" aria-level=${level}>${t.title}: ${period}</div>
        <div class="nav">
          <button part="nav-button" type="button" @click=${() => this.go(-stepDays(this.view))}>${t.previous(this.view)}</button>
          <button part="nav-button" type="button" @click=${() => this.go(0)}>${t.today}</button>
          <button part="nav-button" type="button" @click=${() => this.go(stepDays(this.view))}>${t.next(this.view)}</button>
        </div>
        <div class="views" role="group" aria-label=${t.view}>
          ${(['day', 'week'] as const).map((v) => html`<button part="view-button" type="button" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => (this.view = v)}>${t[v]}</button>`)}
        </div>
      </div>
      <p id="instructions" class="visually-hidden">${t.instructions}</p>
      ${this.moves.notice
        ? html`<div part="error" class="error" role="alert"><span>${this.moves.notice}</span> <button type="button" @click=${() => this.moves.dismiss()}>${t.dismiss}</button></div>`
        : nothing}
      ${this.body(days, period)}
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private body(days: PlannerDay[], period: string): TemplateResult {
    const t = this.rt;
    if (!this.crm) return html`<p part="status" class="status" role="status">${t.noCrm}</p>`;
    if (this.steps.status === 'error') return html`<p part="error" class="error" role="alert">${t.failed(errorMessage(this.steps.error))}</p>`;
    if (this.steps.status !== 'ready') return html`<p part="status" class="status" role="status">${t.loading}</p>`;
    const me = this.crm.currentUser;
    const only = me?.role === 'manager' ? me.id : '';
    const daysKey = days.map((d) => d.key).join();
    this.cells.view(days, `${daysKey}|${only}`, only ? (s) => s.assigneeId === only : () => true);
    const people = this.people();
    const todayKey = dayKey(this.today);
    const fresh = daysKey !== this.shownDays || this.freshGrid;
    this.limit = keptLimit(this.limit, this.cells.filled, fresh);
    if (fresh) {
      this.shownDays = daysKey;
      this.shown = new Map();
      this.freshGrid = false;
      this.rowsAfterPaint(people, days);
    }
    // Steps picked up, dragged or keeping the focus: the cells holding them render again when any of them changes.
    const ids = [this.keyboard.grab?.id, this.pointer.dragging, this.focusId];
    const pinned = { cells: this.cells.pinned(ids), key: ids.join() };
    const pinnedRows = new Set([...pinned.cells].map((key) => key.slice(0, key.lastIndexOf('|'))));
    return html`${this.cells.filled ? nothing : html`<p part="status" class="status" role="status">${t.empty}</p>`}
      <div class="scroller" tabindex="0" role="group" aria-label=${t.planner(period)}>
        <table part="grid" class="grid ${this.view}">
          <thead>
            <tr>
              <th scope="col" class="corner">${t.person}</th>
              <th scope="col" part="day-header" class="earlier">${t.earlier}</th>
              ${guard([daysKey, todayKey, t, this.intl], () =>
                days.map((d) => {
                  const today = d.key === todayKey;
                return html`<th scope="col" part=${today ? 'day-header day-today' : 'day-header'} class=${today ? 'today' : ''} aria-current=${today ? 'date' : nothing}>${this.dayLabel(d.start)}${today ? html`<span class="mark"> · ${t.todayMark}</span>` : nothing}</th>`;
                }),
              )}
            </tr>
          </thead>
          <tbody>
            ${people.map((p, i) => {
              // A row holding a step picked up, dragged or keeping the focus renders at once.
              const now = pinnedRows.has(p.id);
              return html`<tr>
                <th scope="row" part="person" class="person">${p.name}</th>
                ${this.cell(p.id, undefined, false, pinned, !now && this.rows.later(i, 0))} ${days.map((d, j) => this.cell(p.id, d, d.key === todayKey, pinned, !now && this.rows.later(i, j + 1)))}
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
  }

  /** A period's first frame renders the steps of the rows in view; the rows below come once it is painted. */
  private rowsAfterPaint(people: readonly User[], days: readonly PlannerDay[]): void {
    const limit = (key: CellKey) => this.limit + (this.expanded.get(key) ?? 0);
    this.rows.start(people.map((p) => this.cells.shownIn([earlierKey(p.id), ...days.map((d) => `${p.id}|${d.key}`)], limit)));
  }

  /**
   * One cell (`day` undefined: the "earlier" one). Rendered again only when
   * something it shows changed — its steps, the budget per cell, its "+N
   * more", being the drop target, a step pinned in it, the names of its
   * steps' records (only those: a batch of names renders the cells showing them), language or
   * (today's) the time — so a reschedule renders the two cells it touches.
   */
  private cell(person: string, d: PlannerDay | undefined, today: boolean, pinned: { cells: Set<CellKey>; key: string }, later: boolean): unknown {
    const key = d ? `${person}|${d.key}` : earlierKey(person);
    const steps = (!later && this.cells.cells.get(key)) || NO_STEPS;
    const target = !!d && ((this.keyboard.grab?.person === person && this.keyboard.grab.day === d.key) || (this.pointer.target?.person === person && this.pointer.target.day === d.key));
    const deps = [key, steps, this.limit, this.expanded.get(key), target, today, pinned.cells.has(key) && pinned.key, this.names.resets, this.names.turn(key), this.rt, this.intl, today && Math.floor(+this.today / 6e4)];
    return guard(deps, () => {
      const kind = d ? (today ? 'today' : '') : 'earlier';
      const parts = `cell${kind ? ` cell-${kind}` : ''}${target ? ' cell-target' : ''}`;
      return html`<td part=${parts} class="${kind}${target ? ' target' : ''}" data-day=${d?.key ?? nothing} data-person=${d ? person : nothing} data-earlier=${d ? nothing : person}>${this.stepList(steps, key, person, d)}</td>`;
    });
  }

  /**
   * A cell's steps, windowed: the first {@link cellLimit} (more once "+N
   * more" was pressed), plus the step picked up or being moved, so a week
   * of 10,000 deals stays a few hundred elements and the keyboard still
   * reaches every step through the button.
   */
  private stepList(all: Activity[], cellKey: string, person: string, day: PlannerDay | undefined): TemplateResult | typeof nothing {
    if (all.length === 0) {
      this.shown.delete(cellKey);
      this.names.track(cellKey, NO_STEPS);
      return nothing;
    }
    const pinned = new Set([this.keyboard.grab?.id, this.focusId, this.pointer.dragging].filter((id): id is string => Boolean(id)));
    const { shown: steps, hidden } = windowCell(all, this.limit + (this.expanded.get(cellKey) ?? 0), pinned);
    this.shown.set(cellKey, steps);
    this.names.track(cellKey, steps);
    const now = this.today;
    const time = this.format('time');
    const t = this.rt;
    const where = () => (day ? this.dayLabel(day.start, 'long') : t.earlier);
    return html`<div class="box"><ul class="steps">
      ${steps.map((s) =>
        renderStep({
          id: s.id,
          time: time.format(Date.parse(s.dueAt)),
          type: t.types[s.type],
          title: s.title,
          record: this.names.get(s),
          overdue: isOverdue(s, now) ? t.overdue : undefined,
          grabbed: this.keyboard.grab?.id === s.id || this.pointer.dragging === s.id,
          onClick: () => this.open(s),
          onKey: (e) => this.keyboard.onKey(e, s),
        }),
      )}
    </ul>
    ${hidden
      ? html`<button part="more" type="button" class="more" data-more=${hidden} aria-label=${t.moreLabel(hidden, this.personName(person), where())} @click=${(e: Event) => this.showMore(cellKey, steps.length, (e.currentTarget as HTMLElement).closest('td'))}>
          ${t.more(hidden)}
        </button>`
      : nothing}</div>`;
  }

  /** Shows the next steps of a cell and moves focus to the first of them. */
  private showMore(cellKey: string, shownBefore: number, cell: HTMLElement | null): void {
    this.expanded = new Map(this.expanded).set(cellKey, (this.expanded.get(cellKey) ?? 0) + MORE_STEP);
    void this.updateComplete.then(() => cell?.querySelectorAll<HTMLElement>('[data-step]')[shownBefore]?.focus());
  }

  private open(step: Activity): void {
    if (this.pointer.justDropped || this.keyboard.grab) return;
    this.dispatchEvent(new CustomEvent<StepOpenDetail>('crm-step-open', { detail: { activity: step }, bubbles: true, composed: true }));
  }

  /** @internal Called by the pointer controller when a drag ends over a cell. */
  dropStep(id: string, target: DropTarget): void {
    const step = this.cells.get(id);
    if (step) void this.moveStep(step, target);
  }

  /**
   * Reschedules a step to `day` (keeping its time of day) and/or hands it to
   * `person`, as a drag or keyboard move does: fires `crm-step-move`, shows
   * the step in its new cell at once and, once that frame is painted, calls
   * `crm.activities.update`; a refusal puts the step back and says why.
   * Resolves `true` when the step moved.
   */
  moveStep(step: Activity, to: { day: string; person: string }): Promise<boolean> {
    return this.moves.move(step, to);
  }

  /** @internal */
  announce(text: string): void {
    // A repeated message must still be read out: clear, then set on the next frame.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }
}

/** An empty cell's steps: one array, so an empty cell's render inputs stay the same. */
const NO_STEPS: Activity[] = [];

