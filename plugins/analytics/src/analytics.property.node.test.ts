// Properties over random deal histories: the reached funnel never grows along
// the stages and matches a model of the moves; winRate stays in [0, 1].
import { createCrm, memoryStore, type IndexQuery, type Store, type TableName } from '@crmkit/core';
import { createAnalytics } from '@crmkit/plugin-analytics';
import fc from 'fast-check';
import { AnalyticsIndex } from './engine/analytics-index.js';
import { funnel } from './engine/funnel.js';
import { metrics } from './engine/metrics.js';
import { B2B } from './test/fixture.js';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { deepEqual(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; equal(a: unknown, b: unknown, msg?: string): void };

const OPEN = ['s1', 's2', 's3', 's4'];
const TARGETS = [...OPEN, 'won', 'lost'];
const FROM = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

const dealArb = fc.record({
  day: fc.integer({ min: 0, max: 60 }),
  amount: fc.integer({ min: 0, max: 10_000 }),
  currency: fc.constantFrom('USD', 'EUR'),
  moves: fc.array(fc.constantFrom(...TARGETS), { maxLength: 5 }),
});

describe('analytics properties', () => {
  it('reached counts never increase along the stages, match the model, and winRate ∈ [0, 1]', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dealArb, { minLength: 0, maxLength: 10 }), fc.integer({ min: 0, max: 60 }), async (deals, periodDays) => {
        let t = FROM;
        const crm = await createCrm({ store: memoryStore(), pipelines: [(await import('@crmkit/core')).LEADS_PIPELINE, B2B], now: () => new Date(t), automationIntervalMs: false });
        const expected = [0, 0, 0, 0];
        let closed = 0;
        const to = FROM + periodDays * DAY;
        for (const d of deals) {
          t = FROM + d.day * DAY;
          const deal = await crm.deals.create({ title: 'x', pipelineId: 'b2b', amount: d.amount, currency: d.currency });
          let furthest = 0;
          let status = 'open';
          for (const target of d.moves) {
            t += 3_600_000;
            await crm.deals.moveToStage(deal.id, target, target === 'lost' ? { reason: 'price' } : {});
            status = target === 'won' ? 'won' : target === 'lost' ? 'lost' : 'open';
            if (OPEN.includes(target)) furthest = Math.max(furthest, OPEN.indexOf(target));
          }
          if (FROM + d.day * DAY < to) {
            const upTo = status === 'won' ? 3 : furthest;
            for (let i = 0; i <= upTo; i++) expected[i]!++;
          }
          if (status !== 'open' && t < FROM + 90 * DAY) closed++;
        }
        const a = createAnalytics(crm);
        const period = { from: new Date(FROM), to: new Date(to) };
        const f = await a.funnel({ pipelineId: 'b2b', ...period });
        const counts = f.stages.map((s) => s.count);
        for (let i = 1; i < counts.length; i++) assert.ok((counts[i] as number) <= (counts[i - 1] as number), `counts ${counts.join(',')}`);
        assert.deepEqual(counts, expected);
        const entered = (await a.funnel({ pipelineId: 'b2b', ...period, mode: 'entered' })).stages.map((s) => s.count);
        entered.forEach((c, i) => assert.ok(c <= (counts[i] as number), 'a stage entered is a stage reached'));
        for (const s of f.stages) if (s.conversion !== null) assert.ok(s.conversion >= 0 && s.conversion <= 1);
        const m = await a.metrics({ pipelineId: 'b2b', from: new Date(FROM), to: new Date(FROM + 90 * DAY) });
        if (m.winRate === null) assert.equal(closed, 0, 'null only when nothing closed');
        else assert.ok(m.winRate >= 0 && m.winRate <= 1, `winRate ${m.winRate}`);
        assert.equal(m.won + m.lost, closed);
        await crm.close();
      }),
      { numRuns: 30 },
    );
  });

  it('running totals kept from the change feed equal a fresh scan after any moves, edits and removals', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), deal: fc.nat(), target: fc.constantFrom(...TARGETS) }),
      fc.record({ kind: fc.constant('amount' as const), deal: fc.nat(), amount: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant('remove' as const), deal: fc.nat() }),
      fc.record({ kind: fc.constant('create' as const), day: fc.integer({ min: 0, max: 60 }), currency: fc.constantFrom('USD', 'EUR', 'MNT') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(dealArb, { minLength: 1, maxLength: 8 }), fc.array(step, { maxLength: 12 }), async (deals, steps) => {
        let t = FROM;
        const crm = await createCrm({ store: memoryStore(), pipelines: [(await import('@crmkit/core')).LEADS_PIPELINE, B2B], now: () => new Date(t), automationIntervalMs: false });
        const ids: string[] = [];
        for (const d of deals) {
          t = FROM + d.day * DAY;
          ids.push((await crm.deals.create({ title: 'x', pipelineId: 'b2b', amount: d.amount, currency: d.currency })).id);
        }
        const a = createAnalytics(crm);
        const period = { from: new Date(FROM), to: new Date(FROM + 45 * DAY) };
        const queries = [
          () => a.funnel({ pipelineId: 'b2b', ...period }),
          () => a.funnel({ pipelineId: 'b2b', ...period, mode: 'entered' }),
          () => a.funnel({ pipelineId: 'b2b', ...period, mode: 'snapshot' }),
          () => a.metrics({ pipelineId: 'b2b', ...period }),
        ];
        for (const q of queries) await q();
        for (const s of steps) {
          t += 3_600_000;
          const id = ids.length ? ids[s.kind === 'create' ? 0 : s.deal % ids.length] : undefined;
          try {
            if (s.kind === 'create') ids.push((await crm.deals.create({ title: 'y', pipelineId: 'b2b', amount: 5, currency: s.currency })).id);
            else if (!id) continue;
            else if (s.kind === 'move') await crm.deals.moveToStage(id, s.target, s.target === 'lost' ? { reason: 'price' } : {});
            else if (s.kind === 'amount') await crm.deals.update(id, { amount: s.amount });
            else {
              await crm.deals.remove(id);
              ids.splice(ids.indexOf(id), 1);
            }
          } catch (e) {
            if (!(e as { code?: string }).code) throw e;
          }
        }
        const fresh = new AnalyticsIndex(crm.store, crm.pipelines.list());
        await fresh.ready();
        const all = { owner: null };
        const scratch = [
          funnel(fresh, all, { pipelineId: 'b2b', ...period }, 'en'),
          funnel(fresh, all, { pipelineId: 'b2b', ...period, mode: 'entered' }, 'en'),
          funnel(fresh, all, { pipelineId: 'b2b', ...period, mode: 'snapshot' }, 'en'),
          metrics(fresh, all, { pipelineId: 'b2b', ...period }),
        ];
        for (const [i, q] of queries.entries()) assert.deepEqual(JSON.parse(JSON.stringify(await q())), JSON.parse(JSON.stringify(scratch[i])));
        await crm.close();
      }),
      { numRuns: 40 },
    );
  });

  it('changes written while the index is first built are not lost', async () => {
    const inner = memoryStore();
    let slow = true;
    // A store whose first reads take a while to arrive (like IndexedDB with many rows): the rows are read, then delivered late.
    const store: Store = {
      ...inner,
      name: 'slow',
      query: (async (table: TableName, q?: IndexQuery) => {
        const rows = await inner.query(table, q);
        if (slow) await new Promise((r) => setTimeout(r, 30));
        return rows;
      }) as Store['query'],
    };
    const crm = await createCrm({ store, pipelines: [(await import('@crmkit/core')).LEADS_PIPELINE, B2B], automationIntervalMs: false });
    const d = await crm.deals.create({ title: 'early', pipelineId: 'b2b', amount: 10, currency: 'USD' });
    const a = createAnalytics(crm);
    await crm.deals.moveToStage(d.id, 's3');
    slow = false;
    const f = await a.funnel({ pipelineId: 'b2b', from: new Date(0), to: new Date(Date.now() + DAY) });
    assert.deepEqual(f.stages.map((s) => s.count), [1, 1, 1, 0]);
  });
});
