import { expect } from '@open-wc/testing';
import { createCrm, dexieStore, indexDuplicateKeys, type Store } from '@crmkit/core';
import { STORE_KINDS, makeCrm } from '../../../../tests/support/core-fixtures.js';

/** Counts store queries by index, to prove a batch asks the store only for the rows it matched. */
function countQueries(store: Store): { byIndex: (index: string) => number } {
  const seen: string[] = [];
  const original = store.query.bind(store);
  store.query = ((table: Parameters<Store['query']>[0], query?: Parameters<Store['query']>[1]) => {
    seen.push(query?.index ?? '(scan)');
    return original(table, query);
  }) as Store['query'];
  return { byIndex: (index) => seen.filter((i) => i === index).length };
}

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`indexDuplicateKeys on ${kind} store`, () => {
    it('finds duplicates written before, by this import and by later writes, without a key query per batch', async () => {
      const { crm, store } = await makeCrm(makeStore, { phoneCountry: 'RU' });
      const anna = await crm.contacts.create({ name: 'Анна', phone: '+7 999 123-45-67' });
      const keys = await indexDuplicateKeys(store, 'contacts');
      const queries = countQueries(store);
      const first = await crm.contacts.importBatch(
        [{ input: { name: 'Anna again', phone: '8 (999) 123-45-67' } }, { input: { name: 'Bob', email: 'bob@example.com' } }],
        { batchId: 'b1', duplicates: 'skip', keys },
      );
      expect(first.map((o) => o.status)).to.deep.equal(['skipped', 'created']);
      expect(first[0]).to.deep.equal({ status: 'skipped', id: anna.id });
      // Written after the index was built, through another path: still a duplicate.
      const cid = await crm.contacts.create({ name: 'Cid', email: 'cid@example.com' });
      await crm.contacts.remove(anna.id);
      const second = await crm.contacts.importBatch(
        [{ input: { name: 'Bob 2', email: 'BOB@example.com' } }, { input: { name: 'Cid 2', email: 'cid@example.com' } }, { input: { name: 'Anna 3', phone: '+79991234567' } }],
        { batchId: 'b1', duplicates: 'update', keys },
      );
      expect(second.map((o) => o.status)).to.deep.equal(['updated', 'updated', 'created']);
      expect(second[1]).to.deep.equal({ status: 'updated', id: cid.id });
      expect(queries.byIndex('dupKeys')).to.equal(0, 'no query by duplicate keys');
      keys.stop();
      await crm.close();
    });

    it('with keepRows, answers from memory (no read) and follows renames and removals', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const acme = await crm.companies.create({ name: 'Acme' });
      const keys = await indexDuplicateKeys(store, 'companies', { keepRows: true });
      const queries = countQueries(store);
      const link = (name: string) => crm.companies.importBatch([{ input: { name } }], { batchId: 'k', duplicates: 'skip', keys });
      expect(await link('ACME')).to.deep.equal([{ status: 'skipped', id: acme.id }]);
      await crm.companies.update(acme.id, { name: 'Acme Group' });
      expect((await link('Acme'))[0]!.status).to.equal('created');
      expect(await link('acme group')).to.deep.equal([{ status: 'skipped', id: acme.id }]);
      await crm.companies.remove(acme.id);
      expect((await link('Acme Group'))[0]!.status).to.equal('created');
      expect(queries.byIndex('id')).to.equal(0, 'no read by id');
      keys.stop();
      await crm.close();
    });

    it('with keepRows, a batch that skips duplicates finds them without copying a kept row', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const firms = await crm.companies.createMany(Array.from({ length: 120 }, (_, i) => ({ name: `Firm ${i}` })));
      const keys = await indexDuplicateKeys(store, 'companies', { keepRows: true });
      const ids = new Set(firms.map((f) => f.id));
      let copied = 0;
      const clone = globalThis.structuredClone;
      globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) => {
        if (ids.has((value as { id?: string } | null)?.id as string)) copied++;
        return clone(value, options);
      }) as typeof structuredClone;
      try {
        const out = await crm.companies.importBatch(firms.map((f) => ({ input: { name: f.name.toUpperCase() } })), { batchId: 'k2', duplicates: 'skip', keys });
        expect(out).to.deep.equal(firms.map((f) => ({ status: 'skipped', id: f.id })));
      } finally {
        globalThis.structuredClone = clone;
      }
      expect(copied).to.equal(0, 'kept rows copied');
      keys.stop();
      await crm.close();
    });
  });
}

describe('indexDuplicateKeys across tabs', () => {
  it('re-reads rows another tab wrote (the change feed carries only their ids) before matching', async () => {
    const name = `t-keys-${Math.random().toString(36).slice(2)}`;
    const here = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const there = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const keys = await indexDuplicateKeys(here.store, 'contacts');
    const heard = new Promise<void>((resolve) => here.store.subscribe((changes) => changes.some((c) => c.remote) && resolve()));
    const other = await there.contacts.create({ name: 'Elsewhere', email: 'else@example.com' });
    await heard;
    const out = await here.contacts.importBatch([{ input: { name: 'Same person', email: 'else@example.com' } }], { batchId: 'b2', duplicates: 'skip', keys });
    expect(out).to.deep.equal([{ status: 'skipped', id: other.id }]);
    keys.stop();
    await here.close();
    await there.close();
  });

  it('with keepRows, a company another tab renamed is re-read before a skipping batch matches', async () => {
    const name = `t-keys-${Math.random().toString(36).slice(2)}`;
    const here = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const there = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const acme = await here.companies.create({ name: 'Acme' });
    const keys = await indexDuplicateKeys(here.store, 'companies', { keepRows: true });
    const heard = new Promise<void>((resolve) => here.store.subscribe((changes) => changes.some((c) => c.remote) && resolve()));
    await there.companies.update(acme.id, { name: 'Acme Group' });
    await heard;
    const out = await here.companies.importBatch([{ input: { name: 'acme group' } }], { batchId: 'b3', duplicates: 'skip', keys });
    expect(out).to.deep.equal([{ status: 'skipped', id: acme.id }]);
    keys.stop();
    await here.close();
    await there.close();
  });
});
