import { expect } from '@open-wc/testing';
import { DEFAULT_PIPELINES, isCrmError, type Pipeline, type RobotConfig } from '@crmkit/core';
import { DAY, HOUR, STORE_KINDS, TEAM, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

/** Sales pipeline where only heads and admins may move a deal into `proposal` (and the lead won stage likewise). */
const HEAD_CONTROLLED: Pipeline[] = DEFAULT_PIPELINES.map((p) => ({
  ...p,
  stages: p.stages.map((s) => (s.id === 'proposal' || (p.id === 'leads' && s.kind === 'won') || (p.id === 'sales' && s.kind === 'won') ? { ...s, movableBy: ['head', 'admin'] as ('head' | 'admin')[] } : s)),
}));

const tomorrow = (now: Date) => new Date(now.getTime() + DAY);

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`funnel rules from practice on ${kind} store`, () => {
    it('the default pipelines carry a probability on every stage: 0 lost, 1 won, rising in between', async () => {
      const { crm } = await makeCrm(makeStore);
      for (const p of crm.pipelines.list()) {
        const open = p.stages.filter((s) => s.kind === 'open').map((s) => s.probability ?? -1);
        expect(open.every((x, i) => x > 0 && x < 1 && (i === 0 || x > open[i - 1]!)), p.id).to.equal(true);
        expect(p.stages.filter((s) => s.kind !== 'open').map((s) => [s.kind, s.probability])).to.deep.equal([['won', 1], ['lost', 0]]);
      }
      await crm.close();
    });

    it('movableBy refuses a manager on every path with a ForbiddenError naming the stage; a head passes', async () => {
      const { crm, store } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann', pipelines: HEAD_CONTROLLED });
      const d = await crm.deals.create({ title: 'A' });
      const lead = await crm.leads.create({ phone: '+7 900 000 00 11' });
      const before = await snapshot(store);
      const attempts = [
        () => crm.deals.moveToStage(d.id, 'proposal'),
        () => crm.deals.create({ title: 'B', stageId: 'proposal' }),
        () => crm.deals.createMany([{ title: 'C', stageId: 'proposal' }]),
        () => crm.deals.win(d.id),
        () => crm.leads.convert(lead.id),
        () => crm.leads.moveToStage(lead.id, 'converted'),
      ];
      for (const attempt of attempts) {
        const err = await rejection(attempt());
        expect(isCrmError(err, 'forbidden'), String(err)).to.equal(true);
        expect(err.message).to.match(/stage "[^"]+" \((proposal|won|converted)\)/);
      }
      expect(await snapshot(store)).to.equal(before);
      expect((await crm.deals.lose(d.id, { reason: 'price' })).status).to.equal('lost');
      const boss = crm.as('boss');
      await boss.deals.moveToStage(d.id, 'proposal');
      expect((await boss.leads.convert(lead.id)).deal.ownerId).to.equal('ann');
      await crm.close();
    });

    it("nextStep: 'required' refuses creating, moving and completing into a record without a next step, naming it", async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann', nextStep: 'required' });
      const err = await rejection(crm.deals.create({ title: 'A' }));
      expect([err.code, err['recordType']]).to.deep.equal(['next_step_required', 'deal']);
      const d = await crm.deals.create({ title: 'A' }, { nextStep: { type: 'call', title: 'Intro call', dueAt: tomorrow(clock.now()) } });
      const [step] = await crm.activities.list({ recordId: d.id });
      expect(step?.title).to.equal('Intro call');
      // A move keeps the pending step, so it passes.
      await crm.deals.moveToStage(d.id, 'qualified');
      const done = await rejection(crm.activities.complete(step!.id, { result: 'talked' }));
      expect([done.code, done['recordId']]).to.deep.equal(['next_step_required', d.id]);
      expect(done.message).to.contain(d.id);
      expect((await rejection(crm.activities.remove(step!.id))).code).to.equal('next_step_required');
      await crm.activities.complete(step!.id, { result: 'talked', next: { type: 'meeting', title: 'Demo', dueAt: tomorrow(clock.now()) } });
      // Closing needs no next step, and settles the pending ones (nothing stays overdue on a closed deal).
      await crm.deals.lose(d.id, { reason: 'price' });
      expect(await crm.activities.list({ recordId: d.id, state: 'pending' })).to.deep.equal([]);
      // Reopening a deal with nothing pending is refused unless the move schedules one.
      expect((await rejection(crm.deals.moveToStage(d.id, 'new'))).code).to.equal('next_step_required');
      await crm.deals.moveToStage(d.id, 'new', { nextStep: { type: 'call', title: 'Back', dueAt: tomorrow(clock.now()) } });
      // Intake and robots act as system: a new lead from the site is accepted and shows up as missing a step.
      const lead = await crm.as('system').leads.create({ phone: '+7 900 000 00 12', ownerId: 'ann' });
      expect((await crm.activities.missingNextStep()).map((m) => m.record.id)).to.include(lead.id);
      await crm.close();
    });

    it("nextStep: 'required' on conversion: the lead's steps move to the deal, or the call schedules one", async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann', nextStep: 'required' });
      const lead = await crm.leads.create({ phone: '+7 900 000 00 13' }, { nextStep: { type: 'call', title: 'Call', dueAt: tomorrow(clock.now()) } });
      const { deal } = await crm.leads.convert(lead.id);
      expect(await crm.activities.list({ recordId: deal.id })).to.have.length(1);
      const bare = await crm.as('system').leads.create({ phone: '+7 900 000 00 14', ownerId: 'ann' });
      expect((await rejection(crm.leads.convert(bare.id))).code).to.equal('next_step_required');
      const r = await crm.leads.convert(bare.id, { nextStep: { type: 'meeting', title: 'Demo', dueAt: tomorrow(clock.now()) } });
      expect((await crm.activities.list({ recordId: r.deal.id })).map((a) => a.title)).to.deep.equal(['Demo']);
      await crm.close();
    });

    it('summary: per stage count and money per currency, only what the user may see', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      await crm.deals.create({ title: 'A', amount: 100, currency: 'RUB' });
      await crm.deals.create({ title: 'B', amount: 50, currency: 'RUB' });
      const c = await crm.deals.create({ title: 'C', amount: 7, currency: 'USD' });
      await crm.deals.moveToStage(c.id, 'proposal');
      await crm.as('bob').deals.create({ title: 'Bob', amount: 1000, currency: 'RUB' });
      const s = await crm.deals.summary({ pipelineId: 'sales' });
      const byStage = Object.fromEntries(s.stages.map((x) => [x.stageId, [x.count, x.totals, x.probability]]));
      expect(byStage['new']).to.deep.equal([2, { RUB: 150 }, 0.1]);
      expect(byStage['proposal']).to.deep.equal([1, { USD: 7 }, 0.5]);
      expect(byStage['won']).to.deep.equal([0, {}, 1]);
      expect((await crm.as('boss').deals.summary()).stages[0]).to.deep.include({ count: 3, totals: { RUB: 1150 } });
      expect((await crm.leads.summary()).pipelineId).to.equal('leads');
      await crm.close();
    });
  });

  describe(`delayed robots and dates on ${kind} store`, () => {
    const delayedCall: RobotConfig = { type: 'create-activity', params: { type: 'call', title: 'Chase', in: '1h' }, delay: '1d' };
    const pipelines = DEFAULT_PIPELINES.map((p) => (p.id === 'sales' ? { ...p, stages: p.stages.map((s) => (s.id === 'proposal' ? { ...s, robots: [delayedCall] } : s)) } : p));

    it('a delayed robot runs once when the record leaves and re-enters its stage before it is due', async () => {
      const { crm, clock } = await makeCrm(makeStore, { pipelines });
      const d = await crm.deals.create({ title: 'A' });
      await crm.deals.moveToStage(d.id, 'proposal');
      clock.advance(HOUR);
      await crm.deals.moveToStage(d.id, 'qualified');
      await crm.deals.moveToStage(d.id, 'proposal');
      clock.advance(2 * DAY);
      const result = await crm.automation.runDue();
      expect(result.ran).to.equal(1);
      expect((await crm.activities.list({ recordId: d.id })).map((a) => a.title)).to.deep.equal(['Chase']);
      await crm.close();
    });

    it('a step due in year 10000 is not overdue; one due yesterday is', async () => {
      const { crm, clock } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'A' });
      await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'task', title: 'Far', dueAt: new Date('+010000-01-01T00:00:00.000Z') });
      await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'task', title: 'Late', dueAt: new Date(clock.now().getTime() - DAY) });
      expect((await crm.activities.overdue()).map((a) => a.title)).to.deep.equal(['Late']);
      expect((await crm.activities.list({ recordId: d.id })).map((a) => a.title)).to.deep.equal(['Late', 'Far']);
      expect(await crm.automation.processOverdue()).to.equal(1);
      await crm.close();
    });
  });
}
