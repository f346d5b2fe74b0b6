import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createCrm, type Crm, type Deal } from '@crmkit/core';
import { pgliteStore } from './pglite-store.js';
import { postgresStore } from './postgres-store.js';
import type { SqlDriver } from './sql-driver.js';
import { SqlStore } from './sql-store.js';
import { writeStatement } from './write-batch.js';
import { freshDatabase, TEST_DATABASE_URL } from '../testing/databases.js';

/** The statements a driver is asked to run, in order; `BEGIN` and `COMMIT` stand for a transaction's ends. */
function counted(driver: SqlDriver, sent: string[]): SqlDriver {
  const note = (text: string) => sent.push(text.replace(/\s+/g, ' ').trim());
  return {
    ...driver,
    query: (text, params) => (note(text), driver.query(text, params)),
    transaction: (fn) => {
      note('BEGIN');
      return driver.transaction((tx) =>
        fn({
          query: (text, params) => (note(text), tx.query(text, params)),
          commitWith: (text, params) => (note(text), note('COMMIT'), tx.commitWith(text, params)),
        }),
      );
    },
  };
}

/** What a write sent, without the NOTIFY that follows a commit (coalesced, sent apart). */
const writes = (sent: readonly string[]) => sent.filter((s) => !s.includes('pg_notify'));

for (const [name, open] of [
  ['PGlite', async () => pgliteStore()],
  ...(TEST_DATABASE_URL ? [['PostgreSQL', async () => postgresStore(await freshDatabase('trips'))] as const] : []),
] as const) {
  describe(`round trips of a write on ${name}`, () => {
    // The statement of a batch writing deals and history entries, as the counting driver notes it; PGlite
    // runs one transaction at a time, so there it takes no locks.
    const WRITE_STATEMENT = writeStatement(['deals', 'history'], name === 'PostgreSQL').replace(/\s+/g, ' ').trim();
    const sent: string[] = [];
    let inner: SqlStore;
    let crm: Crm;
    before(async () => {
      inner = await open();
      const driver = await inner.sql();
      crm = await createCrm({ store: new SqlStore(`counted ${name}`, async () => counted(driver, sent)) });
    });
    after(async () => {
      await crm.store.close();
      await inner.close();
    });
    const logged = async () => Number((await (await inner.sql()).query<{ n: string }>('SELECT count(*) AS n FROM crm_changes'))[0]!.n);

    it('a create is one statement: the record, its history entry and both change-log rows, committed on its own', async () => {
      const before = await logged();
      sent.length = 0;
      const deal = await crm.deals.create({ title: 'Round trip', amount: 10 });
      assert.deepEqual(writes(sent), [WRITE_STATEMENT], 'no BEGIN, no COMMIT, no lock statement, one write');
      assert.equal((await logged()) - before, 2, 'the deal and its "created" entry logged');
      assert.equal((await crm.deals.get(deal.id)).title, 'Round trip');
      assert.deepEqual((await crm.history.list({ recordType: 'deal', recordId: deal.id })).map((h) => h.type), ['created']);
    });

    it('a move reads the deal and its steps, then writes record, history and log in one conditional statement, with no transaction', async () => {
      const deal = await crm.deals.create({ title: 'Mover', amount: 5 });
      const before = await logged();
      sent.length = 0;
      const moved: Deal = await crm.deals.moveToStage(deal.id, 'qualified');
      const CHECKED_WRITE = writeStatement(['deals', 'history'], name === 'PostgreSQL', ['deals']).replace(/\s+/g, ' ').trim();
      assert.deepEqual(writes(sent).filter((s) => s === 'BEGIN' || s === 'COMMIT'), [], 'no BEGIN, no COMMIT');
      assert.equal(writes(sent).length, 3, `read the deal, read its steps, write: ${writes(sent).join(' | ')}`);
      assert.match(writes(sent)[0]!, /FROM crm_deals WHERE id = \$1/, 'the deal read');
      assert.match(writes(sent)[1]!, /FROM crm_activities/, 'its steps read');
      assert.equal(writes(sent)[2], CHECKED_WRITE, 'one write, conditioned on the version read');
      assert.equal((await logged()) - before, 2, 'the deal and its "stage_changed" entry logged');
      assert.equal(moved.stageId, 'qualified');
      assert.equal((await crm.deals.get(deal.id)).version, 2);
    });

    it('a move with a stale If-Match version writes nothing: one read, then the conflict', async () => {
      const deal = await crm.deals.create({ title: 'Stale', amount: 5 });
      await crm.deals.update(deal.id, { title: 'Changed' });
      const before = await logged();
      sent.length = 0;
      await assert.rejects(crm.deals.moveToStage(deal.id, 'qualified', { version: deal.version }), (e: unknown) => (e as { code?: string }).code === 'conflict');
      assert.equal(writes(sent).filter((s) => !s.startsWith('SELECT data::text')).length, 0, `only reads: ${writes(sent).join(' | ')}`);
      assert.equal((await logged()) - before, 0, 'nothing logged');
      assert.equal((await crm.deals.get(deal.id)).stageId, deal.stageId);
    });

    it('a batch stores the last put of a row, logs every write in order, and keeps no copy of internal rows in the log', async () => {
      const store = crm.store as SqlStore;
      await store.put('contacts', { id: 'gone', name: 'Old' });
      const from = await store.head();
      await store.transaction(['contacts', 'meta'], async (tx) => {
        await tx.put('contacts', { id: 'twice', name: 'First' });
        await tx.put('meta', { id: 'counter', value: 1 });
        await tx.bulkPut('contacts', [{ id: 'twice', name: 'Second' }, { id: 'other', name: 'Other' }]);
        await tx.delete('contacts', 'gone');
        await tx.put('contacts', { id: 'after', name: 'After the delete' });
      });
      assert.deepEqual(await store.get('contacts', 'twice'), { id: 'twice', name: 'Second' });
      assert.equal(await store.get('contacts', 'gone'), undefined);
      assert.deepEqual(await store.get('meta', 'counter'), { id: 'counter', value: 1 });
      const log = (await store.changesSince(from)).map((c) => [c.table, c.type, c.id, (c.row as { name?: string } | undefined)?.name ?? (c.row ? 'row' : '-')]);
      assert.deepEqual(log, [
        ['contacts', 'put', 'twice', 'First'],
        ['meta', 'put', 'counter', '-'],
        ['contacts', 'put', 'twice', 'Second'],
        ['contacts', 'put', 'other', 'Other'],
        ['contacts', 'delete', 'gone', 'Old'],
        ['contacts', 'put', 'after', 'After the delete'],
      ]);
    });
  });
}
