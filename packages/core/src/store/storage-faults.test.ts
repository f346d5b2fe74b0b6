// Storage faults in real IndexedDB (headless Chromium): a blocked upgrade, an
// aborted transaction and a database deleted under a running store each end
// in a StorageError, never a hang, a raw DexieError or a silent empty database.
import { expect } from '@open-wc/testing';
import { Dexie } from 'dexie';
import { createCrm } from '../crm.js';
import { isCrmError, type StorageError } from '../errors.js';
import { dexieStore } from './dexie-store.js';

const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

/** Opens `name` at a native version with a plain connection that ignores requests to close (an old tab). */
function holdOpen(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => req.result.createObjectStore('legacy');
    req.onsuccess = () => {
      req.result.onversionchange = () => undefined; // stubborn: does not close
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

describe('storage faults (IndexedDB)', () => {
  it('a blocked upgrade makes createCrm reject with StorageError after the bounded wait instead of hanging', async () => {
    const name = uniqueName('blocked');
    const old = await holdOpen(name, 1);
    try {
      const outcome = await Promise.race([
        createCrm({ store: dexieStore(name, { blockedTimeoutMs: 200 }), automationIntervalMs: false }).then(
          () => 'opened',
          (e: unknown) => e,
        ),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1500)),
      ]);
      expect(isCrmError(outcome, 'storage'), String(outcome)).to.equal(true);
      expect((outcome as StorageError).message).to.match(/blocked/);
    } finally {
      old.close();
    }
  });

  it('an aborted transaction rejects with StorageError and leaves nothing behind', async () => {
    const store = dexieStore(uniqueName('abort'));
    try {
      await store.put('deals', { id: 'd0' });
      const midway = await store
        .transaction(['deals'], async (tx) => {
          await tx.put('deals', { id: 'd1' });
          Dexie.currentTransaction?.abort();
          await tx.put('deals', { id: 'd2' });
        })
        .then(
          () => 'committed',
          (e: unknown) => e,
        );
      expect(isCrmError(midway, 'storage'), String(midway)).to.equal(true);
      const atCommit = await store
        .transaction(['deals'], async (tx) => {
          await tx.put('deals', { id: 'd3' });
          Dexie.currentTransaction?.abort();
        })
        .then(
          () => 'committed',
          (e: unknown) => e,
        );
      expect(isCrmError(atCommit, 'storage'), String(atCommit)).to.equal(true);
      expect((await store.query('deals')).map((r) => r.id)).to.deep.equal(['d0']);
    } finally {
      await store.close();
    }
  });

  it('a database deleted by another connection is reported (crm.on storage:error) and every later call rejects, not an empty database', async () => {
    const name = uniqueName('deleted');
    const crm = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const faults: StorageError[] = [];
    crm.on('storage:error', (e) => faults.push(e));
    await crm.deals.create({ title: 'Kept', amount: 100 });
    await deleteDatabase(name);
    expect(faults).to.have.length(1);
    expect(faults[0]?.message).to.match(/deleted/);
    const listed = await crm.deals.list().then(
      (rows) => rows,
      (e: unknown) => e,
    );
    expect(isCrmError(listed, 'storage'), `got ${JSON.stringify(listed)}`).to.equal(true);
    const created = await crm.deals.create({ title: 'Lost?', amount: 1 }).then(
      () => 'stored in a new empty database',
      (e: unknown) => e,
    );
    expect(isCrmError(created, 'storage')).to.equal(true);
    expect(await Dexie.exists(name)).to.equal(false);
    await crm.close().catch(() => undefined);
  });
});
