import { LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localize } from '@crmkit/core';
import type { Crm, Pipeline, Stage } from '@crmkit/core';
import { lossReasonFormStyles } from '../shared/loss-reason-form.js';
import { baseTheme } from '../shared/theme.js';
import { TranslationController } from '../i18n/translation-controller.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import { BoardData } from './board-data.js';
import { BoardCards } from './board-cards.js';
import type { BoardCard, BoardColumn, BoardRecord } from './board-model.js';
import { boardTemplate, type BoardBodyState, type BoardShell } from './board-template.js';
import { ColumnWindowController } from './column-window-controller.js';
import { CrmWaitController } from './crm-wait-controller.js';
import { columnTemplate } from './column-template.js';
import type { CardOpenDetail, MoveCardOptions, PipelineChangeDetail } from './funnel-board-events.js';
import { KeyboardDragController } from './keyboard-drag-controller.js';
import { MoveController } from './move-controller.js';
import { PointerDragController } from './pointer-drag-controller.js';
import type { FunnelBoardStrings } from './strings.js';
import { boardStyles } from './styles.js';

export type { CardOpenDetail, MoveCardOptions, PipelineChangeDetail, StageChangeDetail } from './funnel-board-events.js';

/**
 * A kanban board over one lead or deal pipeline: a column per open stage
 * (name, card count, money per currency, what to do there), drop zones for
 * the won and lost outcomes, cards sorted most urgent first (overdue next
 * step, then no next step, then soonest due). Cards move with a pointer or
 * with the keyboard alone (Space picks up, arrows choose, Space/Enter drops,
 * Escape cancels); every step is announced. Columns are windowed, so 10,000
 * deals keep only the visible cards in the DOM.
 *
 * Register with {@link defineFunnelBoard}; set the `crm` property.
 *
 * @tagname crm-funnel-board
 * @fires crm-stage-change - Cancelable, before a card moves. `detail`: {@link StageChangeDetail}.
 * @fires crm-card-open - A card was clicked or Enter was pressed on it. `detail`: {@link CardOpenDetail}.
 * @fires crm-pipeline-change - The pipeline switcher changed the pipeline shown. `detail`: {@link PipelineChangeDetail}.
 *
 * @csspart board - The whole board.
 * @csspart toolbar - The row of filters and the pipeline switcher.
 * @csspart pipeline-select - The pipeline switcher.
 * @csspart owner-select - The owner filter.
 * @csspart search - The text filter.
 * @csspart notice - The message shown when a move was refused or failed.
 * @csspart column - A stage's column.
 * @csspart column-header - A column's header.
 * @csspart column-title - A column's stage name.
 * @csspart column-count - A column's card count.
 * @csspart column-total - A column's money total (one per currency).
 * @csspart stage-help-button - The "what to do here" disclosure button.
 * @csspart stage-help - The stage description it reveals.
 * @csspart column-body - A column's scrolling card list.
 * @csspart card - A card (also `card-overdue` or `card-missing` when its next step is overdue or missing).
 * @csspart card-title - A card's title.
 * @csspart card-client - A card's client (company or contact).
 * @csspart card-amount - A card's amount.
 * @csspart card-owner - A card's owner.
 * @csspart card-due - A card's next-step line.
 * @csspart zone-won - The drop zone of the won stage.
 * @csspart zone-lost - The drop zone of a lost stage.
 * @csspart drag-ghost - The label that follows the pointer while dragging.
 * @csspart loss-dialog - The dialog asking why a card was lost.
 *
 * @cssprop --crm-font - Font of the board (default: the system UI font).
 * @cssprop --crm-color-text - Text colour.
 * @cssprop --crm-color-surface - Card and board background.
 * @cssprop --crm-color-column - Column background.
 * @cssprop --crm-color-muted - Secondary text colour.
 * @cssprop --crm-color-border - Border colour.
 * @cssprop --crm-color-accent - Accent: focus ring, drop targets, primary buttons.
 * @cssprop --crm-color-danger - Overdue marks, lost zone, errors.
 * @cssprop --crm-color-warning - "No next step" marks.
 * @cssprop --crm-color-success - The won zone.
 * @cssprop --crm-radius - Corner radius.
 * @cssprop --crm-space - Base spacing.
 * @cssprop --crm-focus-ring - Focus outline.
 * @cssprop --crm-board-column-width - Width of a column (default 260px).
 * @cssprop --crm-board-column-height - Maximum height of a column's card list (default 65vh).
 */
export class CrmFunnelBoard extends LitElement implements BoardShell {
  static override styles = [baseTheme, boardStyles, lossReasonFormStyles];

  /** The CRM whose records the board shows and moves. */
  @property({ attribute: false }) crm?: Crm;

  /** Id of the pipeline to show; default: the first deal pipeline. */
  @property({ reflect: true }) pipeline = '';

  /** Locale of the board's strings, dates and money (`en`, `ru`, `zh`, `mn`, `uz`); default: the nearest `lang` attribute. */
  @property() locale = '';

  /** Show only the records of this owner (user id); empty shows all. The owner filter sets it. */
  @property() owner = '';

