import { describeStoreContract, type ContractTestApi } from '@crmkit/core/testing';
import { PGlite } from '@electric-sql/pglite';
import { pgliteStore } from './pglite-store.js';
import { postgresStore } from './postgres-store.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';

const { describe, it, after } = (await import('node:test')) as unknown as ContractTestApi & { after(fn: () => Promise<void>): void };

// One PGlite instance for the whole file (starting one takes seconds); each test empties it.
const shared = await PGlite.create();
after(() => shared.close());
describeStoreContract(
  'pgliteStore',
  async () => {
    const tables = await shared.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'crm\\_%' AND tablename <> 'crm_migrations'");
    if (tables.rows.length) await shared.exec(`TRUNCATE ${tables.rows.map((t) => t.tablename).join(', ')} CASCADE`);
    return pgliteStore({ db: shared });
  },
  { describe, it },
);

if (TEST_DATABASE_URL) {
  describeStoreContract('postgresStore', async () => postgresStore(await freshDatabase('contract')), { describe, it });
} else {
  describe('postgresStore', () => {
    it('skipped: set CRMKIT_TEST_DATABASE_URL to a PostgreSQL database to run the PostgreSQL variants', async () => {
      console.warn('postgresStore contract suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)');
    });
  });
}
