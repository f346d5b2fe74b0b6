import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { DEXIE_VERSIONS } from './dexie-schema.js';
import { dexieStore } from './dexie-store.js';
import { memoryStore } from './memory-store.js';
import { STORE_INDEXES, TABLE_NAMES } from './store.js';
import type { Store, StoreChange, StoredRow } from './store.js';
import { describeStoreContract } from './store-contract.js';
import type { ContractTestApi } from './store-contract.js';

const { describe, it } = globalThis as unknown as ContractTestApi;

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

describeStoreContract('memoryStore', () => memoryStore());
describeStoreContract('dexieStore', () => dexieStore(uniqueName('contract')));

/** Resolves with the next batch of changes `store` publishes (fails after 5 s). */
function nextChanges(store: Store): Promise<readonly StoreChange[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no change arrived within 5 s'));
    }, 5000);
    const stop = store.subscribe((changes) => {
      clearTimeout(timer);
      stop();
      resolve(changes);
    });
  });
}

describe('dexieStore', () => {
  it('its newest schema version matches STORE_INDEXES', async () => {
    const latest = DEXIE_VERSIONS[DEXIE_VERSIONS.length - 1]!;
    const expected = Object.fromEntries(TABLE_NAMES.map((table) => [table, ['id', ...STORE_INDEXES[table]].join(', ')]));
    expect(latest.stores).to.deep.equal(expected);
    expect(DEXIE_VERSIONS.map((v) => v.version)).to.deep.equal([...DEXIE_VERSIONS.map((v) => v.version)].sort((a, b) => a - b));
  });

  it('keeps data across close and reopen', async () => {
    const name = uniqueName('reopen');
    const first = dexieStore(name);
    await first.bulkPut('contacts', [
      { id: 'c1', name: 'Анна', dupKeys: ['p:+79991234567'] },
      { id: 'c2', name: 'Бат', dupKeys: [] },
    ]);
    await first.close();

    const second = dexieStore(name);
    try {
      expect(await second.get('contacts', 'c1')).to.deep.equal({ id: 'c1', name: 'Анна', dupKeys: ['p:+79991234567'] });
      expect((await second.query('contacts', { index: 'dupKeys', equals: 'p:+79991234567' })).map((r) => r.id)).to.deep.equal(['c1']);
      await second.open(); // idempotent
      expect(await second.query('contacts')).to.have.length(2);
    } finally {
      await second.close();
    }
  });

  it('migrates a version-1 database without losing anything', async () => {
    const name = uniqueName('migrate');
    const v1 = DEXIE_VERSIONS[0]!;
    const raw = new Dexie(name);
    raw.version(v1.version).stores(v1.stores);
    const activity = { id: 'a1', recordId: 'd1', title: 'Call back', done: true, result: 'Agreed' };
    const open = { id: 'a2', recordId: 'd1', title: 'Send offer', done: false };
    const lead = { id: 'l1', name: 'Иван', phone: '+7 999 123-45-67', email: '  Ivan@Example.COM ', source: { channel: 'web-form' }, stageId: 'new' };
    const quiet = { id: 'l2', name: 'No contacts yet', stageId: 'new' };
    await raw.table('activities').bulkPut([activity, open]);
    await raw.table('leads').bulkPut([lead, quiet]);
    raw.close();

    const store = dexieStore(name);
    try {
      const done = await store.query('activities', { index: 'state', equals: 'done' });
      expect(done).to.deep.equal([{ ...activity, state: 'done' }]);
      expect(await store.get('activities', 'a2')).to.deep.equal({ ...open, state: 'pending' });
      const migrated = await store.get<StoredRow & { dupKeys: string[] }>('leads', 'l1');
      expect(migrated).to.deep.equal({ ...lead, dupKeys: ['p:+79991234567', 'e:ivan@example.com'] });
      expect((await store.query('leads', { index: 'dupKeys', equals: 'e:ivan@example.com' })).map((r) => r.id)).to.deep.equal(['l1']);
      expect(await store.get('leads', 'l2')).to.deep.equal({ ...quiet, dupKeys: [] });
    } finally {
      await store.close();
    }
  });

  it('a second instance on the same database (another tab) sees changes as remote', async () => {
    const name = uniqueName('tabs');
    const tabA = dexieStore(name);
    const tabB = dexieStore(name);
    try {
      await tabA.open();
      await tabB.open();
      const arriving = nextChanges(tabA);
      await tabB.transaction(['deals', 'activities'], async (tx) => {
        await tx.put('deals', { id: 'd1', stageId: 'proposal' });
        await tx.delete('activities', 'a1');
      });
      expect(await arriving).to.deep.equal([
        { table: 'deals', type: 'put', id: 'd1', remote: true },
        { table: 'activities', type: 'delete', id: 'a1', remote: true },
      ]);
      expect(await tabA.get('deals', 'd1')).to.deep.equal({ id: 'd1', stageId: 'proposal' });
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });

  it('two instances incrementing one counter concurrently end at 2', async () => {
    const name = uniqueName('counter');
    const tabs = [dexieStore(name), dexieStore(name)];
    try {
      await Promise.all(
        tabs.map((tab) =>
          tab.transaction(['jobs'], async (tx) => {
            const job = await tx.get<StoredRow & { runs: number }>('jobs', 'j1');
            await tx.put('jobs', { id: 'j1', state: 'due', runs: (job?.runs ?? 0) + 1 });
          }),
        ),
      );
      expect(await tabs[0]!.get('jobs', 'j1')).to.deep.equal({ id: 'j1', state: 'due', runs: 2 });
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()));
    }
  });
  it('logs every commit, across reopening and other tabs, so a reader can catch up from a position', async () => {
    const name = uniqueName('log');
    const first = dexieStore(name);
    const other = dexieStore(name); // another tab on the same database
    try {
      expect(await first.head!()).to.equal(0);
      await first.put('deals', { id: 'd1' });
      const afterOne = await first.head!();
      await first.transaction(['deals', 'history'], async (tx) => {
        await tx.put('deals', { id: 'd2' });
        await tx.put('history', { id: 'h1', recordId: 'd2' });
      });
      await other.delete('deals', 'd1');
      // A transaction that throws commits nothing and logs nothing.
      await first.transaction(['deals'], async (tx) => {
        await tx.put('deals', { id: 'd3' });
        throw new Error('rolled back');
      }).catch(() => undefined);
      const since = await first.changesSince!(afterOne);
      expect(since.map(({ table, type, id }) => `${type} ${table}/${id}`)).to.deep.equal(['put deals/d2', 'put history/h1', 'delete deals/d1']);
      expect(since[0]!.seq).to.equal(since[1]!.seq, 'one commit, one position');
      expect(since[2]!.seq).to.be.above(since[1]!.seq);
      expect(await first.head!()).to.equal(since[2]!.seq);
      expect(await first.tail!()).to.be.at.most(afterOne);
      expect(await first.changesSince!(since[2]!.seq)).to.deep.equal([]);
      expect((await first.changesSince!(0, 1)).map((c) => c.id)).to.deep.equal(['d1'], 'a limit returns whole commits');
    } finally {
      await Promise.all([first.close(), other.close()]);
    }
    const reopened = dexieStore(name);
    try {
      expect((await reopened.changesSince!(0)).map((c) => c.id)).to.deep.equal(['d1', 'd2', 'h1', 'd1']);
    } finally {
      await reopened.close();
    }
  });
});
