import { pgliteStore } from '../store/pglite-store.js';
import { openFeed, startServer, type Harness } from '../testing/harness.js';

type TestFn = (name: string, fn: () => Promise<void>) => void;
const { describe, it, before, after } = (await import('node:test' as string)) as { describe: (name: string, fn: () => void) => void; it: TestFn; before: (fn: () => Promise<void>) => void; after: (fn: () => Promise<void>) => void };
const assert = (await import('node:assert/strict' as string)) as { deepEqual(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void };

describe('the change feed when a record changes hands', () => {
  let h: Harness;
  before(async () => {
    h = await startServer(pgliteStore());
  });
  after(async () => {
    await h.server.close();
  });

  it('tells the manager who lost a record to drop it and its steps, and only them', async () => {
    const deal = (await h.call('ann', 'POST', '/api/v1/deals', { title: 'Handed over', amount: 10 })).body;
    const step = (await h.call('ann', 'POST', '/api/v1/activities', { recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call', dueAt: new Date(Date.now() + 86_400_000).toISOString() })).body;
    const ann = await openFeed(h.base, h.tokens['ann']!);
    const bob = await openFeed(h.base, h.tokens['bob']!);
    try {
      await ann.next((e) => e.event === 'ready');
      await bob.next((e) => e.event === 'ready');
      const moved = await h.call('boss', 'PATCH', `/api/v1/deals/${deal.id}`, { ownerId: 'bob' });
      assert.deepEqual(moved.status, 200, 'the head hands the deal to Bob');
      const gone = await ann.next((e) => e.event === 'change' && e.data.id === deal.id);
      assert.deepEqual(gone.data, { table: 'deals', type: 'delete', id: deal.id, reason: 'hidden' }, 'Ann is told to drop the deal');
      const stepGone = await ann.next((e) => e.event === 'change' && e.data.id === step.id);
      assert.deepEqual(stepGone.data, { table: 'activities', type: 'delete', id: step.id, reason: 'hidden' }, 'and its step');
      await bob.next((e) => e.event === 'change' && e.data.id === deal.id && e.data.type === 'put');
      await bob.next((e) => e.event === 'change' && e.data.id === step.id && e.data.type === 'put');
      assert.ok(!bob.events.some((e) => e.data?.reason === 'hidden'), 'Bob, who gained it, gets no removal');
      assert.ok(!ann.events.some((e) => e.data?.row && (e.data.row.ownerId === 'bob' || e.data.row.recordId === deal.id) && e.data.table !== 'activities'), `Ann sees nothing of Bob's: ${JSON.stringify(ann.events)}`);
      // A resume from before the hand-over replays the removal too.
      const resumed = await openFeed(h.base, h.tokens['ann']!, '0');
      try {
        await resumed.next((e) => e.event === 'change' && e.data.id === deal.id && e.data.reason === 'hidden');
      } finally {
        resumed.close();
      }
    } finally {
      ann.close();
      bob.close();
    }
  });

  it('tells a manager whose step was handed to a colleague to drop it and the record it brought along', async () => {
    const deal = (await h.call('ann', 'POST', '/api/v1/deals', { title: 'Step goes to Bob', amount: 10 })).body;
    const step = (await h.call('ann', 'POST', '/api/v1/activities', { recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call', dueAt: new Date(Date.now() + 86_400_000).toISOString() })).body;
    const ann = await openFeed(h.base, h.tokens['ann']!);
    try {
      await ann.next((e) => e.event === 'ready');
      assert.deepEqual((await h.call('boss', 'PATCH', `/api/v1/activities/${step.id}`, { assigneeId: 'bob' })).status, 200, 'handed to Bob');
      const gone = await ann.next((e) => e.event === 'change' && e.data.id === step.id);
      assert.deepEqual(gone.data, { table: 'activities', type: 'delete', id: step.id, reason: 'hidden' }, 'Ann is told to drop the step');
      const dealGone = await ann.next((e) => e.event === 'change' && e.data.id === deal.id);
      assert.deepEqual(dealGone.data, { table: 'deals', type: 'delete', id: deal.id, reason: 'hidden' }, 'and the deal that went with it');
    } finally {
      ann.close();
    }
  });
});
