import { expect, waitUntil } from '@open-wc/testing';
import { LEAD_FORM_STRINGS, OutboxDrainer, pageDrainer, type LeadCreatedDetail, type LeadErrorDetail, type LeadQueuedDetail } from '@crmkit/widgets';
import { FAST, focused, isPost, posts, q, recordOf, restForm, root, setOnline, stateIs, submission, submit, type, useLeadBackend, where } from './helpers.js';

// Submit and delivery: offline, retries, Retry-After, lost responses, refusals and 422s.
describe('<crm-lead-form> delivery', () => {
  const b = useLeadBackend();
  let backend: ReturnType<typeof b>;
  beforeEach(() => {
    backend = b();
  });

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
      await waitUntil(() => posts(backend).length >= 1);
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
    backend.failNext(3, 503, 0, isPost);
    const f = await restForm(backend);
    const created: LeadCreatedDetail[] = [];
    document.addEventListener('crm-lead-created', (e) => created.push((e as CustomEvent<LeadCreatedDetail>).detail), { once: true });
    await type(f, 'name', 'Ann');
    await type(f, 'phone', '+1 555 010 9999');
    await submit(f);
    await stateIs(f, 'success');
    const attempts = posts(backend);
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
    backend.dropResponseAfterStore(1, isPost);
    const f = await restForm(backend);
    const created: LeadCreatedDetail[] = [];
    f.addEventListener('crm-lead-created', (e) => created.push((e as CustomEvent<LeadCreatedDetail>).detail));
    await type(f, 'phone', '+1 555 010 9999');
    await submit(f);
    await stateIs(f, 'success');
    expect(posts(backend)).to.have.length(2);
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
    expect(posts(backend)).to.have.length(1);
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
});
