import { after, before, describe, it } from 'node:test';
import { postgresStore } from '../store/postgres-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { freshDatabase, TEST_DATABASE_URL } from './databases.js';

/** Two stores on one database. */
export interface StorePair {
  a: SqlStore;
  b: SqlStore;
}

/**
 * Test support: declares a suite on PostgreSQL with two stores on one fresh
 * database, standing for two server processes (each store has its own
 * connection pool). `body` declares the tests; the stores are open when they
 * run and closed after the suite. Without `CRMKIT_TEST_DATABASE_URL` the suite
 * is one test that says, visibly, that it was skipped.
 */
export function describeTwoProcesses(name: string, databasePrefix: string, body: (stores: Readonly<StorePair>) => void): void {
  if (!TEST_DATABASE_URL) {
    it(`${name}: SKIPPED (set CRMKIT_TEST_DATABASE_URL)`, () => console.warn(`${name}: suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)`));
    return;
  }
  describe(name, () => {
    const stores = {} as StorePair;
    before(async () => {
      const url = await freshDatabase(databasePrefix);
      stores.a = postgresStore(url);
      stores.b = postgresStore(url);
      await stores.a.open();
      await stores.b.open();
    });
    after(async () => {
      await Promise.all([stores.a?.close(), stores.b?.close()]);
    });
    body(stores);
  });
}
