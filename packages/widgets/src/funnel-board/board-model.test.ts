import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { SALES_PIPELINE, type Activity, type Deal } from '@crmkit/core';
import { BoardLayout, nextSteps, type BoardColumn, type BoardRecord, type CardContext } from './board-model.js';

const NOW = '2025-03-10T09:00:00.000Z';
const STAGES = ['new', 'qualified', 'proposal', 'invoice', 'won'];

function dealOf(i: number, stage: string, owner: string, created: number): Deal {
  const at = new Date(Date.parse(NOW) + created * 60_000).toISOString();
  return { id: `d${i}`, createdAt: at, updatedAt: at, version: 1, ownerId: owner, custom: {}, title: `Deal ${i}`, amount: i, currency: i % 2 ? 'USD' : 'EUR', pipelineId: 'sales', stageId: stage, status: stage === 'won' ? 'won' : 'open', contactIds: [] };
}

function stepOf(i: number, dueOffsetMin: number): Activity {
  return { id: `a${i}`, createdAt: NOW, updatedAt: NOW, version: 1, ownerId: 'ann', custom: {}, recordType: 'deal', recordId: `d${i}`, type: 'call', title: 'Call', dueAt: new Date(Date.parse(NOW) + dueOffsetMin * 60_000).toISOString(), assigneeId: 'ann', state: 'pending', done: false };
}

const view = (cols: readonly BoardColumn[]) => cols.map((c) => ({ stage: c.stage.id, ids: c.cards.map((x) => x.record.id), urgency: c.cards.map((x) => x.urgency), totals: [...c.totals].sort() }));

describe('funnel board model', () => {
  it('sorts overdue first (longest overdue first), then no next step (oldest first), then soonest due', () => {
    const records = [dealOf(1, 'new', 'ann', 5), dealOf(2, 'new', 'ann', 1), dealOf(3, 'new', 'ann', 0), dealOf(4, 'new', 'ann', 0), dealOf(5, 'new', 'ann', 0)];
    const steps = nextSteps([stepOf(1, 60), stepOf(3, -10), stepOf(4, -600), stepOf(5, 30)]);
    const ctx: CardContext = { pipeline: SALES_PIPELINE, steps, names: { companies: new Map(), contacts: new Map() }, filter: {}, nowIso: NOW };
    const [col] = new BoardLayout(records, ctx).columns;
    expect(col!.cards.map((c) => c.record.id)).to.deep.equal(['d4', 'd3', 'd2', 'd5', 'd1']);
    expect(col!.cards.map((c) => c.urgency)).to.deep.equal(['overdue', 'overdue', 'missing', 'planned', 'planned']);
    expect(col!.totals.get('USD')).to.equal(1 + 3 + 5);
    expect(col!.totals.get('EUR')).to.equal(2 + 4);
  });

  it('re-placing changed cards (index, rows and incremental totals) gives the same columns as grouping everything again', () => {
    const record = fc.record({ stage: fc.constantFrom(...STAGES), owner: fc.constantFrom('ann', 'bob'), created: fc.integer({ min: -1000, max: 1000 }), due: fc.option(fc.integer({ min: -2000, max: 2000 })) });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), record), { maxLength: 15 }), fc.constantFrom('', 'ann'), (initial, changes, owner) => {
        const records = new Map<string, BoardRecord>(initial.map((r, i) => [`d${i}`, dealOf(i, r.stage, r.owner, r.created)]));
        const acts = new Map<string, Activity>();
        initial.forEach((r, i) => r.due !== null && acts.set(`a${i}`, stepOf(i, r.due)));
        const ctx = (): CardContext => ({ pipeline: SALES_PIPELINE, steps: nextSteps(acts.values()), names: { companies: new Map(), contacts: new Map() }, filter: { ownerId: owner }, nowIso: NOW });
        const layout = new BoardLayout(records.values(), ctx());
        for (const [n, r] of changes) {
          const i = n % initial.length;
          records.set(`d${i}`, dealOf(i, r.stage, r.owner, r.created));
          if (r.due === null) acts.delete(`a${i}`);
          else acts.set(`a${i}`, stepOf(i, r.due));
          layout.patch([`d${i}`], (id) => records.get(id), ctx());
          // The index agrees with the columns: every shown card is found at its row.
          for (const column of layout.columns) column.cards.forEach((card, row) => expect(layout.rowOf(card.record.id)).to.equal(row));
        }
        expect(view(layout.columns)).to.deep.equal(view(new BoardLayout(records.values(), ctx()).columns));
      }),
      { numRuns: 200 },
    );
  });

  it('laid out head first, the first rows are those of a full sort, and complete() gives the full sort', () => {
    const record = fc.record({ stage: fc.constantFrom(...STAGES), owner: fc.constantFrom('ann', 'bob'), created: fc.integer({ min: -50, max: 50 }), due: fc.option(fc.integer({ min: -60, max: 60 })) });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (initial, head) => {
        const records = initial.map((r, i) => dealOf(i, r.stage, r.owner, r.created));
        const steps = nextSteps(initial.flatMap((r, i) => (r.due === null ? [] : [stepOf(i, r.due)])));
        const ctx: CardContext = { pipeline: SALES_PIPELINE, steps, names: { companies: new Map(), contacts: new Map() }, filter: {}, nowIso: NOW };
        const full = view(new BoardLayout(records, ctx).columns);
        const layout = new BoardLayout(records, ctx, { head });
        const firstRows = view(layout.columns).map((c) => ({ ...c, ids: c.ids.slice(0, head), urgency: c.urgency.slice(0, head) }));
        expect(firstRows).to.deep.equal(full.map((c) => ({ ...c, ids: c.ids.slice(0, head), urgency: c.urgency.slice(0, head) })));
        // Same cards in every column, whatever their order.
        expect(view(layout.columns).map((c) => [...c.ids].sort())).to.deep.equal(full.map((c) => [...c.ids].sort()));
        layout.complete();
        expect(layout.orderedRows).to.equal(Infinity);
        expect(view(layout.columns)).to.deep.equal(full);
        for (const column of layout.columns) column.cards.forEach((card, row) => expect(layout.rowOf(card.record.id)).to.equal(row));
      }),
      { numRuns: 200 },
    );
  });

  it('a lookup or a change on a layout laid out head first puts it in order first', () => {
    const records = Array.from({ length: 30 }, (_, i) => dealOf(i, 'new', 'ann', 30 - i));
    const ctx: CardContext = { pipeline: SALES_PIPELINE, steps: new Map(), names: { companies: new Map(), contacts: new Map() }, filter: {}, nowIso: NOW };
    const layout = new BoardLayout(records, ctx, { head: 5 });
    expect(layout.orderedRows).to.equal(5);
    expect(layout.rowOf('d0')).to.equal(29);
    expect(layout.orderedRows).to.equal(Infinity);
    const again = new BoardLayout(records, ctx, { head: 5 });
    again.patch(['d3'], (id) => records.find((r) => r.id === id), ctx);
    expect(view(again.columns)).to.deep.equal(view(new BoardLayout(records, ctx).columns));
  });
});
