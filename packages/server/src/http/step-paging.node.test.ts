import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ScanQuery } from '@crmkit/core';
import { scanRows } from '../store/row-queries.js';
import { pgliteStore } from '../store/pglite-store.js';
import { postgresStore } from '../store/postgres-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';
import { startServer, type Harness } from '../testing/harness.js';

interface Step {
  id: string;
  title: string;
  ownerId: string;
  assigneeId: string;
  dueAt: string;
}

/** Next steps and timelines page in SQL (keyset on dueAt / at, then id): roles on every page, no skips or repeats while rows arrive, on the indexes. */
function describeStepPaging(label: string, makeStore: () => Promise<SqlStore>): void {
  describe(`next steps and history paging on ${label}`, () => {
    let h: Harness;
    let store: SqlStore;
    before(async () => {
      store = await makeStore();
      h = await startServer(store);
    });
    after(async () => {
      await h.server.close();
    });

    let minute = 0;
    const due = () => new Date(Date.UTC(2030, 0, 1, 9, minute++)).toISOString();
    const deal = async (user: string, title: string): Promise<string> => {
      const r = await h.call(user, 'POST', '/api/v1/deals', { title, amount: 1 });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id;
    };
    const step = async (user: string, dealId: string, title: string, extra: Record<string, unknown> = {}): Promise<Step> => {
      const r = await h.call(user, 'POST', '/api/v1/activities', { recordType: 'deal', recordId: dealId, type: 'call', title, dueAt: due(), ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    /** Every page of `path` as `user`, calling `between` after each page. */
    const pageThrough = async <T>(user: string, path: string, between: (pages: T[][]) => Promise<void> = async () => undefined): Promise<T[][]> => {
      const pages: T[][] = [];
      let cursor: string | null = null;
      do {
        const r = await h.call(user, 'GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        pages.push(r.body.items);
        cursor = r.body.nextCursor;
        await between(pages);
        assert.ok(pages.length < 60, 'paging ends');
      } while (cursor);
      return pages;
    };

    it('a manager’s pages of steps hold only steps they own or are assigned, whatever the filters ask for', async () => {
      const annDeal = await deal('ann', 'Steps of Ann');
      const bobDeal = await deal('bob', 'Steps of Bob');
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) {
        mine.push((await step('ann', annDeal, `Roles ann ${i}`)).id);
        await step('bob', bobDeal, `Roles bob ${i}`);
      }
      // The head gives Ann a step on her own deal and Bob one on his: each sees their own only.
      mine.push((await step('boss', annDeal, 'Roles head for ann', { assigneeId: 'ann' })).id);
      await step('boss', bobDeal, 'Roles head for bob', { assigneeId: 'bob' });
      for (const query of ['state=pending&limit=2', 'limit=3', `recordId=${bobDeal}&limit=2`, 'assigneeId=bob&limit=2', `dueFrom=2030-01-01T00:00:00.000Z&limit=4`]) {
        const rows = (await pageThrough<Step>('ann', `/api/v1/activities?${query}`)).flat();
        assert.deepEqual(rows.filter((s) => s.ownerId !== 'ann' && s.assigneeId !== 'ann').map((s) => s.title), [], `${query}: no colleague's step`);
        const expected = query.includes(bobDeal) || query.includes('assigneeId=bob') ? [] : [...mine].sort();
        assert.deepEqual(rows.filter((s) => s.title.startsWith('Roles')).map((s) => s.id).sort(), expected, `${query}: every own step once`);
        const dues = rows.map((s) => `${s.dueAt} ${s.id}`);
        assert.deepEqual(dues, [...dues].sort(), `${query}: soonest due first`);
      }
      const head = (await pageThrough<Step>('boss', '/api/v1/activities?limit=3')).flat().filter((s) => s.title.startsWith('Roles'));
      assert.equal(head.length, 12, 'the head sees everyone’s');
    });

    it('paging steps while steps are added and removed neither skips nor repeats one', async () => {
      const dealId = await deal('bob', 'Flow deal');
      const present: string[] = [];
      for (let i = 0; i < 9; i++) present.push((await step('bob', dealId, `Flow ${i}`)).id);
      const removed = new Set<string>();
      const pages = await pageThrough<Step>('bob', `/api/v1/activities?recordId=${dealId}&limit=2`, async (sofar) => {
        const seen = new Set(sofar.flat().map((s) => s.id));
        const unseen = present.filter((id) => !seen.has(id) && !removed.has(id));
        // Later due times join the end of the list; a step due before the cursor is not on a later page.
        if (sofar.length <= 3) await step('bob', dealId, `Flow added ${sofar.length}`);
        if (sofar.length === 2 && unseen[0]) {
          assert.equal((await h.call('bob', 'DELETE', `/api/v1/activities/${unseen[0]}`)).status, 204);
          removed.add(unseen[0]);
        }
      });
      const ids = pages.flat().map((s) => s.id);
      assert.equal(new Set(ids).size, ids.length, `no step twice: ${ids.join(' ')}`);
      for (const id of present) if (!removed.has(id)) assert.ok(ids.includes(id), `step ${id}, there when the paging started, is not skipped`);
      assert.ok(removed.size === 1 && !ids.includes([...removed][0]!), 'the removed step is not listed');
      assert.equal(pages.flat().filter((s) => s.title.startsWith('Flow added')).length, 3, 'the steps added meanwhile, due later, are on the later pages');
    });

    it('a day’s window (dueFrom, dueBefore) and overdue steps come from the same query', async () => {
      const dealId = await deal('ann', 'Window deal');
      const inside = [await step('ann', dealId, 'Window a', { dueAt: '2031-05-05T08:00:00.000Z' }), await step('ann', dealId, 'Window b', { dueAt: '2031-05-05T23:59:59.999Z' })];
      await step('ann', dealId, 'Window next day', { dueAt: '2031-05-06T00:00:00.000Z' });
      await step('ann', dealId, 'Window day before', { dueAt: '2031-05-04T23:59:59.999Z' });
      const day = (await pageThrough<Step>('ann', '/api/v1/activities?dueFrom=2031-05-05T00:00:00.000Z&dueBefore=2031-05-06T00:00:00.000Z&limit=1')).flat();
      assert.deepEqual(day.map((s) => s.title), inside.map((s) => s.title), 'from is inclusive, before exclusive');
      const bad = await h.call('ann', 'GET', '/api/v1/activities?dueFrom=tomorrow');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error?.issues?.[0]?.path, ['dueFrom'], JSON.stringify(bad.body));
    });

    it('a timeline pages oldest first while notes are added, and stays closed to a colleague', async () => {
      const dealId = await deal('bob', 'Timeline deal');
      for (let i = 0; i < 5; i++) assert.equal((await h.call('bob', 'POST', '/api/v1/history', { recordType: 'deal', recordId: dealId, text: `Note ${i}` })).status, 201);
      const pages = await pageThrough<{ id: string; at: string; data: { text?: string } }>('bob', `/api/v1/history?recordType=deal&recordId=${dealId}&limit=2`, async (sofar) => {
        if (sofar.length <= 2) assert.equal((await h.call('bob', 'POST', '/api/v1/history', { recordType: 'deal', recordId: dealId, text: `Late ${sofar.length}` })).status, 201);
      });
      const entries = pages.flat();
      assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'no entry twice');
      assert.deepEqual(entries.map((e) => e.data.text).filter(Boolean), ['Note 0', 'Note 1', 'Note 2', 'Note 3', 'Note 4', 'Late 1', 'Late 2'], 'every note once, oldest first, the late ones last');
      const keys = entries.map((e) => `${e.at} ${e.id}`);
      assert.deepEqual(keys, [...keys].sort(), 'ordered by time, then id');
      assert.equal((await h.call('ann', 'GET', `/api/v1/history?recordType=deal&recordId=${dealId}&limit=2`)).status, 403, 'a colleague’s timeline is refused');
      assert.equal((await h.call('bob', 'GET', `/api/v1/history?recordType=deal&recordId=${dealId}&cursor=nonsense`)).status, 400, 'a made-up cursor is refused');
    });

    it('the list queries are served by the indexes, in order, without a sort', async () => {
      const plan = async (table: 'activities' | 'history', query: ScanQuery) => {
        let captured: { text: string; params: readonly unknown[] } | undefined;
        await scanRows({ query: async (text, params = []) => ((captured = { text, params }), []) }, table, query);
        const driver = await store.sql();
        return driver.transaction(async (session) => {
          // Tiny test tables: forbid the sequential scan so the plan shows whether an index fits the query's shape.
          await session.query('SET LOCAL enable_seqscan = off');
          const rows = await session.query<Record<string, string>>(`EXPLAIN ${captured!.text}`, captured!.params);
          return rows.map((r) => Object.values(r)[0]).join('\n');
        });
      };
      const manager = { either: { ownerId: 'ann', assigneeId: 'ann' } };
      for (const [table, query, index] of [
        ['activities', { equals: { state: 'pending' }, ...manager, orderBy: 'dueAt', below: '2030-01-02T00:00:00.000Z', limit: 51 }, 'crm_activities_state_due_idx'],
        ['activities', { equals: { recordId: 'd1' }, ...manager, orderBy: 'dueAt', after: ['2030-01-01T09:00:00.000Z', 'a1'], limit: 51 }, 'crm_activities_recordid_due_idx'],
        ['activities', { equals: { assigneeId: 'bob' }, orderBy: 'dueAt', from: '2030-01-01T00:00:00.000Z', limit: 51 }, 'crm_activities_assigneeid_due_idx'],
        ['history', { equals: { recordId: 'd1', recordType: 'deal' }, orderBy: 'at', after: ['2030-01-01T09:00:00.000Z', 'h1'], limit: 51 }, 'crm_history_recordid_at_idx'],
      ] as const) {
        const text = await plan(table, query as ScanQuery);
        assert.match(text, new RegExp(`Index Scan using ${index}`), `${table} ${JSON.stringify(query)}:\n${text}`);
        assert.doesNotMatch(text, /Sort/, `${table}: the index gives the order:\n${text}`);
      }
    });
  });
}

describeStepPaging('PGlite', async () => pgliteStore());
if (TEST_DATABASE_URL) describeStepPaging('PostgreSQL', async () => postgresStore(await freshDatabase('steps')));
else it('step paging on PostgreSQL: SKIPPED (set CRMKIT_TEST_DATABASE_URL)', () => console.warn('step paging PostgreSQL suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)'));
