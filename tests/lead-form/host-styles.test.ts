import { expect, fixture, html } from '@open-wc/testing';
import { defineLeadForm, type CrmLeadForm } from '@crmkit/widgets';

import { addPageStyle } from './page-style.js';

defineLeadForm();

/** Properties a page can pass down to an element it styles, and the value the form must show instead. */
const INHERITED: ReadonlyArray<[property: string, pageValue: string, formValue: string]> = [
  ['text-shadow', '2px 2px 0 red', 'none'],
  ['text-indent', '40px', '0px'],
  ['cursor', 'wait', 'auto'],
  ['font-style', 'italic', 'normal'],
  ['letter-spacing', '3px', 'normal'],
  ['word-spacing', '9px', '0px'],
  ['text-transform', 'uppercase', 'none'],
  ['text-align', 'right', 'start'],
  ['white-space', 'pre', 'normal'],
  ['word-break', 'break-all', 'normal'],
  ['visibility', 'hidden', 'visible'],
  ['writing-mode', 'vertical-rl', 'horizontal-tb'],
  ['-webkit-text-stroke-width', '2px', '0px'],
  ['pointer-events', 'none', 'auto'],
];

describe('<crm-lead-form> on a page that styles everything', () => {
  it('a page rule on the host itself (* { all: unset }) passes nothing inherited into the form', async () => {
    const rules = INHERITED.map(([p, v]) => `${p}: ${v};`).join(' ');
    const removeStyle = addPageStyle(`* { all: unset } .page { ${rules} }`);
    try {
      const wrap = await fixture<HTMLDivElement>(html`<div class="page"><crm-lead-form endpoint="/api/leads" fields="name,phone"></crm-lead-form></div>`);
      const f = wrap.querySelector('crm-lead-form') as CrmLeadForm;
      await f.updateComplete;
      // The page's rule really reaches the host (so the test would see a leak).
      expect(getComputedStyle(f).getPropertyValue('text-shadow')).to.contain('2px');
      // The form element inherits from the form's root and has no UA rule of its own for these.
      const form = f.shadowRoot!.querySelector('form')!;
      for (const [property, , formValue] of INHERITED) {
        expect(getComputedStyle(form).getPropertyValue(property), property).to.equal(formValue);
      }
    } finally {
      removeStyle();
    }
  });
});
