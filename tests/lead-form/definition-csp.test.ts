import { expect, waitUntil } from '@open-wc/testing';
import type { CrmLeadForm } from '@crmkit/widgets';
import './reportable-failures.js';

// A form described by a <script type="application/json"> child on a page served
// with the strict policy of csp.test.ts (tests/lead-form/csp-middleware.mjs):
// the JSON is a data block, never executed, so `script-src 'self'` and Trusted
// Types have nothing to refuse. After the lead is delivered the browser follows
// the definition's redirect.

interface ProbeWindow extends Window {
  __cspViolations: unknown[];
}

async function definedFormPage(url: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.src = url;
  frame.style.cssText = 'width: 600px; height: 900px';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  try {
    const win = frame.contentWindow as ProbeWindow;
    const form = () => win.document.querySelector('crm-lead-form') as CrmLeadForm | null;
    const q = <T extends Element = HTMLInputElement>(sel: string) => form()!.shadowRoot!.querySelector(sel) as T;
    await waitUntil(() => form()?.shadowRoot?.querySelector('[name="custom.topic"]'), 'the definition never rendered', { timeout: 30000 });
    const f = form()!;
    expect([...f.shadowRoot!.querySelectorAll('[part="label"]')].map((l) => [...l.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE).map((c) => c.textContent).join('').trim())).to.deep.equal(['Ваше имя', 'Электронная почта', 'Тема', 'Согласен(на)']);
    const type = async (name: string, value: string) => {
      const el = q<HTMLInputElement>(`[name="${name}"]`);
      el.value = value;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true, composed: true }));
      await f.updateComplete;
    };
    await type('name', 'Строгая Страница');
    const email = `def-${Date.now()}@example.com`;
    await type('email', email);
    await type('custom.topic', 'demo');
    q('[name="consent"]').click();
    await f.updateComplete;
    expect(win.__cspViolations).to.deep.equal([]);
    q<HTMLButtonElement>('button[type=submit]').click();
    // Delivered, then the browser goes to the definition's redirect.
    await waitUntil(() => frame.contentWindow!.location.pathname === '/tests/lead-form/fixtures/thanks.html', 'no redirect after the lead was delivered', { timeout: 30000 });
    const stored = (await (await fetch('/__csp/intake')).json()) as { lead: { email: string; custom?: Record<string, unknown>; consent?: { text: string; version?: string } } }[];
    const lead = stored.find((s) => s.lead.email === email)?.lead;
    expect(lead?.custom).to.deep.equal({ topic: 'demo' });
    expect(lead?.consent).to.include({ text: 'Согласен(на)', version: 'csp-1' });
  } finally {
    frame.remove();
  }
}

describe('<crm-lead-form> with a definition under a strict Content-Security-Policy', () => {
  it('renders the JSON child with zero violations, submits, and follows the redirect', async function (this: { timeout(ms: number): void }) {
    this.timeout(60000);
    await definedFormPage('/__csp/lead-form-definition.html');
  });

  it('the built bundle too (its definition chunk included)', async function (this: { timeout(ms: number): void; skip(): void }) {
    this.timeout(60000);
    const built = await fetch('/packages/widgets/dist/lead-form.js', { method: 'HEAD' });
    if (!built.ok) return this.skip(); // not built yet: `npm test` builds before the browser tests
    await definedFormPage('/__csp/lead-form-definition.html?built');
  });
});
