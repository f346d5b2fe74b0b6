// The persisted index: a session opens it from the store and replays only the
// changes logged since — also changes made while the analytics were not
// running — and answers exactly as an index built fresh from every record.
import { createCrm, dexieStore, type Crm, type IndexQuery, type Store, type StoredRow, type TableName } from '@crmkit/core';
import { analyticsPlugin, createAnalytics } from '@crmkit/plugin-analytics';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { indexOf } from './engine/analytics-index.js';
import { B2B, buildDataset, datasetOptions, Q1 } from './test/fixture.js';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
};

const dexie = { indexedDB, IDBKeyRange };
const uniqueName = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;
const clock = () => new Date('2026-04-05T00:00:00Z');

/** Every report the plugin has, as `crm`'s acting user sees them. */
async function answers(crm: Crm): Promise<unknown> {
  const a = createAnalytics(crm, { timeZone: 'UTC' });
  const q = { pipelineId: 'b2b', ...Q1 };
  return {
    reached: await a.funnel(q),
    entered: await a.funnel({ ...q, mode: 'entered' }),
    snapshot: await a.funnel({ ...q, mode: 'snapshot' }),
    metrics: await a.metrics(q),
    lossReasons: await a.lossReasons(q),
    leadLoss: await a.lossReasons({ pipelineId: 'leads', ...Q1 }),
    sources: await a.sources(Q1),
    managers: await a.managers(Q1),
  };
}

/** A store that counts full-table reads (the thing a persisted index avoids). */
function counting(store: Store): { store: Store; scans: TableName[] } {
  const scans: TableName[] = [];
  const wrapped: Store = Object.create(store) as Store;
  wrapped.query = <T extends { id: string }>(table: TableName, query?: IndexQuery) => {
    if (!query?.index) scans.push(table);
    return store.query(table, query) as Promise<T[]>;
  };
  return { store: wrapped, scans };
}

