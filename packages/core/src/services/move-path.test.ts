import { expect } from '@open-wc/testing';
import { DEFAULT_PIPELINES, definePlugin, memoryStore, type Pipeline, type PluginError, type Stage } from '@crmkit/core';
import { countingStore } from '../../../../tests/support/counting-store.js';
import { STORE_KINDS, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

/** The default pipelines with `patch` applied to one stage. */
function withStage(pipelineId: string, stageId: string, patch: Partial<Stage>): Pipeline[] {
  return DEFAULT_PIPELINES.map((p) => (p.id === pipelineId ? { ...p, stages: p.stages.map((s) => (s.id === stageId ? { ...s, ...patch } : s)) } : p));
}

const amountGuard = definePlugin({
  name: 'amount-guard',
  setup(crm) {
    crm.hooks.on('stage:beforeChange', ({ record, to }) => (to.id === 'proposal' && !(record as { amount?: number }).amount ? { cancel: 'Amount is required before Proposal' } : undefined));
  },
});

const stageWriter = definePlugin({
  name: 'stage-writer',
  hooks: {
    'record:beforeUpdate': ({ type, record, patch }) => (type === 'deal' ? { type, record, patch: { ...patch, stageId: 'won', status: 'won', pipelineId: 'elsewhere', version: 99 } } : undefined),
    'record:beforeCreate': ({ type, input }) => (type === 'deal' ? { type, input: { ...input, stageId: 'invoice', title: `${String(input['title'])}!` } } : undefined),
  },
});

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`one move path on ${kind} store`, () => {
    it('a transform cannot change stage, status, pipeline or version: ignored and reported, data changes kept', async () => {
      const { crm } = await makeCrm(makeStore, { plugins: [stageWriter] });
      const errors: PluginError[] = [];
      crm.on('plugin:error', (e) => errors.push(e));
      const d = await crm.deals.create({ title: 'A' });
      expect([d.stageId, d.title]).to.deep.equal(['new', 'A!']);
      const u = await crm.deals.update(d.id, { amount: 5 });
      expect([u.stageId, u.status, u.pipelineId, u.version, u.amount]).to.deep.equal(['new', 'open', 'sales', 2, 5]);
      expect(errors.map((e) => e.plugin)).to.include('stage-writer');
      expect(errors.map((e) => e.message).join(' ')).to.contain('"stageId"');
      // The deal still moves normally, and its history agrees with it.
      expect((await crm.deals.moveToStage(d.id, 'qualified')).stageId).to.equal('qualified');
      await crm.close();
    });

    it('creating a deal in a stage passes that stage guards (plugin and declarative)', async () => {
      const pipelines = withStage('sales', 'invoice', { guards: [{ require: ['companyId'], message: 'Invoice needs a company' }] });
      const { crm, store } = await makeCrm(makeStore, { plugins: [amountGuard], pipelines });
      const before = await snapshot(store);
      expect((await rejection(crm.deals.create({ title: 'A', stageId: 'proposal' }))).code).to.equal('stage_transition');
      const err = await rejection(crm.deals.create({ title: 'A', stageId: 'invoice', amount: 3 }));
      expect([err.code, err['reason']]).to.deep.equal(['stage_transition', 'Invoice needs a company']);
      expect(await snapshot(store)).to.equal(before);
      expect((await crm.deals.create({ title: 'A', stageId: 'proposal', amount: 3 })).stageId).to.equal('proposal');
      await crm.close();
    });

    it('conversion passes the guards of the lead won stage and of the deal stage it creates', async () => {
      const pipelines = withStage('leads', 'converted', { guards: [{ require: ['email'], message: 'Email required' }] });
      const { crm, store } = await makeCrm(makeStore, { plugins: [amountGuard], pipelines });
      const lead = await crm.leads.create({ phone: '+7 900 000 00 01' });
      const before = await snapshot(store);
      expect((await rejection(crm.leads.convert(lead.id)))['reason']).to.equal('Email required');
      expect((await rejection(crm.leads.moveToStage(lead.id, 'converted')))['reason']).to.equal('Email required');
      await crm.leads.update(lead.id, { email: 'a@example.com' });
      const mid = await snapshot(store);
      expect((await rejection(crm.leads.convert(lead.id, { deal: { stageId: 'proposal' } })))['reason']).to.equal('Amount is required before Proposal');
      expect(await snapshot(store)).to.equal(mid);
      expect(before).to.not.equal(mid);
      const { deal } = await crm.leads.convert(lead.id, { deal: { stageId: 'proposal' }, amount: 10 });
      expect(deal.stageId).to.equal('proposal');
      await crm.close();
    });

    it('a converted lead is final: it cannot be closed, reopened or converted again', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const lead = await crm.leads.create({ phone: '+7 900 000 00 02' });
      await crm.leads.convert(lead.id);
      const before = await snapshot(store);
      expect((await rejection(crm.leads.close(lead.id, { reason: 'untargeted' }))).code).to.equal('stage_transition');
      expect((await rejection(crm.leads.moveToStage(lead.id, 'new'))).code).to.equal('stage_transition');
      expect((await rejection(crm.leads.convert(lead.id))).code).to.equal('validation');
      expect(await snapshot(store)).to.equal(before);
      expect(await crm.deals.list()).to.have.length(1);
      await crm.close();
    });

    it('a field the current stage requires cannot be cleared while the record sits there', async () => {
      const pipelines = withStage('sales', 'proposal', { guards: [{ require: ['amount', 'custom.po'] }] });
      const { crm } = await makeCrm(makeStore, { pipelines });
      const d = await crm.deals.create({ title: 'A', amount: 5, custom: { po: 'X1' } });
      await crm.deals.moveToStage(d.id, 'proposal');
      const err = await rejection(crm.deals.update(d.id, { amount: null } as never));
      expect([err.code, (err['issues'] as { path: unknown[] }[])[0]?.path]).to.deep.equal(['validation', ['amount']]);
      const err2 = await rejection(crm.deals.update(d.id, { custom: { po: null } } as never));
      expect((err2['issues'] as { path: unknown[] }[])[0]?.path).to.deep.equal(['custom', 'po']);
      expect((await crm.deals.get(d.id)).amount).to.equal(5);
      // Back in a stage without the guard, it can be cleared.
      await crm.deals.moveToStage(d.id, 'qualified');
      expect((await crm.deals.update(d.id, { amount: null } as never)).amount).to.equal(undefined);
      await crm.close();
    });

    it('an update cannot clear the only phone or email of a lead', async () => {
      const { crm } = await makeCrm(makeStore);
      const lead = await crm.leads.create({ phone: '+7 900 000 00 03' });
      const err = await rejection(crm.leads.update(lead.id, { phone: null } as never));
      expect([err.code, (err['issues'] as { code: string }[])[0]?.code]).to.deep.equal(['validation', 'phone_or_email']);
      await crm.leads.update(lead.id, { email: 'x@example.com' });
      expect((await crm.leads.update(lead.id, { phone: null } as never)).phone).to.equal(undefined);
      await crm.close();
    });

    it('create and moveToStage return the record as stored after immediate robots, so its version works', async () => {
      const setField = [{ type: 'set-field', params: { field: 'custom.touched', value: 'yes' } }];
      const pipelines = withStage('sales', 'qualified', { robots: setField }).map((p) => (p.id === 'sales' ? { ...p, stages: p.stages.map((s) => (s.id === 'new' ? { ...s, robots: setField } : s)) } : p));
      const { crm } = await makeCrm(makeStore, { pipelines });
      const d = await crm.deals.create({ title: 'A' });
      expect(d.custom['touched']).to.equal('yes');
      const u = await crm.deals.update(d.id, { amount: 1, version: d.version });
      const m = await crm.deals.moveToStage(d.id, 'qualified', { version: u.version });
      expect(m.version).to.equal((await crm.deals.get(d.id)).version);
      expect((await crm.deals.update(d.id, { amount: 2, version: m.version })).amount).to.equal(2);
      await crm.close();
    });
  });
}

describe('reads per move', () => {
  it('losing a deal reads its row at most twice (once to check, once in the write)', async () => {
    const { store, counter } = countingStore(memoryStore());
    const { crm } = await makeCrm(() => store, { store });
    const d = await crm.deals.create({ title: 'A' });
    counter.reset();
    await crm.deals.lose(d.id, { reason: 'price' });
    expect(counter.reads('deals', d.id)).to.be.at.most(2);
    const lead = await crm.leads.create({ phone: '+7 900 000 00 04' });
    counter.reset();
    await crm.leads.close(lead.id, { reason: 'untargeted' });
    expect(counter.reads('leads', lead.id)).to.be.at.most(2);
    await crm.close();
  });
});
