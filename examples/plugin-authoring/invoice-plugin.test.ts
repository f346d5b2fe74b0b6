import { expect } from '@open-wc/testing';
import type { ValidationError} from '@crmkit/core';
import { createCrm, dexieStore, memoryStore, StageTransitionError, type Crm } from '@crmkit/core';
import { invoicePlugin } from './invoice-plugin.js';

const DAY = 86_400_000;

async function setup(store = memoryStore(), locale = 'en'): Promise<{ crm: Crm; clock: { t: Date } }> {
  const clock = { t: new Date('2026-06-01T09:00:00Z') };
  const crm = await createCrm({
    store,
    locale,
    now: () => clock.t,
    automationIntervalMs: false,
    users: [{ id: 'ann', name: 'Ann', role: 'manager' }],
    currentUser: 'ann',
    plugins: [invoicePlugin()],
  });
  return { crm, clock };
}

describe('example plugin: invoice', () => {
  it('refuses Proposal without an amount, with a localised reason naming the plugin', async () => {
    const { crm } = await setup(memoryStore(), 'ru');
    const deal = await crm.deals.create({ title: 'Окна' });
    let error: unknown;
    try {
      await crm.deals.moveToStage(deal.id, 'proposal');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(StageTransitionError);
    expect((error as StageTransitionError).plugin).to.equal('invoice');
    expect((error as StageTransitionError).reason).to.equal('Укажите сумму до отправки предложения');
    await crm.deals.update(deal.id, { amount: 1000 });
    expect((await crm.deals.moveToStage(deal.id, 'proposal')).stageId).to.equal('proposal');
    await crm.close();
  });

  it('entering Invoice sent numbers the invoice and schedules the owner a call in two days', async () => {
    const { crm, clock } = await setup();
    const a = await crm.deals.create({ title: 'A', amount: 10 });
    const b = await crm.deals.create({ title: 'B', amount: 20 });
    await crm.deals.moveToStage(a.id, 'invoice');
    await crm.deals.moveToStage(b.id, 'invoice');
    expect((await crm.deals.get(a.id)).custom['invoiceNo']).to.equal('INV-2026-0001');
    expect((await crm.deals.get(b.id)).custom['invoiceNo']).to.equal('INV-2026-0002');
    const [call] = await crm.activities.list({ recordId: a.id });
    expect([call?.type, call?.title, call?.assigneeId, call?.dueAt]).to.deep.equal(['call', 'Call about the invoice', 'ann', new Date(clock.t.getTime() + 2 * DAY).toISOString()]);
    // Leaving the stage completes the call; coming back keeps the number.
    await crm.deals.moveToStage(a.id, 'proposal');
    expect((await crm.activities.get(call!.id)).state).to.equal('done');
    await crm.deals.moveToStage(a.id, 'invoice');
    expect((await crm.deals.get(a.id)).custom['invoiceNo']).to.equal('INV-2026-0001');
    await crm.close();
  });

  it('validates the invoiceNo custom field', async () => {
    const { crm } = await setup();
    let error: unknown;
    try {
      await crm.deals.create({ title: 'X', custom: { invoiceNo: 'free text' } });
    } catch (e) {
      error = e;
    }
    expect((error as ValidationError).issues[0]?.path).to.deep.equal(['custom', 'invoiceNo']);
    await crm.close();
  });

  it('numbers stay unique when two tabs issue invoices at once', async () => {
    const name = `t-invoice-${Math.random()}`;
    const tab1 = await setup(dexieStore(name));
    const tab2 = await setup(dexieStore(name));
    const deals = await Promise.all([1, 2, 3, 4].map((i) => tab1.crm.deals.create({ title: `D${i}`, amount: i })));
    await Promise.all(deals.map((d, i) => (i % 2 ? tab1.crm : tab2.crm).deals.moveToStage(d.id, 'invoice')));
    const numbers = await Promise.all(deals.map(async (d) => (await tab1.crm.deals.get(d.id)).custom['invoiceNo']));
    expect(new Set(numbers).size).to.equal(4);
    await tab1.crm.close();
    await tab2.crm.close();
  });
});
