import { css } from 'lit';

/**
 * Base styles of the analytics widgets: the host is isolated from the page
 * (`all: initial`) and takes font, colours and spacing from `--crm-*`
 * custom properties (`--crm-font`, `--crm-color-text`, `--crm-color-surface`,
 * `--crm-color-muted`, `--crm-color-border`, `--crm-color-accent`,
 * `--crm-color-danger`, `--crm-radius`, `--crm-space`, `--crm-focus-ring`,
 * and `--crm-chart-bar` / `--crm-chart-bar-2` for chart colours).
 */
export const analyticsTheme = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    font: var(--crm-font, 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    color: var(--crm-color-text, #1d2330);
    background: var(--crm-color-surface, #ffffff);
    --_accent: var(--crm-color-accent, #1f5fbf);
    --_danger: var(--crm-color-danger, #b3261e);
    --_muted: var(--crm-color-muted, #5b6475);
    --_border: var(--crm-color-border, #d5d9e0);
    --_radius: var(--crm-radius, 6px);
    --_space: var(--crm-space, 8px);
    --_bar: var(--crm-chart-bar, #1f5fbf);
    --_bar-2: var(--crm-chart-bar-2, #7aa3e0);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select {
    font: inherit;
    color: inherit;
  }
  button,
  select {
    min-height: 32px;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--crm-color-surface, #ffffff);
    cursor: pointer;
  }
  :focus-visible {
    outline: var(--crm-focus-ring, 2px solid var(--crm-color-accent, #1f5fbf));
    outline-offset: 2px;
  }
  h2 {
    font-size: 1.1em;
    margin: 0 0 var(--_space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
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
  table {
    border-collapse: collapse;
    width: 100%;
    margin-top: var(--_space);
  }
  caption {
    text-align: start;
    color: var(--_muted);
    font-size: 0.85em;
    padding-bottom: 4px;
  }
  th,
  td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--_border);
    text-align: start;
  }
  td.num,
  th.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  svg {
    display: block;
    width: 100%;
    height: auto;
    max-width: 720px;
  }
  svg .bar {
    fill: var(--_bar);
  }
  svg .bar.alt {
    fill: var(--_bar-2);
  }
  svg text {
    fill: currentColor;
    font-size: 13px;
  }
  svg text.value {
    fill: var(--_muted);
  }
  .error {
    color: var(--_danger);
    margin: var(--_space) 0;
  }
  .muted {
    color: var(--_muted);
  }
`;
