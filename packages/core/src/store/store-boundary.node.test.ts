// crm.store is the raw storage layer, but its failures still keep the error
// contract: only CrmErrors escape, and every view returns the same object.
import { createCrm, CrmError, memoryStore, StorageError, type Store } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void };

async function failure(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

describe('crm.store keeps the error contract', () => {
  it('raw failures of the adapter, unknown tables and transaction callbacks become CrmErrors', async () => {
    const store: Store = memoryStore();
    const crm = await createCrm({ store, users: [{ id: 'ann', name: 'Ann', role: 'manager' }], automationIntervalMs: false });
    const unknownTable = await failure(() => crm.store.query('nope' as never));
    assert.ok(unknownTable instanceof CrmError, `unknown table: ${String(unknownTable)}`);
    const thrown = await failure(() => crm.store.transaction(['meta'], async () => {
      throw new TypeError('plugin bug');
    }));
    assert.ok(thrown instanceof CrmError, `callback: ${String(thrown)}`);
    assert.equal((thrown as CrmError).code, 'internal');
    assert.ok(((thrown as Error).cause as Error).message === 'plugin bug', 'the original is kept as cause');
    store.get = () => Promise.reject(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    const quota = await failure(() => crm.store.get('meta', 'x'));
    assert.ok(quota instanceof StorageError, `storage fault: ${String(quota)}`);
    assert.equal(crm.store, crm.as('ann').store, 'one object for every view');
    assert.equal(crm.store.name, store.name);
    await crm.close();
  });
});
