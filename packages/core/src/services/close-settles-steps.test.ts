import { expect } from '@open-wc/testing';
import { DAY, HOUR, STORE_KINDS, makeCrm } from '../../../../tests/support/core-fixtures.js';

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`closing a lead or deal settles its next steps (${kind} store)`, () => {
    it('lose, win and junk complete every pending step of the record: none stays overdue or pending', async () => {
      const { crm, clock } = await makeCrm(makeStore);
      const lost = await crm.deals.create({ title: 'Lost one' });
      const won = await crm.deals.create({ title: 'Won one' });
      const junk = await crm.leads.create({ phone: '+7 900 000 00 21' });
      const other = await crm.deals.create({ title: 'Still open' });
      for (const r of [
        { recordType: 'deal' as const, recordId: lost.id },
        { recordType: 'deal' as const, recordId: won.id },
        { recordType: 'lead' as const, recordId: junk.id },
        { recordType: 'deal' as const, recordId: other.id },
      ]) {
        await crm.activities.schedule({ ...r, type: 'call', title: 'Call back', dueAt: new Date(clock.now().getTime() + HOUR) });
      }
      clock.advance(DAY); // every step is overdue now
      expect(await crm.activities.overdue()).to.have.length(4);

      await crm.deals.lose(lost.id, { reason: 'price' });
      await crm.deals.win(won.id);
      await crm.leads.close(junk.id, { reason: 'spam' });

      const overdue = await crm.activities.overdue();
      expect(overdue.map((a) => a.recordId)).to.deep.equal([other.id]);
      for (const [recordType, id] of [['deal', lost.id], ['deal', won.id], ['lead', junk.id]] as const) {
        const steps = await crm.activities.list({ recordId: id });
        expect(steps.map((a) => a.state), id).to.deep.equal(['done']);
        expect(steps[0]?.result, id).to.match(/closed/i);
        const history = await crm.history.list({ recordType, recordId: id });
        expect(history.some((h) => h.type === 'activity_done' && (h.data as { automatic?: boolean }).automatic === true), id).to.equal(true);
      }
      await crm.close();
    });

    it('reopening a closed deal does not bring its settled steps back', async () => {
      const { crm, clock } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'Back and forth' });
      await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: new Date(clock.now().getTime() + HOUR) });
      await crm.deals.lose(d.id, { reason: 'price' });
      await crm.deals.moveToStage(d.id, crm.pipelines.get('sales').stages[0]!.id);
      expect((await crm.activities.list({ recordId: d.id })).map((a) => a.state)).to.deep.equal(['done']);
      expect((await crm.activities.missingNextStep()).map((m) => m.record.id)).to.include(d.id);
      await crm.close();
    });
  });
}