describe('persisted index', () => {
  it('opens from the store, replays what changed while the analytics were closed, and answers as a fresh build', async () => {
    const name = uniqueName('persist');
    const { crm, ids } = await buildDataset(dexieStore(name, { dexie }));
    const analytics = createAnalytics(crm);
    await analytics.ready();
    await analytics.persist();
    await crm.close();

    // A session without the analytics: moves, wins, losses, a new deal, a removal, a converted lead, edits, a done step.
    let t = Date.parse('2026-04-05T10:00:00Z');
    const plain = await createCrm(datasetOptions(dexieStore(name, { dexie }), () => new Date((t += 60_000)), []));
    const [step] = await plain.activities.list({ recordId: ids['D4'] as string });
    await plain.activities.complete((step as { id: string }).id, { result: 'Signed' });
    await plain.deals.moveToStage(ids['D5'] as string, 's3');
    await plain.deals.win(ids['D4'] as string);
    await plain.deals.lose(ids['D9'] as string, { reason: 'price' });
    await plain.deals.update(ids['D2'] as string, { amount: 2500 });
    await plain.deals.remove(ids['D6'] as string);
    const fresh = await plain.deals.create({ title: 'D12', pipelineId: 'b2b', ownerId: 'bob', amount: 50, currency: 'EUR' });
    await plain.deals.moveToStage(fresh.id, 's2');
    const lead = await plain.leads.create({ name: 'L7', phone: '+7 999 000-11-22', ownerId: 'ann', source: { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } } });
    await plain.leads.convert(lead.id, { pipelineId: 'b2b', amount: 70, currency: 'USD', title: 'D13' });
    await plain.close();

    const opened = counting(dexieStore(name, { dexie }));
    const again = await createCrm(datasetOptions(opened.store, clock));
    const rebuilt = await createCrm(datasetOptions(dexieStore(name, { dexie }), clock, [analyticsPlugin({ persistIndex: false })]));
    try {
      const got = await answers(again);
      const index = indexOf(opened.store, []);
      assert.equal(index.origin, 'snapshot', 'opened from the persisted index');
      assert.ok(index.replayed > 0, 'replayed the changes logged since');
      assert.deepEqual(
        opened.scans.filter((t) => t === 'deals' || t === 'leads' || t === 'history' || t === 'activities'),
        [],
        'no table was read whole',
      );
      assert.equal(indexOf(rebuilt.store, []).origin, 'store');
      assert.deepEqual(got, await answers(rebuilt), 'same answers as a fresh build');
      // The changes show: D4 won, D9 lost, D6 gone, D13 converted from a spring lead.
      const metrics = (got as { metrics: { won: number; lost: number } }).metrics;
      assert.deepEqual([metrics.won, metrics.lost], [2, 3], 'Q1 closings unchanged by April changes');
      const april = await createAnalytics(again).metrics({ pipelineId: 'b2b', from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') });
      assert.deepEqual([april.won, april.lost], [1, 2], 'April: D4 won; D10 and D9 lost');
      // Roles still apply: each manager's view equals the fresh build's view of that manager.
      for (const user of ['ann', 'bob']) assert.deepEqual(await answers(again.as(user)), await answers(rebuilt.as(user)), `${user}'s view`);
      assert.ok(JSON.stringify(await answers(again.as('ann'))) !== JSON.stringify(got), "a manager's view is not the head's");
    } finally {
      await Promise.all([again.close(), rebuilt.close()]);
    }
  });

  it('keeps up after opening from the store: a move is counted, and the next session sees it too', async () => {
    const name = uniqueName('persist-live');
    const { crm, ids } = await buildDataset(dexieStore(name, { dexie }));
    await createAnalytics(crm).persist();
    await crm.close();

    const second = await createCrm(datasetOptions(dexieStore(name, { dexie }), clock));
    const a = createAnalytics(second);
    const before = await a.funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' });
    // A stage change saved in the index, written again (a sync re-writing its cache): counted once.
    const [old] = (await second.history.list({ recordType: 'deal', recordId: ids['D9'] as string })).filter((h) => h.type === 'stage_changed');
    await second.store.put('history', old as unknown as StoredRow);
    assert.deepEqual(await a.funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' }), before, 'a re-written transition is not counted twice');
    await second.deals.moveToStage(ids['D5'] as string, 's2');
    const after = await a.funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' });
    assert.equal(indexOf(second.store, []).origin, 'snapshot');
    assert.equal((after.stages[1]?.count ?? 0) - (before.stages[1]?.count ?? 0), 1, 'D5 now entered s2');
    await a.persist();
    await second.close();

    const third = await createCrm(datasetOptions(dexieStore(name, { dexie }), clock));
    try {
      const index = indexOf(third.store, []);
      assert.deepEqual(await createAnalytics(third).funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' }), after);
      assert.equal(index.origin, 'snapshot');
      assert.equal(index.replayed, 0, 'nothing changed since the index was saved');
    } finally {
      await third.close();
    }
  });

  it('is rebuilt from the records when the pipelines changed since it was saved', async () => {
    const name = uniqueName('persist-layout');
    const { crm } = await buildDataset(dexieStore(name, { dexie }));
    await createAnalytics(crm).persist();
    await crm.close();

    // A stage added in the middle: every saved stage index after it would now point at the wrong stage.
    const stages = [...B2B.stages];
    stages.splice(1, 0, { id: 's1b', name: 'Call', kind: 'open', probability: 0.3 } as (typeof stages)[number]);
    const options = datasetOptions(dexieStore(name, { dexie }), clock);
    const reordered = await createCrm({ ...options, pipelines: [...(options.pipelines ?? []).filter((p) => p.id !== 'b2b'), { ...B2B, stages }] });
    try {
      const f = await createAnalytics(reordered).funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' });
      assert.equal(indexOf(reordered.store, []).origin, 'store');
      assert.deepEqual(f.stages.map((s) => [s.stageId, s.count]), [['s1', 9], ['s1b', 0], ['s2', 4], ['s3', 4], ['s4', 2]]);
    } finally {
      await reordered.close();
    }
  });
});
