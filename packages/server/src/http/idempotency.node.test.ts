import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pgliteStore } from '../store/pglite-store.js';
import { postgresStore } from '../store/postgres-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';
import { startServer, type Harness } from '../testing/harness.js';

const HOUR = 3_600_000;

/** Stored `Idempotency-Key`s expire: a replay within the lifetime gets the stored answer, a later one runs anew, and old keys are deleted. */
function describeExpiry(label: string, makeStore: () => Promise<SqlStore>): void {
  describe(`idempotency key expiry on ${label}`, () => {
    let h: Harness;
    let store: SqlStore;
    let clock = Date.UTC(2026, 0, 1);
    before(async () => {
      store = await makeStore();
      h = await startServer(store, { idempotency: { ttlMs: 24 * HOUR, now: () => clock } });
    });
    after(async () => {
      await h.server.close();
    });
    const create = (key: string, title: string) => h.call('ann', 'POST', '/api/v1/deals', { title, amount: 5 }, { 'Idempotency-Key': key });
    const storedKeys = async () => (await store.query<{ id: string }>('meta')).map((row) => row.id).filter((id) => id.startsWith('api:idem:')).sort();

    it('replays a key within 24 h, runs it as new after, and sweeps expired keys', async () => {
      const first = await create('exp-1', 'Boiler');
      assert.equal(first.status, 201, JSON.stringify(first.body));
      clock += 23 * HOUR;
      const replay = await create('exp-1', 'Boiler');
      assert.deepEqual([replay.status, replay.body.id, replay.headers.get('idempotent-replayed')], [201, first.body.id, 'true'], 'replayed within the lifetime');
      clock += 2 * HOUR;
      const later = await create('exp-1', 'Boiler again');
      assert.equal(later.status, 201);
      assert.equal(later.headers.get('idempotent-replayed'), null, 'an expired key runs as a new request');
      assert.notEqual(later.body.id, first.body.id, 'a second deal was created');
      const second = await create('exp-2', 'Pump');
      assert.equal(second.status, 201);
      assert.deepEqual(await storedKeys(), ['api:idem:ann:exp-1', 'api:idem:ann:exp-2'], 'both live keys are stored');
      clock += 25 * HOUR;
      await create('exp-3', 'Valve');
      assert.deepEqual(await storedKeys(), ['api:idem:ann:exp-3'], 'keys older than 24 h were swept on the next keyed write');
    });

    it('sweeps at most once per interval, recorded in the store so other processes skip it too', async () => {
      clock += 30 * HOUR;
      await create('sw-1', 'A');
      const sweep = await store.get<{ id: string; at: number }>('meta', 'api:idem-sweep');
      assert.equal(sweep?.at, clock, 'the sweep recorded when it ran');
      clock += 10 * 60_000;
      await h.call('bob', 'POST', '/api/v1/deals', { title: 'B', amount: 1 }, { 'Idempotency-Key': 'sw-2' });
      assert.equal((await store.get<{ id: string; at: number }>('meta', 'api:idem-sweep'))?.at, clock - 10 * 60_000, 'no second sweep within the hour');
    });

    it('runs an expired key as new also before a sweep removed it (another process swept just before it expired)', async () => {
      clock += 48 * HOUR;
      const first = await create('late-1', 'Heater');
      assert.equal(first.status, 201);
      clock += 24 * HOUR - 60_000;
      await store.put('meta', { id: 'api:idem-sweep', at: clock });
      clock += 2 * 60_000;
      const later = await create('late-1', 'Heater');
      assert.deepEqual([later.status, later.headers.get('idempotent-replayed')], [201, null], 'not replayed');
      assert.notEqual(later.body.id, first.body.id, 'a new deal');
    });
  });
}

describeExpiry('PGlite', async () => pgliteStore());
if (TEST_DATABASE_URL) describeExpiry('PostgreSQL', async () => postgresStore(await freshDatabase('idem')));
