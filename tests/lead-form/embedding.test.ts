import { expect, fixture, html } from '@open-wc/testing';
import { createCrm, definePlugin, memoryStore } from '@crmkit/core';
import { type CrmLeadForm } from '@crmkit/widgets';
import { FAST, q, restForm, stateIs, submit, type, useLeadBackend } from './helpers.js';
import { addPageStyle } from './page-style.js';

// Embedding: a crm on the page, several forms, hostile host CSS.
describe('<crm-lead-form> on a page', () => {
  const b = useLeadBackend();
  let backend: ReturnType<typeof b>;
  beforeEach(() => {
    backend = b();
  });

  it('delivers to a crm on the page, running its form:beforeSubmit hook (captcha tokens) and the beforeSubmit property', async () => {
    const crm = await createCrm({
      store: memoryStore(),
      automationIntervalMs: false,
      plugins: [definePlugin({ name: 'captcha', hooks: { 'form:beforeSubmit': (p) => ({ ...p, lead: { ...p.lead, custom: { ...p.lead.custom, captchaToken: 'tok-1' } } }) } })],
    });
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="0" .crm=${crm} .delivery=${FAST}></crm-lead-form>`);
    f.beforeSubmit = ({ lead }) => ({ lead: { ...lead, message: `${lead.message ?? ''}[checked]` } });
    await type(f, 'name', 'Local');
    await type(f, 'email', 'local@example.com');
    await submit(f);
    await stateIs(f, 'success');
    const leads = await crm.leads.list();
    expect(leads).to.have.length(1);
    expect(leads[0]!.custom['captchaToken']).to.equal('tok-1');
    expect(leads[0]!.message).to.equal('[checked]');
    await crm.close();
  });

  it('several forms on a page, and forms added later, each send their own lead', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <crm-lead-form endpoint="/api/leads" form-id="one" min-fill-ms="0" .delivery=${FAST}></crm-lead-form>
      <crm-lead-form endpoint="/api/leads" form-id="two" min-fill-ms="0" .delivery=${FAST}></crm-lead-form>
    </div>`);
    const later = document.createElement('crm-lead-form');
    later.setAttribute('endpoint', '/api/leads');
    later.setAttribute('form-id', 'three');
    later.setAttribute('min-fill-ms', '0');
    later.delivery = FAST;
    wrap.append(later);
    const forms = [...wrap.querySelectorAll('crm-lead-form')];
    await Promise.all(forms.map((f) => f.updateComplete));
    for (const [i, f] of forms.entries()) await type(f, 'phone', `+1 555 010 000${i}`);
    for (const f of forms) await submit(f);
    for (const f of forms) await stateIs(f, 'success');
    expect(backend.stored('rest').map((s) => (s.data['source'] as { formId: string }).formId).sort()).to.deep.equal(['one', 'three', 'two']);
  });

  it('hostile host CSS (* { all: unset }, input { display: none }) neither breaks the form nor is touched by it', async () => {
    const removeStyle = addPageStyle('* { all: unset } input { display: none } button { visibility: hidden } label { font-size: 2px }');
    try {
      const f = await restForm(backend);
      const input = q(f, '[name="phone"]');
      expect(getComputedStyle(input).display).to.equal('block');
      expect(input.getBoundingClientRect().height).to.be.greaterThan(20);
      expect(getComputedStyle(q(f, 'button[type=submit]')).visibility).to.equal('visible');
      expect(getComputedStyle(q(f, 'label')).fontSize).to.not.equal('2px');
      // …and the form's styles stay inside: a page input keeps the page's rule.
      const pageInput = document.createElement('input');
      document.body.append(pageInput);
      expect(getComputedStyle(pageInput).display).to.equal('none');
      pageInput.remove();
      await type(f, 'phone', '+1 555 010 9999');
      await submit(f);
      await stateIs(f, 'success');
    } finally {
      removeStyle();
    }
  });
});
