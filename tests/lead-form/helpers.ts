// Shared by the lead form's browser tests (tests/lead-form/*.test.ts): a form in a fixture, typing and clicking as a
// visitor does, the page's outbox, the network switch, and the mock backend every suite starts the same way.
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { LeadSubmission } from '@crmkit/core';
import { mockBackend, type MockBackend, type ReceivedRequest } from '@crmkit/plugin-channels';
import { defineLeadForm, pageDrainer, type CrmLeadForm } from '@crmkit/widgets';
import './reportable-failures.js';

defineLeadForm();

/** How long a suite's `before` may take to start msw's service worker (slow on a loaded machine; a test gets 20 s). */
export const MSW_START_TIMEOUT_MS = 90_000;
export const FAST = { baseDelayMs: 5, maxDelayMs: 40 };
export const root = (f: CrmLeadForm) => f.shadowRoot!;
export const q = <T extends Element = HTMLInputElement>(f: CrmLeadForm, sel: string) => root(f).querySelector(sel) as T;

export async function type(f: CrmLeadForm, name: string, value: string): Promise<void> {
  const el = q<HTMLInputElement>(f, `[name="${name}"]`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await f.updateComplete;
}
export async function tick(f: CrmLeadForm, name: string): Promise<void> {
  q<HTMLInputElement>(f, `[name="${name}"]`).click();
  await f.updateComplete;
}
export async function submit(f: CrmLeadForm): Promise<void> {
  q<HTMLButtonElement>(f, 'button[type=submit]').click();
  await f.updateComplete;
}
export const stateIs = (f: CrmLeadForm, s: string) => waitUntil(() => f.state === s, `form never reached "${s}" (is "${f.state}")`, { timeout: 5000 });

/**
 * The shadow root's active element, described in words: a failed assertion
 * must not carry a DOM node, which the test runner cannot send back (the
 * whole file then hangs instead of failing).
 */
export const where = (el: Element | null) => (el ? `${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}` : 'nothing');
export const focused = (f: CrmLeadForm) => where(root(f).activeElement);

export async function clearOutbox(): Promise<void> {
  const d = pageDrainer();
  for (const r of await d.list()) await d.outbox.delete(r.key);
  localStorage.clear();
}

/**
 * This form's outbox record, found by its form id: a pass still running for an
 * earlier test may write that test's record back after `clearOutbox`, so the
 * oldest record is not necessarily this test's.
 */
export async function recordOf(f: CrmLeadForm) {
  const formId = f.getAttribute('form-id');
  return (await pageDrainer().list()).find((r) => r.submission.formId === formId);
}

export function setOnline(on: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => on });
}

let n = 0;
/** A form posting to its own endpoint path, so tests never see each other's leads. */
export async function restForm(backend: MockBackend, extra = ''): Promise<CrmLeadForm> {
  const f = await fixture<CrmLeadForm>(
    html`<crm-lead-form endpoint="/api/leads" form-id=${`t${++n}`} min-fill-ms="0" fields="name,phone,email,message" .delivery=${FAST}></crm-lead-form>`,
  );
  if (extra) f.setAttribute('consent', extra);
  await f.updateComplete;
  void backend;
  return f;
}

/**
 * Starts the mock backend (msw) for a suite and the submit code before its first test, resets both before each test,
 * and returns a getter for the backend. Call at the top of a `describe`.
 */
export function useLeadBackend(): () => MockBackend {
  let backend: MockBackend | undefined;
  before(async function (this: { timeout(ms: number): void }) {
    // The service worker msw starts can take far longer than a test on a busy machine (it timed out at 20 s once).
    this.timeout(MSW_START_TIMEOUT_MS);
    backend = mockBackend({ restEndpoint: '/api/leads' });
    await backend.start();
    // The submit code (validation, outbox, delivery) loads after the first render; these tests start once it is
    // here, as a visitor's first click usually does (offline-first-byte.test.ts covers a click before it).
    const warm = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="warm-up"></crm-lead-form>`);
    await submit(warm);
    await stateIs(warm, 'invalid');
    warm.remove();
  });
  after(() => backend?.stop());
  beforeEach(async () => {
    backend!.reset();
    setOnline(true);
    await clearOutbox();
  });
  return () => backend!;
}

/** Lead posts only: a form posting to an intake also asks it (GET) for a signed form token. */
export const isPost = (r: ReceivedRequest) => r.method === 'POST';
/** The lead posts the REST intake received (every attempt). */
export const posts = (backend: MockBackend) => backend.received('rest').filter(isPost);

/** A submission as the form would queue it, with a fresh idempotency key. */
export function submission(): LeadSubmission {
  const key = `k-${Math.random().toString(36).slice(2)}`;
  return { idempotencyKey: key, submittedAt: new Date().toISOString(), lead: { phone: '+1 555 010 9999', idempotencyKey: key } };
}
