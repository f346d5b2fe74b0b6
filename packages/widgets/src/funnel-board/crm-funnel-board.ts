import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { localize } from '@crmkit/core';
import type { Crm, Deal, Lead, Pipeline, Stage } from '@crmkit/core';
import { formatDateTime, formatMoney, formatNumber, formatRelative, formatTotals } from '../shared/format.js';
import { baseTheme } from '../shared/theme.js';
import { cssomStyle } from '../shared/cssom-style.js';
import { LossReasonForm, lossReasonFormStyles } from '../shared/loss-reason-form.js';
import { TranslationController } from '../i18n/translation-controller.js';
import { registerBuiltinTranslations } from '../locales/builtin-translations.js';
import { BoardData } from './board-data.js';
import { buildColumns, patchColumns, type BoardCard, type CardContext, type BoardColumn, type BoardRecord } from './board-model.js';
import type { FunnelBoardStrings } from './strings.js';
import { CARD_SLOT_HEIGHT, boardStyles } from './styles.js';

/** `detail` of `crm-stage-change`: a card is about to move (cancel the event to keep it where it is). */
export interface StageChangeDetail {
  /** The lead or deal as the board last saw it. */
  record: Lead | Deal;
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The stage it is in. */
  from: Stage;
  /** The stage it is to enter (an open stage, or the won/lost stage). */
  to: Stage;
  /** Loss reason id when `to` is a lost stage. */
  reason?: string;
  /** Loss comment, when given. */
  comment?: string;
}

/** `detail` of `crm-card-open`: the user opened a card (click or Enter). */
export interface CardOpenDetail {
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The record's id. */
  id: string;
}

/** `detail` of `crm-pipeline-change`: the user picked another pipeline in the switcher. */
export interface PipelineChangeDetail {
  /** The pipeline now shown. */
  pipelineId: string;
}

/** Options of {@link CrmFunnelBoard.moveCard}. */
export interface MoveCardOptions {
  /** Loss reason id (moving to a lost stage without one opens the reason dialog). */
  reason?: string;
  /** Loss comment. */
  comment?: string;
}

interface LossPrompt {
  card: BoardCard;
  to: Stage;
  resolve: (answer: { reason: string; comment?: string } | undefined) => void;
}

interface Grab {
  id: string;
  from: string;
  target: number;
}

interface Drag {
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

const OVERSCAN = 3;

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
export class CrmFunnelBoard extends LitElement {
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

  /** The level of the column headings in the host page's outline (1–6, default 3). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 3;

  @state() private overrides = new Map<string, string>();
  @state() private grab: Grab | undefined;
  @state() private drag: Drag | undefined;
  @state() private notice: { text: string; plugin?: string } | undefined;
  @state() private loss: LossPrompt | undefined;
  @state() private helpOpen = new Set<string>();
  @state() private viewports = new Map<string, { top: number; height: number }>();
  @state() private active = new Map<string, string>();
  @state() private announcement = '';
  @state() private tick = 0;

  private columns: BoardColumn[] = [];
  private dirty: Set<string> | 'all' = 'all';
  private userNames = new Map<string, string>();
  private press: Press | undefined;
  private suppressClick = false;
  private clock: ReturnType<typeof setInterval> | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private scrollFrame = 0;

  /** The pipeline shown: the `pipeline` attribute's, else the first deal pipeline. */
  get currentPipeline(): Pipeline | undefined {
    const crm = this.crm;
    if (!crm) return undefined;
    const found = crm.pipelines.list().find((p) => p.id === this.pipeline);
    return found ?? crm.pipelines.defaultFor('deal');
  }

  private readonly i18n = new TranslationController<FunnelBoardStrings>(this, 'board');
  private readonly data = new BoardData(this);
  private readonly lossForm = new LossReasonForm(this, 'loss');

  constructor() {
    super();
    registerBuiltinTranslations();
  }

  private get loc(): string {
    return this.i18n.locale;
  }

