// The planner's cell model: a change re-sorts only the steps it names, and
// only the cells they leave and enter get a new array (the planner renders a
// cell again when its array changes).
import { expect } from '@open-wc/testing';
import type { Activity } from '@crmkit/core';
import { PlannerCells } from './planner-cells.js';
import { visibleDays } from './planner-model.js';

const NOW = new Date(2026, 4, 6, 10, 0);
const days = visibleDays(NOW, 'week');

function step(id: string, person: string, day: number, version = 1): Activity {
  const at = NOW.toISOString();
  return { id, createdAt: at, updatedAt: at, version, ownerId: person, custom: {}, recordType: 'deal', recordId: 'd1', type: 'call', title: id, dueAt: new Date(2026, 4, day, 11).toISOString(), assigneeId: person, state: 'pending', done: false } as Activity;
}

function model(rows: Activity[], only = ''): PlannerCells {
  const cells = new PlannerCells();
  cells.load(rows);
  cells.view(days, only, only ? (s) => s.assigneeId === only : () => true);
  return cells;
}

const ids = (cells: PlannerCells, key: string) => (cells.cells.get(key) ?? []).map((s) => s.id).sort();

describe('planner cells', () => {
  it('sorts steps into day cells, "earlier" and nothing after the period', () => {
    const cells = model([step('a', 'ann', 6), step('b', 'ann', 6), step('c', 'bob', 1), step('d', 'bob', 20)]);
    expect(ids(cells, 'ann|2026-05-06')).to.deep.equal(['a', 'b']);
    expect(ids(cells, 'bob|earlier')).to.deep.equal(['c']);
    expect(cells.filled).to.equal(2);
    expect([...cells.assignees.keys()].sort()).to.deep.equal(['ann', 'bob']);
    expect(cells.cellOf('d')).to.equal(undefined);
  });

  it('a live change gives new arrays to the two cells a step leaves and enters, and no other', () => {
    const cells = model([step('a', 'ann', 6), step('b', 'ann', 6), step('c', 'ann', 8), step('e', 'bob', 5)]);
    const before = new Map(cells.cells);
    cells.apply([step('a', 'ann', 7, 2)], []);
    const changed = [...new Set([...before.keys(), ...cells.cells.keys()])].filter((k) => before.get(k) !== cells.cells.get(k)).sort();
    expect(changed).to.deep.equal(['ann|2026-05-06', 'ann|2026-05-07']);
    expect(ids(cells, 'ann|2026-05-06')).to.deep.equal(['b']);
    expect(ids(cells, 'ann|2026-05-07')).to.deep.equal(['a']);
    cells.apply([], ['b']);
    expect(cells.cells.has('ann|2026-05-06')).to.equal(false);
    expect(cells.filled).to.equal(3);
  });

  it('a hand-over moves the step to the other row and counts its people', () => {
    const cells = model([step('a', 'ann', 6)]);
    cells.apply([{ ...step('a', 'zoe', 6, 2) }], []);
    expect(ids(cells, 'zoe|2026-05-06')).to.deep.equal(['a']);
    expect(cells.cells.has('ann|2026-05-06')).to.equal(false);
    expect([...cells.assignees.keys()]).to.deep.equal(['zoe']);
  });

  it("a manager's view leaves others' steps out, and a step handed away leaves it", () => {
    const cells = model([step('a', 'ann', 6), step('b', 'bob', 6)], 'ann');
    expect([...cells.cells.keys()]).to.deep.equal(['ann|2026-05-06']);
    cells.apply([step('a', 'bob', 6, 2)], []);
    expect(cells.filled).to.equal(0);
  });

  it('a move shows where the step is going until it settles; refused, it goes back; a late echo does not undo a save', () => {
    const cells = model([step('a', 'ann', 6)]);
    cells.override(step('a', 'ann', 9));
    expect(cells.cellOf('a')).to.equal('ann|2026-05-09');
    // The store's echo of another change while the move waits: the step stays where it is going.
    cells.apply([step('a', 'ann', 6, 2)], []);
    expect(cells.cellOf('a')).to.equal('ann|2026-05-09');
    expect(ids(cells, 'ann|2026-05-09')).to.deep.equal(['a']);
    expect(ids(cells, 'ann|2026-05-06')).to.deep.equal([]);
    cells.settle('a');
    expect(cells.cellOf('a')).to.equal('ann|2026-05-06');
    expect(ids(cells, 'ann|2026-05-09')).to.deep.equal([]);
    cells.override(step('a', 'ann', 10, 2));
    cells.settle('a', step('a', 'ann', 10, 3));
    cells.apply([step('a', 'ann', 10, 3)], []);
    expect(cells.cellOf('a')).to.equal('ann|2026-05-10');
    expect(ids(cells, 'ann|2026-05-10')).to.deep.equal(['a']);
  });
});
