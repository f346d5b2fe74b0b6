import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pgliteStore } from '../store/pglite-store.js';
import { startServer, type Harness } from '../testing/harness.js';

describe('request body limit', () => {
  let h: Harness;
  before(async () => {
    h = await startServer(pgliteStore(), { maxBodyBytes: 2_000 });
  });
  after(() => h.server.close());

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${h.base}/api/v1/deals`, { method: 'POST', headers: { Authorization: `Bearer ${h.tokens['ann']}`, 'Content-Type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
  const chunked = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.subarray(i, i + 500));
        controller.close();
      },
    });

  it('a body within the limit is accepted, sent whole or chunked', async () => {
    assert.equal((await post(JSON.stringify({ title: 'Small' }))).status, 201);
    assert.equal((await post(chunked(JSON.stringify({ title: 'Small, chunked', notes: 'x'.repeat(1_500) })))).status, 201);
  });

  it('a body over the limit answers 413 with the JSON error, whether its length is declared or it is chunked', async () => {
    const big = JSON.stringify({ title: 'Big', notes: 'x'.repeat(5_000) });
    for (const response of [await post(big), await post(chunked(big))]) {
      assert.equal(response.status, 413);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'bad_request');
    }
    const list = (await h.call('ann', 'GET', '/api/v1/deals')).body as { items: { title: string }[] };
    assert.ok(!list.items.some((d) => d.title === 'Big'), 'nothing over the limit was stored');
  });

  it('a GET passes without its body being looked at', async () => {
    assert.equal((await h.call('ann', 'GET', '/api/v1/deals?limit=1')).status, 200);
  });
});
