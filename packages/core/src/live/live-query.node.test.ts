// The live-data observer under Node: results kept by id, rows carried in the change feed,
// bursts batched, access rules applied, and no reads after stop.
import { createCrm, memoryStore, type Crm, type Deal, type LiveChange, type Store, type StoreChange } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
};

/** A memory store that counts reads and lets a test deliver changes as another tab would (ids only). */
function countingStore(): { store: Store; reads: { get: number; query: number }; remote(changes: StoreChange[]): void } {
  const inner = memoryStore();
  const reads = { get: 0, query: 0 };
  const listeners = new Set<(changes: readonly StoreChange[]) => void>();
  inner.subscribe((changes) => listeners.forEach((l) => l(changes)));
  const store: Store = {
    ...inner,
    name: inner.name,
    get: (table, id) => {
      reads.get++;
      return inner.get(table, id);
    },
    query: (table, query) => {
      reads.query++;
      return inner.query(table, query);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { store, reads, remote: (changes) => listeners.forEach((l) => l(changes)) };
}

const TEAM = [
  { id: 'ann', name: 'Ann', role: 'manager' as const },
  { id: 'bob', name: 'Bob', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];

async function setup(): Promise<{ crm: Crm; store: Store; reads: { get: number; query: number }; remote(changes: StoreChange[]): void }> {
  const counting = countingStore();
  const crm = await createCrm({ store: counting.store, users: TEAM, currentUser: 'boss', automationIntervalMs: false });
  return { crm, ...counting };
}

/** Records every notification; `next()` resolves with the next one. */
function recorder(): { calls: Array<{ rows: Deal[]; change: LiveChange<Deal> }>; listener: (rows: Deal[], change: LiveChange<Deal>) => void; next(): Promise<{ rows: Deal[]; change: LiveChange<Deal> }> } {
  const calls: Array<{ rows: Deal[]; change: LiveChange<Deal> }> = [];
  let wake: (() => void) | undefined;
  return {
    calls,
    listener: (rows, change) => {
      calls.push({ rows, change });
      wake?.();
    },
    async next() {
      const seen = calls.length;
      while (calls.length === seen) await new Promise<void>((resolve) => (wake = resolve));
      return calls[calls.length - 1]!;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** 200 open deals of the sales pipeline created in a shuffled order, each with a pending step of its owner; the lists read once (warm). */
async function seedDealsWithSteps(crm: Crm, store: Store, ownerOf: (i: number) => string): Promise<void> {
  const at = Date.parse('2025-03-10T09:00:00Z');
  const deals = Array.from({ length: 200 }, (_, i) => {
    const when = new Date(at + ((i * 7919) % 200) * 60_000).toISOString();
    return { id: `d${i}`, createdAt: when, updatedAt: when, version: 1, ownerId: ownerOf(i), custom: {}, title: `D${i}`, currency: 'USD', pipelineId: 'sales', stageId: 'new', status: 'open', contactIds: [] } as Deal;
  });
  const steps = deals.map((d, i) => ({ id: `s${i}`, createdAt: d.createdAt, updatedAt: d.createdAt, version: 1, ownerId: d.ownerId, custom: {}, recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: d.createdAt, assigneeId: d.ownerId, state: 'pending', done: false }));
  await store.bulkPut('deals', deals);
  await store.bulkPut('activities', steps);
  // Warm: the memory store orders its index once after a bulk insert; that is not the observer's work.
  await crm.deals.list({ pipelineId: 'sales' });
  await crm.activities.list({ state: 'pending' });
}

/** Counts every sort of 100 rows or more until `restore()`. */
function countBigSorts(): { sorts: { count: number }; restore: () => void } {
  const sort = Array.prototype.sort;
  const sorts = { count: 0 };
  Array.prototype.sort = function (this: unknown[], ...args: [((a: unknown, b: unknown) => number)?]) {
    if (this.length >= 100) sorts.count++;
    return sort.apply(this, args);
  };
  return { sorts, restore: () => (Array.prototype.sort = sort) };
}

describe('liveQuery through crm.deals.watch', () => {
  it('yields the initial results as list() does', async () => {
    const { crm } = await setup();
    await crm.deals.create({ title: 'A', ownerId: 'ann' });
    await crm.deals.create({ title: 'B', ownerId: 'bob' });
    const rec = recorder();
    const stop = crm.deals.watch({ pipelineId: 'sales' }, rec.listener);
    const first = await rec.next();
    assert.deepEqual(first.rows.map((d) => d.title), (await crm.deals.list({ pipelineId: 'sales' })).map((d) => d.title));
    assert.equal(first.change.initial, true);
    stop();
  });

  it('sorts the first read once: the rows of list() keep their order and are not sorted again', async () => {
    const { crm, store } = await setup();
    await seedDealsWithSteps(crm, store, () => 'ann');
    // Every sort of 100 rows or more from here on (the services' own and the observer's).
    const { sorts, restore } = countBigSorts();
    try {
      const rec = recorder();
      const stop = crm.deals.watch({ pipelineId: 'sales' }, rec.listener);
      const first = await rec.next();
      stop();
      assert.equal(sorts.count, 1, 'deals: list() sorts, the observer does not sort again');
      assert.deepEqual(first.rows.map((d) => d.id), (await crm.deals.list({ pipelineId: 'sales' })).map((d) => d.id));
      sorts.count = 0;
      let rows: unknown[] = [];
      const stopSteps = crm.activities.watch({ state: 'pending' }, (r) => (rows = r));
      await settle();
      stopSteps();
      assert.equal(sorts.count, 1, 'activities: list() sorts, the observer does not sort again');
      assert.equal(rows.length, 200);
    } finally {
      restore();
    }
  });

  it('unordered: the first read is not sorted, holds what list() holds, and changes still apply', async () => {
    const { crm, store } = await setup();
    await seedDealsWithSteps(crm, store, (i) => (i % 2 ? 'ann' : 'bob'));
    const { sorts, restore } = countBigSorts();
    let dealRows: Deal[] = [];
    let stepRows: { id: string }[] = [];
    try {
      const rec = recorder();
      const stop = crm.deals.watch({ pipelineId: 'sales' }, rec.listener, { unordered: true });
      const first = await rec.next();
      const stopSteps = crm.activities.watch({ state: 'pending' }, (r) => (stepRows = r), { unordered: true });
      await settle();
      assert.equal(sorts.count, 0, 'neither first read is sorted');
      dealRows = first.rows;
      const next = rec.next();
      await crm.deals.update('d3', { title: 'Three', version: 1 });
      const second = await next;
      assert.equal(second.rows.length, 200);
      assert.equal(second.rows.find((d) => d.id === 'd3')?.title, 'Three');
      stop();
      stopSteps();
    } finally {
      restore();
    }
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    assert.deepEqual(ids(dealRows), ids(await crm.deals.list({ pipelineId: 'sales' })));
    assert.deepEqual(ids(stepRows), ids(await crm.activities.list({ state: 'pending' })));
    // With a window the order matters, so it is kept.
    const windowed = recorder();
    const stopWindowed = crm.deals.watch({ pipelineId: 'sales', limit: 5 }, windowed.listener, { unordered: true });
    assert.deepEqual((await windowed.next()).rows.map((d) => d.id), (await crm.deals.list({ pipelineId: 'sales', limit: 5 })).map((d) => d.id));
    stopWindowed();
  });

  it('indexes the rows by id at the first change, not on the way to the first notification', async () => {
    const { crm, store } = await setup();
    const at = new Date('2025-03-10T09:00:00Z').toISOString();
    const deals = Array.from({ length: 200 }, (_, i) => ({ id: `d${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: 'ann', custom: {}, title: `D${i}`, currency: 'USD', pipelineId: 'sales', stageId: 'new', status: 'open', contactIds: [] }) as Deal);
    await store.bulkPut('deals', deals);
    const ids = new Set(deals.map((d) => d.id));
    // Every Map entry keyed by one of these ids from here on (the observer's index, or anyone's).
    const set = Map.prototype.set;
    let indexed = 0;
    Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      if (typeof key === 'string' && ids.has(key)) indexed++;
      return set.call(this, key, value);
    };
    try {
      const rec = recorder();
      const stop = crm.deals.watch({ pipelineId: 'sales' }, rec.listener);
      const first = await rec.next();
      assert.equal(first.rows.length, 200);
      assert.equal(indexed, 0, 'no index before the first change');
      const next = rec.next();
      await crm.deals.update('d7', { title: 'Seven', version: 1 });
      const second = await next;
      assert.deepEqual(second.change.upserted.map((d) => d.title), ['Seven']);
      assert.equal(second.rows.length, 200);
      assert.equal(second.rows.filter((d) => d.id === 'd7').map((d) => d.title).join(), 'Seven');
      assert.ok(indexed >= 200, 'the index is built at the first change');
      stop();
    } finally {
      Map.prototype.set = set;
    }
  });

  it('a put or delete updates only that row, with no re-read of the store', async () => {
    const { crm, reads } = await setup();
    const a = await crm.deals.create({ title: 'A' });
    const b = await crm.deals.create({ title: 'B' });
    const rec = recorder();
    const stop = crm.deals.watch({}, rec.listener);
    const first = await rec.next();
    reads.get = 0;
    reads.query = 0;
    const changedTitle = rec.next();
    await crm.deals.update(a.id, { title: 'A2' });
    const after = await changedTitle;
    assert.deepEqual(after.change.upserted.map((d) => d.id), [a.id]);
    assert.equal(after.rows.find((d) => d.id === b.id), first.rows.find((d) => d.id === b.id), 'the untouched row is the same object');
    assert.equal(after.rows.find((d) => d.id === a.id)?.title, 'A2');
    const removed = rec.next();
    await crm.deals.remove(b.id);
    const gone = await removed;
    assert.deepEqual(gone.change.removed, [b.id]);
    assert.deepEqual(gone.rows.map((d) => d.id), [a.id]);
    // The services read the record they change; the watched list is never queried again.
    assert.equal(reads.query, 0);
    stop();
  });

  it('a change from another tab (id only) re-reads that one row', async () => {
    const { crm, store, reads, remote } = await setup();
    const a = await crm.deals.create({ title: 'A' });
    const rec = recorder();
    const stop = crm.deals.watch({}, rec.listener);
    await rec.next();
    const row = await store.get<Deal>('deals', a.id);
    const echo = rec.next();
    await store.put('deals', { ...row!, title: 'From tab 2' });
    await echo;
    reads.get = 0;
    reads.query = 0;
    const next = rec.next();
    remote([{ table: 'deals', type: 'put', id: a.id, remote: true }]);
    const after = await next;
    assert.equal(reads.get, 1);
    assert.equal(reads.query, 0);
    assert.equal(after.rows[0]?.title, 'From tab 2');
    stop();
  });

  it('batches a burst into one notification', async () => {
    const { crm, remote } = await setup();
    const deals = await crm.deals.createMany([{ title: 'A' }, { title: 'B' }, { title: 'C' }]);
    const rec = recorder();
    const stop = crm.deals.watch({}, rec.listener);
    await rec.next();
    const created = rec.next();
    await crm.deals.createMany(Array.from({ length: 40 }, (_, i) => ({ title: `N${i}` })));
    assert.equal((await created).change.upserted.length, 40);
    await settle();
    const before = rec.calls.length;
    for (const d of deals) remote([{ table: 'deals', type: 'put', id: d.id, remote: true }]);
    remote([{ table: 'deals', type: 'delete', id: deals[0]!.id, remote: true }]);
    await settle();
    assert.equal(rec.calls.length - before, 1, 'four changes in one tick: one notification');
    assert.equal(rec.calls.at(-1)!.rows.length, 42);
    stop();
  });

  it('removes a row that leaves the filter and adds one that enters it', async () => {
    const { crm } = await setup();
    const a = await crm.deals.create({ title: 'A' });
    assert.equal(a.stageId, 'new');
    const rec = recorder();
    const stop = crm.deals.watch({ stageId: 'new' }, rec.listener);
    assert.equal((await rec.next()).rows.length, 1);
    const left = rec.next();
    await crm.deals.moveToStage(a.id, 'qualified');
    const after = await left;
    assert.deepEqual(after.change.removed, [a.id]);
    assert.equal(after.rows.length, 0);
    const entered = rec.next();
    await crm.deals.create({ title: 'B' });
    assert.deepEqual((await entered).rows.map((d) => d.title), ['B']);
    stop();
  });

  it("never yields a colleague's row to a manager, and drops a row handed to a colleague", async () => {
    const { crm } = await setup();
    const mine = await crm.deals.create({ title: 'Ann 1', ownerId: 'ann' });
    await crm.deals.create({ title: 'Bob 1', ownerId: 'bob' });
    const rec = recorder();
    const stop = crm.as('ann').deals.watch({}, rec.listener);
    assert.deepEqual((await rec.next()).rows.map((d) => d.title), ['Ann 1']);
    await crm.deals.create({ title: 'Bob 2', ownerId: 'bob' });
    await settle();
    assert.ok(rec.calls.every((c) => c.rows.every((d) => d.ownerId === 'ann')));
    const handed = rec.next();
    await crm.deals.update(mine.id, { ownerId: 'bob' });
    const after = await handed;
    assert.deepEqual(after.change.removed, [mine.id]);
    assert.equal(after.rows.length, 0);
    stop();
  });

  it('reads nothing and calls nobody after stop', async () => {
    const { crm, reads, remote } = await setup();
    const a = await crm.deals.create({ title: 'A' });
    const rec = recorder();
    const stop = crm.deals.watch({}, rec.listener);
    await rec.next();
    stop();
    reads.get = 0;
    reads.query = 0;
    remote([{ table: 'deals', type: 'put', id: a.id, remote: true }]);
    await crm.deals.update(a.id, { title: 'A2' });
    await settle();
    assert.equal(rec.calls.length, 1);
    assert.equal(reads.query, 0);
    assert.equal(reads.get, 1, 'only update() itself read the deal');
  });

  it('activities.watch follows a step handed to another assignee and its completion', async () => {
    const { crm } = await setup();
    const deal = await crm.deals.create({ title: 'A', ownerId: 'ann' });
    const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call', dueAt: new Date(Date.now() + 3_600_000) });
    const seen: string[][] = [];
    const stop = crm.activities.watch({ state: 'pending' }, (rows) => seen.push(rows.map((r) => r.id)));
    await settle();
    assert.deepEqual(seen.at(-1), [step.id]);
    await crm.activities.complete(step.id, { result: 'Done' });
    await settle();
    assert.deepEqual(seen.at(-1), []);
    stop();
  });
});
