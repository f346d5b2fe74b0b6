import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describeChunkCases } from './dexie-chunk-cases.js';
import type { ContractTestApi } from './store-contract.js';

// node:test is loaded untyped (core's typecheck has no Node types); fake-indexeddb is passed in, not installed globally.
const api = (await import('node:test' as string)) as ContractTestApi;

describeChunkCases(api, { indexedDB, IDBKeyRange }, 25);
