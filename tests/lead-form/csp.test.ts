import { expect, waitUntil } from '@open-wc/testing';
import type { CrmLeadForm } from '@crmkit/widgets';
import './reportable-failures.js';

// The page comes from tests/lead-form/csp-middleware.mjs with
// `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; require-trusted-types-for 'script'`.

interface ProbeWindow extends Window {
  __cspViolations: { directive: string; blocked: string; sample: string }[];
}

async function openPage(url: string): Promise<{ frame: HTMLIFrameElement; win: ProbeWindow; form: CrmLeadForm }> {
  const frame = document.createElement('iframe');
  frame.src = url;
  frame.style.cssText = 'width: 600px; height: 900px';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as ProbeWindow;
  await waitUntil(() => win.customElements.get('crm-lead-form') && win.document.querySelector('crm-lead-form')?.shadowRoot?.querySelector('form'), 'the form never rendered', { timeout: 10000 });
  return { frame, win, form: win.document.querySelector('crm-lead-form') as CrmLeadForm };
}

async function fill(form: CrmLeadForm, name: string, value: string): Promise<void> {
  const el = form.shadowRoot!.querySelector(`[name="${name}"]`) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await form.updateComplete;
}

async function renderValidateSubmit(url: string, email: string): Promise<void> {
  const { frame, win, form } = await openPage(url);
  try {
    // Validate: empty submit shows errors.
    // (The validator arrives with the submit chunk, fetched right after the first render.)
    (form.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
    // A loaded machine may take a while to serve the submit chunk; nothing here asserts on time.
    await waitUntil(() => form.state === 'invalid', `no validation (state ${form.state})`, { timeout: 30000 });
    expect(form.shadowRoot!.querySelector('[part="error-summary"]')).to.exist;
    // Fill and submit.
    await fill(form, 'name', 'Strict Page');
    await fill(form, 'email', email);
    (form.shadowRoot!.querySelector('[name="consent"]') as HTMLInputElement).click();
    await form.updateComplete;
    (form.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => form.state === 'success', `no success (state ${form.state})`, { timeout: 10000 });
    const stored = (await (await fetch('/__csp/intake')).json()) as { lead: { email: string } }[];
    expect(stored.some((s) => s.lead.email === email)).to.equal(true);
    // The form is styled (adopted style sheets are allowed by style-src 'self').
    const input = form.shadowRoot!.querySelector('[name="name"]') ?? form.shadowRoot!.querySelector('button')!;
    expect(win.getComputedStyle(input).borderRadius).to.not.equal('0px');
    expect(win.__cspViolations).to.deep.equal([]);
    // Positive control: the probe does see a violation when there is one.
    win.document.body.setAttribute('style', 'color: red');
    await waitUntil(() => win.__cspViolations.length > 0, 'the probe reports nothing', { timeout: 3000 });
  } finally {
    frame.remove();
  }
}

describe('<crm-lead-form> under a strict Content-Security-Policy with Trusted Types', () => {
  it('the page is really served with the strict policy', async () => {
    const res = await fetch('/__csp/lead-form.html');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("require-trusted-types-for 'script'");
    expect(csp).to.not.contain('unsafe');
  });

  it('renders, validates and submits with zero violations', async function (this: { timeout(ms: number): void; skip(): void }) {
    this.timeout(60000); // the page loads its whole module graph itself
    await renderValidateSubmit('/__csp/lead-form.html', 'strict@example.com');
  });

  it('the built single-file bundle (dist/lead-form.js) too, with its lazy chunks', async function (this: { timeout(ms: number): void; skip(): void }) {
    this.timeout(60000);
    const built = await fetch('/packages/widgets/dist/lead-form.js', { method: 'HEAD' });
    if (!built.ok) return this.skip(); // not built yet: `npm test` builds before the browser tests
    await renderValidateSubmit('/__csp/lead-form.html?built', 'built@example.com');
  });
});
