// The error contract: whatever a caller passes, every public call either
// succeeds or fails with a CrmError that has a stable code and says what was
// expected — never a raw TypeError, DataCloneError or "Unknown table".
import * as z from 'zod/mini';
import { createCrm, CrmError, definePlugin, dexieStore, memoryStore, ValidationError, type Crm, type Store } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };
const fake = (await import('fake-indexeddb' as string)) as { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };

const stores: Array<[string, () => Store]> = [
  ['memoryStore', () => memoryStore()],
  ['dexieStore', () => dexieStore(`errors-${Math.random()}`, { dexie: { indexedDB: fake.indexedDB, IDBKeyRange: fake.IDBKeyRange } })],
];
// A plugin that declares a loosely typed field: its schema accepts anything, the store cannot.
const loose = definePlugin({ name: 'loose', fields: { deal: { anything: z.unknown() } } });

async function failure(call: () => unknown): Promise<CrmError> {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof CrmError, `expected a CrmError, got ${String(e)}`);
    return e as CrmError;
  }
  throw new Error('expected the call to fail');
}

async function issue(call: () => unknown) {
  const e = await failure(call);
  assert.ok(e instanceof ValidationError, `expected ValidationError, got ${e.name}: ${e.message}`);
  return (e as ValidationError).issues[0]!;
}

for (const [label, makeStore] of stores) {
  describe(`error contract on ${label}`, () => {
    const withCrm = (locale: string, body: (crm: Crm, dealId: string, leadId: string) => Promise<void>) => async () => {
      const crm = await createCrm({ store: makeStore(), plugins: [loose], locale, automationIntervalMs: false });
      try {
        const deal = await crm.deals.create({ title: 'Deal' });
        const lead = await crm.leads.create({ name: 'Lead', phone: '+7 999 123-45-67' });
        await body(crm, deal.id, lead.id);
      } finally {
        await crm.close();
      }
    };

    it('bad arguments are ValidationErrors naming the argument and what was expected', withCrm('en', async (crm, dealId, leadId) => {
      const anyCrm = crm as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
      const cases: Array<[string, () => unknown, (string | number)[], string]> = [
        ['deals.get(undefined)', () => anyCrm['deals']!['get']!(undefined), ['id'], 'Expected a record id'],
        ['deals.get(42)', () => anyCrm['deals']!['get']!(42), ['id'], 'Expected a record id'],
        ['deals.create(null)', () => anyCrm['deals']!['create']!(null), ['input'], 'Expected an object'],
        ['contacts.create("Ann")', () => anyCrm['contacts']!['create']!('Ann'), ['input'], 'Expected an object'],
        ['deals.update(id, null)', () => anyCrm['deals']!['update']!(dealId, null), ['patch'], 'Expected an object'],
        ['deals.lose(id, null)', () => anyCrm['deals']!['lose']!(dealId, null), ['options'], 'Expected an object'],
        ['leads.convert(id, "sales")', () => anyCrm['leads']!['convert']!(leadId, 'sales'), ['options'], 'Expected an object'],
        ['deals.moveToStage(id)', () => anyCrm['deals']!['moveToStage']!(dealId), ['stageId'], 'Expected a record id'],
        ['deals.createMany(null)', () => anyCrm['deals']!['createMany']!(null), ['inputs'], 'Expected a list'],
        ['deals.list({ stageId: {} })', () => anyCrm['deals']!['list']!({ stageId: {} }), ['query', 'stageId'], 'Expected text'],
        ['history.list({ recordType: "x" })', () => anyCrm['history']!['list']!({ recordType: 'x', recordId: dealId }), ['query', 'recordType'], 'Expected one of: contact, company, lead, deal'],
        ['activities.complete(undefined)', () => anyCrm['activities']!['complete']!(undefined), ['id'], 'Expected a record id'],
      ];
      for (const [what, call, path, message] of cases) {
        const found = await issue(call);
        assert.deepEqual(found.path, path, `${what}: path`);
        assert.ok(found.message.startsWith(message), `${what}: "${found.message}" starts with "${message}"`);
      }
    }));

    it('functions and symbols in record data are refused by field, before the store sees them', withCrm('en', async (crm, dealId) => {
      const fn = await issue(() => crm.deals.update(dealId, { custom: { anything: () => 1 } }));
      assert.deepEqual(fn.path, ['custom', 'anything']);
      assert.ok(fn.message.startsWith('Expected data that can be stored'), fn.message);
      const sym = await issue(() => crm.deals.create({ title: 'x', custom: { anything: { nested: [Symbol('s')] } } }));
      assert.deepEqual(sym.path, ['custom', 'anything', 'nested', 0]);
      assert.equal((await crm.deals.list()).length, 1, 'nothing stored');
    }));

    it('schema messages say what was expected, in the CRM’s locale', withCrm('ru', async (crm) => {
      const amount = await issue(() => crm.deals.create({ title: 'x', amount: '12' as unknown as number }));
      assert.deepEqual(amount.path, ['amount']);
      assert.equal(amount.message, 'Ожидается число');
      const source = await issue(() => crm.leads.create({ phone: '+7 999 000-11-22', source: 5 as never }));
      assert.deepEqual(source.path, ['source']);
      assert.ok(source.message.startsWith('Ожидается { channel, utm, referrer'), source.message);
    }));

    it('every failure of a public call is a CrmError with a known code', withCrm('en', async (crm) => {
      const anyCrm = crm as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
      const hostile: Array<[string, unknown]> = [['undefined', undefined], ['null', null], ["''", ''], ['0', 0], ['NaN', NaN], ['{}', {}], ['[]', []], ['a function', () => 1], ['a symbol', Symbol('s')], ['{ toString: null }', { toString: null }], ['a null-prototype object', Object.create(null)], ['a Map', new Map()]];
      const codes = new Set(['validation', 'not_found', 'forbidden', 'conflict', 'stage_transition', 'refused']);
      for (const service of ['contacts', 'companies', 'leads', 'deals', 'activities', 'history']) {
        for (const method of ['get', 'create', 'update', 'remove', 'list', 'moveToStage', 'win', 'lose', 'close', 'convert', 'complete', 'schedule']) {
          const fn = anyCrm[service]![method];
          if (typeof fn !== 'function') continue;
          for (const [label, a] of hostile) {
            for (const b of [undefined, a]) {
              try {
                await fn(a, b);
              } catch (e) {
                if (!(e instanceof CrmError && codes.has(e.code))) assert.ok(false, `crm.${service}.${method}(${label}) threw ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`);
              }
            }
          }
        }
      }
    }));
  });
}