  private get t(): FunnelBoardStrings {
    return this.i18n.t;
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
    this.resizeObserver = new ResizeObserver((entries) => {
      const next = new Map(this.viewports);
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const stage = el.dataset['stage'];
        if (!stage) continue;
        const prev = next.get(stage);
        if (!prev || prev.height !== el.clientHeight) {
          next.set(stage, { top: el.scrollTop, height: el.clientHeight });
          changed = true;
        }
      }
      if (changed) this.viewports = next;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    this.resizeObserver?.disconnect();
    this.endPress();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('crm')) this.userNames = new Map((this.crm?.users.list() ?? []).map((u) => [u.id, u.name]));
    const pipeline = this.currentPipeline;
    if (!pipeline || this.data.status !== 'ready') {
      this.columns = [];
      this.dirty = 'all';
      return;
    }
    if ((['owner', 'search', 'tick', 'crm', 'pipeline'] as const).some((d) => changed.has(d as keyof CrmFunnelBoard))) this.dirty = 'all';
    const dirty = this.dirty;
    if (dirty !== 'all' && dirty.size === 0) return;
    this.dirty = new Set();
    const ctx: CardContext = { pipeline, steps: this.data.steps, names: this.data.names, filter: { ownerId: this.owner, text: this.search }, nowIso: this.crm!.now().toISOString() };
    const records = this.data.records;
    const recordOf = (id: string): BoardRecord | undefined => {
      const r = records.get(id);
      const to = r && this.overrides.get(id);
      if (!r || !to) return r;
      return { ...r, stageId: to, status: pipeline.stages.find((s) => s.id === to)?.kind ?? r.status } as BoardRecord;
    };
    if (dirty === 'all') {
      const all = this.overrides.size ? [...records.keys()].map((id) => recordOf(id)!) : records.values();
      this.columns = buildColumns(all, ctx);
    } else {
      this.columns = patchColumns(this.columns, dirty, recordOf, ctx);
    }
    if (this.grab && !this.findCard(this.grab.id)) this.grab = undefined;
  }

  /** @internal Notes records whose cards must be re-placed at the next update. */
  markDirty(ids: Iterable<string>): void {
    if (this.dirty !== 'all') for (const id of ids) this.dirty.add(id);
    this.requestUpdate();
  }

  /** @internal Every column is rebuilt at the next update. */
  markAllDirty(): void {
    this.dirty = 'all';
    this.requestUpdate();
  }

  /** @internal The data controller started over (another CRM or pipeline). */
  dataReset(): void {
    this.overrides = new Map();
    this.grab = undefined;
    this.dirty = 'all';
  }

  protected override updated(): void {
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.scroller')) this.resizeObserver?.observe(el);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.loss && !dialog.open) dialog.showModal();
  }

  // ── moving ──

  private stageOf(record: BoardRecord): Stage | undefined {
    return this.currentPipeline?.stages.find((s) => s.id === record.stageId);
  }

  private findCard(id: string): BoardCard | undefined {
    for (const col of this.columns) {
      const card = col.cards.find((c) => c.record.id === id);
      if (card) return card;
    }
    return undefined;
  }

  /** Drop targets in keyboard order: the open stages, then the won and lost stages. */
  private targets(): Stage[] {
    const stages = this.currentPipeline?.stages ?? [];
    return [...stages.filter((s) => s.kind === 'open'), ...stages.filter((s) => s.kind === 'won'), ...stages.filter((s) => s.kind === 'lost')];
  }

  private stageName(stage: Stage | undefined): string {
    return stage ? localize(stage.name, this.loc) : '';
  }

  private async requestMove(card: BoardCard, to: Stage, options: MoveCardOptions = {}): Promise<boolean> {
    const from = this.stageOf(card.record);
    if (!from || from.id === to.id) return false;
    let answer: MoveCardOptions = options;
    if (to.kind === 'lost' && !options.reason) {
      this.setOverride(card.record.id, to.id);
      const given = await new Promise<{ reason: string; comment?: string } | undefined>((resolve) => {
        this.lossForm.reset();
        this.loss = { card, to, resolve };
      });
      this.setOverride(card.record.id, undefined);
      if (!given) {
        this.announce(this.t.cancelled(card.title, this.stageName(from)));
        await this.focusCard(card.record.id);
        return false;
      }
      answer = given;
    }
    return this.commitMove(card, from, to, answer);
  }

