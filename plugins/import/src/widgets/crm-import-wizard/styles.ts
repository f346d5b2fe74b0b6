import { css } from 'lit';

/**
 * Styles of `<crm-import-wizard>`, listed after the widgets' `baseTheme`
 * (page isolation, `--crm-*` theming, focus ring, form controls' font), so
 * the wizard looks and themes like the built-in widgets. Adds
 * `--crm-color-ok` for the summary's success line.
 */
export const wizardStyles = css`
  :host {
    --_ok: var(--crm-color-ok, #1e6b34);
  }
  h2 {
    font-size: 1.15em;
    margin: 0 0 var(--_space);
  }
  h3 {
    font-size: 1em;
    margin: calc(var(--_space) * 2) 0 var(--_space);
  }
  h3:focus {
    outline: none;
  }
  ol.steps {
    display: flex;
    gap: calc(var(--_space) * 2);
    list-style: none;
    padding: 0;
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  ol.steps [aria-current] {
    color: inherit;
    font-weight: 600;
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
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--crm-color-on-accent, #ffffff);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .drop {
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 3);
    text-align: center;
  }
  .drop.over {
    border-color: var(--_accent);
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    align-items: end;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    color: var(--_muted);
    padding-bottom: 4px;
  }
  th,
  td {
    border-bottom: 1px solid var(--_border);
    padding: 4px 8px;
    text-align: start;
    vertical-align: top;
  }
  tr.bad td,
  tr.bad th {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 2);
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--_accent);
  }
  dl.counts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
    gap: var(--_space);
    margin: 0;
  }
  dl.counts > div {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  dl.counts dd {
    margin: 0;
    font-size: 1.3em;
    font-weight: 600;
  }
  ul.errors {
    padding-inline-start: 1.2em;
    margin: 0;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
