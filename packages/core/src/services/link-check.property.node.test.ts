// `prepareCreate` skips the link lookup when `hasLinksToCheck` says there is nothing to look up (an import links
// rows to companies it is creating in the same write). The skip is safe only if the two never disagree: for any
// linked values and any set of records being created, `hasLinksToCheck` is true exactly when `checkLinks` reads a
// record from the store.
import fc from 'fast-check';
import type { Runtime } from '../runtime.js';
import { checkLinks, hasLinksToCheck } from './record-rules.js';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void };

const spec = { type: 'deal' as const, links: { companyId: 'companies', contactIds: 'contacts' } as const };
const ids = fc.constantFrom('co1', 'co2', 'c1', 'c2', 'c3');
const linked = fc.option(ids, { nil: undefined });

describe('hasLinksToCheck', () => {
  it('is true exactly when checkLinks would read a linked record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ companyId: fc.oneof(linked, fc.constant(null)), contactIds: fc.option(fc.array(ids, { maxLength: 4 }), { nil: undefined }) }, { requiredKeys: [] }),
        fc.uniqueArray(ids, { maxLength: 5 }),
        async (values, creating) => {
          let reads = 0;
          const rt = { locale: 'en', store: { get: async (_table: string, id: string) => (reads++, { id, ownerId: 'ann' }) } } as unknown as Runtime;
          const creatingWith = new Set(creating);
          await checkLinks(rt, spec, values, { id: 'ann', role: 'admin' }, creatingWith);
          assert.equal(hasLinksToCheck(spec, values, creatingWith), reads > 0, JSON.stringify({ values, creating }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
