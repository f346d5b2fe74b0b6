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

  it('keeps a write queued offline through the refill, then replays it exactly once', async () => {
    const cache = memoryStore();
    const kept: Store = new Proxy(cache, { get: (t, k) => (k === 'close' ? async () => undefined : (Reflect.get(t, k) as unknown)) });
    // Writes can be held on the wire (sent, not yet answered) while reads pass: the refill runs first.
    // Going down breaks the open change feed too, as a lost network does: it comes back with Last-Event-ID and gets the reset.
    const net = { down: false, held: [] as (() => void)[], hold: false, writes: [] as string[], feeds: [] as AbortController[] };
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (net.down) throw new TypeError('Failed to fetch');
      const method = init?.method ?? 'GET';
      if (new URL(String(input)).pathname.endsWith('/changes')) {
        const cut = new AbortController();
        net.feeds.push(cut);
        return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal });
      }
      if (method !== 'GET') {
        if (net.hold) await new Promise<void>((resolve) => net.held.push(resolve));
        net.writes.push(`${method} ${new URL(String(input)).pathname}`);
      }
      return fetch(input, init);
    }) as typeof fetch;
    const ann = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: kept, retry, fetch: fetcher });
    open.push(ann);
    const mine = await ann.deals.create({ title: 'Before the trip', amount: 1, currency: 'USD' });
    const other = await ann.deals.create({ title: 'Untouched', amount: 2, currency: 'USD' });
    await eventually(async () => (await kept.get<StoredRow & { last?: string }>('meta', 'remote:feed'))?.last !== undefined, 'the feed noted its position');

    net.down = true;
    for (const cut of net.feeds.splice(0)) cut.abort();
    await ann.deals.update(mine.id, { title: 'Written on the train' }, { version: mine.version });
    const made = await ann.deals.create({ title: 'Made on the train', amount: 3, currency: 'USD' });
    assert.equal((await ann.sync.pending()).length, 2);

    await asHead('PATCH', `/deals/${other.id}`, { title: 'Changed by the head' });
    const store = team.server.crm().store as unknown as PrunableStore;
    await (await store.sql()).query(`UPDATE crm_changes SET at = now() - interval '30 days'`);
    await store.prune();

    net.hold = true;
    net.writes.length = 0;
    net.down = false;
    await eventually(async () => (await kept.get<Deal>('deals', other.id))?.title === 'Changed by the head', 'the refill after the reset');
    const local = await kept.get<Deal>('deals', mine.id);
    assert.deepEqual([local?.title, local?.version], ['Written on the train', mine.version], 'the refill keeps the queued record as written, at the version the write was made against');
    assert.equal((await kept.get<Deal>('deals', made.id))?.title, 'Made on the train', 'the provisional record stays too');
    assert.equal(net.writes.length, 0, 'nothing was answered yet');

    net.hold = false;
    for (const release of net.held.splice(0)) release();
    await eventually(async () => (await ann.sync.pending()).length === 0, 'the queue drained');
    await ann.sync.flush();
    assert.deepEqual(net.writes.filter((w) => w.startsWith('PATCH')), [`PATCH /api/v1/deals/${mine.id}`], 'the update was sent once');
    assert.equal(net.writes.filter((w) => w === 'POST /api/v1/deals').length, 1, 'the create was sent once');
    assert.deepEqual((await ann.sync.failures()).map((f) => f.error.code), [], 'no conflict: the write was made against the version the server had');
    const server = team.server.crm();
    const stored = await server.deals.get(mine.id);
    assert.deepEqual([stored.title, stored.version], ['Written on the train', mine.version + 1], 'applied once on the server');
    assert.equal((await server.deals.list({ text: 'Made on the train' })).length, 1, 'one deal made on the train on the server');
    await eventually(async () => (await kept.get<Deal>('deals', mine.id))?.version === mine.version + 1, 'the cache has the server’s version');
    await eventually(async () => (await kept.query<Deal & StoredRow>('deals')).filter((d) => d.title === 'Made on the train').map((d) => String(d.id).startsWith('local-')).join() === 'false', 'the stored deal replaced the provisional one in the cache');
  });

  it('keeps a record that lands while the refill is between reading the server and pruning the cache', async () => {
    // The cache notes every deal it drops: the record must never vanish from the board, not even until the next feed event.
    const cache = memoryStore();
    const dropped: string[] = [];
    const watched: Store = new Proxy(cache, {
      get: (t, k) =>
        k === 'close'
          ? async () => undefined
          : k === 'delete'
          ? async (table: string, id: string) => {
              if (table === 'deals') dropped.push(id);
              return t.delete(table as 'deals', id);
            }
          : (Reflect.get(t, k) as unknown),
    });
    // Gates on the wire: the queued create waits until the refill has read the deals; the refill's last read waits until the create has landed.
    let refillReadDeals!: () => void;
    const dealsRead = new Promise<void>((resolve) => (refillReadDeals = resolve));
    let createLanded!: () => void;
    const landed = new Promise<void>((resolve) => (createLanded = resolve));
    const net = { down: false, gated: false };
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (net.down) throw new TypeError('Failed to fetch');
      const url = new URL(String(input));
      const method = init?.method ?? 'GET';
      if (net.gated && method === 'POST' && url.pathname === '/api/v1/deals') await dealsRead;
      if (net.gated && method === 'GET' && url.pathname === '/api/v1/activities' && url.searchParams.get('limit') === '500') await landed;
      const response = await fetch(input, init);
      if (net.gated && method === 'GET' && url.pathname === '/api/v1/deals' && url.searchParams.get('limit') === '500') refillReadDeals();
      return response;
    }) as typeof fetch;
    const before = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: watched, retry, fetch: fetcher });
    open.push(before);
    const other = await before.deals.create({ title: 'Seen before the trip', amount: 1, currency: 'USD' });
    await eventually(async () => (await cache.get<StoredRow & { last?: string }>('meta', 'remote:feed'))?.last !== undefined, 'the feed noted its position');

    net.down = true;
    const made = await before.deals.create({ title: 'Saved during the refill', amount: 4, currency: 'USD' });
    assert.equal((await before.sync.pending()).length, 1, 'the create is queued');
    await before.close();
    await asHead('PATCH', `/deals/${other.id}`, { title: 'Changed while Ann was away' });
    const store = team.server.crm().store as unknown as PrunableStore;
    await (await store.sql()).query(`UPDATE crm_changes SET at = now() - interval '30 days'`);
    await store.prune();

    net.gated = true;
    net.down = false;
    // Whatever happens below, no request stays held after the test.
    after(() => {
      refillReadDeals();
      createLanded();
    });
    // Back on the train's wifi: the same device opens again, its create still queued, its feed position too old.
    const ann = await remoteCrm({ url: team.api, token: team.tokens['ann']!, cache: watched, retry, fetch: fetcher });
    open.push(ann);
    ann.on('sync:state', (state) => {
      if (state.online && state.pending === 0) createLanded();
    });
    await eventually(async () => (await cache.get<Deal>('deals', other.id))?.title === 'Changed while Ann was away', 'the refill after the reset');
    const stored = (await team.server.crm().deals.list({ text: 'Saved during the refill' }))[0];
    assert.ok(stored, 'the queued create reached the server');
    assert.ok(!stored.id.startsWith('local-'));
    await eventually(async () => (await cache.get('deals', stored.id)) !== undefined, 'the stored deal in the cache');
    assert.deepEqual(dropped.filter((id) => id !== made.id), [], 'the deal the user just saved never left the cache (only its provisional copy did)');
  });
});

