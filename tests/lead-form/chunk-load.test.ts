import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineLeadForm, LEAD_FORM_STRINGS, type CrmLeadForm, type LeadErrorDetail } from '@crmkit/widgets';
import './reportable-failures.js';

// Its own file, so its own browser context and module map: the form's submit
// chunk has not been loaded here. The page's network is cut (the switch in
// tests/lead-form/csp-middleware.mjs, cookie `lf-net`) before the form is
// even created, as when a CDN serves lead-form.js but its chunks are refused
// (no CORS headers) or the connection is gone.

defineLeadForm();

const ID = `cl${Date.now().toString(36)}`;
const net = async (on: boolean) => void (await fetch(`/__net/switch?id=${ID}&state=${on ? 'on' : 'off'}`));

describe('<crm-lead-form> when its submit code cannot load', () => {
  after(async () => {
    await net(true);
    document.cookie = 'lf-net=; path=/; max-age=0';
  });

  it('says so visibly in the form’s language, keeps the draft, fires crm-lead-error, and tells the developer why', async function (this: { timeout(ms: number): void }) {
    this.timeout(60000);
    document.cookie = `lf-net=${ID}; path=/`;
    await net(false);
    const logged: string[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
    try {
      const f = await fixture<CrmLeadForm>(html`<crm-lead-form locale="ru" endpoint="/api/leads" form-id=${ID} min-fill-ms="0" fields="name,email"></crm-lead-form>`);
      const errors: LeadErrorDetail[] = [];
      f.addEventListener('crm-lead-error', (e) => errors.push((e as CustomEvent<LeadErrorDetail>).detail));
      const email = f.shadowRoot!.querySelector('[name="email"]') as HTMLInputElement;
      email.value = `${ID}@example.com`;
      email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      (f.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
      await waitUntil(() => f.state === 'failed', `no visible failure (state ${f.state})`, { timeout: 40000 });
      await f.updateComplete;
      const status = f.shadowRoot!.querySelector('[part="status"]') as HTMLElement;
      expect(status.textContent?.trim()).to.equal(LEAD_FORM_STRINGS.ru.failedLoad);
      expect(status.classList.contains('failed'), 'styled as the form’s error state').to.equal(true);
      expect(getComputedStyle(status).borderTopStyle).to.equal('solid');
      // One action: the form's own button, now reading "try again".
      expect([...f.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.deep.equal([LEAD_FORM_STRINGS.ru.retry]);
      expect(errors.map((e) => e.kind)).to.deep.equal(['load']);
      expect(logged.some((l) => l.includes('crm-lead-form') && l.includes('CORS')), 'a console hint for the site developer').to.equal(true);
      // Nothing typed is lost: the draft still holds it.
      expect(JSON.stringify({ ...localStorage })).to.contain(`${ID}@example.com`);
      await net(true); // the accessibility checker loads its own code
      await expect(f).to.be.accessible();
    } finally {
      console.error = orig;
    }
  });
});
