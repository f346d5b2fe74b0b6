import { css } from 'lit';

/**
 * The lead form's styles. The host resets everything it could inherit from
 * the page (`all: initial`), then takes its look from `--crm-*` custom
 * properties (which do cross the shadow boundary) and `::part()` rules.
 *
 * A page rule on the host element itself (`* { all: unset }`) beats
 * `:host`, so the host may inherit from the page after all; `.root`, which
 * no page rule can reach, therefore sets every inherited property again.
 */
export const leadFormStyles = css`
  :host {
    all: initial;
    display: block;
    contain: content;
  }
  :host([hidden]) {
    display: none;
  }
  .root {
    box-sizing: border-box;
    display: block;
    max-width: var(--crm-form-max-width, 32rem);
    font: var(--crm-font, 16px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    color: var(--crm-color-text, #1d2330);
    background: var(--crm-color-surface, transparent);
    text-align: start;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    white-space: normal;
    visibility: visible;
    text-indent: 0;
    text-shadow: none;
    text-align-last: auto;
    text-decoration: none;
    text-underline-offset: auto;
    text-emphasis: none;
    text-rendering: auto;
    font-feature-settings: normal;
    font-variation-settings: normal;
    font-kerning: auto;
    font-synthesis: weight style;
    word-break: normal;
    overflow-wrap: break-word;
    line-break: auto;
    hyphens: manual;
    tab-size: 8;
    writing-mode: horizontal-tb;
    cursor: auto;
    pointer-events: auto;
    user-select: auto;
    caret-color: auto;
    list-style: none;
    quotes: auto;
    border-collapse: separate;
    border-spacing: 0;
    -webkit-text-fill-color: currentcolor;
    -webkit-text-stroke: 0;
    paint-order: normal;
    image-rendering: auto;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  form,
  .field,
  .status,
  .summary,
  ul,
  li,
  p {
    display: block;
    margin: 0;
    padding: 0;
  }
  form > * + *,
  .status:not(:empty) {
    margin-top: var(--crm-space, 12px);
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .req {
    color: var(--crm-color-danger, #b3261e);
    margin-inline-start: 2px;
  }
  input,
  select,
  textarea,
  button {
    font: inherit;
    color: inherit;
    margin: 0;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    display: block;
    width: 100%;
    padding: 8px 10px;
    border: 1px solid var(--crm-color-border, #8a93a3);
    border-radius: var(--crm-radius, 6px);
    background: var(--crm-color-input, #ffffff);
    color: var(--crm-color-input-text, #1d2330);
    min-height: 44px;
  }
  textarea {
    min-height: 6rem;
    resize: vertical;
  }
  input[type='checkbox'] {
    display: inline-block;
    appearance: auto;
    width: 20px;
    height: 20px;
    margin: 2px 8px 0 0;
    accent-color: var(--crm-color-accent, #1f5fbf);
    flex: none;
  }
  /* As specific as the control rules above (which set the normal border), and later, so it wins. */
  input[aria-invalid='true']:not([type='checkbox']),
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--crm-color-danger, #b3261e);
    border-width: 2px;
  }
  :focus-visible {
    outline: var(--crm-focus-ring, 3px solid var(--crm-color-accent, #1f5fbf));
    outline-offset: 2px;
  }
  .check {
    display: flex;
    align-items: flex-start;
  }
  .check label {
    font-weight: 400;
    margin: 0;
  }
  .hint {
    display: block;
    color: var(--crm-color-muted, #4f5868);
    font-size: 0.875em;
    margin-bottom: 4px;
  }
  /* The error line's space is always reserved: a message appearing on blur must not move
     the Send button away from a pointer that is already pressing it. */
  .error {
    display: block;
    color: var(--crm-color-danger, #b3261e);
    font-size: 0.9em;
    line-height: 1.4;
    min-height: 1.4em;
    margin-top: 4px;
  }
  .summary {
    border: 2px solid var(--crm-color-danger, #b3261e);
    border-radius: var(--crm-radius, 6px);
    padding: 12px 16px;
  }
  .summary ul {
    list-style: disc;
    padding-inline-start: 1.25em;
    margin-top: 6px;
  }
  .summary li {
    display: list-item;
  }
  a {
    color: var(--crm-color-link, var(--crm-color-accent, #1f5fbf));
    text-decoration: underline;
    cursor: pointer;
  }
  button {
    display: inline-block;
    cursor: pointer;
    padding: 10px 20px;
    min-height: 44px;
    border: 0;
    border-radius: var(--crm-radius, 6px);
    background: var(--crm-color-accent, #1f5fbf);
    color: var(--crm-color-on-accent, #ffffff);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .status.failed:not(:empty) {
    color: var(--crm-color-danger, #b3261e);
    border: 2px solid var(--crm-color-danger, #b3261e);
    border-radius: var(--crm-radius, 6px);
    padding: 8px 12px;
  }
  .status:focus {
    outline: none;
  }
  .hp {
    position: absolute !important;
    left: -10000px !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
