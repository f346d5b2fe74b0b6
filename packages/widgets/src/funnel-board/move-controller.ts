import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Crm, Pipeline, Stage } from '@crmkit/core';
import { afterNextPaint } from '../shared/after-paint.js';
import { LossReasonForm, type LossReasonAnswer } from '../shared/loss-reason-form.js';
import type { BoardCard, BoardRecord } from './board-model.js';
import type { MoveCardOptions, StageChangeDetail } from './funnel-board-events.js';
import type { FunnelBoardStrings } from './strings.js';

/** What moving cards needs from the board. */
export interface MoveHost extends ReactiveControllerHost, HTMLElement {
  readonly crm?: Crm | undefined;
  readonly currentPipeline: Pipeline | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly locale: string;
  readonly t: FunnelBoardStrings;
  stageName(stage: Stage | undefined): string;
  stageOf(card: BoardCard): Stage | undefined;
  announce(text: string): void;
  focusCard(id: string): Promise<boolean>;
  /** Re-place these records' cards at the next update. */
  markDirty(ids: Iterable<string>): void;
  /** The core saved a move: show the record as saved at once (its live echo follows). */
  applySaved(record: BoardRecord): void;
}

interface LossPrompt {
  card: BoardCard;
  resolve: (answer: LossReasonAnswer | undefined) => void;
}

/**
 * Moving a card to another stage, whichever way it was asked for (pointer,
 * keyboard, `moveCard()`): asks for a loss reason when it enters a lost
 * stage, fires the cancelable `crm-stage-change`, shows the card in its new
 * place at once and, after that frame is painted, calls the core (move,
 * win/convert, lose/close as junk); a refusal or failure puts the card back
 * and shows in the notice bar.
 */
export class MoveController implements ReactiveController {
  /** Records whose move is being saved (or waits for a loss reason): id → target stage. */
  overrides = new Map<string, string>();
  /** The refusal or failure shown, if any. */
  notice: { text: string; plugin?: string } | undefined;
  /** The open loss dialog, if any. */
  loss: LossPrompt | undefined;

  private readonly lossForm: LossReasonForm;

  constructor(private readonly host: MoveHost) {
    host.addController(this);
    this.lossForm = new LossReasonForm(host, 'loss');
  }

  hostUpdated(): void {
    const dialog = this.host.renderRoot.querySelector('dialog');
    if (dialog && this.loss && !dialog.open) dialog.showModal();
  }

  /** Forget pending moves (another CRM or pipeline). */
  reset(): void {
    this.overrides = new Map();
  }

  /** Moves `card` to `to`; resolves true when the record moved. */
  async request(card: BoardCard, to: Stage, options: MoveCardOptions = {}): Promise<boolean> {
    const { host } = this;
    const from = host.stageOf(card);
    if (!from || from.id === to.id) return false;
    let answer: MoveCardOptions = options;
    if (to.kind === 'lost' && !options.reason) {
      this.setOverride(card.record.id, to.id);
      const given = await new Promise<LossReasonAnswer | undefined>((resolve) => {
        this.lossForm.reset();
        this.loss = { card, resolve };
        host.requestUpdate();
      });
      this.setOverride(card.record.id, undefined);
      if (!given) {
        host.announce(host.t.cancelled(card.title, host.stageName(from)));
        await host.focusCard(card.record.id);
        return false;
      }
      answer = given;
    }
    return this.commit(card, from, to, answer);
  }

  private setOverride(id: string, stageId: string | undefined): void {
    const next = new Map(this.overrides);
    if (stageId) next.set(id, stageId);
    else next.delete(id);
    this.overrides = next;
    this.host.markDirty([id]);
  }

  private async commit(card: BoardCard, from: Stage, to: Stage, options: MoveCardOptions): Promise<boolean> {
    const { host } = this;
    const crm = host.crm;
    const pipeline = host.currentPipeline;
    if (!crm || !pipeline) return false;
    const record = card.record;
    const recordType = pipeline.entity;
    const detail: StageChangeDetail = { record, recordType, from, to, ...(options.reason ? { reason: options.reason } : {}), ...(options.comment ? { comment: options.comment } : {}) };
    const allowed = host.dispatchEvent(new CustomEvent<StageChangeDetail>('crm-stage-change', { detail, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) {
      host.announce(host.t.cancelled(card.title, host.stageName(from)));
      return false;
    }
    this.notice = undefined;
    this.setOverride(record.id, to.id);
    const version = record.version;
    try {
      // Paint first: the card shows in its new column in the next frame; the core's save (validation, guards, hooks,
      // history, the store and the live echo) starts after that frame, so it never delays it.
      await afterNextPaint();
      let updated: BoardRecord;
      const loss = { reason: options.reason ?? '', ...(options.comment ? { comment: options.comment } : {}), version };
      if (recordType === 'deal') {
        updated = to.kind === 'won' ? await crm.deals.win(record.id, { version }) : to.kind === 'lost' ? await crm.deals.lose(record.id, loss) : await crm.deals.moveToStage(record.id, to.id, { version });
      } else {
        updated = to.kind === 'won' ? (await crm.leads.convert(record.id, { version })).lead : to.kind === 'lost' ? await crm.leads.close(record.id, loss) : await crm.leads.moveToStage(record.id, to.id, { version });
      }
      host.applySaved(updated);
      host.announce(host.t.dropped(card.title, host.stageName(to)));
      return true;
    } catch (err) {
      this.showError(err, card.title);
      return false;
    } finally {
      this.setOverride(record.id, undefined);
    }
  }

  /** Shows a refusal or failure in the notice bar. */
  showError(err: unknown, title = ''): void {
    const t = this.host.t;
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
    this.host.requestUpdate();
  }

  private closeLoss(answer: LossReasonAnswer | undefined): void {
    const loss = this.loss;
    if (!loss) return;
    this.loss = undefined;
    this.host.renderRoot.querySelector('dialog')?.close();
    this.host.requestUpdate();
    loss.resolve(answer);
  }

  /** The notice bar (a refusal or failure), or nothing. */
  renderNotice(): TemplateResult | typeof nothing {
    const { notice } = this;
    const t = this.host.t;
    if (!notice) return nothing;
    return html`<div part="notice" class="notice" role="alert">
      <div>${notice.text}${notice.plugin ? html`<small>${t.refusedBy(notice.plugin)}</small>` : nothing}</div>
      <button
        type="button"
        @click=${() => {
          this.notice = undefined;
          this.host.requestUpdate();
        }}
      >
        ${t.dismiss}
      </button>
    </div>`;
  }

  /** The loss-reason dialog while one is asked for, or nothing. */
  renderLossDialog(): TemplateResult | typeof nothing {
    const loss = this.loss;
    if (!loss) return nothing;
    const pipeline = this.host.currentPipeline;
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
