import { css } from 'lit';

/**
 * Base styles shared by the sales widgets. The host is isolated from the page
 * (`all: initial`), then takes font, colours and spacing from `--crm-*`
 * custom properties, which do inherit from the page:
 *
 * `--crm-font`, `--crm-color-text`, `--crm-color-surface`, `--crm-color-muted`,
 * `--crm-color-border`, `--crm-color-accent`, `--crm-color-danger`,
 * `--crm-color-warning`, `--crm-radius`, `--crm-space`, `--crm-focus-ring`.
 *
 * Exported so that plugins' widgets look and theme like the built-in ones:
 * list it first in `static styles` and add your own rules after it
 * (`static styles = [baseTheme, myStyles]`). Inside the shadow root the
 * private shorthands `--_accent`, `--_danger`, `--_warning`, `--_muted`,
 * `--_border`, `--_surface`, `--_text`, `--_radius` and `--_space` carry the
 * resolved theme values.
 */
export const baseTheme = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    font: var(--crm-font, 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    color: var(--crm-color-text, #1d2330);
    background: var(--crm-color-surface, #ffffff);
    --_accent: var(--crm-color-accent, #1f5fbf);
    --_danger: var(--crm-color-danger, #b3261e);
    --_warning: var(--crm-color-warning, #8a5300);
    --_muted: var(--crm-color-muted, #5b6475);
    --_border: var(--crm-color-border, #d5d9e0);
    --_surface: var(--crm-color-surface, #ffffff);
    --_text: var(--crm-color-text, #1d2330);
    --_radius: var(--crm-radius, 6px);
    --_space: var(--crm-space, 8px);
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
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: var(--crm-focus-ring, 2px solid var(--crm-color-accent, #1f5fbf));
    outline-offset: 2px;
  }
  .visually-hidden {
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
