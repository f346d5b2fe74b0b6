// Keyset paging of next steps and timelines: the same pages whether the store filters and orders in
// memory or through `Store.scan` (as the SQL stores do); through scan the role rule is part of the
// query, so a manager's page reads no colleague's rows at all.
import { memoryStore } from '../store/memory-store.js';
import { scanningStore } from '../store/scan-test-double.js';
import type { Store } from '../store/store.js';
import type { ActivityQuery } from './activity-service.js';
import { everyPage, pagingTeam } from './paging-test-team.js';

const { describe, it } = (await import('node:test' as string)) as { describe: (n: string, f: () => void) => void; it: (n: string, f: () => Promise<void>) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as { deepEqual(a: unknown, b: unknown, m?: string): void; ok(v: unknown, m?: string): void; equal(a: unknown, b: unknown, m?: string): void };

async function team(store: Store) {
  const crm = await pagingTeam(store);
  const due = (i: number) => new Date(Date.UTC(2026, 0, 2 + (i % 4), 9 + i)).toISOString();
  for (const user of ['ann', 'bob']) {
    const deal = await crm.as(user).deals.create({ title: `${user} deal`, amount: 1 });
    for (let i = 0; i < 7; i++) await crm.as(user).activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: `${user} ${i}`, dueAt: due(i) });
    for (let i = 0; i < 5; i++) await crm.as(user).history.addNote('deal', deal.id, `${user} note ${i}`);
  }
  return crm;
}

type Team = Awaited<ReturnType<typeof team>>;

async function stepPages(crm: Team, user: string, query: ActivityQuery, size: number): Promise<string[][]> {
  return everyPage((after, limit) => crm.as(user).activities.list({ ...query, ...(after ? { after } : {}), limit }), (a) => a.dueAt, (a) => a.title, size);
}

describe('next steps and timelines, windowed', () => {
  it('page alike in memory and through Store.scan, and a manager’s page reads only their own rows', async () => {
    const plain = await team(memoryStore());
    const scanned = scanningStore();
    const viaScan = await team(scanned);
    for (const [user, query] of [
      ['ann', {}],
      ['ann', { state: 'pending' }],
      ['ann', { assigneeId: 'bob' }],
      ['boss', { dueFrom: '2026-01-03T00:00:00.000Z', dueBefore: '2026-01-04T00:00:00.000Z' }],
      ['boss', { state: 'pending', dueBefore: '2026-01-03T12:00:00.000Z' }],
    ] as const) {
      const expected = await stepPages(plain, user, query, 3);
      assert.deepEqual(await stepPages(viaScan, user, query, 3), expected, `${user} ${JSON.stringify(query)}`);
      const titles = expected.flat();
      assert.ok(user !== 'ann' || titles.every((t) => t.startsWith('ann')), 'a manager sees only their own');
      assert.equal(new Set(titles).size, titles.length, 'no step twice');
    }
    assert.deepEqual((await stepPages(plain, 'boss', { dueFrom: '2026-01-03T00:00:00.000Z', dueBefore: '2026-01-04T00:00:00.000Z' }, 3)).flat(), ['ann 1', 'bob 1', 'ann 5', 'bob 5'], 'one day, soonest first');
    scanned.read = 0;
    const page = await viaScan.as('ann').activities.list({ state: 'pending', limit: 3 });
    assert.deepEqual(page.map((a) => a.title), ['ann 0', 'ann 4', 'ann 1']);
    assert.equal(scanned.read, 3, 'the role rule is in the scan: three rows read for a page of three');

    const dealOf = async (crm: Team, user: string) => (await crm.as(user).deals.list({}))[0]!.id;
    for (const [crm, label] of [[plain, 'memory'], [viaScan, 'scan']] as const) {
      const id = await dealOf(crm, 'bob');
      const seen = (await everyPage((after, limit) => crm.as('bob').history.list({ recordType: 'deal', recordId: id, ...(after ? { after } : {}), limit }), (e) => e.at, (e) => String(e.data['text'] ?? e.type), 2)).flat();
      assert.deepEqual(seen.filter((s) => s.includes('note')), ['bob note 0', 'bob note 1', 'bob note 2', 'bob note 3', 'bob note 4'], `${label}: the timeline page by page, oldest first`);
      assert.equal(seen.length, (await crm.as('bob').history.list({ recordType: 'deal', recordId: id })).length, `${label}: pages hold the whole timeline`);
      let refused = false;
      await crm.as('ann').history.list({ recordType: 'deal', recordId: id, limit: 2 }).catch(() => (refused = true));
      assert.ok(refused, `${label}: a colleague's timeline is refused`);
    }
  });
});
