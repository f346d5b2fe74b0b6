import { css } from 'lit';

/**
 * Styles of `<crm-planner>`: a scrolling table, sticky person column,
 * snap-scrolling days on a phone. Kept cheap for a week of a few hundred
 * steps: a fixed table layout (column widths from the day width, never
 * measured from content), block layout in a step, one-class selectors.
 */
export const plannerStyles = css`
  .planner {
    display: grid;
    gap: var(--_space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .heading {
    font-weight: 600;
    font-size: 1.1em;
    flex: 1 1 16em;
  }
  .nav,
  .views {
    display: flex;
    gap: 4px;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: 4px 10px;
    min-height: 32px;
  }
  .views [aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: #fff;
  }
  .status {
    color: var(--_muted);
    margin: 0;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
  .scroller {
    overflow: auto;
    max-height: var(--crm-planner-height, 70vh);
    scroll-snap-type: x proximity;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .grid {
    --_day: var(--crm-planner-day-width, 140px);
    --_person: 7em;
    border-collapse: separate;
    border-spacing: 0;
    table-layout: fixed;
    width: 100%;
    min-width: calc(var(--_person) + 8 * var(--_day));
  }
  .grid.day {
    min-width: calc(var(--_person) + 2 * var(--_day));
  }
  th,
  td {
    border-bottom: 1px solid var(--_border);
    border-right: 1px solid var(--_border);
    vertical-align: top;
    text-align: start;
    padding: 6px;
    scroll-snap-align: start;
  }
  thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
    z-index: 1;
    font-weight: 600;
  }
  .person,
  .corner {
    position: sticky;
    inset-inline-start: 0;
    background: var(--_surface);
    z-index: 2;
    width: var(--_person);
  }
  thead .corner {
    z-index: 3;
  }
  th.earlier,
  td.earlier {
    color: var(--_danger);
  }
  th.today {
    color: var(--_accent);
  }
  td.today,
  th.today {
    background: var(--crm-planner-today, #eef4ff);
  }
  /* A change inside a cell (a step moving in or out) re-lays out and repaints that cell, not the grid. */
  td {
    contain: content;
  }
  /*
   * A cell's steps off screen (the rows below the view) cost no style, layout or paint until scrolled near. Its
   * paint is clipped to its padding box: that reaches to the cell's edges, so a step's focus ring shows whole.
   */
  .box {
    content-visibility: auto;
    contain-intrinsic-block-size: auto 12em;
    margin: -6px;
    padding: 6px;
  }
  td.target {
    outline: 2px dashed var(--_accent);
    outline-offset: -3px;
  }
  .steps {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .steps > li + li {
    margin-top: 4px;
  }
  .step {
    display: block;
    width: 100%;
    text-align: start;
    touch-action: pan-x pan-y;
    user-select: none;
    -webkit-user-select: none;
  }
  .title,
  .record,
  .badge {
    display: block;
  }
  .time {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    margin-inline-end: 6px;
  }
  .type,
  .record {
    color: var(--_muted);
  }
  .overdue {
    border-color: var(--_danger);
  }
  .badge {
    color: var(--_danger);
    font-size: 0.85em;
  }
  .grabbed {
    outline: 2px solid var(--_accent);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .more {
    margin-top: 4px;
    width: 100%;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    padding: 2px 6px;
    text-align: start;
    cursor: pointer;
  }
  @media (max-width: 480px) {
    .grid {
      --_day: var(--crm-planner-day-width, 70vw);
      --_person: 5.5em;
    }
  }
`;
