import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { VALIDATION_MESSAGES, type LeadInput } from '@crmkit/core';
import { LEAD_FORM_STRINGS, type CrmLeadForm } from '@crmkit/widgets';
import { FAST, focused, posts, q, restForm, root, setOnline, stateIs, submit, tick, type, useLeadBackend, where } from './helpers.js';

// Rendering, labels, errors, languages, drafts, hostile input, and axe in every state.
describe('<crm-lead-form> for the visitor', () => {
  const b = useLeadBackend();
  let backend: ReturnType<typeof b>;
  beforeEach(() => {
    backend = b();
  });

  it('labels every field, is axe-clean when empty, and keyboard reaches every control', async () => {
    const f = await restForm(backend, 'https://example.com/privacy');
    for (const name of ['name', 'phone', 'email', 'message', 'consent']) {
      const input = q(f, `[name="${name}"]`);
      expect(input, name).to.exist;
      expect(root(f).querySelector(`label[for="${input.id}"]`), `label of ${name}`).to.exist;
    }
    expect(q<HTMLInputElement>(f, '[name="consent"]').checked, 'consent starts unticked').to.equal(false);
    // Tab order: every visible control, nothing hidden (the honeypot is out of it).
    const tabbable = [...root(f).querySelectorAll('input,textarea,button,a')].filter((e) => (e as HTMLElement).tabIndex >= 0);
    expect(tabbable.map((e) => e.getAttribute('name') ?? e.tagName.toLowerCase())).to.deep.equal(['name', 'phone', 'email', 'message', 'consent', 'a', 'button']);
    await expect(f).to.be.accessible();
  });

  it('shows errors tied to their fields, focuses the summary, and stays axe-clean', async () => {
    const f = await restForm(backend, 'https://example.com/privacy');
    f.required = 'name';
    await type(f, 'email', 'not-an-email');
    await submit(f);
    expect(f.state).to.equal('invalid');
    const summary = q<HTMLElement>(f, '[part="error-summary"]');
    expect(summary).to.exist;
    // A named group (aria-labelledby on a plain div names nothing), named by its visible title.
    expect(summary.getAttribute('role')).to.be.oneOf(['group', 'alert']);
    expect(root(f).getElementById(summary.getAttribute('aria-labelledby')!)?.textContent?.trim()).to.equal(LEAD_FORM_STRINGS.en.summaryTitle);
    expect(focused(f)).to.equal(where(summary));
    const name = q(f, '[name="name"]');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    const err = root(f).getElementById(name.getAttribute('aria-describedby')!);
    expect(err?.textContent).to.equal(VALIDATION_MESSAGES.en.required);
    const email = q(f, '[name="email"]');
    expect(root(f).getElementById(email.getAttribute('aria-describedby')!)?.textContent).to.equal(VALIDATION_MESSAGES.en.invalid_email);
    expect(root(f).getElementById(q(f, '[name="consent"]').getAttribute('aria-describedby')!)?.textContent).to.equal(LEAD_FORM_STRINGS.en.consentRequired);
    // A summary link moves focus to its field.
    (summary.querySelector('a') as HTMLAnchorElement).click();
    expect(focused(f)).to.equal(where(name));
    expect(location.hash).to.equal('');
    expect(posts(backend)).to.have.length(0);
    await expect(f).to.be.accessible();
    // Fixing a field clears its error as the visitor types.
    await type(f, 'name', 'Ann');
    expect(name.getAttribute('aria-invalid')).to.equal('false');
  });

  it('requires a phone or an email (core rule) and speaks the visitor’s language, switching at run time', async () => {
    const f = await restForm(backend);
    f.locale = 'ru';
    await submit(f);
    expect(q(f, 'label[for="f-phone"]').textContent).to.contain(LEAD_FORM_STRINGS.ru.phone);
    expect(q(f, '#err-phone').textContent).to.equal(VALIDATION_MESSAGES.ru.phone_or_email);
    for (const locale of ['zh', 'mn', 'uz'] as const) {
      f.locale = locale;
      await f.updateComplete;
      await f.updateComplete;
      expect(q(f, 'label[for="f-phone"]').textContent).to.contain(LEAD_FORM_STRINGS[locale].phone);
      expect(q(f, '#err-phone').textContent).to.equal(VALIDATION_MESSAGES[locale].phone_or_email);
    }
    // Without `locale`, the nearest `lang` decides.
    f.locale = undefined;
    f.setAttribute('lang', 'ru');
    await f.updateComplete;
    expect(q(f, 'button[type=submit]').textContent).to.equal(LEAD_FORM_STRINGS.ru.submit);
  });

  it('keeps a draft across a reload until the lead is submitted', async () => {
    const make = () => fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="draft-test" min-fill-ms="0" .delivery=${FAST}></crm-lead-form>`);
    const a = await make();
    await type(a, 'name', 'Борис');
    await type(a, 'message', 'Перезвоните после обеда');
    a.remove();
    const b = await make(); // the "reloaded" page
    expect(q<HTMLInputElement>(b, '[name="name"]').value).to.equal('Борис');
    expect(q<HTMLTextAreaElement>(b, '[name="message"]').value).to.equal('Перезвоните после обеда');
    await type(b, 'phone', '+7 999 123-45-67');
    await submit(b);
    await stateIs(b, 'success');
    const c = await make();
    expect(q<HTMLInputElement>(c, '[name="name"]').value).to.equal('');
  });

  it('shows hostile input as text everywhere (XSS payloads in every field, label, consent and server message)', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    (window as { __xss?: number }).__xss = undefined;
    const f = await restForm(backend);
    f.consent = payload;
    f.successMessage = payload;
    f.customFields = [{ name: 'note', label: payload, hint: payload }];
    await f.updateComplete;
    await type(f, 'name', payload);
    await type(f, 'phone', '+1 555 010 9999');
    await type(f, 'email', 'x@example.com');
    await type(f, 'message', payload);
    await type(f, 'custom.note', payload);
    await tick(f, 'consent');
    await submit(f);
    await stateIs(f, 'success');
    expect(root(f).querySelector('img,script:not([src])')).to.equal(null);
    expect(q(f, '[part="status"]').textContent).to.contain('<img src=x');
    const lead = backend.stored('rest')[0]!.data as LeadInput & { custom: Record<string, string> };
    expect(lead.name).to.equal(payload);
    expect(lead.message).to.equal(payload);
    expect(lead.custom['note']).to.equal(payload);
    // A server's field message (shown on its field) is text too; its general message is never shown.
    const g = await restForm(backend);
    g.crm = undefined;
    g.connector = { name: 'evil', deliver: async () => ({ ok: false, retry: false, status: 422, message: payload, fieldErrors: [{ path: ['phone'], code: 'invalid_phone', message: payload }] }) };
    await type(g, 'phone', '+1 555 010 9999');
    await submit(g);
    await stateIs(g, 'invalid');
    expect(q(g, '#err-phone').textContent).to.contain('<script>');
    expect(root(g).querySelector('img')).to.equal(null);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('is axe-clean while sending, queued offline, after success and after a refusal', async () => {
    const slow: { release?: () => void } = {};
    const f = await restForm(backend);
    f.connector = { name: 'slow', deliver: () => new Promise((r) => (slow.release = () => r({ ok: true, leadId: 'L1' }))) };
    await type(f, 'phone', '+1 555 010 9999');
    await submit(f);
    await waitUntil(() => slow.release, 'delivery never started');
    expect(f.state).to.equal('sending');
    expect(q(f, 'button[type=submit]').getAttribute('aria-disabled')).to.equal('true');
    await expect(f).to.be.accessible();
    slow.release!();
    await stateIs(f, 'success');
    expect(focused(f)).to.equal(where(q(f, '[part="status"]')));
    await expect(f).to.be.accessible();

    setOnline(false);
    const g = await restForm(backend);
    // The network stays down for this form: every attempt fails and is to be retried.
    g.connector = { name: 'down', deliver: async () => ({ ok: false, retry: true, message: 'network down' }) };
    await type(g, 'phone', '+1 555 010 9999');
    await submit(g);
    await stateIs(g, 'queued');
    expect(q(g, '[part="status"]').textContent).to.contain(LEAD_FORM_STRINGS.en.queued);
    await expect(g).to.be.accessible();
    setOnline(true);

    const h = await restForm(backend);
    h.connector = { name: 'no', deliver: async () => ({ ok: false, retry: false, status: 403, message: 'Origin not allowed' }) };
    await type(h, 'phone', '+1 555 010 9999');
    await submit(h);
    await stateIs(h, 'failed');
    expect(q(h, '[part="status"]').textContent?.trim()).to.equal(LEAD_FORM_STRINGS.en.refusedClosed);
    await expect(h).to.be.accessible();
  });
});
