// Pending delayed robots name the record they will act on: a manager sees
// only the jobs of their own records, like every other list.
import { createCrm, memoryStore, type Pipeline } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };

const USERS = [
  { id: 'ann', name: 'Ann', role: 'manager' as const },
  { id: 'bob', name: 'Bob', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];
const robots = [{ type: 'create-activity', delay: '2h', params: { type: 'call', title: 'Follow up' } }];
const PIPELINES: Pipeline[] = [
  { id: 'leads', entity: 'lead', name: 'Leads', stages: [{ id: 'new', name: 'New', kind: 'open', robots }, { id: 'converted', name: 'Converted', kind: 'won' }, { id: 'junk', name: 'Junk', kind: 'lost' }], lossReasons: [{ id: 'spam', name: 'Spam' }] },
  { id: 'sales', entity: 'deal', name: 'Sales', stages: [{ id: 'talk', name: 'Talk', kind: 'open', robots }, { id: 'won', name: 'Won', kind: 'won' }, { id: 'lost', name: 'Lost', kind: 'lost' }], lossReasons: [{ id: 'price', name: 'Price' }] },
];

describe('automation.jobs() respects roles', () => {
  it('a manager lists only the jobs of records they own; a head lists all', async () => {
    const crm = await createCrm({ store: memoryStore(), users: USERS, pipelines: PIPELINES, automationIntervalMs: false });
    const annDeal = await crm.as('ann').deals.create({ title: 'Ann deal' });
    const bobDeal = await crm.as('bob').deals.create({ title: 'Bob deal' });
    const annLead = await crm.as('ann').leads.create({ name: 'Ann lead', phone: '+7 900 100 00 01' });
    const ids = async (user: string) => (await crm.as(user).automation.jobs('pending')).map((j) => j.recordId).sort();
    assert.deepEqual(await ids('ann'), [annDeal.id, annLead.id].sort());
    assert.deepEqual(await ids('bob'), [bobDeal.id]);
    assert.deepEqual(await ids('boss'), [annDeal.id, annLead.id, bobDeal.id].sort());
    assert.equal((await crm.as('system').automation.jobs()).length, 3);
    // A record handed to a colleague takes its jobs along.
    await crm.as('boss').deals.update(bobDeal.id, { ownerId: 'ann' });
    assert.deepEqual(await ids('bob'), []);
    assert.equal((await ids('ann')).length, 3);
    await crm.close();
  });
});
