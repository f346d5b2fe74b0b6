import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, memoryStore, type Deal, type Lead, type StoredRow, type SyncFailure } from '@crmkit/core';
import { eventually, switchableFetch, useTeamServer, type RemoteOptions } from './team-server.js';

/** Converting a lead offline is queued like any write: shown converted at once, converted once on the server, a conflict when someone got there first. */
describe('remoteCrm converts leads offline', () => {
  const ctx = useTeamServer({}, () => ({ cache: memoryStore() }));
  const connect = (user: string, extra?: Partial<RemoteOptions>) => ctx.connect(user, extra);
  const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

  it('queues the conversion with the lead’s version, shows it at once, and converts exactly once on reconnect', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch });
    const name = unique('Olga');
    const company = unique('Olga LLC');
    const lead = await ann.leads.create({ name, phone: `+7 999 ${Math.floor(1_000_000 + Math.random() * 8_999_999)}`, companyName: company });

    net.down = true;
    const result = await ann.leads.convert(lead.id, { amount: 500, currency: 'USD' });
    assert.deepEqual([result.lead.status, result.lead.convertedTo?.dealId], ['won', result.deal.id], 'the lead shows converted at once');
    assert.match(result.deal.id, /^local-/, 'the deal has a provisional id meanwhile');
    assert.deepEqual([result.deal.title, result.deal.amount, result.deal.leadId, result.deal.contactIds], [company, 500, lead.id, [result.contact.id]]);
    assert.equal(result.company?.name, company);
    const cached = await ann.leads.get(lead.id);
    assert.deepEqual([cached.status, cached.convertedTo?.contactId, cached.convertedTo?.companyId], ['won', result.contact.id, result.company?.id], 'reads show the converted lead offline');
    assert.equal((await ann.deals.get(result.deal.id)).title, company, 'the new deal can be opened offline');
    await assert.rejects(ann.leads.convert(lead.id), /already converted/, 'a second conversion is refused locally');
    const sales = ann.pipelines.defaultFor('deal');
    const second = sales.stages.filter((s) => s.kind === 'open')[1]!;
    await ann.deals.moveToStage(result.deal.id, second.id);
    const queued = await ann.sync.pending();
    assert.equal(queued.length, 2);
    assert.equal(queued[0]!.ifMatch, lead.version, 'queued against the lead’s version');

    net.down = false;
    await eventually(async () => ann.sync.online && (await ann.sync.pending()).length === 0, 'the queue drained');
    assert.deepEqual(await ann.sync.failures(), []);
    const boss = await connect('boss');
    const onServer = await boss.leads.get(lead.id);
    assert.equal(onServer.status, 'won');
    const deals = (await boss.deals.list()).filter((d) => d.leadId === lead.id);
    assert.equal(deals.length, 1, 'one deal on the server');
    assert.equal(deals[0]!.stageId, second.id, 'the move made offline on the provisional deal reached the stored one');
    assert.equal((await boss.contacts.list()).filter((c) => c.name === name).length, 1, 'one contact on the server');
    assert.equal((await boss.companies.list()).filter((c) => c.name === company).length, 1, 'one company on the server');
    assert.equal(onServer.convertedTo?.dealId, deals[0]!.id);
    await eventually(async () => (await ann.store.query<Deal & StoredRow>('deals')).every((d) => !String(d.id).startsWith('local-')), 'the provisional records replaced in the cache');
    assert.equal((await ann.leads.get(lead.id)).convertedTo?.dealId, deals[0]!.id);
  });

  it('a conversion someone else made first is a conflict; nothing is duplicated and the provisional records go', async () => {
    const net = switchableFetch();
    const ann = await connect('ann', { fetch: net.fetch });
    const boss = await connect('boss');
    const failures: SyncFailure[] = [];
    ann.on('sync:failed', (f) => failures.push(f));
    const name = unique('Pavel');
    const lead = await ann.leads.create({ name, email: `${name.replace(' ', '.')}@example.com` });

    net.down = true;
    const mine = await ann.leads.convert(lead.id);
    await boss.leads.convert(lead.id);
    net.down = false;

    await eventually(() => failures.length === 1, 'the conflict');
    assert.ok(failures[0]!.error instanceof ConflictError, String(failures[0]!.error));
    assert.equal(failures[0]!.write.recordId, lead.id);
    assert.equal((await boss.deals.list()).filter((d) => d.leadId === lead.id).length, 1, 'only the head’s deal');
    assert.equal((await boss.contacts.list()).filter((c) => c.name === name).length, 1, 'only the head’s contact');
    await eventually(async () => !(await ann.store.get('deals', mine.deal.id)) && !(await ann.store.get('contacts', mine.contact.id)), 'the provisional deal and contact dropped');
    const shown = await ann.store.get<Lead & StoredRow>('leads', lead.id);
    const stored = await boss.leads.get(lead.id);
    assert.equal(shown?.convertedTo?.dealId, stored.convertedTo?.dealId, 'the cache shows the head’s conversion');
  });
});
