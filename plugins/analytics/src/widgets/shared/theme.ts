import { baseTheme } from '@crmkit/widgets';
import { css, type CSSResultGroup } from 'lit';

const analyticsStyles = css`
  :host {
    --_bar: var(--crm-chart-bar, #1f5fbf);
    --_bar-2: var(--crm-chart-bar-2, #7aa3e0);
  }
  button,
  select {
    min-height: 32px;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
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

/**
 * Styles of the analytics widgets: the widgets' `baseTheme` (host isolated
 * from the page with `all: initial`; font, colours and spacing from the
 * `--crm-*` custom properties, as every built-in widget), plus what charts
 * and report tables need (`--crm-chart-bar`, `--crm-chart-bar-2` for bar colours).
 */
export const analyticsTheme: CSSResultGroup = [baseTheme, analyticsStyles];
