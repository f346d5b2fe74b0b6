import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { localize, type Pipeline, type Stage } from '@crmkit/core';
import { formatDateTime, formatMoney, formatNumber, formatRelative, formatTotals } from '../shared/format.js';
import { cssomStyle } from '../shared/cssom-style.js';
import type { BoardCard, BoardColumn } from './board-model.js';
import type { BoardView } from './board-view.js';
import { CARD_SLOT_HEIGHT } from './styles.js';

function isTarget(view: BoardView, stageId: string): boolean {
  return view.keyboard.targetId === stageId || view.pointer.drag?.target === stageId;
}

/**
 * Every open stage's column, each rendered again only when something it shows
 * changed (its cards or totals, its window, focus, drag state, language,
 * names, the minute): a move re-renders the two columns it touches, and the
 * live echo of a saved move re-renders none.
 */
export function columnsTemplate(view: BoardView, pipeline: Pipeline): unknown[] {
  const grabId = view.keyboard.grab?.id;
  const keyboardTarget = view.keyboard.targetId;
  const drag = view.pointer.drag;
  const minute = Math.floor(view.crm!.now().getTime() / 60_000);
  const bounds = (col: BoardColumn) => view.windows.bounds(col.stage.id, col.cards.length);
  return view.columnsInOrder((col) => bounds(col).last).map((col, i) => {
    const id = col.stage.id;
    // The window as rows, not the measurement: a column that grows or scrolls within its rows is not rendered again.
    const { first, last } = bounds(col);
    const deps = [
      col,
      col.revision,
      i,
      pipeline,
      view.t,
      view.loc,
      view.columnHeadingLevel,
      view.userNames,
      view.namesRevision,
      minute,
      view.helpOpen.has(id),
      view.active.get(id),
      first,
      last,
      grabId,
      keyboardTarget === id,
      drag?.card.record.id,
      drag?.target === id,
    ];
    return guard(deps, () => view.renderColumn(col, i, pipeline));
  });
}

/** A stage's column: heading, count and totals, "what to do here", and its windowed card list. */
export function columnTemplate(view: BoardView, col: BoardColumn, index: number, pipeline: Pipeline): TemplateResult {
  const t = view.t;
  const loc = view.loc;
  const stage = col.stage;
  const description = localize(stage.description, loc);
  const open = view.helpOpen.has(stage.id);
  const n = col.cards.length;
  const activeId = view.active.get(stage.id);
  // The row of a card if it is in this column (found by binary search, not a scan).
  const rowIn = (id: string | undefined): number => {
    const row = id ? view.rowOf(id) : -1;
    return row >= 0 && col.cards[row]?.record.id === id ? row : -1;
  };
  const activeRow = rowIn(activeId);
  const grabRow = rowIn(view.keyboard.grab?.id);
  // The tab stop and the grabbed card stay rendered even when scrolled away, so focus is never lost.
  const { rows, first } = view.windows.rows(stage.id, n, [activeRow, grabRow]);
  const tabRow = activeRow >= 0 ? activeRow : first < n ? first : -1;
  if (tabRow >= 0 && !rows.includes(tabRow)) rows.push(tabRow);
  const totals = formatTotals(col.totals, loc);
  const now = view.crm!.now();
  const ctx: CardRenderContext = { t, loc, now, minute: Math.floor(now.getTime() / 60_000) };
  return html`<section part="column" class="column ${isTarget(view, stage.id) ? 'drop-target' : ''}" data-drop=${stage.id} aria-labelledby="col-${index}">
    <div part="column-header" class="column-header">
      <h3 part="column-title" id="col-${index}" aria-level=${view.columnHeadingLevel}>${view.stageName(stage)}</h3>
      <p class="stats">
        <span part="column-count">${t.count(n, formatNumber(n, loc), pipeline.entity)}</span>
        ${totals.length ? html`<span part="column-total">${totals.join(' · ')}</span>` : nothing}
      </p>
      <button part="stage-help-button" class="help-button" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="help-${index}" @click=${() => view.toggleHelp(stage.id)}>
        ${t.whatToDo}
      </button>
      <p part="stage-help" class="help" id="help-${index}" ?hidden=${!open}>${description || t.noDescription}</p>
    </div>
    ${n === 0
      ? html`<p class="empty">${t.emptyColumn}</p>`
      : html`<div part="column-body" class="scroller" data-stage=${stage.id} @scroll=${(e: Event) => view.windows.onScroll(stage.id, e.currentTarget as HTMLElement)}>
          <div class="list" role="list" aria-labelledby="col-${index}" style=${cssomStyle({ height: `${n * CARD_SLOT_HEIGHT}px` })}>
            ${repeat(
              rows,
              (i) => col.cards[i]!.record.id,
              (i) => cardTemplate(view, ctx, col.cards[i]!, index, i, n, i === tabRow),
            )}
          </div>
        </div>`}
  </section>`;
}

