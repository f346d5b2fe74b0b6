// The memory store's index buckets against a plain model: after any sequence
// of puts, moves between index values, deletes and transactions, every index
// query returns exactly the rows a full scan would, in primary-key order.
import fc from 'fast-check';
import { memoryStore } from './memory-store.js';
import type { IndexQuery, StoredRow } from './store.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => Promise<void>) => void };

type Op = { kind: 'put'; id: string; stageId: string; contactIds: string[] } | { kind: 'delete'; id: string } | { kind: 'tx'; ops: Op[]; query: IndexQuery; fail: boolean };

const id = fc.constantFrom('d1', 'd2', 'd3', 'd10', 'd4', 'a', 'z9', 'd20');
const put = fc.record({ kind: fc.constant('put' as const), id, stageId: fc.constantFrom('new', 'won', 'lost'), contactIds: fc.array(fc.constantFrom('c1', 'c2', 'c3'), { maxLength: 3 }) });
const del = fc.record({ kind: fc.constant('delete' as const), id });
const query = fc.oneof(
  fc.record({ index: fc.constant('stageId'), equals: fc.constantFrom('new', 'won', 'lost'), limit: fc.constantFrom(undefined, 0, 1, 2, 5) }),
  fc.record({ index: fc.constant('contactIds'), equals: fc.constantFrom('c1', 'c2', 'c3') }),
  fc.record({ limit: fc.constantFrom(undefined, 1, 3) }),
);
const tx = fc.record({ kind: fc.constant('tx' as const), ops: fc.array(fc.oneof(put, del), { maxLength: 5 }), query, fail: fc.boolean() });

function expected(model: Map<string, StoredRow>, q: IndexQuery): string[] {
  const rows = [...model.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const hit = rows.filter((r) => q.index === undefined || (q.index === 'contactIds' ? (r['contactIds'] as string[]).includes(q.equals as string) : r[q.index] === q.equals));
  return hit.slice(0, q.limit ?? Infinity).map((r) => JSON.stringify(r));
}

function apply(model: Map<string, StoredRow>, op: Op): void {
  if (op.kind === 'put') model.set(op.id, { id: op.id, stageId: op.stageId, contactIds: op.contactIds });
  else if (op.kind === 'delete') model.delete(op.id);
}

describe('memoryStore index buckets', () => {
  it('answer every query like a full scan, inside and outside transactions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(put, put, del, tx), { maxLength: 30 }), fc.array(query, { minLength: 3, maxLength: 3 }), async (ops, finalQueries) => {
        const store = memoryStore();
        const model = new Map<string, StoredRow>();
        for (const op of ops) {
          if (op.kind === 'put') await store.put('deals', { id: op.id, stageId: op.stageId, contactIds: op.contactIds });
          else if (op.kind === 'delete') await store.delete('deals', op.id);
          else {
            const draft = new Map(model);
            await store
              .transaction(['deals'], async (t) => {
                for (const inner of op.ops) {
                  if (inner.kind === 'put') await t.put('deals', { id: inner.id, stageId: inner.stageId, contactIds: inner.contactIds });
                  else if (inner.kind === 'delete') await t.delete('deals', inner.id);
                  apply(draft, inner);
                }
                const seen = (await t.query('deals', op.query)).map((r) => JSON.stringify(r));
                const want = expected(draft, op.query);
                if (JSON.stringify(seen) !== JSON.stringify(want)) throw new Error(`in a transaction ${JSON.stringify(op.query)}: ${seen} ≠ ${want}`);
                if (op.fail) throw new Error('rollback');
              })
              .catch((e: Error) => {
                if (e.message !== 'rollback') throw e;
              });
            if (!op.fail) for (const inner of op.ops) apply(model, inner);
          }
          apply(model, op);
        }
        for (const q of finalQueries) {
          const seen = (await store.query('deals', q)).map((r) => JSON.stringify(r));
          const want = expected(model, q);
          if (JSON.stringify(seen) !== JSON.stringify(want)) throw new Error(`${JSON.stringify(q)}: ${seen} ≠ ${want}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
