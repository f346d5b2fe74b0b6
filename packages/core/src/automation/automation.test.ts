import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { DEFAULT_PIPELINES, ValidationError, createCrm, definePlugin, dexieStore, type Pipeline, type PluginError, type RobotConfig } from '@crmkit/core';
import { DAY, HOUR, STORE_KINDS, TEAM, TestClock, makeCrm, rejection } from '../../../../tests/support/core-fixtures.js';

/** The sales pipeline with robots on one stage. */
function withRobots(stageId: string, robots: RobotConfig[]): Pipeline[] {
  return DEFAULT_PIPELINES.map((p) => (p.id === 'sales' ? { ...p, stages: p.stages.map((s) => (s.id === stageId ? { ...s, robots } : s)) } : p));
}

const callInTwoDays: RobotConfig = { type: 'create-activity', params: { type: 'call', title: 'Call about the invoice', in: '2d', completeOnStageLeave: true } };

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`automation on ${kind} store`, () => {
    it('an immediate robot creates the follow-up step when a deal enters the stage', async () => {
      const { crm, clock } = await makeCrm(makeStore, { pipelines: withRobots('invoice', [callInTwoDays]), users: TEAM, currentUser: 'ann' });
      const d = await crm.deals.create({ title: 'A' });
      await crm.deals.moveToStage(d.id, 'invoice');
      const [step] = await crm.activities.list({ recordId: d.id });
      expect([step?.title, step?.type, step?.assigneeId, step?.dueAt, step?.robot]).to.deep.equal(['Call about the invoice', 'call', 'ann', new Date(clock.now().getTime() + 2 * DAY).toISOString(), undefined]);
      await crm.deals.moveToStage(d.id, 'proposal');
      expect((await crm.activities.get(step!.id)).state).to.equal('done');
      await crm.close();
    });

    it('robots of the first stage run when a record is created in it', async () => {
      const { crm } = await makeCrm(makeStore, { pipelines: withRobots('new', [{ type: 'create-activity', params: { type: 'call', title: 'First call', in: '1h' } }]) });
      const [one] = await crm.deals.createMany([{ title: 'Bulk' }]);
      const single = await crm.deals.create({ title: 'Single' });
      for (const d of [one!, single]) expect((await crm.activities.list({ recordId: d.id })).map((a) => a.title)).to.deep.equal(['First call']);
      await crm.close();
    });

    it('a delayed robot is stored as a job and runs once, when due by the injected clock', async () => {
      const { crm, clock } = await makeCrm(makeStore, { pipelines: withRobots('proposal', [{ ...callInTwoDays, delay: '2h' }]) });
      const d = await crm.deals.create({ title: 'A' });
      await crm.deals.moveToStage(d.id, 'proposal');
      expect((await crm.automation.jobs('pending')).map((j) => j.dueAt)).to.deep.equal([new Date(clock.now().getTime() + 2 * HOUR).toISOString()]);
      clock.advance(HOUR);
      expect(await crm.automation.runDue()).to.deep.equal({ ran: 0, failed: 0, skipped: 0, overdue: 0 });
      expect(await crm.activities.list({ recordId: d.id })).to.have.length(0);
      clock.advance(HOUR);
      expect((await crm.automation.runDue()).ran).to.equal(1);
      expect((await crm.automation.runDue()).ran).to.equal(0);
      expect(await crm.activities.list({ recordId: d.id })).to.have.length(1);
      expect((await crm.automation.jobs('done'))).to.have.length(1);
      await crm.close();
    });

    it('a delayed job is cancelled when the record leaves the stage before it is due', async () => {
      const { crm, clock } = await makeCrm(makeStore, { pipelines: withRobots('proposal', [{ ...callInTwoDays, delay: '1d' }]) });
      const d = await crm.deals.create({ title: 'A' });
      await crm.deals.moveToStage(d.id, 'proposal');
      await crm.deals.moveToStage(d.id, 'qualified');
      expect((await crm.automation.jobs('skipped')).map((j) => j.error)).to.deep.equal(['record left stage "proposal"']);
      clock.advance(2 * DAY);
      expect(await crm.automation.runDue()).to.deep.equal({ ran: 0, failed: 0, skipped: 0, overdue: 0 });
      expect(await crm.activities.list({ recordId: d.id })).to.have.length(0);
      await crm.close();
    });

    it('built-in set-field and assign-owner robots change the record; failures are reported, the move stands', async () => {
      const { crm } = await makeCrm(makeStore, {
        users: TEAM,
        pipelines: withRobots('qualified', [
          { type: 'set-field', params: { field: 'custom.segment', value: 'B2B' } },
          { type: 'assign-owner', params: { userIds: ['bob', 'cid'] } },
          { type: 'send-message', params: { channel: 'sms', text: 'hello' } },
        ]),
        plugins: [definePlugin({ name: 'sms-gw', channels: { sms: { send: async () => { throw new Error('gateway down'); } } } })],
      });
      const errors: PluginError[] = [];
      crm.on('plugin:error', (e) => errors.push(e));
      const d = await crm.deals.create({ title: 'A', ownerId: 'ann' });
      const moved = await crm.deals.moveToStage(d.id, 'qualified');
      expect(moved.stageId).to.equal('qualified');
      const now = await crm.deals.get(d.id);
      expect(now.custom['segment']).to.equal('B2B');
      expect(now.ownerId).to.equal('bob');
      expect(errors.map((e) => [e.plugin, e.hook])).to.deep.equal([['core', 'robot:send-message']]);
      await crm.close();
    });
  });
}

