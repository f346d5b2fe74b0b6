import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { type LeadConnector } from '@crmkit/core';
import { OutboxDrainer, pageDrainer, type LeadCreatedDetail } from '@crmkit/widgets';
import { FAST, submission, useLeadBackend } from './helpers.js';

// The outbox across reloads and tabs: exactly once, never lost.
describe('<crm-lead-form> outbox', () => {
  const b = useLeadBackend();
  let backend: ReturnType<typeof b>;
  beforeEach(() => {
    backend = b();
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
