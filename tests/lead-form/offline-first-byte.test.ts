import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineLeadForm, type CrmLeadForm, type LeadQueuedDetail } from '@crmkit/widgets';
import './reportable-failures.js';

// Its own file, so its own browser context and module map: nothing here has
// loaded the form's submit code before the form does. The network switch and
// the intake are tests/lead-form/csp-middleware.mjs (cookie `lf-net`).

defineLeadForm();

const ID = `ofb${Date.now().toString(36)}`;
const net = async (on: boolean) => void (await fetch(`/__net/switch?id=${ID}&state=${on ? 'on' : 'off'}`));
const served = async () => (await (await fetch(`/__net/log?id=${ID}`)).json()) as string[];

async function fill(f: CrmLeadForm, name: string, value: string): Promise<void> {
  const el = f.shadowRoot!.querySelector(`[name="${name}"]`) as HTMLInputElement;
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await f.updateComplete;
}

describe('<crm-lead-form> offline from the first byte', () => {
  after(async () => {
    await net(true);
    document.cookie = 'lf-net=; path=/; max-age=0';
  });

  it('a visitor whose network drops before the first keystroke still queues the lead, delivered once when it returns', async function (this: { timeout(ms: number): void }) {
    this.timeout(90000); // a loaded machine may take a while to serve modules; nothing here asserts on time
    document.cookie = `lf-net=${ID}; path=/`;
    const f = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint=${`/__net/${ID}/intake`} form-id=${ID} min-fill-ms="0" fields="name,email"></crm-lead-form>`);
    // Nobody types, focuses or clicks. The visitor reads for a few seconds (the form fetches its
    // submit code when the browser is first idle, 2 s after rendering at the latest) …
    await new Promise((r) => setTimeout(r, 4000));
    const before = (await served()).length;

    // The connection drops. Every later request from this page fails at the network level.
    await net(false);
    const queued: LeadQueuedDetail[] = [];
    f.addEventListener('crm-lead-queued', (e) => queued.push((e as CustomEvent<LeadQueuedDetail>).detail));
    await fill(f, 'name', 'Offline Visitor');
    await fill(f, 'email', `${ID}@example.com`);
    (f.shadowRoot!.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => f.state === 'queued', `not queued (state ${f.state}: ${f.shadowRoot!.querySelector('[part="status"]')?.textContent ?? ''})`, { timeout: 20000 });
    expect(queued).to.have.length(1);

    // The network returns.
    await net(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => f.state === 'success', `not delivered (state ${f.state})`, { timeout: 30000 });
    const stored = ((await (await fetch(`/__net/${ID}/intake`)).json()) as { lead: { email: string } }[]).filter((s) => s.lead.email === `${ID}@example.com`);
    expect(stored).to.have.length(1);
    // While offline the page did try the network (so the test really was offline when it mattered).
    expect((await served()).length).to.be.greaterThan(before);
  });
});
