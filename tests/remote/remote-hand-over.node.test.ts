import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Deal } from '@crmkit/core';
import { eventually, useTeamServer } from './team-server.js';

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
});
