// How an import batch shares the page (headless Chromium, IndexedDB): the records it creates reach the change
// feed without a copy of each, and its checking of rows waits behind the page's other work instead of
// resuming ahead of it.
import { expect } from '@open-wc/testing';
import { createCrm } from '../crm.js';
import { definePlugin } from '../plugin.js';
import { dexieStore } from '../store/dexie-store.js';
import type { StoreChange, StoredRow } from '../store/store.js';
import { yieldToBackground } from './yield-to-host.js';

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

type Priority = 'user-blocking' | 'user-visible' | 'background';
type PostingScheduler = { postTask(task: () => void, options: { priority: Priority }): Promise<void> };
const scheduler = (globalThis as unknown as { scheduler: PostingScheduler }).scheduler;

describe('an import batch on the page', () => {
  it('hands the rows it stored to the change feed as they are only when the caller hands them over', async () => {
    const store = dexieStore(uniqueName('hand-over'));
    await store.open();
    const seen: StoreChange[] = [];
    const stop = store.subscribe((changes) => seen.push(...changes));
    try {
      const row = (id: string): StoredRow => ({ id, name: `Contact ${id}`, phones: [], emails: [], tags: [], dupKeys: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1, ownerId: 'ann', custom: {} });
      // Enough rows for the chunked path and a few for the per-record one, handed over and not.
      for (const count of [300, 3]) {
        const kept = Array.from({ length: count }, (_, i) => row(`k${count}-${i}`));
        const given = Array.from({ length: count }, (_, i) => row(`g${count}-${i}`));
        await store.bulkPut('contacts', kept);
        await store.bulkPut('contacts', given, { handOver: true });
        const rowOf = (id: string) => seen.find((c) => c.id === id)?.row;
        expect(kept.every((r) => rowOf(r.id) !== r && JSON.stringify(rowOf(r.id)) === JSON.stringify(r)), `${count} rows kept by the caller: copies`).to.equal(true);
        expect(given.every((r) => rowOf(r.id) === r), `${count} rows handed over: passed on as they are`).to.equal(true);
        expect((await store.get('contacts', `g${count}-1`))?.['name']).to.equal(`Contact g${count}-1`);
      }
    } finally {
      stop();
      await store.close();
    }
  });

  it('resumes a background yield only after the work the page queued meanwhile', async () => {
    const order: string[] = [];
    const resumed = yieldToBackground().then(() => order.push('background'));
    void scheduler.postTask(() => order.push('page'), { priority: 'user-visible' });
    setTimeout(() => order.push('timer'), 0);
    await resumed;
    expect(order).to.deep.equal(['page', 'timer', 'background']);
  });

  it('checks rows in background-priority slices, so the batch before gets its database answers first', async () => {
    // Each row's check takes a while (a plugin's transform), so the batch yields several times while checking.
    const slowCheck = definePlugin({
      name: 'slow-check',
      hooks: {
        'record:beforeCreate': () => {
          const until = performance.now() + 1;
          while (performance.now() < until);
          return undefined;
        },
      },
    });
    const crm = await createCrm({ store: dexieStore(uniqueName('background-check')), automationIntervalMs: false, plugins: [slowCheck] });
    const original = scheduler.postTask.bind(scheduler);
    const asked: Priority[] = [];
    scheduler.postTask = (task, options) => {
      asked.push(options.priority);
      return original(task, options);
    };
    try {
      const rows = Array.from({ length: 60 }, (_, i) => ({ input: { name: `Row ${i}`, email: `row${i}@example.com` } }));
      const outcomes = await crm.contacts.importBatch(rows, { batchId: 'b1', duplicates: 'skip' });
      expect(outcomes.every((o) => o.status === 'created')).to.equal(true);
      expect(asked.filter((p) => p === 'background').length, `priorities asked: ${asked.join(', ')}`).to.be.greaterThan(2);
    } finally {
      scheduler.postTask = original;
      await crm.close();
    }
  });
});
