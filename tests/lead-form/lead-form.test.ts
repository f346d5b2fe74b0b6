import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './reportable-failures.js';
import { createCrm, definePlugin, memoryStore, VALIDATION_MESSAGES, type LeadConnector, type LeadInput, type LeadSubmission } from '@crmkit/core';
import { mockBackend, type MockBackend } from '@crmkit/plugin-channels';
import {
  captureAttribution,
  defineLeadForm,
  LEAD_FORM_STRINGS,
  OutboxDrainer,
  pageDrainer,
  type CrmLeadForm,
  type LeadCreatedDetail,
  type LeadErrorDetail,
  type LeadQueuedDetail,
} from '@crmkit/widgets';

defineLeadForm();

const FAST = { baseDelayMs: 5, maxDelayMs: 40 };
const root = (f: CrmLeadForm) => f.shadowRoot!;
const q = <T extends Element = HTMLInputElement>(f: CrmLeadForm, sel: string) => root(f).querySelector(sel) as T;

async function type(f: CrmLeadForm, name: string, value: string): Promise<void> {
  const el = q<HTMLInputElement>(f, `[name="${name}"]`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await f.updateComplete;
}
async function tick(f: CrmLeadForm, name: string): Promise<void> {
  q<HTMLInputElement>(f, `[name="${name}"]`).click();
  await f.updateComplete;
}
async function submit(f: CrmLeadForm): Promise<void> {
  q<HTMLButtonElement>(f, 'button[type=submit]').click();
  await f.updateComplete;
}
const stateIs = (f: CrmLeadForm, s: string) => waitUntil(() => f.state === s, `form never reached "${s}" (is "${f.state}")`, { timeout: 5000 });

/**
 * The shadow root's active element, described in words: a failed assertion
 * must not carry a DOM node, which the test runner cannot send back (the
 * whole file then hangs instead of failing).
 */
const where = (el: Element | null) => (el ? `${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}` : 'nothing');
const focused = (f: CrmLeadForm) => where(root(f).activeElement);

async function clearOutbox(): Promise<void> {
  const d = pageDrainer();
  for (const r of await d.list()) await d.outbox.delete(r.key);
  localStorage.clear();
}

/**
 * This form's outbox record, found by its form id: a pass still running for an
 * earlier test may write that test's record back after `clearOutbox`, so the
 * oldest record is not necessarily this test's.
 */
async function recordOf(f: CrmLeadForm) {
  const formId = f.getAttribute('form-id');
  return (await pageDrainer().list()).find((r) => r.submission.formId === formId);
}

function setOnline(on: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => on });
}

let n = 0;
/** A form posting to its own endpoint path, so tests never see each other's leads. */
async function restForm(backend: MockBackend, extra = ''): Promise<CrmLeadForm> {
  const f = await fixture<CrmLeadForm>(
    html`<crm-lead-form endpoint="/api/leads" form-id=${`t${++n}`} min-fill-ms="0" fields="name,phone,email,message" .delivery=${FAST}></crm-lead-form>`,
  );
  if (extra) f.setAttribute('consent', extra);
  await f.updateComplete;
  void backend;
  return f;
}

