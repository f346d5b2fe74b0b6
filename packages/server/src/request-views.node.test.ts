import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Crm } from '@crmkit/core';
import { pgliteStore } from './store/pglite-store.js';
import { startServer, type Harness } from './testing/harness.js';

describe('each user’s view of the CRM', () => {
  let h: Harness;
  const built: string[] = [];
  before(async () => {
    h = await startServer(pgliteStore());
    // The first call makes the server build its CRM with the users added after start.
    assert.equal((await h.call('boss', 'GET', '/api/v1/me')).status, 200);
    // Count the views the server builds (`crm.as(user)`) from here on.
    const crm = h.server.crm() as Crm & { as: Crm['as'] };
    const as = crm.as.bind(crm);
    (crm as { as: Crm['as'] }).as = (userId) => (built.push(userId), as(userId));
  });
  after(() => h.server.close());

  it('is built once per user, not once per request, and still acts as that user only', async () => {
    const deal = (await h.call('ann', 'POST', '/api/v1/deals', { title: 'Ann’s', amount: 1 })).body;
    for (let i = 0; i < 3; i++) assert.equal((await h.call('ann', 'GET', `/api/v1/deals/${deal.id}`)).status, 200);
    assert.equal((await h.call('ann', 'POST', `/api/v1/deals/${deal.id}/move`, { stageId: 'qualified' })).status, 200);
    for (let i = 0; i < 2; i++) assert.notEqual((await h.call('bob', 'GET', `/api/v1/deals/${deal.id}`)).status, 200, 'a colleague’s deal stays out of reach');
    assert.equal((await h.call('bob', 'GET', '/api/v1/me')).body.id, 'bob');
    assert.deepEqual(built.sort(), ['ann', 'bob'], `views built: ${built.join(', ')}`);
  });
});
