import { expect } from '@open-wc/testing';
import { definePlugin, ForbiddenError, indexDuplicateKeys, NotFoundError, undoImportBatch, ValidationError, type DuplicateKeyIndex, type Store } from '@crmkit/core';
import { STORE_KINDS, TEAM, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

/** Counts store queries, to prove duplicates are found with one lookup per batch. */
function countQueries(store: Store): { count: () => number } {
  let n = 0;
  const original = store.query.bind(store);
  store.query = ((...args: Parameters<Store['query']>) => {
    n++;
    return original(...args);
  }) as Store['query'];
  return { count: () => n };
}

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`importBatch on ${kind} store`, () => {
    it('creates valid rows, fails bad ones alone, and tags records and history with the batch', async () => {
      const { crm } = await makeCrm(makeStore);
      const out = await crm.contacts.importBatch(
        [{ input: { name: 'Анна', phone: '+7 999 123-45-67' } }, { input: { name: '', email: 'not-an-email' } }, { input: { name: '张伟', email: 'zw@example.cn' } }],
        { batchId: 'b1', duplicates: 'skip' },
      );
      expect(out.map((o) => o.status)).to.deep.equal(['created', 'failed', 'created']);
      const failed = out[1] as unknown as { error: ValidationError };
      expect(failed.error).to.be.instanceOf(ValidationError);
      expect(failed.error.issues.map((i) => i.path[0])).to.include.members(['name', 'emails']);
      const contacts = await crm.contacts.list();
      expect(contacts.map((c) => c.name).sort()).to.deep.equal(['Анна', '张伟']);
      expect(contacts.every((c) => (c as Record<string, unknown>)['importBatchId'] === 'b1')).to.equal(true);
      const history = await crm.history.list({ recordType: 'contact', recordId: contacts[0]!.id });
      expect(history.map((h) => [h.type, h.data['batchId']])).to.deep.equal([['created', 'b1']]);
      await crm.close();
    });

    it('finds duplicates in the store and within the batch with one query for the batch', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const old = await crm.contacts.create({ name: 'Иван', phone: '+7 903 095-27-29', city: 'Москва' });
      const queries = countQueries(store);
      const rows = [
        { input: { name: 'Иван Петров', phone: '+7 (903) 095-27-29' } },
        { input: { name: 'Ivan', email: 'ivan@example.com' } },
        { input: { name: 'Ivan P.', email: 'IVAN@example.com', phone: '+7 903 0952729' } },
      ];
      const skipped = await crm.contacts.importBatch(rows, { batchId: 'dry', duplicates: 'skip', dryRun: true });
      expect(queries.count()).to.equal(1);
      expect(skipped).to.deep.equal([{ status: 'skipped', id: old.id }, { status: 'created', id: (skipped[1] as { id: string }).id }, { status: 'skipped', id: old.id }]);
      expect(await crm.contacts.list()).to.have.length(1);

      const updated = await crm.contacts.importBatch(rows, { batchId: 'b2', duplicates: 'update' });
      expect(updated.map((o) => o.status)).to.deep.equal(['updated', 'created', 'updated']);
      const merged = await crm.contacts.get(old.id);
      expect([merged.name, merged.city, merged.version]).to.deep.equal(['Ivan P.', 'Москва', 2]);
      expect(merged.emails).to.deep.equal(['IVAN@example.com']);

      const again = await crm.contacts.importBatch(rows, { batchId: 'b3', duplicates: 'create' });
      expect(again.map((o) => o.status)).to.deep.equal(['created', 'created', 'created']);
      expect(await crm.contacts.list()).to.have.length(5);
      await crm.close();
    });

    it('undo puts the store back exactly and refuses a second time', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const keep = await crm.contacts.create({ name: 'Old', phone: '+7 999 000-00-01', note: 'original' });
      const before = await snapshot(store);
      await crm.contacts.importBatch(
        [{ input: { name: 'New', phone: '+7 999 000-00-01', note: 'imported', tags: ['x'] } }, { input: { name: 'Fresh', email: 'f@example.com' } }],
        { batchId: 'u1', duplicates: 'update' },
      );
      await crm.contacts.importBatch([{ input: { name: 'Fresh again', email: 'f@example.com', city: 'Хот' } }], { batchId: 'u1', duplicates: 'update' });
      expect(await snapshot(store)).not.to.equal(before);
      expect(await undoImportBatch(crm, 'u1')).to.deep.equal({ removed: 1, restored: 1, kept: [] });
      expect(await snapshot(store)).to.equal(before);
      expect((await crm.contacts.get(keep.id)).note).to.equal('original');
      expect(await rejection(undoImportBatch(crm, 'u1'))).to.be.instanceOf(NotFoundError);
      await crm.close();
    });

    it('undo keeps a record someone changed after the import', async () => {
      const { crm } = await makeCrm(makeStore);
      const [first] = await crm.contacts.importBatch([{ input: { name: 'A', phone: '+7 999 000-00-02' } }, { input: { name: 'B', phone: '+7 999 000-00-03' } }], { batchId: 'k', duplicates: 'skip' });
      const id = (first as { id: string }).id;
      await crm.contacts.update(id, { city: 'Казань' });
      expect(await undoImportBatch(crm, 'k')).to.deep.equal({ removed: 1, restored: 0, kept: [id] });
      expect((await crm.contacts.list()).map((c) => c.name)).to.deep.equal(['A']);
      await crm.close();
    });

    it('holds role rules: a manager owns the rows, cannot give them away, update or undo a colleague\'s', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'boss' });
      const bobs = await crm.contacts.create({ name: 'Bob\'s client', phone: '+7 999 000-00-04', ownerId: 'bob' });
      const ann = crm.as('ann');
      const out = await ann.contacts.importBatch(
        [{ input: { name: 'Mine' , email: 'mine@example.com' } }, { input: { name: 'Given away', email: 'g@example.com', ownerId: 'bob' } }, { input: { name: 'Overwrite', phone: '+7 999 000-00-04' } }],
        { batchId: 'm1', duplicates: 'update' },
      );
      expect(out.map((o) => o.status)).to.deep.equal(['created', 'failed', 'failed']);
      expect((out[1] as { error: Error }).error).to.be.instanceOf(ForbiddenError);
      expect((out[2] as { error: Error }).error).to.be.instanceOf(ForbiddenError);
      expect((await ann.contacts.list()).map((c) => [c.name, c.ownerId])).to.deep.equal([['Mine', 'ann']]);
      expect((await crm.contacts.get(bobs.id)).name).to.equal('Bob\'s client');
      await crm.contacts.importBatch([{ input: { name: 'By boss', email: 'b@example.com' } }], { batchId: 'h1', duplicates: 'skip' });
      expect(await rejection(undoImportBatch(ann, 'h1'))).to.be.instanceOf(ForbiddenError);
      await crm.close();
    });

    it('links a row only to companies and contacts the importing user may see, even when the caller lists them as linkable', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'boss' });
      const bobsCompany = await crm.companies.create({ name: 'Bob\'s firm', ownerId: 'bob' });
      const bobsContact = await crm.contacts.create({ name: 'Bob\'s client', ownerId: 'bob' });
      const ann = crm.as('ann');
      const annsCompany = await ann.companies.create({ name: 'Ann\'s firm' });
      // The core's own index of the companies (rows kept) is used to check links, and a look-alike is not trusted.
      const index = await indexDuplicateKeys(crm.store, 'companies', { keepRows: true });
      const forged = { table: 'companies', find: async () => [], stop: () => undefined } as DuplicateKeyIndex;
      for (const [linking, linked] of [[undefined, undefined], [[bobsCompany.id, bobsContact.id], undefined], [undefined, [index]], [undefined, [forged]]] as const) {
        const out = await ann.contacts.importBatch(
          [{ input: { name: 'Mine', companyId: annsCompany.id } }, { input: { name: 'Into Bob\'s firm', companyId: bobsCompany.id } }],
          { batchId: `l-${String(!!linking)}`, duplicates: 'create', ...(linking ? { linking } : {}), ...(linked ? { linked } : {}) },
        );
        expect(out.map((o) => o.status)).to.deep.equal(['created', 'failed']);
        const error = (out[1] as unknown as { error: ValidationError }).error;
        expect(error).to.be.instanceOf(ValidationError);
        expect(error.issues.map((i) => i.path)).to.deep.equal([['companyId']]);
        const deals = await ann.deals.importBatch([{ input: { title: 'With Bob\'s client', contactIds: [bobsContact.id] } }], { batchId: `d-${String(!!linking)}`, duplicates: 'create', ...(linking ? { linking } : {}) });
        expect((deals[0] as unknown as { error: ValidationError }).error.issues.map((i) => i.path)).to.deep.equal([['contactIds', 0]]);
      }
      index.stop();
      // The same rule on the one-record paths.
      expect(await rejection(ann.contacts.create({ name: 'Sneaky', companyId: bobsCompany.id }))).to.be.instanceOf(ValidationError);
      const mine = (await ann.contacts.list())[0]!;
      expect(await rejection(ann.contacts.update(mine.id, { companyId: bobsCompany.id }))).to.be.instanceOf(ValidationError);
      expect(await crm.contacts.list({ companyId: bobsCompany.id })).to.deep.equal([]);
      expect(await crm.deals.list()).to.deep.equal([]);
      await crm.close();
    });

    it('batches started together match and write in turn: the later finds the earlier\'s records, a cancelled one writes nothing', async () => {
      const { crm } = await makeCrm(makeStore);
      const first = crm.contacts.importBatch([{ input: { name: 'Анна', phone: '+7 999 123-45-67' } }], { batchId: 't', duplicates: 'skip' });
      // Not awaited: the second batch is checked while the first is written, and matched only after it.
      const second = crm.contacts.importBatch([{ input: { name: 'Anna', phone: '+7 (999) 123 4567' } }], { batchId: 't', duplicates: 'skip' });
      const [a, b] = await Promise.all([first, second]);
      expect([a[0]!.status, b[0]!.status]).to.deep.equal(['created', 'skipped']);
      expect((b[0] as { id: string }).id).to.equal((a[0] as { id: string }).id);

      const stop = new AbortController();
      let counted = 0;
      const written = crm.contacts.importBatch([{ input: { name: 'B', email: 'b@example.com' } }], { batchId: 'c', duplicates: 'skip' }).then((o) => {
        counted = o.length;
        stop.abort();
      });
      const cancelled = crm.contacts.importBatch([{ input: { name: 'C', email: 'c@example.com' } }], { batchId: 'c', duplicates: 'skip', signal: stop.signal, writeAfter: written });
      expect(await rejection(cancelled)).to.include({ name: 'OperationRefusedError', code: 'cancelled' });
      expect(counted).to.equal(1);
      expect((await crm.contacts.list()).map((c) => c.name).sort()).to.deep.equal(['B', 'Анна']);
      await crm.close();
    });

    it('a batch of hundreds of rows (stored in chunks on IndexedDB): create, update and delete of its records behave as for any other', async () => {
      const { crm } = await makeCrm(makeStore);
      const rows = Array.from({ length: 300 }, (_, i) => ({ input: { name: `Импорт ${i}`, phone: `+7 999 100-${String(1000 + i).slice(1, 3)}-${String(i % 100).padStart(2, '0')}`, email: `i${i}@example.com` } }));
      const out = await crm.contacts.importBatch(rows, { batchId: 'big', duplicates: 'skip' });
      expect(out.filter((o) => o.status === 'created')).to.have.length(300);
      const id = (i: number) => (out[i] as { id: string }).id;
      // A single create with an imported contact's email finds it (the duplicate lookup reads the chunks too) and merges.
      const merged = await crm.contacts.create({ name: 'Someone', email: 'I150@Example.com', city: 'Самарканд' });
      expect(merged.id).to.equal(id(150));
      expect([merged.name, merged.city]).to.deep.equal(['Импорт 150', 'Самарканд']);
      expect((await crm.contacts.findDuplicates({ phone: '+7 (999) 100-00-07' })).map((c) => c.id)).to.deep.equal([id(7)]);
      await crm.contacts.update(id(8), { city: 'Бухара' });
      await crm.contacts.remove(id(9));
      const list = await crm.contacts.list();
      expect(list).to.have.length(299);
      expect(new Set(list.map((c) => c.id)).size).to.equal(299);
      expect((await crm.contacts.get(id(8))).city).to.equal('Бухара');
      const undone = await undoImportBatch(crm, 'big');
      expect([undone.removed, undone.restored, [...undone.kept].sort()]).to.deep.equal([297, 0, [id(8), id(150)].sort()]);
      expect((await crm.contacts.list()).map((c) => c.id).sort()).to.deep.equal([id(8), id(150)].sort());
      await crm.close();
    });

    it('moves imported deals to their stage through the guards, and undo removes the move too', async () => {
      const needsAmount = definePlugin({
        name: 'needs-amount',
        setup(c) {
          c.hooks.on('stage:beforeChange', ({ record, to }) => (to.id === 'proposal' && !(record as { amount?: number }).amount ? { cancel: 'Amount is required before Proposal' } : undefined));
        },
      });
      const { crm, store } = await makeCrm(makeStore, { plugins: [needsAmount] });
      const before = await snapshot(store);
      const out = await crm.deals.importBatch(
        [{ input: { title: 'Big', amount: 5000, stageId: 'proposal' } }, { input: { title: 'No amount', stageId: 'proposal' } }, { input: { title: 'New one' } }],
        { batchId: 'd1', duplicates: 'create' },
      );
      expect(out.map((o) => o.status)).to.deep.equal(['created', 'failed', 'created']);
      expect((out[1] as { error: Error }).error.message).to.contain('Amount is required');
      const deals = await crm.deals.list();
      expect(deals.map((d) => [d.title, d.stageId]).sort()).to.deep.equal([['Big', 'proposal'], ['New one', 'new']]);
      const big = deals.find((d) => d.title === 'Big')!;
      const history = await crm.history.list({ recordType: 'deal', recordId: big.id });
      expect(history.map((h) => [h.type, h.data['batchId']])).to.deep.equal([['created', 'd1'], ['stage_changed', 'd1']]);
      expect(await undoImportBatch(crm, 'd1')).to.deep.equal({ removed: 2, restored: 0, kept: [] });
      expect(await snapshot(store)).to.equal(before);
      await crm.close();
    });
  });
}