describe('automation across reloads and tabs (IndexedDB)', () => {
  it('a delayed robot fires after the store is closed and reopened', async () => {
    const name = `t-reload-${Math.random()}`;
    const clock = new TestClock();
    const pipelines = withRobots('proposal', [{ ...callInTwoDays, delay: '2d' }]);
    const first = await createCrm({ store: dexieStore(name), pipelines, now: clock.now, automationIntervalMs: false });
    const d = await first.deals.create({ title: 'Reload me' });
    await first.deals.moveToStage(d.id, 'proposal');
    await first.close();
    clock.advance(3 * DAY);
    const second = await createCrm({ store: dexieStore(name), pipelines, now: clock.now, automationIntervalMs: false });
    expect((await second.automation.runDue()).ran).to.equal(1);
    expect((await second.activities.list({ recordId: d.id })).map((a) => a.title)).to.deep.equal(['Call about the invoice']);
    await second.close();
  });

  it('watch() in one tab sees records another tab writes', async () => {
    const name = `t-watch-${Math.random()}`;
    const tabA = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const tabB = await createCrm({ store: dexieStore(name), automationIntervalMs: false });
    const seen: string[][] = [];
    const stop = tabB.deals.watch({ pipelineId: 'sales' }, (deals) => seen.push(deals.map((d) => d.title)));
    const d = await tabA.deals.create({ title: 'From tab A' });
    await tabA.deals.moveToStage(d.id, 'qualified');
    const until = Date.now() + 3000;
    while (!(seen.at(-1)?.includes('From tab A') ?? false) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).to.deep.equal(['From tab A']);
    stop();
    await tabA.close();
    await tabB.close();
  });

  it('two tabs running due jobs at once run each job exactly once', async () => {
    const name = `t-tabs-${Math.random()}`;
    const clock = new TestClock();
    const pipelines = withRobots('proposal', [{ ...callInTwoDays, delay: '1h' }]);
    const tabA = await createCrm({ store: dexieStore(name), pipelines, now: clock.now, automationIntervalMs: false });
    const tabB = await createCrm({ store: dexieStore(name), pipelines, now: clock.now, automationIntervalMs: false });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await tabA.deals.create({ title: `D${i}` });
      await tabA.deals.moveToStage(d.id, 'proposal');
      ids.push(d.id);
    }
    clock.advance(2 * HOUR);
    const [a, b] = await Promise.all([tabA.automation.runDue(), tabB.automation.runDue()]);
    expect(a.ran + b.ran).to.equal(5);
    for (const id of ids) expect(await tabA.activities.list({ recordId: id })).to.have.length(1);
    await tabA.close();
    await tabB.close();
  });
});

describe('robot configuration and the webhook robot', () => {
  const received: unknown[] = [];
  const worker = setupWorker(
    http.post('https://hooks.example.com/crm', async ({ request }) => {
      received.push(await request.json());
      return HttpResponse.json({ ok: true });
    }),
    http.post('https://hooks.example.com/down', () => new HttpResponse(null, { status: 503 })),
  );
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());

  it('rejects unknown robot types and bad params when the CRM is created, naming the place', async () => {
    const err = await rejection(createCrm({ pipelines: withRobots('won', [{ type: 'fax' }, { type: 'create-activity', params: { in: 'soon' } }]), automationIntervalMs: false }));
    expect(err).to.be.instanceOf(ValidationError);
    const paths = (err as unknown as ValidationError).issues.map((i) => i.path.join('.'));
    expect(paths).to.include('pipelines.sales.stages.won.robots.0.type');
    expect(paths.some((p) => p.startsWith('pipelines.sales.stages.won.robots.1.params'))).to.equal(true);
  });

  it('posts the record to the webhook when a deal enters the stage; a 503 is reported', async () => {
    const { crm } = await makeCrm(STORE_KINDS[0]![1], {
      pipelines: withRobots('won', [{ type: 'webhook', params: { url: 'https://hooks.example.com/crm' } }, { type: 'webhook', params: { url: 'https://hooks.example.com/down' } }]),
    });
    const errors: PluginError[] = [];
    crm.on('plugin:error', (e) => errors.push(e));
    const d = await crm.deals.create({ title: 'Paid', amount: 10 });
    await crm.deals.win(d.id);
    expect(received).to.have.length(1);
    const body = received[0] as { event: string; recordType: string; record: { id: string; status: string }; stage: string };
    expect([body.event, body.recordType, body.record.id, body.record.status, body.stage]).to.deep.equal(['stage:entered', 'deal', d.id, 'won', 'won']);
    expect(errors.map((e) => [e.hook, (e.cause as Error).message])).to.deep.equal([['robot:webhook', 'webhook https://hooks.example.com/down answered 503']]);
    await crm.close();
  });

  it('plugin robot types run with the record and params', async () => {
    const got: string[] = [];
    const z = await import('zod/mini');
    const { crm } = await makeCrm(STORE_KINDS[0]![1], {
      pipelines: withRobots('invoice', [{ type: 'issue-invoice', params: { prefix: 'INV' } }]),
      plugins: [definePlugin({ name: 'invoice', robots: { 'issue-invoice': { params: z.object({ prefix: z.string() }), run: async (ctx, p: { prefix: string }) => void got.push(`${p.prefix}:${ctx.record.id}:${ctx.stage.id}`) } } })],
    });
    const d = await crm.deals.create({ title: 'A' });
    await crm.deals.moveToStage(d.id, 'invoice');
    expect(got).to.deep.equal([`INV:${d.id}:invoice`]);
    await crm.close();
  });
});
