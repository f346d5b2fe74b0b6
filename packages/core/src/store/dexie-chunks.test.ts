import { describeChunkCases } from './dexie-chunk-cases.js';
import type { ContractTestApi } from './store-contract.js';

// dexieStore's chunked bulk writes on the browser's IndexedDB.
describeChunkCases(globalThis as unknown as ContractTestApi, undefined, 6);
