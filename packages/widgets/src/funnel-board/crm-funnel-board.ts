import { LitElement, html } from 'lit';
import type { Crm } from '@crmkit/core';
import { baseTheme } from '../shared/theme.js';

/**
 * The funnel board (work in progress).
 */
export class CrmFunnelBoard extends LitElement {
  static override styles = [baseTheme];
  /** The crm instance the board shows. */
  crm?: Crm;
  override render() {
    return html`<slot></slot>`;
  }
}

/** Registers `<crm-funnel-board>` (or `tagName`) unless that tag is already defined. */
export function defineFunnelBoard(tagName = 'crm-funnel-board'): void {
  if (!customElements.get(tagName)) customElements.define(tagName, class extends CrmFunnelBoard {});
}