describe('<crm-lead-form>', () => {
  let backend: MockBackend;
  before(async () => {
    backend = mockBackend({ restEndpoint: '/api/leads' });
    await backend.start();
    // The submit code (validation, outbox, delivery) loads after the first render; these tests start once it is
    // here, as a visitor's first click usually does (offline-first-byte.test.ts covers a click before it).
    const warm = await fixture<CrmLeadForm>(html`<crm-lead-form endpoint="/api/leads" form-id="warm-up"></crm-lead-form>`);
    await submit(warm);
    await stateIs(warm, 'invalid');
    warm.remove();
  });
  after(() => backend.stop());
  beforeEach(async () => {
    backend.reset();
    setOnline(true);
    await clearOutbox();
  });

  describe('for the visitor', () => {
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
      expect(backend.received('rest')).to.have.length(0);
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

  describe('delivery', () => {
    it('offline: the lead is in the outbox before any request, then sent once when the network returns', async () => {
      setOnline(false);
      backend.failNext(100, 0); // network errors, like being offline
      let inOutboxAtFirstRequest: boolean | undefined;
      const f = await restForm(backend);
      const queued: LeadQueuedDetail[] = [];
      f.addEventListener('crm-lead-queued', (e) => queued.push((e as CustomEvent<LeadQueuedDetail>).detail));
      await type(f, 'phone', '+7 999 123-45-67');
      // Check the outbox at the moment the first request leaves.
      const origFetch = window.fetch;
      window.fetch = async (...args) => {
        if (inOutboxAtFirstRequest === undefined) {
          inOutboxAtFirstRequest = (await recordOf(f))?.status === 'pending';
        }
        return origFetch(...args);
      };
      try {
        await submit(f);
        await stateIs(f, 'queued');
        await waitUntil(() => backend.received('rest').length >= 1);
      } finally {
        window.fetch = origFetch;
      }
      expect(inOutboxAtFirstRequest).to.equal(true);
      expect(queued[0]?.reason).to.equal('offline');
      // The network comes back.
      backend.reset();
      setOnline(true);
      window.dispatchEvent(new Event('online'));
      await stateIs(f, 'success');
      expect(backend.stored('rest')).to.have.length(1);
      expect((await recordOf(f))?.status).to.equal('delivered');
    });

    it('503 three times (Retry-After honoured), then 201: exactly one lead, every attempt with the same key', async () => {
      backend.failNext(3, 503, 0);
      const f = await restForm(backend);
      const created: LeadCreatedDetail[] = [];
      document.addEventListener('crm-lead-created', (e) => created.push((e as CustomEvent<LeadCreatedDetail>).detail), { once: true });
      await type(f, 'name', 'Ann');
      await type(f, 'phone', '+1 555 010 9999');
      await submit(f);
      await stateIs(f, 'success');
      const attempts = backend.received('rest');
      expect(attempts).to.have.length(4);
      const keys = new Set(attempts.map((r) => r.headers['idempotency-key']));
      expect(keys.size).to.equal(1);
      expect(backend.stored('rest')).to.have.length(1);
      expect(created[0]?.idempotencyKey).to.equal([...keys][0]);
      expect(created[0]?.leadId).to.equal(backend.stored('rest')[0]!.id);
    });

    it('waits at least as long as Retry-After says before the next attempt', async () => {
      const d = new OutboxDrainer({ dbName: `retry-after-${Date.now()}`, ...FAST });
      let attempts = 0;
      d.register('c', { name: 'c', deliver: async () => (attempts++, { ok: false, retry: true, status: 429, retryAfterMs: 60_000, message: 'slow down' }) });
      await d.enqueue(submission(), 'c');
      await d.drain();
      const [rec] = await d.list();
      expect(attempts).to.equal(1);
      expect(rec!.nextAttemptAt - rec!.updatedAt).to.be.at.least(60_000);
      await d.drain(); // not due yet: no attempt
      expect(attempts).to.equal(1);
      d.dispose();
    });

    it('a response lost after the server stored the lead: the retry is a duplicate, still one lead', async () => {
      backend.dropResponseAfterStore(1);
      const f = await restForm(backend);
      const created: LeadCreatedDetail[] = [];
      f.addEventListener('crm-lead-created', (e) => created.push((e as CustomEvent<LeadCreatedDetail>).detail));
      await type(f, 'phone', '+1 555 010 9999');
      await submit(f);
      await stateIs(f, 'success');
      expect(backend.received('rest')).to.have.length(2);
      expect(backend.stored('rest')).to.have.length(1);
      expect(created[0]?.duplicate).to.equal(true);
    });

    it('a refusal is told in the form’s language, styled as its error state, with one action — never the server’s raw English', async () => {
      for (const [status, key] of [[403, 'refusedClosed'], [400, 'refused']] as const) {
        const f = await restForm(backend);
        f.locale = 'zh';
        const errors: LeadErrorDetail[] = [];
        f.addEventListener('crm-lead-error', (e) => errors.push((e as CustomEvent<LeadErrorDetail>).detail));
        f.connector = { name: `r${status}`, deliver: async () => ({ ok: false, retry: false, status, message: 'Origin not allowed by the intake' }) };
        await type(f, 'email', 'li@example.com');
        await submit(f);
        await stateIs(f, 'failed');
        await f.updateComplete;
        const statusEl = q<HTMLElement>(f, '[part="status"]');
        expect(statusEl.textContent?.trim()).to.equal(LEAD_FORM_STRINGS.zh[key]);
        expect(statusEl.textContent).to.not.contain('Origin');
        expect(statusEl.classList.contains('failed')).to.equal(true);
        // One action: the form's own button, now reading "try again"; no second button beside it.
        const buttons = [...root(f).querySelectorAll('button')].map((b) => b.textContent?.trim());
        expect(buttons).to.deep.equal([LEAD_FORM_STRINGS.zh.retry]);
        // What the visitor typed is still there; the developer gets the server's words in the event.
        expect(q<HTMLInputElement>(f, '[name="email"]').value).to.equal('li@example.com');
        expect(errors.map((e) => [e.kind, e.status, e.message])).to.deep.equal([['refused', status, 'Origin not allowed by the intake']]);
        await expect(f).to.be.accessible();
        f.remove();
      }
    });

    it('422: field errors shown on their fields, nothing retried, the record kept as refused', async () => {
      const f = await restForm(backend);
      const errors: LeadErrorDetail[] = [];
      f.addEventListener('crm-lead-error', (e) => errors.push((e as CustomEvent<LeadErrorDetail>).detail));
      // Passes the form's checks but the server's schema limits names to 200 characters.
      f.connector = undefined;
      await type(f, 'phone', '+1 555 010 9999');
      await type(f, 'name', 'x'.repeat(150));
      // Make the lead invalid for the server only: a bad pipeline id.
      f.pipeline = 'no-such-pipeline';
      await submit(f);
      await waitUntil(() => f.state === 'invalid' || f.state === 'failed', 'no refusal shown');
      await new Promise((r) => setTimeout(r, 150)); // retries would have happened by now
      expect(backend.received('rest')).to.have.length(1);
      expect(errors[0]?.kind).to.equal('refused');
      expect(errors[0]?.status).to.equal(422);
      const rec = await recordOf(f);
      expect(rec?.status).to.equal('refused');
      // Field errors from a 422 land on the field they name.
      const g = await restForm(backend);
      const gErrors: LeadErrorDetail[] = [];
      g.addEventListener('crm-lead-error', (e) => gErrors.push((e as CustomEvent<LeadErrorDetail>).detail));
      g.connector = { name: 'v422', deliver: async () => ({ ok: false, retry: false, status: 422, message: 'invalid', fieldErrors: [{ path: ['email'], code: 'invalid_email', message: 'Server says: bad email' }] }) };
      await type(g, 'email', 'a@b.co');
      await submit(g);
      await stateIs(g, 'invalid');
      expect(q(g, '[name="email"]').getAttribute('aria-invalid')).to.equal('true');
      expect(q(g, '#err-email').textContent).to.equal('Server says: bad email');
      expect(focused(g)).to.equal(where(q(g, '[part="error-summary"]')));
      // The visitor fixes it and sends again: the refused record is replaced.
      g.connector = { name: 'ok', deliver: async () => ({ ok: true, leadId: 'x' }) };
      await type(g, 'email', 'ann@example.com');
      await submit(g);
      await stateIs(g, 'success');
      const refusedKey = gErrors[0]!.idempotencyKey!;
      await waitUntil(async () => !(await pageDrainer().list()).some((r) => r.key === refusedKey), 'the replaced refusal was kept');
      expect((await pageDrainer().list()).find((r) => r.key === rec?.key)?.status, 'other refusals stay').to.equal('refused');
    });

    it('reload mid-send: the page dies while the server stores the lead; the next page delivers it once', async () => {
      const dbName = `reload-${Date.now()}`;
      const server = new Map<string, number>();
      let hang = true;
      const connector: LeadConnector = {
        name: 'srv',
        deliver: (s, signal) =>
          new Promise((resolve) => {
            const seen = server.has(s.idempotencyKey);
            if (!seen) server.set(s.idempotencyKey, server.size + 1);
            if (!hang) return resolve({ ok: true, leadId: String(server.get(s.idempotencyKey)), duplicate: seen });
            signal.addEventListener('abort', () => resolve({ ok: false, retry: true, message: 'aborted' }));
          }),
      };
      const first = new OutboxDrainer({ dbName, ...FAST });
      first.register('srv', connector);
      const sub = submission();
      await first.enqueue(sub, 'srv');
      void first.drain();
      await waitUntil(() => server.size === 1, 'the first page never sent');
      first.dispose(); // the tab is closed mid-request: lock released, record still pending
      hang = false;
      const second = new OutboxDrainer({ dbName, ...FAST });
      second.register('srv', connector);
      expect((await second.list())[0]?.status).to.equal('pending');
      await second.drain();
      expect((await second.list())[0]?.status).to.equal('delivered');
      expect(server.size).to.equal(1);
      second.dispose();
    });

    it('a lead queued in an earlier page load and delivered now fires crm-lead-created (restored) on its form, once', async () => {
      // The earlier page: the lead went into the outbox, then the tab closed before it was sent.
      const sub = { ...submission(), formId: 'restored-form' };
      const other = { ...submission(), formId: 'another-form' };
      const target = `endpoint:${new URL('/api/leads', location.href).href}`;
      await pageDrainer().outbox.put({ key: sub.idempotencyKey, submission: sub, target, status: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: Date.now(), updatedAt: Date.now() });
      await pageDrainer().outbox.put({ key: other.idempotencyKey, submission: other, target, status: 'pending', attempts: 0, nextAttemptAt: 0, createdAt: Date.now(), updatedAt: Date.now() });
      localStorage.setItem('crmkit-lead-outbox-pending', '1');
      // This page: the same form renders again (next to a second copy of it) and finds the lead waiting.
      const created: LeadCreatedDetail[] = [];
      const onCreated = (e: Event) => created.push((e as CustomEvent<LeadCreatedDetail>).detail);
      document.addEventListener('crm-lead-created', onCreated);
      try {
        await fixture(html`<div>
          <crm-lead-form endpoint="/api/leads" form-id="restored-form" .delivery=${FAST}></crm-lead-form>
          <crm-lead-form endpoint="/api/leads" form-id="restored-form" .delivery=${FAST}></crm-lead-form>
        </div>`);
        await waitUntil(() => backend.stored('rest').length === 2, 'the waiting leads were not delivered', { timeout: 10000 });
        await waitUntil(() => created.length > 0, 'no crm-lead-created for the restored lead', { timeout: 5000 });
        await new Promise((r) => setTimeout(r, 200));
        // Only this form's lead (another form's is delivered too, but that form reports its own), once.
        expect(created.map((d) => [d.idempotencyKey, d.restored])).to.deep.equal([[sub.idempotencyKey, true]]);
        expect(created[0]!.lead.phone).to.equal('+1 555 010 9999');
      } finally {
        document.removeEventListener('crm-lead-created', onCreated);
      }
    });

    it('two tabs: one drainer sends at a time and the receiver sees each lead once', async () => {
      const dbName = `tabs-${Date.now()}`;
      const received: string[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const connector: LeadConnector = {
        name: 'srv',
        async deliver(s) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 10));
          received.push(s.idempotencyKey);
          inFlight--;
          return { ok: true };
        },
      };
      const tabA = new OutboxDrainer({ dbName, ...FAST });
      const tabB = new OutboxDrainer({ dbName, ...FAST });
      tabA.register('srv', connector);
      tabB.register('srv', connector);
      const subs = Array.from({ length: 6 }, () => submission());
      for (const [i, s] of subs.entries()) await (i % 2 ? tabA : tabB).enqueue(s, 'srv');
      await Promise.all([tabA.drain(), tabB.drain(), tabA.drain(), tabB.drain()]);
      expect(received.sort()).to.deep.equal(subs.map((s) => s.idempotencyKey).sort());
      expect(maxInFlight).to.equal(1);
      tabA.dispose();
      tabB.dispose();
    });

    it('never deletes an undelivered lead, however long it keeps failing', async () => {
      const d = new OutboxDrainer({ dbName: `keep-${Date.now()}`, baseDelayMs: 1, maxDelayMs: 2, keepDeliveredMs: 0 });
      d.register('down', { name: 'down', deliver: async () => ({ ok: false, retry: true, status: 503, message: 'down' }) });
      await d.enqueue(submission(), 'down');
      await d.drain();
      await waitUntil(async () => ((await d.list())[0]?.attempts ?? 0) >= 5, 'retries stopped', { timeout: 3000 });
      const [rec] = await d.list();
      expect(rec?.status).to.equal('pending');
      d.dispose();
    });
  });

  describe('for the site developer', () => {
    it('events bubble out of the shadow DOM with typed detail; crm-lead-submit can cancel', async () => {
      const f = await restForm(backend);
      const seen: string[] = [];
      for (const t of ['crm-lead-submit', 'crm-lead-created']) document.addEventListener(t, (e) => seen.push(`${e.type}:${(e as Event).composed}`), { once: true });
      const cancel = (e: Event) => e.preventDefault();
      f.addEventListener('crm-lead-submit', cancel, { once: true });
      await type(f, 'phone', '+1 555 010 9999');
      await submit(f);
      await new Promise((r) => setTimeout(r, 50));
      expect(backend.received('rest')).to.have.length(0);
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

    it('spam control: a honeypot or a too-fast submit sees success; the lead is flagged, never sent to another CRM', async () => {
      const f = await restForm(backend);
      await type(f, 'phone', '+1 555 010 9999');
      await type(f, 'hp-url', 'http://spam.example');
      await submit(f);
      await stateIs(f, 'success');
      await waitUntil(() => backend.stored('rest').length === 1);
      expect(backend.stored('rest')[0]!.data['spam']).to.equal(true);
      // Too fast, to a third-party connector: kept locally as spam, not delivered.
      const calls: LeadSubmission[] = [];
      const g = await fixture<CrmLeadForm>(html`<crm-lead-form min-fill-ms="60000" .delivery=${FAST}></crm-lead-form>`);
      g.connector = { name: 'bitrix-like', deliver: async (s) => (calls.push(s), { ok: true }) };
      await type(g, 'phone', '+1 555 010 9999');
      await submit(g);
      await stateIs(g, 'success');
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).to.have.length(0);
      expect((await pageDrainer().list()).some((r) => r.status === 'spam')).to.equal(true);
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
      const style = document.createElement('style');
      style.textContent = '* { all: unset } input { display: none } button { visibility: hidden } label { font-size: 2px }';
      document.head.append(style);
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
        style.remove();
      }
    });
  });
});

function submission(): LeadSubmission {
  const key = `k-${Math.random().toString(36).slice(2)}`;
  return { idempotencyKey: key, submittedAt: new Date().toISOString(), lead: { phone: '+1 555 010 9999', idempotencyKey: key } };
}
