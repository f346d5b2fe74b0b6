import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryStore, type StoredRow } from '@crmkit/core';
import { eventually, useTeamServer } from './team-server.js';

/** The team server's change log (public on its SQL store). */
interface LoggedStore {
  changesSince(seq: number, limit?: number): Promise<{ seq: number; table: string; type: string; id: string }[]>;
}

describe('remoteCrm replays a removal queued offline', () => {
  const ctx = useTeamServer();

  it('drops the record even when the feed told of the removal before the answer came back', async () => {
    const cache = memoryStore();
    // The answer to the DELETE is held until the client has read the feed past the removal, as a slow network may do.
    const net = { down: false };
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (net.down) throw new TypeError('Failed to fetch');
      const response = await fetch(input, init);
      if (init?.method === 'DELETE') {
        const id = new URL(String(input)).pathname.split('/').pop();
        const log = await (ctx.team.server.crm().store as unknown as LoggedStore).changesSince(0, 100_000);
        const removal = log.find((c) => c.table === 'deals' && c.type === 'delete' && c.id === id);
        assert.ok(removal, 'the removal is in the change log');
        await eventually(async () => Number((await cache.get<StoredRow & { last?: string }>('meta', 'remote:feed'))?.last ?? 0) >= removal.seq, 'the feed past the removal');
      }
      return response;
    }) as typeof fetch;
    const bob = await ctx.connect('bob', { cache, fetch: fetcher });
    await eventually(async () => (await cache.get('meta', 'remote:feed')) !== undefined, 'the feed open');

    net.down = true;
    const made = await bob.deals.create({ title: 'Made and dropped on the train', amount: 1, currency: 'USD' });
    await bob.deals.remove(made.id);
    assert.equal((await bob.sync.pending()).length, 2);
    net.down = false;
    await eventually(async () => bob.sync.online && (await bob.sync.pending()).length === 0, 'the queue drained');
    await bob.sync.flush();

    const server = ctx.team.server.crm();
    assert.equal((await server.deals.list({ text: 'Made and dropped on the train' })).length, 0, 'created once and removed on the server');
    assert.deepEqual((await cache.query<StoredRow & { title: string }>('deals')).filter((d) => d.title === 'Made and dropped on the train'), [], 'and not on Bob’s device either');
  });
});
