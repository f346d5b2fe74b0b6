// `checkLinks` reads every linked record except those the same write creates, and answers without a promise when
// there is nothing to read (an import linking the companies it creates waits for nothing). For any linked values,
// any set of records being created and any set of stored records: it reads exactly the other linked ids, in order,
// returns a promise exactly when it reads, and refuses exactly the links to records that are not stored.
import fc from 'fast-check';
import { ValidationError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { checkLinks } from './record-rules.js';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };

const spec = { type: 'deal' as const, links: { companyId: 'companies', contactIds: 'contacts' } as const };
const ids = fc.constantFrom('co1', 'co2', 'c1', 'c2', 'c3');

describe('checkLinks', () => {
  it('reads exactly the linked records the write does not create, and refuses exactly the missing ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ companyId: fc.oneof(fc.option(ids, { nil: undefined }), fc.constant(null)), contactIds: fc.option(fc.array(ids, { maxLength: 4 }), { nil: undefined }) }, { requiredKeys: [] }),
        fc.uniqueArray(ids, { maxLength: 5 }),
        fc.uniqueArray(ids, { maxLength: 5 }),
        async (values, creating, stored) => {
          const reads: string[] = [];
          const rt = { locale: 'en', store: { get: async (_table: string, id: string) => (reads.push(id), isStored(id) ? { id, ownerId: 'ann' } : undefined) } } as unknown as Runtime;
          const creatingWith = new Set<string>(creating);
          const isStored = (id: string) => (stored as string[]).includes(id);
          const linked: [string, string | number][] = [
            ...(typeof values.companyId === 'string' ? [['companyId', values.companyId] as [string, string]] : []),
            ...(values.contactIds ?? []).map((id, i) => [`contactIds.${i}`, id] as [string, string]),
          ];
          const expected = linked.filter(([, id]) => !creatingWith.has(id as string));
          const answer = checkLinks(rt, spec, values, { id: 'ann', role: 'admin' }, creatingWith);
          const label = JSON.stringify({ values, creating, stored });
          assert.equal(answer !== undefined, expected.length > 0, `a promise exactly when something is read: ${label}`);
          const refused = await Promise.resolve(answer).then(
            () => [],
            (e: unknown) => (e instanceof ValidationError ? e.issues.map((issue) => issue.path.join('.')) : Promise.reject(e)),
          );
          assert.deepEqual(reads, expected.map(([, id]) => id), `reads: ${label}`);
          assert.deepEqual(refused, expected.filter(([, id]) => !isStored(id as string)).map(([path]) => path), `refused: ${label}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
