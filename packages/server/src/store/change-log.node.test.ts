import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { pgliteStore } from './pglite-store.js';
import { logHead, logHeldBack, readLog } from './change-log.js';
import type { SqlSession } from './sql-driver.js';
import { CHANGES_CHANNEL, type SqlStore } from './sql-store.js';
import { TEST_DATABASE_URL } from '../testing/databases.js';
import { gate } from '../testing/gate.js';
import { describeTwoProcesses } from '../testing/two-process-stores.js';

describe('change log on PGlite: pruning and the tail', () => {
  let store: SqlStore;
  before(async () => {
    store = pgliteStore();
    await store.open();
  });
  after(() => store.close());

  it('head follows commits; after pruning, tail is one past the newest pruned position and a reader behind it can tell', async () => {
    assert.equal(await store.head(), 0, 'an empty log');
    assert.equal(await store.tail(), 1, 'nothing pruned');
    await store.put('deals', { id: 'd1' });
    await store.put('deals', { id: 'd2' });
    const [first, second] = await store.changesSince(0);
    assert.deepEqual([first?.id, second?.id], ['d1', 'd2']);
    assert.ok(first!.seq < second!.seq, 'positions increase');
    assert.equal(await store.head(), second!.seq);
    const sql = await store.sql();
    await sql.query(`UPDATE crm_changes SET at = now() - interval '30 days' WHERE pos = $1`, [first!.seq]);
    await (store as unknown as { prune(): Promise<void> }).prune();
    assert.equal(await store.tail(), first!.seq + 1, 'tail after pruning d1');
    assert.ok(0 + 1 < (await store.tail()), 'a reader from the start missed entries');
    assert.ok(!(first!.seq + 1 < (await store.tail())), 'a reader at d1 missed nothing');
    assert.deepEqual((await store.changesSince(first!.seq)).map((c) => c.id), ['d2']);
  });
});

// Two stores on one database stand for two server processes (each has its own connection pool).
describeTwoProcesses('change log on PostgreSQL: writers commit side by side, readers never skip a late commit', 'changelog', (stores) => {
  it('an entry committed while an older writer still runs waits for it, then both come in order', async () => {
    const { a, b } = stores;
    const start = await a.head();
    const held = gate();
    const started = gate();
    const slow = a.transaction(['deals'], async (tx) => {
      await tx.put('deals', { id: 'slow' });
      await tx.get('deals', 'slow'); // the write has run: this transaction has its id
      started.open();
      await held.wait;
    });
    await started.wait;
    await b.put('deals', { id: 'fast' }); // commits while "slow" is open, with a newer transaction id
    const early = await b.changesSince(start);
    assert.deepEqual(early.map((c) => c.id), [], 'the newer entry waits behind the running writer');
    const cursor = early.at(-1)?.seq ?? start;
    assert.equal(await b.head(), start, 'head does not move past a running writer');
    held.open();
    await slow;
    assert.deepEqual((await b.changesSince(cursor)).map((c) => c.id), ['slow', 'fast'], 'a reader resuming from where it was gets both, in order');
  });

  it('a transaction running in another database of the cluster does not hold the log back', async () => {
    const { a, b } = stores;
    const other = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
    const start = await a.head();
    const held = gate();
    const started = gate();
    const elsewhere = other.begin(async (tx) => {
      await tx`CREATE TEMP TABLE crmkit_elsewhere (n int)`;
      await tx`INSERT INTO crmkit_elsewhere VALUES (1)`; // it has a transaction id now
      started.open();
      await held.wait;
    });
    try {
      await started.wait;
      await b.put('deals', { id: 'meanwhile' });
      assert.deepEqual((await a.changesSince(start)).map((c) => c.id), ['meanwhile'], 'readable at once');
    } finally {
      held.open();
      await elsewhere;
      await other.end();
    }
  });

  it('a burst of commits reaches the other store as remote changes, announced after commit with fewer NOTIFYs than commits', async () => {
    const { a, b } = stores;
    let notifies = 0;
    const unlisten = await (await b.sql()).listen(CHANGES_CHANNEL, () => notifies++);
    const remote = new Set<string>();
    const stop = b.subscribe((changes) => changes.forEach((c) => c.remote && remote.add(c.id)));
    try {
      const ids = Array.from({ length: 60 }, (_, i) => `burst-${i}`);
      await Promise.all(ids.map((id) => a.put('deals', { id })));
      for (let i = 0; i < 200 && remote.size < ids.length; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.deepEqual([...remote].sort(), [...ids].sort(), 'the other store reported every commit');
      assert.ok(notifies >= 1 && notifies < ids.length, `${ids.length} commits were announced by ${notifies} NOTIFYs`);
    } finally {
      stop();
      await unlisten();
    }
  });

  it('reading the log and checking for held-back entries step along the position index, however long the log is', async () => {
    const { a } = stores;
    const sql = await a.sql();
    // A long history far below every real position (positions start at a transaction id × 2^21).
    await sql.query(`INSERT INTO crm_changes (pos, tbl, type, id, origin) SELECT g, 'deals', 'put', 'old-' || g, 'test' FROM generate_series(1, 20000) AS g`);
    await sql.query('ANALYZE crm_changes');
    const statements: { text: string; params: readonly unknown[] }[] = [];
    const capture: SqlSession = { query: async <R>(text: string, params: readonly unknown[] = []) => (statements.push({ text, params }), [] as R[]) };
    await logHeldBack(capture);
    await readLog(capture, await a.head(), 500, true);
    await logHead(capture);
    assert.equal(statements.length, 3);
    for (const { text, params } of statements) {
      const plan = (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params)).map((r) => r['QUERY PLAN']).join('\n');
      assert.doesNotMatch(plan, /Seq Scan on crm_changes/, `${text}\n${plan}`);
    }
  });

  it('many writers on two stores: a reader polling meanwhile sees every entry once', async () => {
    const { a, b } = stores;
    const start = await a.head();
    const seen: string[] = [];
    let cursor = start;
    let writing = true;
    const reader = (async () => {
      while (writing || (await a.changesSince(cursor)).length > 0) {
        for (const change of await a.changesSince(cursor)) {
          seen.push(change.id);
          cursor = change.seq;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 25; i++) {
          const id = `w${w}-${i}`;
          ids.push(id);
          await (w % 2 ? a : b).put('deals', { id });
        }
      }),
    );
    writing = false;
    await reader;
    assert.equal(new Set(seen).size, seen.length, 'no entry twice');
    assert.deepEqual([...seen].sort(), [...ids].sort(), 'every entry once');
  });
});
