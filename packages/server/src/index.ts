/**
 * @crmkit/server — the team server: the crmkit core over PostgreSQL (or
 * embedded PGlite), REST + a live change feed, roles enforced on every route.
 *
 * @packageDocumentation
 */

export { postgresStore, type PostgresStoreOptions } from './store/postgres-store.js';
export { pgliteStore, type PgliteStoreOptions } from './store/pglite-store.js';
export { SqlStore, CHANGES_CHANNEL, type LoggedChange, type SqlStoreOptions } from './store/sql-store.js';
export type { SqlDriver, SqlSession } from './store/sql-driver.js';
export { MIGRATIONS, migrate } from './store/schema.js';
