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
export { createServer, SESSION_COOKIE, type ServerOptions, type CrmServer } from './server.js';
export { IDEMPOTENCY_TTL_MS, type IdempotencyOptions } from './http/idempotency.js';
export { Accounts, type Account } from './auth/accounts.js';
export { HttpError, errorResponse, requestLocale } from './http/error-response.js';
export { openApiDocument } from './http/openapi.js';
export { visible, type FeedEvent } from './http/change-feed.js';
export { ENTITIES, LIST_PARAMS, type Entity } from './http/record-routes.js';
export type { ServerEnv } from './http/request-helpers.js';
