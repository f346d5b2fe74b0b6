import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pgliteStore } from '../store/pglite-store.js';
import { postgresStore } from '../store/postgres-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';
import { startServer, type Harness } from '../testing/harness.js';

/** Lists page in SQL (keyset): roles hold on every page, and writes between pages neither skip nor repeat rows. */
function describePaging(label: string, makeStore: () => Promise<SqlStore>): void {
  describe(`list paging on ${label}`, () => {
    let h: Harness;
    before(async () => {
      h = await startServer(await makeStore());
    });
    after(async () => {
      await h.server.close();
    });

    const deal = async (user: string, body: Record<string, unknown>): Promise<{ id: string; ownerId: string; stageId: string }> => {
      const r = await h.call(user, 'POST', '/api/v1/deals', { amount: 10, ...body });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };

    /** Every page of a list as `user`, calling `between` after each page. */
    const pageThrough = async (user: string, query: string, between: (pages: { id: string }[][]) => Promise<void> = async () => undefined) => {
      const pages: { id: string; ownerId: string; title: string }[][] = [];
      let cursor: string | null = null;
      do {
        const r = await h.call(user, 'GET', `/api/v1/deals?${query}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        pages.push(r.body.items);
        cursor = r.body.nextCursor;
        await between(pages);
        assert.ok(pages.length < 50, 'paging ends');
      } while (cursor);
      return pages;
    };

    it('a manager’s pages hold only their own rows, whatever the filters ask for', async () => {
      const mine: string[] = [];
      for (let i = 0; i < 7; i++) {
        mine.push((await deal('ann', { title: `Roles ann ${i}` })).id);
        await deal('bob', { title: `Roles bob ${i}` });
        await deal('bob', { title: `Roles bob extra ${i}` });
      }
      for (const query of ['stageId=new&limit=2', 'limit=3&sort=createdAt', 'text=Roles&limit=2', 'stageId=new&text=roles&limit=4&sort=-updatedAt']) {
        const pages = await pageThrough('ann', query);
        const rows = pages.flat();
        assert.deepEqual(rows.filter((d) => d.ownerId !== 'ann'), [], `${query}: no colleague's row`);
        assert.deepEqual(rows.filter((d) => d.title.startsWith('Roles')).map((d) => d.id).sort(), [...mine].sort(), `${query}: every own row once`);
        assert.ok(pages.slice(0, -1).every((p) => p.length > 0), `${query}: no empty page before the end`);
      }
      const asked = await pageThrough('ann', 'ownerId=bob&limit=2');
      assert.deepEqual(asked.flat(), [], 'asking for a colleague’s rows gives nothing');
      const head = (await pageThrough('boss', 'text=Roles&limit=5')).flat();
      assert.equal(head.length, 21, 'the head sees everyone’s');
    });

    for (const sort of ['-createdAt', 'createdAt', '-updatedAt']) {
      it(`paging (${sort}) while rows are added, changed and removed neither skips nor repeats a row`, async () => {
        const tag = `Flow${sort.replace('-', 'd')}`;
        const present: string[] = [];
        for (let i = 0; i < 9; i++) present.push((await deal('bob', { title: `${tag} ${i}` })).id);
        const removed = new Set<string>();
        const pages = await pageThrough('bob', `text=${tag}&limit=2&sort=${sort}`, async (sofar) => {
          const seen = new Set(sofar.flat().map((d) => d.id));
          const unseen = present.filter((id) => !seen.has(id) && !removed.has(id));
          if (sofar.length <= 3) {
            // Oldest first, added rows join the end: a few of them, or the list would never end.
            await deal('bob', { title: `${tag} added ${sofar.length}` });
            await deal('bob', { title: `${tag} added again ${sofar.length}` });
          }
          // A row not seen yet is removed (it may be missing, nothing else may) and, where the
          // sort key does not change with it, another one is moved to another stage.
          if (sofar.length === 2 && unseen[0]) {
            assert.equal((await h.call('bob', 'DELETE', `/api/v1/deals/${unseen[0]}`)).status, 204);
            removed.add(unseen[0]);
          }
          if (!sort.endsWith('updatedAt') && unseen[1]) assert.equal((await h.call('bob', 'POST', `/api/v1/deals/${unseen[1]}/move`, { stageId: 'qualified' })).status, 200);
        });
        const ids = pages.flat().map((d) => d.id);
        assert.equal(new Set(ids).size, ids.length, `no row twice: ${ids.join(' ')}`);
        for (const id of present) if (!removed.has(id)) assert.ok(ids.includes(id), `row ${id}, there when the paging started, is not skipped`);
        assert.ok(removed.size === 1 && !ids.includes([...removed][0]!), 'the removed row is not listed');
      });
    }
  });
}

describePaging('PGlite', async () => pgliteStore());
if (TEST_DATABASE_URL) describePaging('PostgreSQL', async () => postgresStore(await freshDatabase('paging')));
else it('list paging on PostgreSQL: SKIPPED (set CRMKIT_TEST_DATABASE_URL)', () => console.warn('list paging PostgreSQL suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)'));
