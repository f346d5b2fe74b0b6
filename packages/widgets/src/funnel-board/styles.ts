import { css } from 'lit';

/** Height of one card slot in pixels: columns are windowed, so every card has the same height. */
export const CARD_SLOT_HEIGHT = 104;

/** The funnel board's own styles (on top of the shared base theme). */
export const boardStyles = css`
  :host {
    --_column-width: var(--crm-board-column-width, 260px);
    --_column-height: var(--crm-board-column-height, 65vh);
    /* As a flex or grid item the board must not grow to the width of all its columns: they scroll instead. */
    min-width: 0;
    max-width: 100%;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 1.5);
    align-items: end;
    margin-bottom: var(--_space);
  }
  .toolbar label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85em;
    color: var(--_muted);
  }
  select,
  input[type='search'] {
    padding: 4px 8px;
    min-height: 32px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 4px 10px;
    min-height: 28px;
  }
  .notice {
    display: flex;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    padding: var(--_space);
    margin-bottom: var(--_space);
    border: 1px solid var(--_danger);
    border-left-width: 4px;
    border-radius: var(--_radius);
    color: var(--_text);
  }
  .notice small {
    display: block;
    color: var(--_muted);
  }
  .columns {
    display: flex;
    gap: var(--_space);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    align-items: flex-start;
    padding-bottom: 4px;
  }
  /* On a phone a swipe brings the next column whole into view; a column never gets wider than the screen. */
  @media (max-width: 640px) {
    .columns {
      scroll-snap-type: x mandatory;
    }
    .column {
      scroll-snap-align: start;
    }
  }
  /* Auto-scroll while dragging moves a few pixels a frame; snapping would pull it back. */
  .columns.dragging {
    scroll-snap-type: none;
  }
  .column {
    flex: 0 0 min(var(--_column-width), 85%);
    min-width: 0;
    display: flex;
    flex-direction: column;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--crm-color-column, #f4f6f9);
  }
  .column.drop-target,
  .zone.drop-target {
    outline: 3px dashed var(--_accent);
    outline-offset: -3px;
  }
  .column-header {
    padding: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .column-header h3 {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
  }
  .stats {
    margin: 2px 0 4px;
    font-size: 0.85em;
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0 8px;
  }
  .help-button {
    font-size: 0.8em;
    min-height: 24px;
    padding: 2px 8px;
  }
  .help {
    margin: 6px 0 0;
    font-size: 0.85em;
  }
  .scroller {
    position: relative;
    max-height: var(--_column-height);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .list {
    position: relative;
    margin: 0;
    padding: 0;
  }
  .slot {
    position: absolute;
    left: 0;
    right: 0;
    height: ${CARD_SLOT_HEIGHT}px;
    padding: 4px 6px;
  }
  .empty {
    margin: 0;
    padding: var(--_space);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .card {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    height: 100%;
    padding: 6px 8px;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: grab;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    /* A swipe on a card scrolls (columns sideways, the list up and down); a long-press picks it up. */
    touch-action: manipulation;
  }
  .card > span {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .card.overdue {
    border-left-color: var(--_danger);
  }
  .card.missing {
    border-left-color: var(--_warning);
  }
  .card.grabbed {
    box-shadow: 0 0 0 3px var(--_accent);
  }
  /* Not opacity: a faded card would fail text contrast while it is being moved. */
  .card.dragging,
  .card.pending {
    border-style: dashed;
    background: var(--crm-color-column, #f4f6f9);
  }
  .title {
    font-weight: 600;
  }
  .client,
  .meta {
    font-size: 0.88em;
    color: var(--_muted);
  }
  .meta {
    display: flex;
    gap: 8px;
  }
  .amount {
    color: var(--_text);
    font-weight: 600;
  }
  .due {
    font-size: 0.85em;
  }
  .due.overdue {
    color: var(--_danger);
    font-weight: 700;
  }
  .due.missing {
    color: var(--_warning);
    font-weight: 700;
  }
  .zones {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .zone {
    flex: 1;
    padding: calc(var(--_space) * 2);
    text-align: center;
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .zone.won {
    color: var(--crm-color-success, #1e6b34);
    border-color: currentColor;
  }
  .zone.lost {
    color: var(--_danger);
    border-color: currentColor;
  }
  .ghost {
    position: fixed;
    left: 0;
    top: 0;
    z-index: 10;
    pointer-events: none;
    max-width: var(--_column-width);
    padding: 6px 10px;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.2);
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    max-width: min(92vw, 420px);
    color: var(--_text);
    background: var(--_surface);
    font: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog h2 {
    margin: 0 0 var(--_space);
    font-size: 1.1em;
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 4px;
  }
  .reason {
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 2px 0;
  }
  textarea {
    display: block;
    width: 100%;
    min-height: 4em;
    margin-top: 2px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 4px;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    margin: 4px 0;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: #fff;
  }
`;
