/**
 * `@crmkit/core/testing` — test support for people who write their own
 * {@link Store} adapter (a PostgreSQL store, a remote store): the contract
 * every adapter must pass, as a suite for any mocha-like runner or Node's
 * `node:test`.
 *
 * @packageDocumentation
 */

export { describeStoreContract, type ContractTestApi } from './store/store-contract.js';
export type { CheckedPut, Store, StoreOps, StoreChange, StoredRow, TableName, IndexQuery, IndexValue } from './store/store.js';
