import { expect } from '@open-wc/testing';
import { ValidationError, ForbiddenError, type Activity } from '@crmkit/core';
import { DAY, HOUR, STORE_KINDS, TEAM, makeCrm, rejection } from '../../../../tests/support/core-fixtures.js';

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`next steps on ${kind} store`, () => {
    it('schedules, lists and completes a next step with its result, also with the following step in one write', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const d = await crm.deals.create({ title: 'A' });
      const a = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call back', dueAt: new Date(clock.now().getTime() + DAY) });
      expect([a.assigneeId, a.state, a.done, a.stageId]).to.deep.equal(['ann', 'pending', false, 'new']);
      expect((await crm.activities.list({ recordId: d.id })).map((x) => x.id)).to.deep.equal([a.id]);
      const { activity, next } = await crm.activities.complete(a.id, { result: 'Agreed on a demo', next: { type: 'meeting', title: 'Demo', dueAt: '2026-03-05T10:00:00Z' } });
      expect([activity.state, activity.result, activity.doneAt]).to.deep.equal(['done', 'Agreed on a demo', clock.now().toISOString()]);
      expect([next?.title, next?.dueAt, next?.recordId]).to.deep.equal(['Demo', '2026-03-05T10:00:00.000Z', d.id]);
      const types = (await crm.history.list({ recordType: 'deal', recordId: d.id })).map((h) => h.type);
      expect(types).to.deep.equal(['created', 'activity_scheduled', 'activity_done', 'activity_scheduled']);
      expect((await rejection(crm.activities.complete(a.id))).constructor).to.equal(ValidationError);
      await crm.close();
    });

    it('rejects a bad next step without writing anything', async () => {
      const { crm } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'A' });
      const err = await rejection(crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'visit' as never, title: '', dueAt: 'someday' }));
      expect((err as unknown as ValidationError).issues.map((i) => i.path[0])).to.deep.equal(['type', 'title', 'dueAt']);
      const missing = await rejection(crm.activities.schedule({ recordType: 'deal', recordId: 'nope', type: 'call', title: 'x', dueAt: new Date() }));
      expect((missing as unknown as ValidationError).issues[0]?.path).to.deep.equal(['recordId']);
      const a = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'ok', dueAt: new Date() });
      const badNext = await rejection(crm.activities.complete(a.id, { result: 'x', next: { type: 'call', title: '', dueAt: new Date() } }));
      expect(badNext).to.be.instanceOf(ValidationError);
      expect((await crm.activities.get(a.id)).state).to.equal('pending');
      await crm.close();
    });

    it('finds overdue steps and open records without a next step', async () => {
      const { crm, clock } = await makeCrm(makeStore);
      const planned = await crm.deals.create({ title: 'Planned' });
      const forgotten = await crm.deals.create({ title: 'Forgotten' });
      const closed = await crm.deals.create({ title: 'Closed' });
      await crm.deals.win(closed.id);
      const lead = await crm.leads.create({ phone: '+7 900 111 22 33' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: planned.id, type: 'call', title: 'Call', dueAt: new Date(clock.now().getTime() + HOUR) });
      expect(await crm.activities.overdue()).to.deep.equal([]);
      const missing = (await crm.activities.missingNextStep()).map((m) => `${m.recordType}:${m.record.id}`).sort();
      expect(missing).to.deep.equal([`deal:${forgotten.id}`, `lead:${lead.id}`].sort());
      clock.advance(2 * HOUR);
      expect((await crm.activities.overdue()).map((a) => a.id)).to.deep.equal([step.id]);
      await crm.close();
    });

    it('hands overdue steps over round-robin within the team, once, and fires activity:overdue', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, overduePolicy: { handTo: 'round-robin' } });
      const fired: Array<[string, string, string]> = [];
      crm.hooks.on('activity:overdue', ({ activity, previousAssigneeId, assigneeId }) => void fired.push([activity.id, previousAssigneeId, assigneeId]));
      const deals = [await crm.deals.create({ title: 'A', ownerId: 'ann' }), await crm.deals.create({ title: 'B', ownerId: 'ann' }), await crm.deals.create({ title: 'C', ownerId: 'ann' })];
      const steps: Activity[] = [];
      for (const [i, d] of deals.entries()) steps.push(await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: `Call ${i}`, dueAt: new Date(clock.now().getTime() + HOUR + i) }));
      // A second late step on the first deal goes with that deal, not on round the team.
      const second = await crm.activities.schedule({ recordType: 'deal', recordId: deals[0]!.id, type: 'email', title: 'Send offer', dueAt: new Date(clock.now().getTime() + HOUR + 5) });
      expect((await crm.automation.runDue()).overdue).to.equal(0);
      clock.advance(2 * HOUR);
      expect((await crm.automation.runDue()).overdue).to.equal(4);
      expect(fired.map((f) => f[2])).to.deep.equal(['bob', 'cid', 'bob', 'bob']);
      expect(fired.map((f) => f[0])).to.deep.equal([...steps.map((a) => a.id), second.id]);
      expect(fired.every((f) => f[1] === 'ann')).to.equal(true);
      expect((await crm.automation.runDue()).overdue).to.equal(0);
      expect((await crm.deals.get(deals[0]!.id)).ownerId).to.equal('bob');
      const reassigned = (await crm.history.list({ recordType: 'deal', recordId: deals[0]!.id })).filter((h) => h.type === 'activity_reassigned');
      expect(reassigned.map((h) => [h.data['activityId'], h.data['reason']])).to.deep.equal([[steps[0]!.id, 'overdue'], [second.id, 'owner changed']]);
      await crm.close();
    });

    it('hands overdue steps to the head with the head policy', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, overduePolicy: { handTo: 'head', after: '1h' } });
      const d = await crm.deals.create({ title: 'A', ownerId: 'bob' });
      const a = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'task', title: 'Send offer', dueAt: clock.now() });
      clock.advance(30 * 60_000);
      await crm.automation.runDue();
      expect((await crm.activities.get(a.id)).assigneeId).to.equal('bob');
      clock.advance(HOUR);
      await crm.automation.runDue();
      expect((await crm.activities.get(a.id)).assigneeId).to.equal('boss');
      await crm.close();
    });

    it('managers see only steps on their records or assigned to them', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const d = await crm.deals.create({ title: 'A' });
      await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Mine', dueAt: new Date() });
      crm.setCurrentUser('bob');
      expect(await crm.activities.list()).to.deep.equal([]);
      const err = await rejection(crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Not mine', dueAt: new Date() }));
      expect(err).to.be.instanceOf(ForbiddenError);
      await crm.close();
    });

    it('steps set to end with the stage are completed when the record leaves it', async () => {
      const { crm } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'A' });
      const a = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Qualify', dueAt: new Date(), completeOnStageLeave: true });
      const b = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Keep', dueAt: new Date() });
      await crm.deals.moveToStage(d.id, 'qualified');
      expect((await crm.activities.get(a.id)).state).to.equal('done');
      expect((await crm.activities.get(b.id)).state).to.equal('pending');
      await crm.close();
    });
  });
}
