import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { memoryStore, remoteCrm, type Deal, type RemoteCrm, type Store, type StoredRow } from '@crmkit/core';
import { eventually, startTeamServer, type TeamServer } from './team-server.js';

const retry = { minMs: 30, maxMs: 200 };

/** The server store's SQL and its change-log pruning (private: the retention timer normally calls it). */
interface PrunableStore {
  sql(): Promise<{ query(text: string, params?: readonly unknown[]): Promise<unknown[]> }>;
  prune(): Promise<void>;
}

describe('remoteCrm after the change feed says it is too far behind (reset)', () => {
  let team: TeamServer;
  const open: RemoteCrm[] = [];
  before(async () => {
    team = await startTeamServer();
  });
  after(async () => {
    for (const crm of open) await crm.close();
    await team.server.close();
  });

  const asHead = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${team.api}/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${team.tokens['boss']}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  };

  it('clears and refills the cache, so nothing removed or changed while it was away stays stale', async () => {
    const cache = memoryStore();
    const kept: Store = new Proxy(cache, { get: (t, k) => (k === 'close' ? async () => undefined : (Reflect.get(t, k) as unknown)) });
    const first = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: kept, retry });
    const gone = await first.deals.create({ title: 'Removed meanwhile', amount: 1, currency: 'USD' });
    const renamed = await first.deals.create({ title: 'Old title', amount: 2, currency: 'USD' });
    await first.history.addNote('deal', gone.id, 'About the removed deal');
    await first.history.list({ recordType: 'deal', recordId: gone.id });
    await eventually(async () => (await kept.get<StoredRow & { last?: string }>('meta', 'remote:feed'))?.last !== undefined, 'the feed opened and noted its position');
    await first.close();
    open.length = 0;

    await asHead('DELETE', `/deals/${gone.id}`);
    await asHead('PATCH', `/deals/${renamed.id}`, { title: 'New title' });
    const store = team.server.crm().store as unknown as PrunableStore;
    await (await store.sql()).query(`UPDATE crm_changes SET at = now() - interval '30 days'`);
    await store.prune();

    assert.ok(await kept.get('deals', gone.id), 'the removed deal is still cached before the client comes back');
    const again = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: kept, retry });
    open.push(again);
    await eventually(async () => (await kept.get<Deal>('deals', renamed.id))?.title === 'New title', 'the changed deal refilled');
    assert.equal(await kept.get('deals', gone.id), undefined, 'the removed deal left the cache');
    const notes = (await kept.query<StoredRow & { recordId: string }>('history')).filter((entry) => entry.recordId === gone.id);
    assert.deepEqual(notes, [], 'its timeline left the cache too');
  });
});
