// Every metric on a hand-built dataset (test/fixture.ts) whose answers are worked out here.
//
//  deal  owner created (UTC)            amount    path                              now
//  D1    ann   2026-01-10 (from L1)     1000 USD  s1 s2 s3 s4 → won 01-20            won
//  D2    ann   2026-01-15               2000 USD  s1 s2 → lost(price) 02-01          lost
//  D3    bob   2026-02-01 (from L3)      500 EUR  s1 s2 s3 → won 02-13 (skips s4)    won
//  D4    bob   2026-02-10               3000 USD  s1 → s3 (skips s2)                  s3
//  D5    ann   2026-03-01                400 USD  s1                                  s1
//  D6    ann   2026-03-31T23:59:59.999   100 USD  s1                                  s1 (last instant of Q1)
//  D7    ann   2026-04-01T00:00:00.000   700 USD  s1 s2                               s2 (first instant after Q1)
//  D8    bob   2025-12-31T23:59:59       900 USD  s1 → lost(other) 01-05             lost
//  D9    bob   2026-01-05                600 USD  s1 s2 s3 s4 → back to s2            s2
//  D10   ann   2026-03-10                800 USD  s1 → lost(price) 04-02             lost
//  D11   bob   2026-01-20                300 RUB  s1 → lost(price) 03-15             lost
import { ValidationError } from '@crmkit/core';
import { createAnalytics, reportToCsv, type FunnelResult, type ReportResult } from '@crmkit/plugin-analytics';
import { stageProbability } from './engine/pipeline-layout.js';
import { buildDataset, Q1, type Dataset } from './test/fixture.js';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it, before } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn; before: (fn: () => Promise<void>) => void };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
};

