import { expect } from '@open-wc/testing';
import { OperationRefusedError, PluginError, definePlugin, memoryStore, createCrm, type PluginError as PE } from '@crmkit/core';
import { makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

const make = () => memoryStore();

describe('plugin hooks', () => {
  it('run pre, normal, post, then in registration order', async () => {
    const calls: string[] = [];
    const plugin = (name: string, order?: 'pre' | 'post') =>
      definePlugin({
        name,
        order,
        setup(crm) {
          crm.hooks.on('record:beforeCreate', (p) => {
            calls.push(name);
            return p;
          });
        },
      });
    const { crm } = await makeCrm(make, { plugins: [plugin('late', 'post'), plugin('a'), plugin('early', 'pre'), plugin('b'), plugin('early2', 'pre')] });
    await crm.contacts.create({ name: 'X' });
    expect(calls).to.deep.equal(['early', 'early2', 'a', 'b', 'late']);
    await crm.close();
  });

  it('transform hooks change the input in sequence before validation', async () => {
    const { crm } = await makeCrm(make, {
      plugins: [
        definePlugin({
          name: 'titlecase',
          hooks: {
            'record:beforeCreate': ({ type, input }) => (type === 'contact' ? { type, input: { ...input, name: String(input['name']).toUpperCase() } } : undefined),
          },
        }),
        definePlugin({
          name: 'tagger',
          hooks: { 'record:beforeCreate': ({ type, input }) => ({ type, input: { ...input, tags: [`seen:${String(input['name'])}`] } }) },
        }),
      ],
    });
    const c = await crm.contacts.create({ name: 'ivan' });
    expect([c.name, c.tags]).to.deep.equal(['IVAN', ['seen:IVAN']]);
    await crm.close();
  });

  it('a throwing transform refuses the operation with a PluginError naming plugin and hook', async () => {
    const { crm, store } = await makeCrm(make, {
      plugins: [definePlugin({ name: 'broken', hooks: { 'record:beforeUpdate': () => { throw new Error('nope'); } } })],
    });
    const c = await crm.contacts.create({ name: 'X' });
    const before = await snapshot(store);
    const err = await rejection(crm.contacts.update(c.id, { city: 'Y' }));
    expect(err).to.be.instanceOf(PluginError);
    expect([(err as unknown as PE).plugin, (err as unknown as PE).hook]).to.deep.equal(['broken', 'record:beforeUpdate']);
    expect(err.message).to.contain('nope');
    expect(await snapshot(store)).to.equal(before);
    await crm.close();
  });

  it('a remove guard refuses with its reason', async () => {
    const { crm } = await makeCrm(make, {
      plugins: [definePlugin({ name: 'keeper', hooks: { 'record:beforeRemove': ({ record }) => ((record as { name?: string }).name === 'VIP' ? { cancel: 'VIP clients are never deleted' } : undefined) } })],
    });
    const vip = await crm.contacts.create({ name: 'VIP' });
    const err = await rejection(crm.contacts.remove(vip.id));
    expect(err).to.be.instanceOf(OperationRefusedError);
    expect([(err as unknown as OperationRefusedError).reason, (err as unknown as OperationRefusedError).plugin]).to.deep.equal(['VIP clients are never deleted', 'keeper']);
    expect(await crm.contacts.get(vip.id)).to.be.ok;
    await crm.close();
  });

  it('an event hook failure is reported on plugin:error, never undoes the operation nor stops the others', async () => {
    const seen: string[] = [];
    const { crm } = await makeCrm(make, {
      plugins: [
        definePlugin({ name: 'flaky', hooks: { 'record:created': () => { throw new Error('flaky failed'); } } }),
        definePlugin({ name: 'steady', hooks: { 'record:created': ({ record }) => void seen.push(record.id) } }),
      ],
    });
    const errors: PE[] = [];
    crm.on('plugin:error', (e) => errors.push(e));
    const c = await crm.contacts.create({ name: 'Kept' });
    expect(await crm.contacts.get(c.id)).to.be.ok;
    expect(seen).to.deep.equal([c.id]);
    expect(errors.map((e) => [e.plugin, e.hook, (e.cause as Error).message])).to.deep.equal([['flaky', 'record:created', 'flaky failed']]);
    await crm.close();
  });

  it('a hook that never settles is cut off at the deadline, its signal aborted, and reported', async () => {
    let aborted = false;
    const { crm } = await makeCrm(make, {
      hookDeadlineMs: 30,
      plugins: [
        definePlugin({
          name: 'hang',
          setup(c) {
            c.hooks.on('stage:changed', (_p, ctx) => new Promise<void>(() => ctx.signal.addEventListener('abort', () => (aborted = true))));
          },
        }),
      ],
    });
    const errors: PE[] = [];
    crm.on('plugin:error', (e) => errors.push(e));
    const d = await crm.deals.create({ title: 'A' });
    const moved = await crm.deals.moveToStage(d.id, 'qualified');
    expect(moved.stageId).to.equal('qualified');
    expect(aborted).to.equal(true);
    expect(errors.map((e) => [e.plugin, e.hook])).to.deep.equal([['hang', 'stage:changed']]);
    expect(errors[0]?.message).to.contain('did not settle');
    await crm.close();
  });

  it('a failing setup stops createCrm with a PluginError naming the plugin', async () => {
    const err = await rejection(createCrm({ store: memoryStore(), automationIntervalMs: false, plugins: [definePlugin({ name: 'bad-setup', setup() { throw new Error('missing API key'); } })] }));
    expect(err).to.be.instanceOf(PluginError);
    expect([(err as unknown as PE).plugin, (err as unknown as PE).hook]).to.deep.equal(['bad-setup', 'setup']);
  });

  it('plugins can declare and emit their own hooks', async () => {
    const got: unknown[] = [];
    const { crm } = await makeCrm(make, {
      plugins: [
        definePlugin({
          name: 'invoices',
          setup(c) {
            c.hooks.declare('invoice:issued', 'event');
            c.hooks.on('invoice:issued' as never, ((p: unknown) => void got.push(p)) as never);
          },
        }),
      ],
    });
    await crm.hooks.emit('invoice:issued' as never, { no: 1 } as never);
    expect(got).to.deep.equal([{ no: 1 }]);
    expect(() => crm.hooks.on('no:such' as never, (() => undefined) as never)).to.throw(/Unknown hook/);
    await crm.close();
  });

  it('definePlugin and createCrm reject malformed plugins clearly', async () => {
    expect(() => definePlugin({ name: '' })).to.throw(/name/);
    expect(() => definePlugin({ name: 'x', order: 'first' as never })).to.throw(/order/);
    const dup = await rejection(createCrm({ store: memoryStore(), automationIntervalMs: false, plugins: [definePlugin({ name: 'x' }), definePlugin({ name: 'x' })] }));
    expect(dup.message).to.contain('registered twice');
  });
});
