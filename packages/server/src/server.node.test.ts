import { pgliteStore } from './store/pglite-store.js';
import { postgresStore } from './store/postgres-store.js';
import { freshDatabase, TEST_DATABASE_URL } from './testing/databases.js';
import { describeServer, type SuiteApi } from './testing/server-suite.js';

const api = (await import('node:test')) as unknown as SuiteApi;

describeServer('PGlite', async () => pgliteStore(), api);
if (TEST_DATABASE_URL) describeServer('PostgreSQL', async () => postgresStore(await freshDatabase('server')), api);
else api.it('team server on PostgreSQL: SKIPPED (set CRMKIT_TEST_DATABASE_URL)', async () => console.warn('team server PostgreSQL suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)'));