/** What every card of one render shares (read once per column, not once per card). */
interface CardRenderContext {
  t: BoardView['t'];
  loc: string;
  now: Date;
  /** The current minute: relative times ("in 2 hours") change no faster. */
  minute: number;
}

/** A card's formatted text, kept while its record, the language and the minute stay the same. */
interface CardText {
  key: string;
  amount: string;
  due: string;
  dueTitle: string;
}
const texts = new WeakMap<BoardCard, CardText>();

function cardText(card: BoardCard, ctx: CardRenderContext): CardText {
  const key = `${ctx.loc}|${ctx.minute}`;
  const hit = texts.get(card);
  if (hit?.key === key) return hit;
  const { record, next } = card;
  const { t, loc, now } = ctx;
  const amount = 'amount' in record && record.amount !== undefined ? formatMoney(record.amount, record.currency, loc) : '';
  const due = next ? (card.urgency === 'overdue' ? t.overdue(formatRelative(next.dueAt, now, loc)) : t.due(formatRelative(next.dueAt, now, loc))) : t.noNextStep;
  const text = { key, amount, due, dueTitle: next ? formatDateTime(next.dueAt, loc) : '' };
  texts.set(card, text);
  return text;
}

/** One card in its absolutely placed slot (CSSOM-positioned, so a strict CSP allows it). */
function cardTemplate(view: BoardView, ctx: CardRenderContext, card: BoardCard, col: number, row: number, total: number, tabStop: boolean): TemplateResult {
  const { t } = ctx;
  const record = card.record;
  const text = cardText(card, ctx);
  const owner = record.ownerId && record.ownerId !== 'system' ? (view.userNames.get(record.ownerId) ?? record.ownerId) : t.noOwner;
  const due = card.next ? html`<time datetime=${card.next.dueAt} title=${text.dueTitle}>${text.due}</time>` : text.due;
  const grabbed = view.keyboard.grab?.id === record.id;
  const dragging = view.pointer.drag?.card.record.id === record.id;
  const pending = view.overrides.has(record.id);
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
      @keydown=${(e: KeyboardEvent) => view.keyboard.onKeydown(e, card, col, row)}
      @pointerdown=${(e: PointerEvent) => view.pointer.onPointerDown(e, card)}
      @focus=${() => view.cardFocused(card)}
      @click=${() => view.cardClicked(card)}
    >
      <span part="card-title" class="title">${card.title}</span>
      <span part="card-client" class="client">${card.client}</span>
      <span class="meta">${text.amount ? html`<span part="card-amount" class="amount">${text.amount}</span>` : nothing}<span part="card-owner">${owner}</span></span>
      <span part="card-due" class="due ${card.urgency}">${due}</span>
    </div>
  </div>`;
}

/** The drop zone of the won stage or a lost stage. */
export function zoneTemplate(view: BoardView, stage: Stage): TemplateResult {
  return html`<div part=${stage.kind === 'won' ? 'zone-won' : 'zone-lost'} class="zone ${stage.kind} ${isTarget(view, stage.id) ? 'drop-target' : ''}" data-drop=${stage.id}>
    ${view.t.dropZone(view.stageName(stage))}
  </div>`;
}
