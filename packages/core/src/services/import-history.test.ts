import { expect } from '@open-wc/testing';
import { undoImportBatch, type HistoryEntry } from '@crmkit/core';
import { STORE_KINDS, makeCrm, snapshot } from '../../../../tests/support/core-fixtures.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ input: { name: `Контакт ${i}`, phone: `+7 999 100-${String(Math.floor(i / 100)).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}` } }));

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`import history on ${kind} store`, () => {
    it('a batch of 300 rows writes one history row and one commit, and every record shows it was created by the batch', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const head = (await store.head?.()) ?? 0;
      const out = await crm.contacts.importBatch(rows(300), { batchId: 'big', duplicates: 'skip' });
      expect(out.filter((o) => o.status === 'created')).to.have.length(300);
      expect(await store.query('history')).to.have.length(1);
      if (store.head) expect((await store.head()) - head).to.equal(1);
      const contacts = await crm.contacts.list();
      expect(contacts).to.have.length(300);
      for (const c of [contacts[0]!, contacts[299]!]) {
        const timeline = await crm.history.list({ recordType: 'contact', recordId: c.id });
        expect(timeline.map((h) => [h.type, h.recordId, h.by, h.at, h.data['batchId']])).to.deep.equal([['created', c.id, 'system', c.createdAt, 'big']]);
      }
      await crm.close();
    });

    it('the live timeline of an imported record starts with its created entry, and a note lands after it', async () => {
      const { crm } = await makeCrm(makeStore);
      const [first] = await crm.contacts.importBatch(rows(2), { batchId: 'w', duplicates: 'skip' });
      const id = (first as { id: string }).id;
      const seen: HistoryEntry[][] = [];
      const stop = crm.history.watch({ recordType: 'contact', recordId: id }, (entries) => seen.push(entries));
      await new Promise((r) => setTimeout(r, 50));
      await crm.history.addNote('contact', id, 'Позвонить');
      await new Promise((r) => setTimeout(r, 50));
      stop();
      expect(seen.at(-1)!.map((h) => h.type)).to.deep.equal(['created', 'note']);
      await crm.close();
    });

    it('an imported lead keeps its created data (stage, source) and carries the entry into the deal it converts to', async () => {
      const { crm } = await makeCrm(makeStore);
      const [first] = await crm.leads.importBatch([{ input: { name: 'Лид', phone: '+7 999 200-00-01' }, defaults: { source: { channel: 'import' } } }], { batchId: 'l1', duplicates: 'skip' });
      const lead = await crm.leads.get((first as { id: string }).id);
      const [created] = await crm.history.list({ recordType: 'lead', recordId: lead.id });
      expect(created!.data).to.deep.include({ batchId: 'l1', stage: lead.stageId, pipelineId: lead.pipelineId });
      expect(created!.data['source']).to.deep.equal({ channel: 'import' });
      const { deal } = await crm.leads.convert(lead.id);
      const dealTimeline = await crm.history.list({ recordType: 'deal', recordId: deal.id });
      expect(dealTimeline.filter((h) => h.type === 'created').map((h) => (h.data['carriedFrom'] as { recordId?: string } | undefined)?.recordId ?? 'own')).to.have.members([lead.id, 'own']);
      await crm.close();
    });

    it('a removed imported record keeps its created entry; undo keeps the entry of a record changed since and removes it otherwise', async () => {
      const { crm } = await makeCrm(makeStore);
      const out = await crm.contacts.importBatch(rows(3), { batchId: 'u', duplicates: 'skip' });
      const [a, b] = out.map((o) => (o as { id: string }).id) as [string, string];
      await crm.contacts.remove(b);
      expect((await crm.history.list({ recordType: 'contact', recordId: b })).map((h) => h.type)).to.deep.equal(['created', 'removed']);
      await crm.contacts.update(a, { city: 'Казань' });
      expect(await undoImportBatch(crm, 'u')).to.deep.equal({ removed: 1, restored: 0, kept: [a] });
      expect((await crm.history.list({ recordType: 'contact', recordId: a })).map((h) => [h.type, h.data['batchId'] ?? null])).to.deep.equal([['created', 'u'], ['field_changed', null]]);

      // Without a kept record, nothing of the batch stays.
      const again = await makeCrm(makeStore);
      const clean = await snapshot(again.store);
      await again.crm.contacts.importBatch(rows(3), { batchId: 'v', duplicates: 'skip' });
      await undoImportBatch(again.crm, 'v');
      expect(await snapshot(again.store)).to.equal(clean);
      await again.crm.close();
      await crm.close();
    });
  });
}
