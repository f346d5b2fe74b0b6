import { expect } from '@open-wc/testing';
import { DEFAULT_PIPELINES, StageTransitionError, ValidationError, definePlugin, type Pipeline } from '@crmkit/core';
import { STORE_KINDS, TEAM, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

const amountGuard = definePlugin({
  name: 'amount-guard',
  setup(crm) {
    crm.hooks.on('stage:beforeChange', ({ record, to }) => {
      if (to.id === 'proposal' && !(record as { amount?: number }).amount) return { cancel: { en: 'Amount is required before Proposal', ru: 'Укажите сумму до этапа «Предложение»' } };
      return undefined;
    });
  },
});

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`funnels on ${kind} store`, () => {
    it('has the default lead and deal pipelines, each stage with a description', async () => {
      const { crm } = await makeCrm(makeStore);
      expect(crm.pipelines.list().map((p) => [p.id, p.entity])).to.deep.equal([
        ['leads', 'lead'],
        ['sales', 'deal'],
      ]);
      expect(crm.pipelines.get('leads').stages.map((s) => s.id)).to.deep.equal(['new', 'assigned', 'qualifying', 'decision-maker', 'needs', 'ready', 'converted', 'junk']);
      expect(crm.pipelines.get('sales').stages.map((s) => `${s.id}:${s.kind}`)).to.deep.equal(['new:open', 'qualified:open', 'proposal:open', 'invoice:open', 'won:won', 'lost:lost']);
      for (const p of crm.pipelines.list()) for (const s of p.stages) expect(s.description, `${p.id}/${s.id}`).to.be.ok;
      expect(crm.pipelines.get('leads').lossReasons.map((r) => r.id)).to.include.members(['untargeted', 'volume-too-small', 'not-our-range', 'deadline', 'other']);
      await crm.close();
    });

    it('moves forward and backward, records each move with who and when', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const d = await crm.deals.create({ title: 'Стеклопакеты', amount: 5000, currency: 'rub' });
      expect([d.stageId, d.status, d.currency]).to.deep.equal(['new', 'open', 'RUB']);
      clock.advance(1000);
      await crm.deals.moveToStage(d.id, 'proposal');
      clock.advance(1000);
      const back = await crm.deals.moveToStage(d.id, 'qualified');
      expect(back.stageId).to.equal('qualified');
      const moves = (await crm.history.list({ recordType: 'deal', recordId: d.id })).filter((h) => h.type === 'stage_changed');
      expect(moves.map((m) => [m.data['from'], m.data['to'], m.by])).to.deep.equal([
        ['new', 'proposal', 'ann'],
        ['proposal', 'qualified', 'ann'],
      ]);
      expect(moves[1]?.at).to.equal(clock.now().toISOString());
      await crm.close();
    });

    it('a guard refuses with the plugin reason in the CRM locale; the record stays put', async () => {
      const { crm, store } = await makeCrm(makeStore, { plugins: [amountGuard], locale: 'ru' });
      const d = await crm.deals.create({ title: 'Без суммы' });
      const before = await snapshot(store);
      const err = await rejection(crm.deals.moveToStage(d.id, 'proposal'));
      expect(err).to.be.instanceOf(StageTransitionError);
      const ste = err as unknown as StageTransitionError;
      expect([ste.plugin, ste.reason, ste.from, ste.to, ste.code]).to.deep.equal(['amount-guard', 'Укажите сумму до этапа «Предложение»', 'new', 'proposal', 'stage_transition']);
      expect(await snapshot(store)).to.equal(before);
      await crm.deals.update(d.id, { amount: 10 });
      expect((await crm.deals.moveToStage(d.id, 'proposal')).stageId).to.equal('proposal');
      await crm.close();
    });

    it('declarative stage guards name the missing fields', async () => {
      const pipelines: Pipeline[] = DEFAULT_PIPELINES.map((p) =>
        p.id === 'sales' ? { ...p, stages: p.stages.map((s) => (s.id === 'invoice' ? { ...s, guards: [{ require: ['amount', 'custom.invoiceNo'] }] } : s)) } : p,
      );
      const { crm } = await makeCrm(makeStore, { pipelines });
      const d = await crm.deals.create({ title: 'X', amount: 1 });
      const err = await rejection(crm.deals.moveToStage(d.id, 'invoice'));
      expect((err as unknown as StageTransitionError).reason).to.contain('custom.invoiceNo');
      expect((err as unknown as StageTransitionError).plugin).to.equal('config');
      await crm.close();
    });

    it('losing needs a reason from the list, and "other" needs a comment; winning records the outcome', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'Lost one', amount: 1 });
      const before = await snapshot(store);
      const noReason = await rejection(crm.deals.lose(d.id, { reason: '' }));
      expect((noReason as unknown as ValidationError).issues[0]?.code).to.equal('reason_required');
      const badReason = await rejection(crm.deals.lose(d.id, { reason: 'made-up' }));
      expect((badReason as unknown as ValidationError).issues[0]?.path).to.deep.equal(['reason']);
      const noComment = await rejection(crm.deals.lose(d.id, { reason: 'other' }));
      expect((noComment as unknown as ValidationError).issues[0]?.code).to.equal('comment_required');
      expect((await rejection(crm.deals.moveToStage(d.id, 'lost'))).constructor).to.equal(ValidationError);
      expect(await snapshot(store)).to.equal(before);

      const lost = await crm.deals.lose(d.id, { reason: 'other', comment: 'Moved abroad' });
      expect([lost.status, lost.stageId, lost.lostReason, lost.lostComment]).to.deep.equal(['lost', 'lost', 'other', 'Moved abroad']);
      const closed = (await crm.history.list({ recordType: 'deal', recordId: d.id })).find((h) => h.type === 'closed');
      expect(closed?.data).to.deep.equal({ outcome: 'lost', reason: 'other', comment: 'Moved abroad' });

      const reopened = await crm.deals.moveToStage(d.id, 'qualified');
      expect([reopened.status, reopened.lostReason, reopened.closedAt]).to.deep.equal(['open', undefined, undefined]);
      const won = await crm.deals.win(d.id);
      expect([won.status, won.stageId]).to.deep.equal(['won', 'won']);
      expect(won.closedAt).to.be.a('string');
      await crm.close();
    });

    it('an unknown stage is refused without changes', async () => {
      const { crm } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'A' });
      const err = await rejection(crm.deals.moveToStage(d.id, 'nowhere'));
      expect(err).to.be.instanceOf(StageTransitionError);
      expect(err.message).to.contain('nowhere');
      expect((await crm.deals.get(d.id)).version).to.equal(1);
      await crm.close();
    });

    it('several deal pipelines coexist; deals start in the first open stage of theirs', async () => {
      const wholesale: Pipeline = { ...DEFAULT_PIPELINES[1]!, id: 'wholesale', name: { en: 'Wholesale', ru: 'Опт' } };
      const { crm } = await makeCrm(makeStore, { pipelines: [...DEFAULT_PIPELINES, wholesale] });
      const w = await crm.deals.create({ title: 'Pallets', pipelineId: 'wholesale' });
      await crm.deals.create({ title: 'Retail' });
      expect((await crm.deals.list({ pipelineId: 'wholesale' })).map((d) => d.title)).to.deep.equal(['Pallets']);
      expect(w.stageId).to.equal('new');
      const err = await rejection(crm.deals.create({ title: 'x', pipelineId: 'leads' }));
      expect((err as unknown as ValidationError).issues[0]?.path).to.deep.equal(['pipelineId']);
      await crm.close();
    });

    it('converts a lead into deal + contact + company, carrying history and next steps over', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann', phoneCountry: 'RU' });
      const events: string[] = [];
      crm.hooks.on('lead:converted', ({ lead, deal }) => void events.push(`${lead.id}->${deal.id}`));
      const lead = await crm.leads.create({ name: 'Иван', phone: '+7 999 000-11-22', email: 'ivan@romashka.ru', companyName: 'ООО «Ромашка»', message: 'Нужны окна', source: { channel: 'web-form', utm: { source: 'google', campaign: 'spring' } } });
      await crm.leads.moveToStage(lead.id, 'qualifying');
      const step = await crm.activities.schedule({ recordType: 'lead', recordId: lead.id, type: 'call', title: 'Перезвонить', dueAt: new Date(clock.now().getTime() + 3600_000) });
      clock.advance(1000);
      const { deal, contact, company, lead: converted } = await crm.leads.convert(lead.id, { amount: 120000, currency: 'RUB' });
      expect([converted.status, converted.stageId]).to.deep.equal(['won', 'converted']);
      expect(converted.convertedTo).to.deep.equal({ dealId: deal.id, contactId: contact.id, companyId: company?.id });
      expect([deal.title, deal.amount, deal.currency, deal.pipelineId, deal.stageId, deal.ownerId, deal.leadId]).to.deep.equal(['ООО «Ромашка»', 120000, 'RUB', 'sales', 'new', 'ann', lead.id]);
      expect(deal.contactIds).to.deep.equal([contact.id]);
      expect(deal.companyId).to.equal(company?.id);
      expect([contact.name, contact.phones, contact.emails, contact.companyId]).to.deep.equal(['Иван', ['+7 999 000-11-22'], ['ivan@romashka.ru'], company?.id]);
      expect(company?.name).to.equal('ООО «Ромашка»');
      const dealHistory = await crm.history.list({ recordType: 'deal', recordId: deal.id });
      expect(dealHistory.filter((h) => h.data['carriedFrom']).map((h) => h.type)).to.deep.equal(['created', 'stage_changed', 'activity_scheduled']);
      expect((await crm.activities.get(step.id)).recordId).to.equal(deal.id);
      expect(events).to.deep.equal([`${lead.id}->${deal.id}`]);
      expect((await crm.history.list({ recordType: 'lead', recordId: lead.id })).map((h) => h.type)).to.include('converted');
      const again = await rejection(crm.leads.convert(lead.id));
      expect(again).to.be.instanceOf(ValidationError);
      const reopen = await rejection(crm.leads.moveToStage(lead.id, 'new'));
      expect(reopen).to.be.instanceOf(StageTransitionError);
      expect(reopen.message).to.contain(deal.id);

      // A second lead from the same person and company reuses both.
      const repeat = await crm.leads.create({ name: 'Иван', phone: '8 999 000 11 22', companyName: 'ооо «ромашка»' });
      expect(repeat.contactId).to.equal(contact.id);
      const second = await crm.leads.convert(repeat.id);
      expect([second.contact.id, second.company?.id]).to.deep.equal([contact.id, company?.id]);
      expect(await crm.contacts.list()).to.have.length(1);
      expect(await crm.companies.list()).to.have.length(1);
      await crm.close();
    });

    it('a lead without a company converts to deal + contact only; moving to the won stage converts', async () => {
      const { crm } = await makeCrm(makeStore);
      const lead = await crm.leads.create({ email: 'solo@example.com' });
      const moved = await crm.leads.moveToStage(lead.id, 'converted');
      expect(moved.status).to.equal('won');
      expect(moved.convertedTo?.companyId).to.equal(undefined);
      const deal = await crm.deals.get(moved.convertedTo!.dealId);
      expect(deal.title).to.equal('solo@example.com');
      expect(await crm.companies.list()).to.have.length(0);
      await crm.close();
    });

    it('closes a lead as junk with a reason', async () => {
      const { crm } = await makeCrm(makeStore);
      const lead = await crm.leads.create({ phone: '+998 90 123 45 67' });
      const closed = await crm.leads.close(lead.id, { reason: 'untargeted' });
      expect([closed.status, closed.stageId, closed.closeReason]).to.deep.equal(['lost', 'junk', 'untargeted']);
      expect((await rejection(crm.leads.close(lead.id, { reason: 'nope' }))).constructor).to.equal(ValidationError);
      await crm.close();
    });

    it('a failed conversion (bad deal pipeline) writes nothing', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const lead = await crm.leads.create({ name: 'A', phone: '+7 900 000 00 00', companyName: 'B' });
      const before = await snapshot(store);
      const err = await rejection(crm.leads.convert(lead.id, { pipelineId: 'nope' }));
      expect(err).to.be.instanceOf(ValidationError);
      expect(await snapshot(store)).to.equal(before);
      await crm.close();
    });
  });
}
