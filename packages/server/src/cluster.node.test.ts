import { DEFAULT_PIPELINES, type Pipeline } from '@crmkit/core';
import { postgresStore } from './store/postgres-store.js';
import { freshDatabase, TEST_DATABASE_URL } from './testing/databases.js';
import { openFeed, startServer, type Harness } from './testing/harness.js';
import type { SuiteApi } from './testing/server-suite.js';

const { describe, it, before, after } = (await import('node:test')) as unknown as SuiteApi;

function equal(actual: unknown, expected: unknown, message: string): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

// Two servers, each with its own connection pool, CRM and automation, on one PostgreSQL
// database: what two processes behind a load balancer share is the database, nothing else.
if (!TEST_DATABASE_URL) {
  it('two server processes on one PostgreSQL: SKIPPED (set CRMKIT_TEST_DATABASE_URL)', async () => console.warn('cluster suite SKIPPED (CRMKIT_TEST_DATABASE_URL unset)'));
} else {
  describe('two servers on one PostgreSQL', () => {
    let clock = new Date('2026-03-02T09:00:00Z');
    const pipelines: Pipeline[] = DEFAULT_PIPELINES.map((p) =>
      p.id !== 'sales' ? p : { ...p, stages: p.stages.map((s) => (s.id === 'qualified' ? { ...s, robots: [{ type: 'create-activity', delay: '1h', params: { title: 'Follow up once' } }] } : s)) },
    );
    const crm = { pipelines, now: () => clock, automationIntervalMs: false as const };
    let a: Harness;
    let b: Harness;
    before(async () => {
      const url = await freshDatabase('cluster');
      a = await startServer(postgresStore(url), { crm });
      b = await startServer(postgresStore(url), { crm }, a.tokens);
    });
    after(async () => {
      await Promise.all([a?.server.close(), b?.server.close()]);
    });

    it('a write through one server reaches the other’s change feed and reads', async () => {
      const feed = await openFeed(b.base, b.tokens['boss']!);
      try {
        await feed.next((e) => e.event === 'ready');
        const created = await a.call('ann', 'POST', '/api/v1/deals', { title: 'Across', amount: 10 });
        const event = await feed.next((e) => e.event === 'change' && e.data.id === created.body.id);
        equal(event.data.row.title, 'Across', 'the other server’s feed carries the row');
        equal((await b.call('ann', 'GET', `/api/v1/deals/${created.body.id}`)).body.version, 1, 'and reads it');
        const stale = await b.call('ann', 'PATCH', `/api/v1/deals/${created.body.id}`, { title: 'B' }, { 'If-Match': '"1"' });
        const lost = await a.call('ann', 'PATCH', `/api/v1/deals/${created.body.id}`, { title: 'A' }, { 'If-Match': '"1"' });
        equal([stale.status, lost.status], [200, 412], 'one If-Match write wins across servers, the other is refused');
      } finally {
        feed.close();
      }
    });

    it('runs a delayed robot exactly once when both servers run due jobs at the same time', async () => {
      const deal = (await a.call('ann', 'POST', '/api/v1/deals', { title: 'Robot' })).body;
      equal((await b.call('ann', 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: 'qualified' })).status, 200, 'move');
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      const results = await Promise.all([a.server.crm().automation.runDue(), b.server.crm().automation.runDue(), a.server.crm().automation.runDue(), b.server.crm().automation.runDue()]);
      equal(results.reduce((n, r) => n + r.ran, 0), 1, 'ran once in all');
      const steps = await a.call('ann', 'GET', `/api/v1/activities?recordId=${deal.id}`);
      equal(steps.body.items.filter((s: { title: string }) => s.title === 'Follow up once').length, 1, 'one follow-up step');
    });

    it('an intake idempotency key stores one lead even when sent to both servers at once', async () => {
      const submission = { lead: { name: 'Twice', phone: '+7 901 222-33-44' }, submittedAt: clock.toISOString() };
      const send = (h: Harness) => h.call(undefined, 'POST', '/api/v1/intake', submission, { 'Idempotency-Key': 'cluster-key-1' });
      const answers = await Promise.all([send(a), send(b), send(a), send(b)]);
      const ids = new Set(answers.filter((r) => r.status < 300).map((r) => r.body.id));
      equal(ids.size, 1, `one lead id (${answers.map((r) => r.status)})`);
      const leads = await a.call('boss', 'GET', '/api/v1/leads?text=Twice');
      equal(leads.body.items.length, 1, 'one lead stored');
    });
  });
}
