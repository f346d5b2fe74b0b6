import { expect, fixture, html } from '@open-wc/testing';
import { type LeadInput } from '@crmkit/core';
import { captureAttribution, LEAD_FORM_STRINGS, type CrmLeadForm } from '@crmkit/widgets';
import { FAST, posts, q, restForm, root, stateIs, submit, tick, type, useLeadBackend } from './helpers.js';

// Events, attribution, consent evidence, data-layer and spam flags as a site developer sees them.
describe('<crm-lead-form> for the site developer', () => {
  const b = useLeadBackend();
  let backend: ReturnType<typeof b>;
  beforeEach(() => {
    backend = b();
  });

  it('events bubble out of the shadow DOM with typed detail; crm-lead-submit can cancel', async () => {
    const f = await restForm(backend);
    const seen: string[] = [];
    for (const t of ['crm-lead-submit', 'crm-lead-created']) document.addEventListener(t, (e) => seen.push(`${e.type}:${(e as Event).composed}`), { once: true });
    const cancel = (e: Event) => e.preventDefault();
    f.addEventListener('crm-lead-submit', cancel, { once: true });
    await type(f, 'phone', '+1 555 010 9999');
    await submit(f);
    await new Promise((r) => setTimeout(r, 50));
    expect(posts(backend)).to.have.length(0);
    expect(f.state).to.equal('idle');
    await submit(f);
    await stateIs(f, 'success');
    expect(seen).to.deep.equal(['crm-lead-submit:true', 'crm-lead-created:true']);
  });

  it('attaches attribution, consent evidence, pipeline and hidden fields to the lead', async () => {
    sessionStorage.clear();
    captureAttribution(new URL('https://shop.example/landing?utm_source=google&utm_medium=cpc&utm_campaign=spring') as unknown as Location, 'https://www.google.com/');
    const f = await fixture<CrmLeadForm>(
      html`<crm-lead-form endpoint="/api/leads" locale="ru" min-fill-ms="0" form-id="contact" consent="https://example.com/privacy" consent-version="2026-01" pipeline="leads" hidden-fields="product=pro&plan=annual" .delivery=${FAST}></crm-lead-form>`,
    );
    await type(f, 'phone', '+7 999 123-45-67');
    await tick(f, 'consent');
    await submit(f);
    await stateIs(f, 'success');
    const lead = backend.stored('rest')[0]!.data as LeadInput & { custom: Record<string, unknown> };
    expect(lead.source).to.deep.include({ channel: 'web-form', referrer: 'https://www.google.com/', landingPage: 'https://shop.example/landing?utm_source=google&utm_medium=cpc&utm_campaign=spring', formId: 'contact' });
    expect(lead.source?.utm).to.deep.equal({ source: 'google', medium: 'cpc', campaign: 'spring' });
    expect(lead.consent).to.deep.include({ text: LEAD_FORM_STRINGS.ru.consent, url: 'https://example.com/privacy', version: '2026-01', locale: 'ru', pageUrl: location.href });
    expect(Date.parse(lead.consent!.at)).to.be.closeTo(Date.now(), 10_000);
    expect(lead.pipelineId).to.equal('leads');
    expect(lead.custom).to.deep.include({ product: 'pro', plan: 'annual' });
  });

  it('consent="/privacy" (relative) is a link under the localized sentence; the evidence is that sentence and the full URL', async () => {
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" locale="ru" min-fill-ms="0" consent="/privacy" .delivery=${FAST}></crm-lead-form>`);
    expect(q(f, 'label[for="f-consent"]').textContent).to.contain(LEAD_FORM_STRINGS.ru.consent);
    expect(q(f, 'label[for="f-consent"]').textContent).to.not.contain('/privacy');
    const link = q<HTMLAnchorElement>(f, '[part~="consent"] a');
    expect(link?.href).to.equal(new URL('/privacy', location.href).href);
    expect(link?.textContent).to.equal(LEAD_FORM_STRINGS.ru.consentPolicy);
    await type(f, 'phone', '+7 999 123-45-67');
    await tick(f, 'consent');
    await submit(f);
    await stateIs(f, 'success');
    const lead = backend.stored('rest')[0]!.data as LeadInput;
    expect(lead.consent).to.deep.include({ text: LEAD_FORM_STRINGS.ru.consent, url: new URL('/privacy', location.href).href, locale: 'ru' });
    // A sentence that merely contains a slash stays a sentence.
    const g = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" consent="I agree to the terms 1/2"></crm-lead-form>`);
    expect(q(g, 'label[for="f-consent"]').textContent).to.contain('I agree to the terms 1/2');
    expect(root(g).querySelector('[part~="consent"] a')).to.equal(null);
  });

  it('data-layer: each event also goes to window.dataLayer (or the named array) for tag managers, without what the visitor typed', async () => {
    const w = window as unknown as { dataLayer?: unknown[]; crmEvents?: unknown[] };
    delete w.dataLayer;
    w.crmEvents = [{ event: 'gtm.js' }];
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="dl" min-fill-ms="0" data-layer .delivery=${FAST}></crm-lead-form>`);
    await type(f, 'email', 'secret.person@example.com');
    await submit(f);
    await stateIs(f, 'success');
    const events = (w.dataLayer ?? []) as { event: string; formId?: string; idempotencyKey?: string }[];
    expect(events.map((e) => e.event)).to.deep.equal(['crm-lead-submit', 'crm-lead-created']);
    expect(events[1]).to.deep.include({ formId: 'dl', spam: false });
    expect(events[1]!.idempotencyKey).to.be.a('string');
    expect(JSON.stringify(events)).to.not.contain('secret.person');
    // A named array, kept as the page made it (a tag manager's own array with entries already in it).
    const g = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="dl2" min-fill-ms="0" data-layer="crmEvents" .delivery=${FAST}></crm-lead-form>`);
    await type(g, 'phone', '+1 555 010 9999');
    await submit(g);
    await stateIs(g, 'success');
    expect((w.crmEvents as { event: string }[]).map((e) => e.event)).to.deep.equal(['gtm.js', 'crm-lead-submit', 'crm-lead-created']);
    expect(w.dataLayer).to.have.length(2);
    delete w.dataLayer;
    delete w.crmEvents;
  });
});
