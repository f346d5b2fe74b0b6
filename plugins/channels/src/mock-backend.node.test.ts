// mockBackend under Node: msw/node intercepts the global fetch.
import { mockBackend } from './mock-backend.js';
import { restConnector } from './rest-connector.js';
import { sampleSubmission } from './test/fixtures.js';

type Fn = () => void | Promise<void>;
const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: Fn) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { equal(a: unknown, b: unknown): void; deepEqual(a: unknown, b: unknown): void };

describe('mockBackend in Node (msw/node)', () => {
  it('intercepts fetch, de-duplicates by key, injects failures, then stops intercepting', async () => {
    const backend = mockBackend({ restEndpoint: 'https://api.example.test/leads' });
    await backend.start();
    try {
      const connector = restConnector({ endpoint: 'https://api.example.test/leads' });
      const s = sampleSubmission();
      backend.failNext(2, 503, 1);
      const signal = new AbortController().signal;
      assert.deepEqual(await connector.deliver(s, signal), { ok: false, retry: true, status: 503, retryAfterMs: 1000, message: 'Injected failure (503)' });
      assert.equal((await connector.deliver(s, signal)).ok, false);
      const ok = await connector.deliver(s, signal);
      const again = await connector.deliver(s, signal);
      assert.equal(ok.ok, true);
      assert.deepEqual(again, { ok: true, leadId: ok.ok ? ok.leadId : '', duplicate: true });
      assert.equal(backend.received('rest').length, 4);
      assert.equal(backend.stored('rest').length, 1);
      const crm = await backend.crm();
      assert.equal((await crm.leads.list()).length, 1);
    } finally {
      await backend.stop();
    }
    // Stopped: the request goes to the network (which this host does not have).
    const after = await restConnector({ endpoint: 'https://api.example.test/leads' }).deliver(sampleSubmission(), new AbortController().signal);
    assert.deepEqual({ ok: after.ok, retry: !after.ok && after.retry }, { ok: false, retry: true });
  });
});
