import { html, nothing, type TemplateResult } from 'lit';
import { localize, type Pipeline } from '@crmkit/core';
import { cssomStyle } from '../shared/cssom-style.js';
import { toolbarTemplate } from './board-toolbar-template.js';
import type { BoardData } from './board-data.js';
import type { BoardView } from './board-view.js';
import { columnsTemplate, zoneTemplate } from './column-template.js';
import type { MoveController } from './move-controller.js';

/** Where the board is in getting its data, as the body shows it. */
export type BoardBodyState = 'no-crm' | 'waiting-for-crm' | 'error' | 'loading' | 'ready';

/** What the board's outer template needs besides {@link BoardView}. */
export interface BoardShell extends BoardView {
  /** What the body shows instead of (or as) the columns. */
  readonly bodyState: BoardBodyState;
  /** The board's data (its load error). */
  readonly data: BoardData;
  /** The move controller (the notice bar and the loss dialog). */
  readonly moves: MoveController;
  /** The text of the polite live region. */
  readonly announcement: string;
}

/**
 * The whole board: toolbar, notice bar, the body (a status while there is no
 * CRM, it loads or it failed; else the columns and the won/lost zones), the
 * live region, the drag ghost and the loss dialog.
 */
export function boardTemplate(view: BoardShell): TemplateResult {
  const t = view.t;
  const pipeline = view.currentPipeline;
  const state = view.bodyState;
  const drag = view.pointer.drag;
  return html`
    <div part="board" class="board" role="group" aria-label=${t.board(pipeline ? localize(pipeline.name, view.loc) : '')} aria-busy=${state === 'ready' ? 'false' : 'true'}>
      ${toolbarTemplate(view, pipeline)}
      ${view.moves.renderNotice()}
      <p id="instructions" class="visually-hidden">${t.instructions}</p>
      ${bodyTemplate(view, state, pipeline)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${view.announcement}</div>
      ${drag ? html`<div part="drag-ghost" class="ghost" aria-hidden="true" style=${cssomStyle({ transform: `translate(${drag.x + 8}px, ${drag.y + 8}px)` })}>${drag.card.title}</div>` : nothing}
      ${view.moves.renderLossDialog()}
    </div>
  `;
}

function bodyTemplate(view: BoardShell, state: BoardBodyState, pipeline: Pipeline | undefined): TemplateResult {
  const t = view.t;
  switch (state) {
    case 'no-crm':
      return html`<p part="notice" class="notice" role="alert">${t.noCrm}</p>`;
    case 'waiting-for-crm':
      return html`<p class="loading" role="status">${t.waitingForCrm}</p>`;
    case 'error':
      return html`<p part="notice" class="notice" role="alert">${t.loadFailed(errorMessage(view.data.error))}</p>`;
    case 'loading':
      return html`<p class="loading" role="status">${t.loading}</p>`;
    case 'ready':
      if (!pipeline) return html`<p class="loading" role="status">${t.loading}</p>`;
      return html`<div class="columns ${view.pointer.drag ? 'dragging' : ''}">${columnsTemplate(view, pipeline)}</div>
        <div class="zones">${pipeline.stages.filter((s) => s.kind !== 'open').map((s) => zoneTemplate(view, s))}</div>`;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
