// A plugin's widget extends the widgets' base theme from the public entry
// point (not from packages/widgets/src), and gets the host isolation and the
// --crm-* theming every built-in widget has.
import { expect, fixture, html } from '@open-wc/testing';
import { CSSResult, LitElement, css } from 'lit';
import { baseTheme } from '@crmkit/widgets';

class ThemedPluginWidget extends LitElement {
  static override styles = [baseTheme, css`.total { color: var(--_accent); }`];
  override render() {
    return html`<p class="total">42</p>`;
  }
}
customElements.define('t-themed-plugin-widget', ThemedPluginWidget);

describe('baseTheme from @crmkit/widgets', () => {
  it('is a Lit CSSResult a plugin widget can list in its styles', () => {
    expect(baseTheme).to.be.instanceOf(CSSResult);
  });

  it('isolates the host and takes the accent colour from --crm-color-accent', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--crm-color-accent: rgb(1, 2, 3); text-transform: uppercase">
      <t-themed-plugin-widget></t-themed-plugin-widget>
    </div>`);
    const el = wrapper.querySelector('t-themed-plugin-widget') as ThemedPluginWidget;
    await el.updateComplete;
    const total = el.shadowRoot!.querySelector('.total')!;
    expect(getComputedStyle(total).color).to.equal('rgb(1, 2, 3)');
    // `all: initial` on the host: the page's text-transform does not leak in.
    expect(getComputedStyle(el).textTransform).to.equal('none');
  });
});
