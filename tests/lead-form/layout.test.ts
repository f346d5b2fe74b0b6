import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineLeadForm, type CrmLeadForm } from '@crmkit/widgets';

import { addPageStyle } from './page-style.js';

defineLeadForm();

const DANGER = 'rgb(179, 38, 30)'; // --crm-color-danger's default, #b3261e

/** Each case runs on a bare page and under a hostile page stylesheet. */
const PAGES: ReadonlyArray<[string, string]> = [
  ['a bare page', ''],
  ['a page that styles everything', '* { all: unset } input { display: none } button { margin-top: 40px }'],
];

for (const [page, css] of PAGES) {
  describe(`<crm-lead-form> errors on ${page}`, () => {
    let removeStyle: () => void;
    beforeEach(() => {
      removeStyle = addPageStyle(css);
    });
    afterEach(() => removeStyle());

    it('an error shown on blur of the last field does not move the Send button (the click lands)', async () => {
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" fields="name,email"></crm-lead-form>`);
      const root = f.shadowRoot!;
      const email = root.querySelector('[name="email"]') as HTMLInputElement;
      const button = root.querySelector('button[type=submit]') as HTMLButtonElement;
      email.focus();
      email.value = 'not an email';
      email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await f.updateComplete;
      const before = button.getBoundingClientRect();
      email.blur();
      await waitUntil(() => root.querySelector('#err-email')!.textContent!.trim() !== '', 'no error after blur', { timeout: 10000 });
      await f.updateComplete;
      const after = button.getBoundingClientRect();
      expect(after.top).to.equal(before.top);
      expect(after.left).to.equal(before.left);
    });

    it('an invalid field gets the danger border', async () => {
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" fields="name,phone" required="name"></crm-lead-form>`);
      (f.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
      await waitUntil(() => f.state === 'invalid', `no validation (state ${f.state})`, { timeout: 10000 });
      const name = f.shadowRoot!.querySelector('[name="name"]') as HTMLInputElement;
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect(getComputedStyle(name).borderTopColor).to.equal(DANGER);
      expect(getComputedStyle(name).borderTopWidth).to.equal('2px');
    });
  });
}
