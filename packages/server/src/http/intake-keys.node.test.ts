import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IDEMPOTENCY_META_PREFIX } from '@crmkit/core';
import { pgliteStore } from '../store/pglite-store.js';
import { postgresStore } from '../store/postgres-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';
import { startServer, type Harness } from '../testing/harness.js';
import { intakeKeySweep } from './intake-key-sweep.js';

const HOUR = 3_600_000;

/** The public intake's own idempotency keys expire with the server's lifetime, and are swept in SQL. */
function describeIntakeKeys(label: string, makeStore: () => Promise<SqlStore>): void {
  describe(`intake idempotency keys on ${label}`, () => {
    let h: Harness;
    let store: SqlStore;
    let clock = Date.UTC(2026, 0, 1);
    before(async () => {
      store = await makeStore();
      h = await startServer(store, { idempotency: { ttlMs: 2 * HOUR }, intake: { rateLimit: false, now: () => clock } });
    });
    after(async () => {
      await h.server.close();
    });
    const submit = (key: string) => h.call(undefined, 'POST', '/api/v1/intake', { lead: { name: 'Ann Lee', phone: '+7 999 123-45-67', consent: { text: 'I agree', version: '1', locale: 'en', pageUrl: 'https://shop.example/', at: '2026-01-01T00:00:00.000Z' } }, submittedAt: '2026-01-01T00:00:00.000Z' }, { 'Idempotency-Key': key });
    const intakeKeys = async () => (await store.query<{ id: string }>('meta')).map((r) => r.id).filter((id) => id.startsWith(IDEMPOTENCY_META_PREFIX)).sort();

    it('a replay within the server’s key lifetime gets the first answer; after it the key is a new lead', async () => {
      const first = await submit('form-1');
      assert.equal(first.status, 201, JSON.stringify(first.body));
      clock += 2 * HOUR - 1;
      assert.deepEqual([(await submit('form-1')).status, (await submit('form-1')).body.id], [200, first.body.id], 'replayed inside the window');
      clock += 1;
      const late = await submit('form-1');
      assert.equal(late.status, 201, 'the lifetime of `idempotency.ttlMs` applies to the intake too');
      assert.notEqual(late.body.id, first.body.id);
    });

    it('the SQL sweep deletes only expired intake keys', async () => {
      await store.bulkPut('meta', [
        { id: `${IDEMPOTENCY_META_PREFIX}gone`, state: 'done', leadId: 'l1', at: 1_000 },
        { id: `${IDEMPOTENCY_META_PREFIX}kept`, state: 'done', leadId: 'l2', at: 5_000 },
        { id: 'api:idem:ann:other', state: 'done', request: 'POST /api/v1/deals', at: 1_000 },
      ]);
      const before = await intakeKeys();
      await intakeKeySweep(store)(5_000);
      assert.deepEqual(await intakeKeys(), before.filter((id) => !id.endsWith(':gone')));
      assert.ok(await store.get('meta', 'api:idem:ann:other'), 'other rows of meta stay');
    });
  });
}

describeIntakeKeys('PGlite', async () => pgliteStore());
if (TEST_DATABASE_URL) describeIntakeKeys('PostgreSQL', async () => postgresStore(await freshDatabase('intakekeys')));
else it('intake keys on PostgreSQL: SKIPPED (set CRMKIT_TEST_DATABASE_URL)', () => console.warn('intake keys PostgreSQL suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)'));