  /** Show only cards whose title or client contains this text. The search box sets it. */
  @property() search = '';

  /** Hide the pipeline switcher (for pages that fix the pipeline). */
  @property({ type: Boolean, attribute: 'no-switcher' }) noSwitcher = false;

  /**
   * How long (ms) to wait for `crm` before saying none is connected; until
   * then a neutral "Waiting for the CRM…" status shows (default 5000, 0: at once).
   */
  @property({ type: Number, attribute: 'crm-timeout' }) crmTimeout = 5000;

  /** The level of the column headings in the host page's outline (1–6, default 3). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  /** @internal */
  @state() helpOpen = new Set<string>();
  /** @internal */
  @state() active = new Map<string, string>();
  /** @internal The text of the polite live region. */
  @state() announcement = '';
  @state() private tick = 0;

  private readonly cards = new BoardCards();
  /** @internal */
  userNames = new Map<string, string>();
  /** @internal */
  namesRevision = 0;
  private clock: ReturnType<typeof setInterval> | undefined;

  private readonly i18n = new TranslationController<FunnelBoardStrings>(this, 'board');
  /** @internal */
  readonly data = new BoardData(this);
  /** @internal */
  readonly moves = new MoveController(this);
  private readonly crmWait = new CrmWaitController(this);
  /** @internal */
  readonly windows = new ColumnWindowController(this);
  /** @internal */
  readonly keyboard = new KeyboardDragController(this);
  /** @internal */
  readonly pointer = new PointerDragController(this);

  constructor() {
    super();
    registerBuiltinTranslations();
  }

  /** The pipeline shown: the `pipeline` attribute's, else the first deal pipeline. */
  get currentPipeline(): Pipeline | undefined {
    const crm = this.crm;
    if (!crm) return undefined;
    const found = crm.pipelines.list().find((p) => p.id === this.pipeline);
    return found ?? crm.pipelines.defaultFor('deal');
  }

  /** @internal The columns as shown. */
  get columns(): readonly BoardColumn[] {
    return this.cards.columns;
  }

  /** @internal */
  columnsInOrder(rows: (column: BoardColumn) => number): readonly BoardColumn[] {
    return this.cards.columnsInOrder(rows);
  }

  /** @internal A shown card's row in its column, -1 when not shown. */
  rowOf(id: string): number {
    return this.cards.rowOf(id);
  }

  /** @internal The registered locale the strings come from. */
  get loc(): string {
    return this.i18n.locale;
  }

  /** @internal The board's strings. */
  get t(): FunnelBoardStrings {
    return this.i18n.t;
  }

