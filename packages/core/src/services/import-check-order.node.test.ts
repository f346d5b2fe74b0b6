// Import batches handed to the core together (an import keeps several ahead of the one being written) check their
// rows one batch after another, in the order they came: the batch that writes next is ready first, instead of
// sharing the page with every batch behind it.
import { createCrm, definePlugin, memoryStore } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { deepEqual(a: unknown, b: unknown, msg?: string): void; equal(a: unknown, b: unknown, msg?: string): void };

describe('import batches handed over together', () => {
  it('check their rows one batch at a time, in order, and each still writes in its turn', async () => {
    const checked: string[] = [];
    // Each row's check takes a millisecond (a plugin's transform), so a batch yields several times while checking.
    const slow = definePlugin({
      name: 'slow-check',
      hooks: {
        'record:beforeCreate': ({ input }) => {
          checked.push(String(input['name']).split(' ')[0] as string);
          const until = performance.now() + 1;
          while (performance.now() < until);
          return undefined;
        },
      },
    });
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, plugins: [slow] });
    try {
      const batch = (tag: string) => Array.from({ length: 40 }, (_, i) => ({ input: { name: `${tag} ${i}`, email: `${tag}${i}@example.com` } }));
      const outcomes = await Promise.all(['A', 'B', 'C'].map((tag) => crm.contacts.importBatch(batch(tag), { batchId: 'b1', duplicates: 'skip' })));
      assert.deepEqual(
        outcomes.map((o) => o.filter((r) => r.status === 'created').length),
        [40, 40, 40],
      );
      // Runs of one batch's rows: A's all before B's, B's all before C's.
      const runs = checked.filter((tag, i) => tag !== checked[i - 1]);
      assert.deepEqual(runs, ['A', 'B', 'C'], `order of checking: ${runs.join(' ')}`);
      assert.equal((await crm.contacts.list()).length, 120);
    } finally {
      await crm.close();
    }
  });
});
