import { css } from 'lit';

/** The client card's own styles (on top of the shared base theme). @internal */
export const clientCardStyles = css`
  :host {
    container-type: inline-size;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
  }
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd,
  fieldset {
    margin: 0;
  }
  h2 {
    font-size: 1.35em;
    line-height: 1.25;
  }
  h3 {
    font-size: 1.05em;
    margin-bottom: var(--_space);
  }
  h4 {
    font-size: 1em;
    margin-bottom: calc(var(--_space) / 2);
  }
  ul,
  ol {
    padding: 0;
    list-style: none;
  }
  a {
    color: var(--_accent);
  }
  .muted,
  .hint,
  .kind {
    color: var(--_muted);
  }
  .hint {
    font-size: 0.85em;
  }
  .kind {
    font-size: 0.8em;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .header {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding-bottom: calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .stage {
    font-weight: 600;
  }
  .stage-help summary {
    cursor: pointer;
    color: var(--_accent);
  }
  .badge {
    display: inline-block;
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    font-size: 0.85em;
    font-weight: 600;
    border: 1px solid currentColor;
  }
  .status-won {
    color: #1e6b34;
  }
  .status-lost,
  .overdue-badge {
    color: var(--_danger);
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  @container (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr);
    }
  }
  .main,
  .side {
    display: grid;
    gap: calc(var(--_space) * 2);
    align-content: start;
  }
  section {
    min-width: 0;
  }
  .next-step {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    display: grid;
    gap: var(--_space);
  }
  .steps {
    display: grid;
    gap: var(--_space);
  }
  .step {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) / 2) var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .step.overdue {
    border-color: var(--_danger);
    border-left-width: 4px;
  }
  .step-type {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .step-title {
    flex: 1 1 10em;
  }
  .no-next-step {
    color: var(--_warning);
    border: 2px dashed var(--_warning);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .outcome {
    font-weight: 600;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 calc(var(--_space) / 2);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
  }
  .cell {
    display: grid;
    gap: calc(var(--_space) / 4);
  }
  .grow {
    flex: 1 1 12em;
  }
  .quick {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .choice {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: baseline;
  }
  .panel-form {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 6%, var(--_surface));
  }
  input,
  select,
  textarea {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    padding: calc(var(--_space) / 2) var(--_space);
    background: var(--_surface);
    min-width: 0;
  }
  input[type='radio'] {
    padding: 0;
  }
  textarea {
    resize: vertical;
    width: 100%;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    padding: calc(var(--_space) / 2) var(--_space);
    background: var(--_surface);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: #fff;
  }
  .quick-button {
    display: inline-grid;
    text-align: start;
  }
  .link-button {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .close-open {
    justify-self: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .error {
    color: var(--_danger);
    font-weight: 600;
  }
  .conflict {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .details dl {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .field {
    display: grid;
    grid-template-columns: minmax(7em, 30%) minmax(0, 1fr);
    gap: var(--_space);
    align-items: baseline;
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 60%, transparent);
  }
  .field dt {
    color: var(--_muted);
  }
  .field dd {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
    align-items: baseline;
    overflow-wrap: anywhere;
  }
  .field .value {
    flex: 1 1 auto;
    min-width: 0;
  }
  .field.editing dd {
    display: grid;
  }
  .inline-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  .multiline {
    white-space: pre-wrap;
  }
  .empty {
    color: var(--_muted);
    font-style: italic;
  }
  .related-group + .related-group {
    margin-top: var(--_space);
  }
  .related li,
  .entry {
    padding: calc(var(--_space) / 2) 0;
    overflow-wrap: anywhere;
  }
  .note-form {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
    margin-bottom: var(--_space);
  }
  .entries {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .entry {
    border-left: 3px solid var(--_border);
    padding-left: var(--_space);
  }
  .entry[data-type='note'],
  .entry[data-type='message_in'],
  .entry[data-type='message_out'] {
    border-left-color: var(--_accent);
  }
  .entry-title {
    font-weight: 600;
  }
  .entry-line {
    white-space: pre-wrap;
  }
  .entry-meta {
    font-size: 0.85em;
  }
  .status {
    padding: var(--_space);
  }
  .notice {
    color: var(--_warning);
  }
`;