  /** @internal The column headings' level, clamped to 1–6. */
  get columnHeadingLevel(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3));
  }

  /** @internal */
  get pointerBlocked(): boolean {
    return Boolean(this.keyboard.grab || this.moves.loss);
  }

  /** @internal Records whose move is being saved: id → target stage. */
  get overrides(): ReadonlyMap<string, string> {
    return this.moves.overrides;
  }

  /**
   * Moves a card as if the user dropped it on `stageId`: fires
   * `crm-stage-change`, calls the core, and shows a refusal if a guard says
   * no. Moving to a lost stage without `options.reason` opens the reason
   * dialog. Resolves `true` when the record moved.
   */
  async moveCard(id: string, stageId: string, options: MoveCardOptions = {}): Promise<boolean> {
    const card = this.findCard(id);
    const to = this.currentPipeline?.stages.find((s) => s.id === stageId);
    if (!card || !to) return false;
    return this.requestMove(card, to, options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.clock = setInterval(() => (this.tick += 1), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('crm')) this.userNames = new Map((this.crm?.users.list() ?? []).map((u) => [u.id, u.name]));
    const pipeline = this.currentPipeline;
    if (!pipeline || this.data.status !== 'ready') {
      this.cards.clear();
      return;
    }
    if ((['owner', 'search', 'tick', 'crm', 'pipeline'] as const).some((d) => changed.has(d as keyof CrmFunnelBoard))) this.cards.markAllDirty();
    const { steps, names } = this.data;
    const context = { steps, names, filter: { ownerId: this.owner, text: this.search }, nowIso: this.crm!.now().toISOString() };
    this.cards.update({ pipeline, source: this.data, overrides: this.overrides, context });
    if (this.keyboard.grab && !this.findCard(this.keyboard.grab.id)) this.keyboard.grab = undefined;
  }

  /** @internal Notes records whose cards must be re-placed at the next update. */
  markDirty(ids: Iterable<string>): void {
    this.cards.markDirty(ids);
    this.requestUpdate();
  }

  /** @internal A move of this record is in flight (its card is shown where it goes). */
  isMoving(id: string): boolean {
    return this.moves.overrides.has(id);
  }

  /** @internal Every column is rebuilt at the next update. */
  markAllDirty(): void {
    this.cards.markAllDirty();
    this.requestUpdate();
  }

  /** @internal Client names arrived: visible cards re-render; with a text filter, which cards match may change. */
  namesChanged(): void {
    this.namesRevision += 1;
    if (this.search.trim()) this.markAllDirty();
    else this.requestUpdate();
  }

  /** @internal The data controller started over (another CRM or pipeline). */
  dataReset(): void {
    this.moves.reset();
    this.keyboard.grab = undefined;
    this.windows.reset();
    this.cards.markAllDirty();
  }

  // ── moving ──

  /** @internal The stage a card is in. */
  stageOf(card: BoardCard): Stage | undefined {
    return this.currentPipeline?.stages.find((s) => s.id === card.record.stageId);
  }

  private findCard(id: string): BoardCard | undefined {
    return this.cards.card(id);
  }

  /** @internal Drop targets in keyboard order: the open stages, then the won and lost stages. */
  targets(): Stage[] {
    const stages = this.currentPipeline?.stages ?? [];
    return [...stages.filter((s) => s.kind === 'open'), ...stages.filter((s) => s.kind === 'won'), ...stages.filter((s) => s.kind === 'lost')];
  }

  /** @internal */
  stageName(stage: Stage | undefined): string {
    return stage ? localize(stage.name, this.loc) : '';
  }

  /** @internal A pointer drag ended over the column or zone of `stageId`. */
  dropCard(card: BoardCard, stageId: string): void {
    const to = this.currentPipeline?.stages.find((s) => s.id === stageId);
    if (to && to.id !== card.record.stageId) void this.requestMove(card, to);
  }

  /** @internal */
  requestMove(card: BoardCard, to: Stage, options: MoveCardOptions = {}): Promise<boolean> {
    return this.moves.request(card, to, options);
  }

  /** @internal The core saved a move: shown at once; the observer's echo of the same row follows without a re-read. */
  applySaved(updated: BoardRecord): void {
    if (!this.data.records.has(updated.id)) return;
    if (updated.status === 'open' && updated.pipelineId === this.currentPipeline?.id) this.data.records.set(updated.id, updated);
    else this.data.records.delete(updated.id);
    this.markDirty([updated.id]);
  }

  /** @internal Shows a failure in the notice bar. */
  showError(err: unknown): void {
    this.moves.showError(err);
  }

  /** @internal Says `text` through the live region. */
  announce(text: string): void {
    // Re-setting the same text would not be announced again; clear it first.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  // ── focus ──

  /** @internal Scrolls a card into its column's window, makes it the column's tab stop and focuses it. */
  async focusCard(id: string): Promise<boolean> {
    await this.updateComplete;
    const card = this.findCard(id);
    const row = this.rowOf(id);
    if (!card || row < 0) return false;
    const stage = card.record.stageId;
    this.active = new Map(this.active).set(stage, id);
    this.windows.reveal(stage, row);
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
    el?.focus();
    return Boolean(el);
  }

  /** @internal */
  focusColumn(index: number): void {
    this.renderRoot.querySelectorAll<HTMLElement>('[part="stage-help-button"]')[index]?.focus();
  }

  /** @internal */
  openCard(card: BoardCard): void {
    const recordType = this.currentPipeline?.entity ?? 'deal';
    this.dispatchEvent(new CustomEvent<CardOpenDetail>('crm-card-open', { detail: { recordType, id: card.record.id }, bubbles: true, composed: true }));
  }

  /** @internal */
  cardFocused(card: BoardCard): void {
    const { stageId, id } = card.record;
    if (this.active.get(stageId) !== id) this.active = new Map(this.active).set(stageId, id);
  }

  /** @internal */
  cardClicked(card: BoardCard): void {
    if (!this.pointer.suppressClick) this.openCard(card);
  }

  /** @internal */
  choosePipeline(id: string): void {
    this.pipeline = id;
    this.dispatchEvent(new CustomEvent<PipelineChangeDetail>('crm-pipeline-change', { detail: { pipelineId: id }, bubbles: true, composed: true }));
  }

  /** @internal */
  chooseOwner(id: string): void {
    this.owner = id;
  }

  /** @internal */
  setSearch(text: string): void {
    this.search = text;
  }

  /** @internal */
  toggleHelp(stageId: string): void {
    const next = new Set(this.helpOpen);
    if (!next.delete(stageId)) next.add(stageId);
    this.helpOpen = next;
  }

  // ── rendering ──

  /** @internal One column (only the columns whose inputs changed are rendered again). */
  renderColumn(col: BoardColumn, index: number, pipeline: Pipeline): TemplateResult {
    return columnTemplate(this, col, index, pipeline);
  }

  /** @internal What the body shows: a status, or the columns. */
  get bodyState(): BoardBodyState {
    if (!this.crm) return this.crmWait.overdue ? 'no-crm' : 'waiting-for-crm';
    if (this.data.status === 'error') return 'error';
    return this.currentPipeline && this.data.status === 'ready' ? 'ready' : 'loading';
  }

  protected override render(): TemplateResult {
    return boardTemplate(this);
  }
}

/**
 * Registers `<crm-funnel-board>` (or `tagName`) unless that tag is already
 * defined. A subclass is registered, so several tag names can coexist.
 */
export function defineFunnelBoard(tagName = 'crm-funnel-board'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends CrmFunnelBoard {});
}