const close = (a: number | null | undefined, b: number, msg?: string) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${msg ?? ''} expected ${b}, got ${a}`);
const counts = (f: FunnelResult) => f.stages.map((s) => s.count);

let ds: Dataset;
before(async () => {
  ds = await buildDataset();
});

describe('funnel', () => {
  it('reached (with conversion): a record counts up to the furthest stage it entered, a won one for all', async () => {
    const f = await createAnalytics(ds.crm).funnel({ pipelineId: 'b2b', ...Q1 });
    assert.equal(f.mode, 'reached');
    assert.deepEqual(f.stages.map((s) => s.stageId), ['s1', 's2', 's3', 's4']);
    // Cohort D1 D2 D3 D4 D5 D6 D9 D10 D11 (D7 created at `to`, D8 before `from`).
    assert.deepEqual(counts(f), [9, 5, 4, 3]);
    assert.deepEqual([f.total, f.won, f.lost, f.open], [9, 2, 3, 4]);
    const conv = f.stages.map((s) => s.conversion);
    close(conv[0], 5 / 9);
    close(conv[1], 4 / 5);
    close(conv[2], 3 / 4);
    close(conv[3], 2 / 3, 'the last open stage converts to won');
    assert.deepEqual(f.stages.map((s) => s.cumulative), [1, 5 / 9, 4 / 9, 3 / 9]);
    // Currencies side by side, never added.
    assert.deepEqual(f.stages[0]?.value, { USD: 7900, EUR: 500, RUB: 300 });
    assert.deepEqual(f.stages[1]?.value, { USD: 6600, EUR: 500 });
    assert.deepEqual(f.stages[3]?.value, { USD: 1600, EUR: 500 });
  });

  it('entered: only the stages the history shows', async () => {
    const f = await createAnalytics(ds.crm).funnel({ pipelineId: 'b2b', ...Q1, mode: 'entered' });
    assert.deepEqual(counts(f), [9, 4, 4, 2]);
    assert.deepEqual(f.stages.map((s) => s.conversion), [4 / 9, 1, 0.5, 1]);
    assert.deepEqual(f.stages[1]?.value, { USD: 3600, EUR: 500 });
  });

  it('snapshot: where the cohort stands now, no conversion', async () => {
    const f = await createAnalytics(ds.crm).funnel({ pipelineId: 'b2b', ...Q1, mode: 'snapshot' });
    assert.deepEqual(counts(f), [2, 1, 1, 0]);
    assert.deepEqual(f.stages.map((s) => s.conversion), [null, null, null, null]);
    assert.deepEqual(f.stages[0]?.value, { USD: 500 });
  });

  it('periods are half-open [from, to)', async () => {
    const a = createAnalytics(ds.crm);
    const last = await a.funnel({ pipelineId: 'b2b', from: '2026-03-31T23:59:59.999Z', to: '2026-04-01T00:00:00.000Z' });
    assert.equal(last.total, 1, 'D6, created at the last instant, is in');
    const next = await a.funnel({ pipelineId: 'b2b', from: '2026-04-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' });
    assert.equal(next.total, 1, 'D7, created at `to` of Q1, belongs to the next period');
    const m = await a.metrics({ pipelineId: 'b2b', from: '2026-01-20T00:00:00Z', to: '2026-02-13T00:00:00Z' });
    assert.deepEqual([m.won, m.lost], [1, 1], 'D1 won at `from` counts, D3 won at `to` does not; D2 lost inside');
  });

  it('works on a lead pipeline', async () => {
    const f = await createAnalytics(ds.crm).funnel({ pipelineId: 'leads', ...Q1 });
    // L1 L2 L3 L4 (L5 is spam, L6 after Q1): L1 and L3 converted, L2 junk, L4 open.
    assert.deepEqual([f.total, f.won, f.lost, f.open], [4, 2, 1, 1]);
    assert.equal(f.stages[0]?.count, 4);
    assert.equal(f.stages.at(-1)?.count, 2, 'converted leads reached every open stage');
  });

  it('names the bad field of a bad query', async () => {
    const a = createAnalytics(ds.crm);
    await assert.rejects(a.funnel({ pipelineId: 'nope', ...Q1 }), (e) => e instanceof ValidationError && e.issues[0]?.path[0] === 'pipelineId');
    await assert.rejects(a.funnel({ pipelineId: 'b2b', from: 'soon', to: Q1.to }), (e) => e instanceof ValidationError && e.issues[0]?.path[0] === 'from');
    await assert.rejects(a.metrics({ from: Q1.to, to: Q1.from }), (e) => e instanceof ValidationError && e.issues[0]?.path[0] === 'to');
    await assert.rejects(a.funnel({ pipelineId: 'b2b', ...Q1, mode: 'all' as never }), (e) => e instanceof ValidationError && e.issues[0]?.path[0] === 'mode');
  });
});

describe('metrics', () => {
  it('win rate, average deal size, cycle, velocity and weighted pipeline', async () => {
    const m = await createAnalytics(ds.crm).metrics({ pipelineId: 'b2b', ...Q1 });
    // Closed in Q1: D1 won, D3 won; D2, D8, D11 lost (D10 lost after Q1).
    assert.deepEqual([m.won, m.lost], [2, 3]);
    close(m.winRate, 0.4);
    assert.deepEqual(m.averageDealSize, { USD: 1000, EUR: 500 });
    close(m.cycleDays, 11, '(10 + 12) / 2');
    assert.equal(m.open, 5, 'D4 D5 D6 D7 D9 are open now');
    // USD: 5 open × 0.4 × 1000 ÷ 11; EUR: no open EUR deal.
    assert.equal(m.velocityPerDay['USD'], 181.818182, 'money is rounded to a millionth');
    assert.equal(m.velocityPerDay['EUR'], 0);
    // D4 3000×.6 + D5 400×.2 + D6 100×.2 + D7 700×.4 + D9 600×.4
    close(m.weightedPipeline['USD'], 2420);
    assert.deepEqual(Object.keys(m.weightedPipeline), ['USD']);
  });

  it('counts a sales cycle shorter than a day as one day in velocity', async () => {
    const { createCrm, memoryStore } = await import('@crmkit/core');
    let t = Date.parse('2026-05-01T09:00:00Z');
    const crm = await createCrm({ store: memoryStore(), now: () => new Date(t), automationIntervalMs: false });
    const won = await crm.deals.create({ title: 'quick', amount: 300, currency: 'USD' });
    await crm.deals.create({ title: 'open 1', amount: 10, currency: 'USD' });
    await crm.deals.create({ title: 'open 2', amount: 10, currency: 'USD' });
    t += 60_000;
    await crm.deals.win(won.id);
    const m = await createAnalytics(crm).metrics({ pipelineId: 'sales', from: '2026-05-01', to: '2026-06-01' });
    close(m.cycleDays, 1 / 1440, 'a minute');
    assert.deepEqual(m.velocityPerDay, { USD: 2 * 1 * 300 }, '2 open × 100% × 300 ÷ 1 day, not ÷ a minute');
    await crm.close();
  });

  it('over every deal pipeline when none is named', async () => {
    const m = await createAnalytics(ds.crm).metrics(Q1);
    assert.deepEqual([m.won, m.lost, m.open], [2, 3, 5]);
  });

  it('reads a stage probability when the stage declares one, else its place in the funnel', () => {
    assert.equal(stageProbability({ id: 'x', name: 'X', kind: 'open', probability: 0.35 } as never, 0, 4), 0.35);
    assert.equal(stageProbability({ id: 'x', name: 'X', kind: 'open' }, 1, 4), 0.4);
    assert.equal(stageProbability({ id: 'w', name: 'W', kind: 'won' }, -1, 4), 1);
  });
});

describe('loss reasons, sources, managers', () => {
  it('loss reasons with their share and value per currency', async () => {
    const rows = await createAnalytics(ds.crm).lossReasons({ pipelineId: 'b2b', ...Q1 });
    assert.deepEqual(rows, [
      { reasonId: 'price', name: 'Price', count: 2, share: 2 / 3, value: { USD: 2000, RUB: 300 } },
      { reasonId: 'other', name: 'Other', count: 1, share: 1 / 3, value: { USD: 900 } },
    ]);
  });

  it('sources: leads by utm source (else channel) and campaign, following their deals', async () => {
    const rows = await createAnalytics(ds.crm).sources(Q1);
    assert.deepEqual(rows, [
      { source: 'google', campaign: 'spring', leads: 2, converted: 1, won: 1, revenue: { USD: 1000 } },
      { source: 'phone', campaign: '', leads: 1, converted: 1, won: 1, revenue: { EUR: 500 } },
      { source: 'yandex', campaign: '', leads: 1, converted: 0, won: 0, revenue: {} },
    ]);
  });

  it('managers: leads, wins, revenue, win rate, next steps', async () => {
    const rows = await createAnalytics(ds.crm).managers(Q1);
    const by = Object.fromEntries(rows.map((r) => [r.userId, r]));
    assert.deepEqual(by['ann'], { userId: 'ann', name: 'Ann', leads: 2 + 1, won: 1, lost: 1, revenue: { USD: 1000 }, winRate: 0.5, activitiesDone: 1, overdue: 0, missingNextStep: 5 });
    assert.deepEqual(by['bob'], { userId: 'bob', name: 'Bob', leads: 1, won: 1, lost: 2, revenue: { EUR: 500 }, winRate: 1 / 3, activitiesDone: 0, overdue: 1, missingNextStep: 1 });
    assert.equal(by['boss']?.won, 0);
  });
});

describe('roles', () => {
  it("a manager's analytics cover only what that manager may see", async () => {
    const ann = ds.crm.as('ann');
    const a = createAnalytics(ann);
    const f = await a.funnel({ pipelineId: 'b2b', ...Q1 });
    // Ann's cohort: D1 D2 D5 D6 D10.
    assert.deepEqual([f.total, f.won, f.lost, f.open], [5, 1, 2, 2]);
    assert.deepEqual(counts(f), [5, 2, 1, 1]);
    const visible = (await ann.deals.list({ pipelineId: 'b2b' })).filter((d) => d.createdAt >= Q1.from.toISOString() && d.createdAt < Q1.to.toISOString());
    assert.equal(f.total, visible.length, 'the same records crm.deals.list shows her');
    const m = await a.metrics({ pipelineId: 'b2b', ...Q1 });
    assert.deepEqual([m.won, m.lost, m.open], [1, 1, 3]);
    assert.deepEqual((await a.managers(Q1)).map((r) => r.userId), ['ann']);
    assert.deepEqual((await a.sources(Q1)).map((r) => r.source), ['google', 'yandex']);
    const report = await a.run({ type: 'deals', measures: [{ op: 'count' }] });
    assert.equal(report.rows[0]?.['count'], 6);
  });

  it('the same analytics follow the signed-in user', async () => {
    const a = createAnalytics(ds.crm);
    ds.crm.setCurrentUser('bob');
    try {
      assert.equal((await a.funnel({ pipelineId: 'b2b', ...Q1 })).total, 4, 'D3 D4 D9 D11');
    } finally {
      ds.crm.setCurrentUser('boss');
    }
  });
});

describe('watch', () => {
  it('delivers a new result after a move, from the index', async () => {
    const a = createAnalytics(ds.crm);
    const results: FunnelResult[] = [];
    let wake: () => void = () => {};
    const stop = a.watch({ kind: 'funnel', pipelineId: 'b2b', ...Q1 }, (r) => {
      results.push(r);
      wake();
    });
    const next = () => new Promise<void>((r) => (wake = r));
    await next();
    assert.deepEqual(counts(results[0] as FunnelResult), [9, 5, 4, 3]);
    ds.at('2026-04-06T00:00:00Z');
    const moved = next();
    await ds.crm.deals.moveToStage(ds.ids['D5'] as string, 's2');
    await moved;
    assert.deepEqual(counts(results.at(-1) as FunnelResult), [9, 6, 4, 3], 'D5 reached s2');
    stop();
    await ds.crm.deals.moveToStage(ds.ids['D5'] as string, 's1');
    await a.ready();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(results.length, 2, 'nothing after stop');
    assert.deepEqual(counts(await a.funnel({ pipelineId: 'b2b', ...Q1 })), [9, 6, 4, 3], 'going back keeps the furthest stage reached');
    assert.deepEqual(counts(await a.funnel({ pipelineId: 'b2b', ...Q1, mode: 'snapshot' })), [2, 1, 1, 0]);
  });
});

describe('reports', () => {
  it('groups by a date bucket and keeps money per currency', async () => {
    const r = await createAnalytics(ds.crm, { timeZone: 'UTC' }).run({
      type: 'deals',
      filters: [
        { field: 'pipelineId', op: 'eq', value: 'b2b' },
        { field: 'status', op: 'eq', value: 'won' },
      ],
      groupBy: [{ field: 'closedAt', bucket: 'month' }],
      measures: [{ op: 'sum', field: 'amount' }, { op: 'count' }],
    });
    assert.deepEqual(r.columns.map((c) => c.key), ['closedAt:month', 'currency', 'sum:amount', 'count']);
    assert.deepEqual(r.rows, [
      { 'closedAt:month': '2026-01', currency: 'USD', 'sum:amount': 1000, count: 1 },
      { 'closedAt:month': '2026-02', currency: 'EUR', 'sum:amount': 500, count: 1 },
    ]);
  });

  it('buckets in the user time zone', async () => {
    const def = { type: 'deals', filters: [{ field: 'id', op: 'eq' as const, value: ds.ids['D6'] }], groupBy: [{ field: 'createdAt', bucket: 'month' as const }] };
    const a = createAnalytics(ds.crm, { timeZone: 'UTC' });
    assert.equal((await a.run(def)).rows[0]?.['createdAt:month'], '2026-03');
    assert.equal((await a.run({ ...def, timeZone: 'Asia/Ulaanbaatar' })).rows[0]?.['createdAt:month'], '2026-04', '07:59 on April 1 in Ulaanbaatar');
    const week = await a.run({ ...def, groupBy: [{ field: 'createdAt', bucket: 'week' }] });
    assert.equal(week.rows[0]?.['createdAt:week'], '2026-03-30', 'the Monday of its week');
    const q = await a.run({ ...def, groupBy: [{ field: 'createdAt', bucket: 'quarter' }, { field: 'createdAt', bucket: 'year' }] });
    assert.deepEqual(q.rows[0], { 'createdAt:quarter': '2026-Q1', 'createdAt:year': '2026', count: 1 });
  });

  it('measures count, sum, avg, min, max, median; sorts and limits', async () => {
    const r = await createAnalytics(ds.crm).run({
      type: 'deals',
      filters: [
        { field: 'currency', op: 'eq', value: 'USD' },
        { field: 'createdAt', op: 'gte', value: '2026-01-01T00:00:00Z' },
        { field: 'createdAt', op: 'lt', value: '2026-04-01T00:00:00Z' },
      ],
      measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'avg', field: 'amount' }, { op: 'min', field: 'amount' }, { op: 'max', field: 'amount' }, { op: 'median', field: 'amount', as: 'med' }],
    });
    // D1 1000, D2 2000, D4 3000, D5 400, D6 100, D9 600, D10 800.
    assert.deepEqual(r.rows, [{ currency: 'USD', count: 7, 'sum:amount': 7900, 'avg:amount': 7900 / 7, 'min:amount': 100, 'max:amount': 3000, med: 800 }]);
    const top = await createAnalytics(ds.crm).run({ type: 'deals', groupBy: [{ field: 'ownerId' }], sort: [{ key: 'count', dir: 'desc' }], limit: 1 });
    assert.deepEqual(top.rows, [{ ownerId: 'ann', count: 6 }]);
  });

  it('has the built-in report types, joins related entities and plugin types', async () => {
    const a = createAnalytics(ds.crm);
    assert.deepEqual(a.reportTypes().map((t) => t.id), ['deals', 'leads', 'activities', 'stage-changes', 'deals-with-contacts', 'deals-with-companies', 'invoices']);
    const changes = await a.run({ type: 'stage-changes', filters: [{ field: 'recordId', op: 'eq', value: ds.ids['D9'] }], groupBy: [{ field: 'toStageId' }] });
    assert.deepEqual(changes.rows, [{ toStageId: 's2', count: 2 }, { toStageId: 's3', count: 1 }, { toStageId: 's4', count: 1 }]);
    const withContacts = await a.run({ type: 'deals-with-contacts', filters: [{ field: 'id', op: 'eq', value: ds.ids['D1'] }], groupBy: [{ field: 'contact.name' }] });
    assert.deepEqual(withContacts.rows, [{ 'contact.name': 'L1', count: 1 }]);
    const leads = await a.run({ type: 'leads', filters: [{ field: 'createdAt', op: 'lt', value: Q1.to }], groupBy: [{ field: 'source' }, { field: 'converted' }] });
    assert.deepEqual(leads.rows, [
      { source: 'google', converted: false, count: 1 },
      { source: 'google', converted: true, count: 1 },
      { source: 'phone', converted: true, count: 1 },
      { source: 'yandex', converted: false, count: 1 },
    ]);
    const overdue = await a.run({ type: 'activities', filters: [{ field: 'overdue', op: 'eq', value: true }], groupBy: [{ field: 'assigneeId' }] });
    assert.deepEqual(overdue.rows, [{ assigneeId: 'bob', count: 1 }]);
  });

  it('names the ids it groups by: users, pipelines, stages, reasons, and companies the reader may see', async () => {
    const { crm, ids } = await buildDataset();
    const acme = await crm.companies.create({ name: 'Acme LLC', ownerId: 'ann' });
    const bolt = await crm.companies.create({ name: 'Bolt', ownerId: 'bob' });
    await crm.deals.update(ids['D4'] as string, { companyId: acme.id }); // Bob's deal with Ann's client
    await crm.deals.update(ids['D3'] as string, { companyId: bolt.id });
    const a = createAnalytics(crm);
    const labels = (r: ReportResult, key: string) => r.columns.find((c) => c.key === key)?.labels;
    const r = await a.run({ type: 'deals', groupBy: [{ field: 'pipelineId' }, { field: 'ownerId' }, { field: 'stageId' }] });
    assert.deepEqual(labels(r, 'pipelineId'), { b2b: 'B2B' });
    assert.deepEqual(labels(r, 'ownerId'), { ann: 'Ann', bob: 'Bob' });
    assert.deepEqual(labels(r, 'stageId'), { s1: 'Contact', s2: 'Demo', s3: 'Proposal', won: 'Won', lost: 'Lost' });
    assert.equal(r.rows[0]?.['ownerId'], 'ann', 'the rows keep the ids');
    const csv = reportToCsv(r, { bom: false }).split('\r\n');
    assert.equal(csv[1], 'B2B,Ann,Lost,2', 'CSV shows the names');
    assert.equal(reportToCsv(r, { bom: false, ids: true }).split('\r\n')[1], 'b2b,ann,lost,2', '…or the ids when asked');
    const lost = await a.run({ type: 'deals', filters: [{ field: 'status', op: 'eq', value: 'lost' }], groupBy: [{ field: 'lostReason' }] });
    assert.deepEqual(labels(lost, 'lostReason'), { price: 'Price', other: 'Other' });
    const junk = await a.run({ type: 'leads', filters: [{ field: 'status', op: 'eq', value: 'lost' }], groupBy: [{ field: 'closeReason' }, { field: 'stageId' }] });
    assert.ok(labels(junk, 'closeReason')?.['untargeted'] && labels(junk, 'closeReason')?.['untargeted'] !== 'untargeted', 'a lead junk reason by its name');
    const moves = await a.run({ type: 'stage-changes', filters: [{ field: 'recordId', op: 'eq', value: ids['D9'] }], groupBy: [{ field: 'toStageId' }, { field: 'by' }] });
    assert.deepEqual(labels(moves, 'toStageId'), { s2: 'Demo', s3: 'Proposal', s4: 'Contract' });
    assert.deepEqual(labels(moves, 'by'), { boss: 'Bo' });
    const byCompany = { type: 'deals', filters: [{ field: 'companyId', op: 'notEmpty' as const }], groupBy: [{ field: 'companyId' }] };
    assert.deepEqual(labels(await a.run(byCompany), 'companyId'), { [acme.id]: 'Acme LLC', [bolt.id]: 'Bolt' });
    // Bob sees his deal with Ann's client, but not the name of a company he may not see.
    assert.deepEqual(labels(await createAnalytics(crm.as('bob')).run(byCompany), 'companyId'), { [bolt.id]: 'Bolt' });
  });

  it('refuses invalid definitions, naming the field', async () => {
    const a = createAnalytics(ds.crm);
    const pathOf = async (def: unknown) => {
      try {
        await a.run(def as never);
      } catch (e) {
        assert.ok(e instanceof ValidationError, String(e));
        return (e as ValidationError).issues.map((i) => i.path.join('.'));
      }
      throw new Error('accepted an invalid definition');
    };
    assert.deepEqual(await pathOf({ type: 'ships' }), ['type']);
    assert.deepEqual(await pathOf({ type: 'deals', filters: [{ field: 'colour', op: 'eq', value: 1 }] }), ['filters.0.field']);
    assert.deepEqual(await pathOf({ type: 'deals', filters: [{ field: 'amount', op: 'like', value: 1 }] }), ['filters.0.op']);
    assert.deepEqual(await pathOf({ type: 'deals', filters: [{ field: 'createdAt', op: 'gte', value: 'last tuesday' }] }), ['filters.0.value']);
    assert.deepEqual(await pathOf({ type: 'deals', groupBy: [{ field: 'title', bucket: 'month' }] }), ['groupBy.0.bucket']);
    assert.deepEqual(await pathOf({ type: 'deals', measures: [{ op: 'sum', field: 'title' }] }), ['measures.0.field']);
    assert.deepEqual(await pathOf({ type: 'deals', measures: [{ op: 'avg' }] }), ['measures.0.field']);
    assert.deepEqual(await pathOf({ type: 'deals', sort: [{ key: 'amount' }] }), ['sort.0.key']);
    assert.deepEqual(await pathOf({ type: 'deals', timeZone: 'Mars/Olympus' }), ['timeZone']);
    assert.deepEqual(await pathOf({ type: 'deals', limit: 0 }), ['limit']);
  });

  it('exports CSV safe for spreadsheets', async () => {
    const r = await createAnalytics(ds.crm).run({ type: 'invoices', groupBy: [{ field: 'no' }, { field: 'memo' }], measures: [{ op: 'sum', field: 'total' }] });
    const csv = reportToCsv(r);
    assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
    assert.equal(
      csv.slice(1),
      'No.,Memo,Currency,Total\r\n' +
        `A-1,"'=HYPERLINK(""http://evil.example"",""x"")",USD,120\r\n` +
        'A-2,"refund, partial",USD,-5\r\n' +
        "A-3,'@SUM(A1),EUR,40\r\n",
    );
  });
});