  private setOverride(id: string, stageId: string | undefined): void {
    const next = new Map(this.overrides);
    if (stageId) next.set(id, stageId);
    else next.delete(id);
    this.overrides = next;
    this.markDirty([id]);
  }

  private async commitMove(card: BoardCard, from: Stage, to: Stage, options: MoveCardOptions): Promise<boolean> {
    const crm = this.crm;
    const pipeline = this.currentPipeline;
    if (!crm || !pipeline) return false;
    const record = card.record;
    const recordType = pipeline.entity;
    const detail: StageChangeDetail = { record, recordType, from, to, ...(options.reason ? { reason: options.reason } : {}), ...(options.comment ? { comment: options.comment } : {}) };
    const allowed = this.dispatchEvent(new CustomEvent<StageChangeDetail>('crm-stage-change', { detail, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) {
      this.announce(this.t.cancelled(card.title, this.stageName(from)));
      return false;
    }
    this.notice = undefined;
    this.setOverride(record.id, to.id);
    const version = record.version;
    try {
      let updated: BoardRecord;
      const loss = { reason: options.reason ?? '', ...(options.comment ? { comment: options.comment } : {}), version };
      if (recordType === 'deal') {
        updated = to.kind === 'won' ? await crm.deals.win(record.id, { version }) : to.kind === 'lost' ? await crm.deals.lose(record.id, loss) : await crm.deals.moveToStage(record.id, to.id, { version });
      } else {
        updated = to.kind === 'won' ? (await crm.leads.convert(record.id, { version })).lead : to.kind === 'lost' ? await crm.leads.close(record.id, loss) : await crm.leads.moveToStage(record.id, to.id, { version });
      }
      // Shown at once; the observer's echo of the same row follows without a re-read.
      if (this.data.records.has(updated.id)) {
        if (updated.status === 'open' && updated.pipelineId === pipeline.id) this.data.records.set(updated.id, updated);
        else this.data.records.delete(updated.id);
        this.markDirty([updated.id]);
      }
      this.announce(this.t.dropped(card.title, this.stageName(to)));
      return true;
    } catch (err) {
      this.showError(err, card.title);
      return false;
    } finally {
      this.setOverride(record.id, undefined);
    }
  }

  /** @internal Shows a refusal or failure in the notice bar. */
  showError(err: unknown, title = ''): void {
    const t = this.t;
    // Errors are recognised by their stable `code`, not `instanceof`: a page may
    // load core from another bundle than the widgets (two copies of the classes).
    const e = (err ?? {}) as { code?: unknown; reason?: unknown; plugin?: unknown; issues?: unknown; message?: unknown };
    let text: string;
    let plugin: string | undefined;
    if ((e.code === 'stage_transition' || e.code === 'refused') && typeof e.reason === 'string') {
      text = t.refused(title, e.reason);
      if (typeof e.plugin === 'string' && e.plugin !== 'core') plugin = e.plugin;
    } else if (e.code === 'conflict') text = t.conflict(title);
    else if (e.code === 'validation' && Array.isArray(e.issues)) text = t.failed(title, (e.issues as { message: string }[]).map((i) => i.message).join('; '));
    else text = t.failed(title, typeof e.message === 'string' ? e.message : String(err));
    this.notice = plugin ? { text, plugin } : { text };
  }

  private announce(text: string): void {
    // Re-setting the same text would not be announced again; clear it first.
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = text));
  }

  // ── keyboard ──

