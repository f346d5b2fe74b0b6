import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { StorageError } from '../errors.js';
import { DEXIE_VERSIONS } from './dexie-schema.js';
import { dexieStore } from './dexie-store.js';
import { memoryStore } from './memory-store.js';
import type { StoreChange } from './store.js';
import { describeStoreContract } from './store-contract.js';
import type { ContractTestApi } from './store-contract.js';

// The typecheck has no Node types (tsconfig `types: []` keeps Node globals out of core), so
// node:test is loaded untyped; scripts/node-tests.mjs leaves `node:*` imports to Node.
const { describe, it } = (await import('node:test' as string)) as ContractTestApi;

// fake-indexeddb is passed in, not installed globally: nothing else in the process is patched.
const dexie = { indexedDB, IDBKeyRange };
const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

function deepEqual(actual: unknown, expected: unknown): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`expected ${b}, got ${a}`);
}

describeStoreContract('memoryStore', () => memoryStore({ name: 'node' }), { describe, it });
describeStoreContract('dexieStore on fake-indexeddb', () => dexieStore(uniqueName('contract'), { dexie }), { describe, it });

describe('dexieStore on fake-indexeddb', () => {
  it('migrates version-1 activities and leads', async () => {
    const name = uniqueName('migrate');
    const raw = new Dexie(name, dexie);
    raw.version(DEXIE_VERSIONS[0]!.version).stores(DEXIE_VERSIONS[0]!.stores);
    await raw.table('activities').put({ id: 'a1', done: false, title: 'Call' });
    await raw.table('leads').put({ id: 'l1', phone: '+976 9911 2233', email: 'Bat@Mail.MN' });
    raw.close();

    const store = dexieStore(name, { dexie });
    try {
      deepEqual(await store.query('activities', { index: 'state', equals: 'pending' }), [{ id: 'a1', done: false, title: 'Call', state: 'pending' }]);
      deepEqual(await store.get('leads', 'l1'), { id: 'l1', phone: '+976 9911 2233', email: 'Bat@Mail.MN', dupKeys: ['p:+97699112233', 'e:bat@mail.mn'] });
    } finally {
      await store.close();
    }
  });

  it('without IndexedDB, operations reject with StorageError carrying the cause', async () => {
    const store = dexieStore(uniqueName('missing')); // Node has no global indexedDB
    try {
      for (const attempt of [() => store.open(), () => store.put('contacts', { id: 'c1' })]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        if (!(error instanceof StorageError) || !(error.cause instanceof Error) || error.cause.name !== 'MissingAPIError') {
          throw new Error(`expected StorageError caused by MissingAPIError, got ${String(error)}`);
        }
      }
    } finally {
      await store.close();
    }
  });

  it('delivers another instance’s commits as remote changes', async () => {
    const name = uniqueName('tabs');
    const [a, b] = [dexieStore(name, { dexie }), dexieStore(name, { dexie })];
    try {
      const arriving = new Promise<readonly StoreChange[]>((resolve) => {
        const stop = a.subscribe((changes) => {
          stop();
          resolve(changes);
        });
      });
      await b.put('contacts', { id: 'c1' });
      deepEqual(await arriving, [{ table: 'contacts', type: 'put', id: 'c1', remote: true }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
