import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deal, StoredRow } from '@crmkit/core';
import { eventually, switchableFetch, useTeamServer } from './team-server.js';

describe('remoteCrm when a record changes hands', () => {
  const ctx = useTeamServer();
  const connect = (user: string) => ctx.connect(user);

  it('drops a deal and its steps from the board and the cache of the manager who lost it', async () => {
    const ann = await connect('ann');
    const boss = await connect('boss');
    let board: Deal[] = [];
    const stop = ann.deals.watch({}, (deals) => (board = deals));
    const deal = await ann.deals.create({ title: 'Goes to Bob', amount: 5, currency: 'USD' });
    const step = await ann.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call', dueAt: new Date(Date.now() + 86_400_000) });
    await eventually(() => board.some((d) => d.id === deal.id), 'Ann’s deal on her board');
    await boss.deals.update(deal.id, { ownerId: 'bob' });
    await eventually(() => !board.some((d) => d.id === deal.id), 'the deal leaves Ann’s board');
    await eventually(async () => !(await ann.store.query('activities')).some((a) => a.id === step.id), 'its step leaves Ann’s cache');
    assert.ok(!(await ann.store.query('deals')).some((d) => d.id === deal.id), 'no stale copy of the deal on Ann’s device');
    stop();
  });

  it('drops the timeline of a lead handed away, so nothing of a colleague’s record stays on the device', async () => {
    const bob = await connect('bob');
    const boss = await connect('boss');
    const lead = await boss.leads.create({ name: 'Timeline goes with it', email: 'timeline@example.com', ownerId: 'bob' });
    await eventually(async () => (await bob.store.get('leads', lead.id)) !== undefined, 'the head’s lead for Bob on his device');
    await eventually(async () => (await bob.store.query<StoredRow & { recordId: string }>('history')).some((h) => h.recordId === lead.id), 'its “created” entry on his device');
    await boss.leads.update(lead.id, { ownerId: 'ann' });
    await eventually(async () => (await bob.store.get('leads', lead.id)) === undefined, 'the lead leaves Bob’s device');
    await bob.leads.list();
    const left = (await bob.store.query<StoredRow & { recordId: string }>('history')).filter((h) => h.recordId === lead.id);
    assert.deepEqual(left, [], 'no timeline entry of Ann’s lead stays with Bob');
  });

  it('drops the timeline too when a write queued on a record handed away meanwhile is refused', async () => {
    const net = switchableFetch();
    const ann = await ctx.connect('ann', { fetch: net.fetch });
    const boss = await connect('boss');
    const deal = await boss.deals.create({ title: 'Handed away while Ann is offline', amount: 3, currency: 'USD', ownerId: 'ann' });
    await eventually(async () => (await ann.store.query<StoredRow & { recordId: string }>('history')).some((h) => h.recordId === deal.id), 'the deal’s timeline on Ann’s device');
    net.down = true;
    await ann.deals.remove(deal.id);
    await boss.deals.update(deal.id, { ownerId: 'bob' });
    net.down = false;
    await eventually(async () => (await ann.sync.failures()).some((f) => f.write.recordId === deal.id), 'the refused removal reported to Ann');
    await ann.sync.flush();
    assert.equal(await ann.store.get('deals', deal.id), undefined, 'the deal is not on Ann’s device');
    const left = (await ann.store.query<StoredRow & { recordId: string }>('history')).filter((h) => h.recordId === deal.id);
    assert.deepEqual(left, [], 'nor is its timeline');
  });
});