  private onCardKeydown(e: KeyboardEvent, card: BoardCard, col: number, row: number): void {
    const grab = this.grab;
    const targets = this.targets();
    if (grab) {
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
          this.grab = undefined;
          if (!to || to.id === grab.from) {
            this.announce(this.t.cancelled(card.title, this.stageName(this.stageOf(card.record))));
            return;
          }
          void this.requestMove(card, to).then(async () => {
            // Won or lost: the card left the board; keep focus in its old column.
            if (!(await this.focusCard(card.record.id))) {
              const left = this.columns[col]?.cards;
              const neighbour = left?.[Math.min(row, left.length - 1)];
              if (neighbour) await this.focusCard(neighbour.record.id);
              else this.renderRoot.querySelectorAll<HTMLElement>('[part="stage-help-button"]')[col]?.focus();
            }
          });
          void this.focusCard(card.record.id);
          return;
        }
        case 'Escape':
        case 'Tab':
          if (e.key === 'Escape') e.preventDefault();
          this.grab = undefined;
          this.announce(this.t.cancelled(card.title, this.stageName(this.stageOf(card.record))));
          return;
        default:
          return;
      }
      e.preventDefault();
      if (target !== grab.target) {
        this.grab = { ...grab, target };
        const to = targets[target];
        this.announce(this.t.over(card.title, this.stageName(to), target + 1, targets.length));
      }
      return;
    }
    switch (e.key) {
      case ' ': {
        e.preventDefault();
        const from = this.stageOf(card.record);
        this.grab = { id: card.record.id, from: card.record.stageId, target: Math.max(0, targets.findIndex((s) => s.id === from?.id)) };
        this.announce(this.t.pickedUp(card.title, this.stageName(from)));
        return;
      }
      case 'Enter':
        e.preventDefault();
        this.openCard(card);
        return;
      case 'ArrowDown':
      case 'ArrowUp':
      case 'Home':
      case 'End': {
        e.preventDefault();
        const cards = this.columns[col]?.cards ?? [];
        const next = e.key === 'Home' ? 0 : e.key === 'End' ? cards.length - 1 : row + (e.key === 'ArrowDown' ? 1 : -1);
        const target = cards[Math.max(0, Math.min(cards.length - 1, next))];
        if (target) void this.focusCard(target.record.id);
        return;
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        e.preventDefault();
        const step = e.key === 'ArrowRight' ? 1 : -1;
        for (let c = col + step; c >= 0 && c < this.columns.length; c += step) {
          const cards = this.columns[c]!.cards;
          if (cards.length) {
            void this.focusCard(cards[Math.min(row, cards.length - 1)]!.record.id);
            return;
          }
        }
        return;
      }
      default:
        return;
    }
  }

  /** Scrolls a card into its column's window, makes it the column's tab stop and focuses it. */
  private async focusCard(id: string): Promise<boolean> {
    await this.updateComplete;
    const colIndex = this.columns.findIndex((c) => c.cards.some((card) => card.record.id === id));
    const column = this.columns[colIndex];
    if (!column) return false;
    const row = column.cards.findIndex((c) => c.record.id === id);
    const stage = column.stage.id;
    this.active = new Map(this.active).set(stage, id);
    const scroller = this.renderRoot.querySelector<HTMLElement>(`.scroller[data-stage="${CSS.escape(stage)}"]`);
    if (scroller) {
      const top = row * CARD_SLOT_HEIGHT;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + CARD_SLOT_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + CARD_SLOT_HEIGHT - scroller.clientHeight;
      this.viewports = new Map(this.viewports).set(stage, { top: scroller.scrollTop, height: scroller.clientHeight || window.innerHeight });
    }
    await this.updateComplete;
    const el = this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"]`);
    el?.focus();
    return Boolean(el);
  }

  private openCard(card: BoardCard): void {
    const recordType = this.currentPipeline?.entity ?? 'deal';
    this.dispatchEvent(new CustomEvent<CardOpenDetail>('crm-card-open', { detail: { recordType, id: card.record.id }, bubbles: true, composed: true }));
  }

  // ── pointer ──

  private onPointerDown(e: PointerEvent, card: BoardCard): void {
    if (e.button !== 0 || this.grab || this.loss) return;
    this.press = { card, x: e.clientX, y: e.clientY };
    window.addEventListener('pointermove', this.onPointerMove);
    window.addEventListener('pointerup', this.onPointerUp);
    window.addEventListener('pointercancel', this.onPointerCancel);
  }

  private onPointerMove = (e: PointerEvent): void => {
    const press = this.press;
    if (!press) return;
    if (!this.drag && Math.hypot(e.clientX - press.x, e.clientY - press.y) < 6) return;
    e.preventDefault();
    this.drag = { card: press.card, x: e.clientX, y: e.clientY, target: this.dropTargetAt(e.clientX, e.clientY) };
  };

  private onPointerUp = (e: PointerEvent): void => {
    const drag = this.drag;
    this.endPress();
    if (!drag) return;
    this.suppressClick = true;
    setTimeout(() => (this.suppressClick = false), 0);
    const targetId = this.dropTargetAt(e.clientX, e.clientY);
    const to = this.currentPipeline?.stages.find((s) => s.id === targetId);
    if (to && to.id !== drag.card.record.stageId) void this.requestMove(drag.card, to);
  };

  private onPointerCancel = (): void => this.endPress();

  private endPress(): void {
    this.press = undefined;
    this.drag = undefined;
    window.removeEventListener('pointermove', this.onPointerMove);
    window.removeEventListener('pointerup', this.onPointerUp);
    window.removeEventListener('pointercancel', this.onPointerCancel);
  }

  /** The stage id of the column or zone under a viewport point. */
  private dropTargetAt(x: number, y: number): string | undefined {
    const root = this.renderRoot as ShadowRoot;
    for (const el of root.elementsFromPoint(x, y)) {
      const zone = el.closest<HTMLElement>('[data-drop]');
      if (zone) return zone.dataset['drop'];
    }
    return undefined;
  }

  private onScroll(stage: string, el: HTMLElement): void {
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = requestAnimationFrame(() => {
      this.viewports = new Map(this.viewports).set(stage, { top: el.scrollTop, height: el.clientHeight });
    });
  }

  // ── loss dialog ──

  private closeLoss(answer: { reason: string; comment?: string } | undefined): void {
    const loss = this.loss;
    if (!loss) return;
    this.loss = undefined;
    this.renderRoot.querySelector('dialog')?.close();
    loss.resolve(answer);
  }

  // ── rendering ──

  protected override render(): TemplateResult {
    const t = this.t;
    const pipeline = this.currentPipeline;
    const loading = !pipeline || this.data.status !== 'ready';
    return html`
      <div part="board" class="board" role="group" aria-label=${t.board(pipeline ? localize(pipeline.name, this.loc) : '')} aria-busy=${loading ? 'true' : 'false'}>
        ${this.renderToolbar(pipeline)}
        ${this.notice
          ? html`<div part="notice" class="notice" role="alert">
              <div>${this.notice.text}${this.notice.plugin ? html`<small>${t.refusedBy(this.notice.plugin)}</small>` : nothing}</div>
              <button type="button" @click=${() => (this.notice = undefined)}>${t.dismiss}</button>
            </div>`
          : nothing}
        <p id="instructions" class="visually-hidden">${t.instructions}</p>
        ${!this.crm
          ? html`<p part="notice" class="notice" role="alert">${t.noCrm}</p>`
          : this.data.status === 'error'
            ? html`<p part="notice" class="notice" role="alert">${t.loadFailed(errorMessage(this.data.error))}</p>`
            : loading || !pipeline
          ? html`<p class="loading" role="status">${t.loading}</p>`
          : html`<div class="columns">${this.columns.map((col, i) => this.renderColumn(col, i, pipeline))}</div>
              <div class="zones">${pipeline.stages.filter((s) => s.kind !== 'open').map((s) => this.renderZone(s))}</div>`}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        ${this.drag
          ? html`<div part="drag-ghost" class="ghost" aria-hidden="true" style=${cssomStyle({ transform: `translate(${this.drag.x + 8}px, ${this.drag.y + 8}px)` })}>${this.drag.card.title}</div>`
          : nothing}
        ${this.loss ? this.renderLossDialog(this.loss, pipeline) : nothing}
      </div>
    `;
  }

  private renderToolbar(pipeline: Pipeline | undefined): TemplateResult {
    const t = this.t;
    const crm = this.crm;
    const pipelines = crm?.pipelines.list() ?? [];
    const users = crm?.users.list() ?? [];
    return html`<div part="toolbar" class="toolbar">
      ${!this.noSwitcher && pipelines.length > 1
        ? html`<label
            >${t.pipeline}
            <select
              part="pipeline-select"
              @change=${(e: Event) => {
                this.pipeline = (e.target as HTMLSelectElement).value;
                this.dispatchEvent(new CustomEvent<PipelineChangeDetail>('crm-pipeline-change', { detail: { pipelineId: this.pipeline }, bubbles: true, composed: true }));
              }}
            >
              ${pipelines.map((p) => html`<option value=${p.id} ?selected=${p.id === pipeline?.id}>${localize(p.name, this.loc)}</option>`)}
            </select></label
          >`
        : nothing}
      ${users.length
        ? html`<label
            >${t.owner}
            <select part="owner-select" @change=${(e: Event) => (this.owner = (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.owner}>${t.allOwners}</option>
              ${users.map((u) => html`<option value=${u.id} ?selected=${u.id === this.owner}>${u.name}</option>`)}
            </select></label
          >`
        : nothing}
      <label
        >${t.search}
        <input part="search" type="search" .value=${this.search} placeholder=${t.searchPlaceholder} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
      /></label>
    </div>`;
  }

  private renderColumn(col: BoardColumn, index: number, pipeline: Pipeline): TemplateResult {
    const t = this.t;
    const stage = col.stage;
    const name = this.stageName(stage);
    const description = localize(stage.description, this.loc);
    const open = this.helpOpen.has(stage.id);
    const n = col.cards.length;
    // Until the column is measured, assume the default height (65vh); overscan covers a taller one for that first frame.
    const vp = this.viewports.get(stage.id) ?? { top: 0, height: window.innerHeight * 0.7 };
    const first = Math.max(0, Math.floor(vp.top / CARD_SLOT_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((vp.top + vp.height) / CARD_SLOT_HEIGHT) + OVERSCAN);
    const activeId = this.active.get(stage.id);
    const activeRow = activeId ? col.cards.findIndex((c) => c.record.id === activeId) : -1;
    const tabRow = activeRow >= 0 ? activeRow : first < n ? first : -1;
    const rows: number[] = [];
    for (let i = first; i < last; i++) rows.push(i);
    // The tab stop and the grabbed card stay rendered even when scrolled away, so focus is never lost.
    for (const extra of [tabRow, this.grab ? col.cards.findIndex((c) => c.record.id === this.grab!.id) : -1]) {
      if (extra >= 0 && (extra < first || extra >= last) && !rows.includes(extra)) rows.push(extra);
    }
    const targeted = (this.grab && this.targets()[this.grab.target]?.id === stage.id) || this.drag?.target === stage.id;
    const totals = formatTotals(col.totals, this.loc);
    return html`<section part="column" class="column ${targeted ? 'drop-target' : ''}" data-drop=${stage.id} aria-labelledby="col-${index}">
      <div part="column-header" class="column-header">
        <h3 part="column-title" id="col-${index}" aria-level=${Math.min(6, Math.max(1, Math.round(this.headingLevel) || 3))}>${name}</h3>
        <p class="stats">
          <span part="column-count">${t.count(n, formatNumber(n, this.loc), pipeline.entity)}</span>
          ${totals.length ? html`<span part="column-total">${totals.join(' · ')}</span>` : nothing}
        </p>
        <button
          part="stage-help-button"
          class="help-button"
          type="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="help-${index}"
          @click=${() => {
            const next = new Set(this.helpOpen);
            if (open) next.delete(stage.id);
            else next.add(stage.id);
            this.helpOpen = next;
          }}
        >
          ${t.whatToDo}
        </button>
        <p part="stage-help" class="help" id="help-${index}" ?hidden=${!open}>${description || t.noDescription}</p>
      </div>
      ${n === 0
        ? html`<p class="empty">${t.emptyColumn}</p>`
        : html`<div part="column-body" class="scroller" data-stage=${stage.id} @scroll=${(e: Event) => this.onScroll(stage.id, e.currentTarget as HTMLElement)}>
            <div class="list" role="list" aria-labelledby="col-${index}" style=${cssomStyle({ height: `${n * CARD_SLOT_HEIGHT}px` })}>
              ${repeat(
                rows,
                (i) => col.cards[i]!.record.id,
                (i) => this.renderCard(col.cards[i]!, index, i, n, i === tabRow),
              )}
            </div>
          </div>`}
    </section>`;
  }

  private renderCard(card: BoardCard, col: number, row: number, total: number, tabStop: boolean): TemplateResult {
    const t = this.t;
    const record = card.record;
    const now = this.crm!.now();
    const amount = 'amount' in record && record.amount !== undefined ? formatMoney(record.amount, record.currency, this.loc) : '';
    const owner = record.ownerId && record.ownerId !== 'system' ? (this.userNames.get(record.ownerId) ?? record.ownerId) : t.noOwner;
    const due = card.next
      ? html`<time datetime=${card.next.dueAt} title=${formatDateTime(card.next.dueAt, this.loc)}
          >${card.urgency === 'overdue' ? t.overdue(formatRelative(card.next.dueAt, now, this.loc)) : t.due(formatRelative(card.next.dueAt, now, this.loc))}</time
        >`
      : t.noNextStep;
    const grabbed = this.grab?.id === record.id;
    const dragging = this.drag?.card.record.id === record.id;
    const pending = this.overrides.has(record.id);
    const urgencyPart = card.urgency === 'planned' ? '' : ` card-${card.urgency}`;
    return html`<div role="listitem" class="slot" aria-setsize=${total} aria-posinset=${row + 1} style=${cssomStyle({ top: `${row * CARD_SLOT_HEIGHT}px` })}>
      <div
        part="card${urgencyPart}"
        class="card ${card.urgency} ${grabbed ? 'grabbed' : ''} ${dragging ? 'dragging' : ''} ${pending ? 'pending' : ''}"
        role="button"
        tabindex=${tabStop ? 0 : -1}
        aria-roledescription=${t.cardRole}
        aria-describedby="instructions"
        data-id=${record.id}
        @keydown=${(e: KeyboardEvent) => this.onCardKeydown(e, card, col, row)}
        @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, card)}
        @focus=${() => {
          if (this.active.get(card.record.stageId) !== record.id) this.active = new Map(this.active).set(card.record.stageId, record.id);
        }}
        @click=${() => {
          if (this.suppressClick) return;
          this.openCard(card);
        }}
      >
        <span part="card-title" class="title">${card.title}</span>
        <span part="card-client" class="client">${card.client}</span>
        <span class="meta">${amount ? html`<span part="card-amount" class="amount">${amount}</span>` : nothing}<span part="card-owner">${owner}</span></span>
        <span part="card-due" class="due ${card.urgency}">${due}</span>
      </div>
    </div>`;
  }

  private renderZone(stage: Stage): TemplateResult {
    const targeted = (this.grab && this.targets()[this.grab.target]?.id === stage.id) || this.drag?.target === stage.id;
    return html`<div part=${stage.kind === 'won' ? 'zone-won' : 'zone-lost'} class="zone ${stage.kind} ${targeted ? 'drop-target' : ''}" data-drop=${stage.id}>
      ${this.t.dropZone(this.stageName(stage))}
    </div>`;
  }

  private renderLossDialog(loss: LossPrompt, pipeline: Pipeline | undefined): TemplateResult {
    return html`<dialog
      part="loss-dialog"
      aria-labelledby=${this.lossForm.titleId}
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.closeLoss(undefined);
      }}
    >
      ${this.lossForm.renderForm({
        kind: pipeline?.entity ?? 'deal',
        recordTitle: loss.card.title,
        reasons: pipeline?.lossReasons ?? [],
        onSubmit: (answer) => this.closeLoss(answer),
        onCancel: () => this.closeLoss(undefined),
      })}
    </dialog>`;
  }
}

/**
 * Registers `<crm-funnel-board>` (or `tagName`) unless that tag is already
 * defined. A subclass is registered, so several tag names can coexist.
 */
export function defineFunnelBoard(tagName = 'crm-funnel-board'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends CrmFunnelBoard {});
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
