// Shared fixtures for core tests: a CRM on either store with a movable clock.
import { createCrm, dexieStore, memoryStore, type Crm, type CrmOptions, type Store } from '@crmkit/core';

/** A clock tests move by hand instead of sleeping. */
export class TestClock {
  constructor(public time = new Date('2026-03-02T09:00:00.000Z')) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Both store adapters, so every behaviour is checked on each. */
export const STORE_KINDS: ReadonlyArray<[string, () => Store]> = [
  ['memory', () => memoryStore()],
  ['dexie', () => dexieStore(`t-core-${Math.random().toString(36).slice(2)}`)],
];

export const TEAM = [
  { id: 'ann', name: 'Ann', role: 'manager' as const, team: 'east' },
  { id: 'bob', name: 'Bob', role: 'manager' as const, team: 'east' },
  { id: 'cid', name: 'Cid', role: 'manager' as const, team: 'east' },
  { id: 'boss', name: 'Bo', role: 'head' as const, team: 'east' },
];

/** A CRM with the default pipelines, no automation timer, and a test clock. */
export async function makeCrm(makeStore: () => Store, options: Partial<CrmOptions> = {}): Promise<{ crm: Crm; clock: TestClock; store: Store }> {
  const clock = new TestClock();
  const store = options.store ?? makeStore();
  const crm = await createCrm({ store, now: clock.now, automationIntervalMs: false, ...options });
  return { crm, clock, store };
}

/** Awaits a promise expected to reject and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Every row of every data table, to prove a failed call left the store unchanged. */
export async function snapshot(store: Store): Promise<string> {
  const tables = ['contacts', 'companies', 'leads', 'deals', 'activities', 'history', 'jobs'] as const;
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await store.query(t);
  return JSON.stringify(out);
}
