import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineLeadForm, LEAD_FORM_STRINGS, registerTranslation, type CrmLeadForm } from '@crmkit/widgets';
import './reportable-failures.js';

// Its own file, so the submit chunk (which brings the after-submit strings)
// loads only after the site's override below.

defineLeadForm();

describe('<crm-lead-form> strings a site overrides', () => {
  it('a site’s override registered before the first form keeps its value (the shipped tables load after it)', async () => {
    registerTranslation('ru', { leadForm: { submit: 'Жду звонка' } });
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form locale="ru" endpoint="/api/leads" fields="name,email"></crm-lead-form>`);
    expect(f.shadowRoot!.querySelector('button[type=submit]')?.textContent?.trim()).to.equal('Жду звонка');
  });

  it('an override of an after-submit string survives the submit code loading its own tables', async function (this: { timeout(ms: number): void }) {
    this.timeout(40000);
    registerTranslation('ru', { leadForm: { summaryTitle: 'Проверьте поля:' } });
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form locale="ru" endpoint="/api/leads" fields="name,email"></crm-lead-form>`);
    (f.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => f.state === 'invalid', `no validation (state ${f.state})`, { timeout: 30000 });
    await f.updateComplete;
    expect(f.shadowRoot!.querySelector('#summary-title')?.textContent?.trim()).to.equal('Проверьте поля:');
    // Keys the site left alone come from the shipped tables, in the visitor's language.
    expect(f.shadowRoot!.querySelector('#err-email')?.textContent).to.not.equal('');
    f.locale = 'en';
    await f.updateComplete;
    expect(f.shadowRoot!.querySelector('#summary-title')?.textContent?.trim()).to.equal(LEAD_FORM_STRINGS.en.summaryTitle);
  });
});
