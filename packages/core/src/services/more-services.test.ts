import { expect } from '@open-wc/testing';
import { NotFoundError, PluginError, ValidationError, definePlugin, type OutgoingMessage } from '@crmkit/core';
import { HOUR, STORE_KINDS, TEAM, makeCrm, rejection } from '../../../../tests/support/core-fixtures.js';

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`the rest of the service methods on ${kind} store`, () => {
    it('activities.update reschedules (clearing the overdue mark) and remove deletes', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM });
      const d = await crm.deals.create({ title: 'A', ownerId: 'ann' });
      const a = await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: clock.now() });
      clock.advance(HOUR);
      await crm.automation.runDue();
      expect((await crm.activities.get(a.id)).overdueAt).to.be.a('string');
      const later = new Date(clock.now().getTime() + 24 * HOUR);
      const moved = await crm.activities.update(a.id, { dueAt: later, title: 'Call again', assigneeId: 'bob', version: 2 });
      expect([moved.dueAt, moved.title, moved.assigneeId, moved.overdueAt, moved.version]).to.deep.equal([later.toISOString(), 'Call again', 'bob', undefined, 3]);
      expect((await rejection(crm.activities.update(a.id, { title: 'x', version: 1 }))).code).to.equal('conflict');
      expect((await rejection(crm.activities.update(a.id, { dueAt: 'never' }))).constructor).to.equal(ValidationError);
      await crm.activities.remove(a.id);
      expect((await rejection(crm.activities.get(a.id))).constructor).to.equal(NotFoundError);
      await crm.close();
    });

    it('history.add records notes and messages, and refuses what only the CRM may write', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const c = await crm.contacts.create({ name: 'Dilnoza' });
      const note = await crm.history.addNote('contact', c.id, '  Prefers Telegram  ');
      expect([note.type, note.by, note.data['text']]).to.deep.equal(['note', 'ann', 'Prefers Telegram']);
      expect((await rejection(crm.history.addNote('contact', c.id, '   '))).constructor).to.equal(ValidationError);
      expect((await rejection(crm.history.add({ recordType: 'contact', recordId: c.id, type: 'stage_changed' as never, text: 'fake' }))).constructor).to.equal(ValidationError);
      expect((await rejection(crm.history.addNote('contact', 'nope', 'x'))).constructor).to.equal(ValidationError);
      expect((await crm.history.list({ recordType: 'contact', recordId: c.id })).map((h) => h.type)).to.deep.equal(['created', 'note']);
      await crm.close();
    });

    it('channels send through plugins, record messages both ways and fire message:received', async () => {
      const sent: OutgoingMessage[] = [];
      const received: string[] = [];
      const { crm } = await makeCrm(makeStore, {
        plugins: [
          definePlugin({
            name: 'telegram',
            channels: { telegram: { send: async (m) => void sent.push(m) }, broken: { send: async () => { throw new Error('401 bad token'); } } },
            hooks: { 'message:received': ({ channel, text }) => void received.push(`${channel}:${text}`) },
          }),
        ],
      });
      const lead = await crm.leads.create({ phone: '+998 90 123 45 67' });
      expect(crm.channels.list()).to.deep.equal(['telegram', 'broken']);
      await crm.channels.send('telegram', { to: '@dilnoza', text: 'Salom!', recordType: 'lead', recordId: lead.id });
      await crm.channels.receive('telegram', { text: 'Rahmat', from: '@dilnoza', recordType: 'lead', recordId: lead.id });
      expect(sent.map((m) => m.text)).to.deep.equal(['Salom!']);
      expect(received).to.deep.equal(['telegram:Rahmat']);
      const timeline = await crm.history.list({ recordType: 'lead', recordId: lead.id });
      expect(timeline.map((h) => [h.type, h.data['text']])).to.deep.equal([
        ['created', undefined],
        ['message_out', 'Salom!'],
        ['message_in', 'Rahmat'],
      ]);
      const err = await rejection(crm.channels.send('broken', { to: 'x', text: 'y' }));
      expect(err).to.be.instanceOf(PluginError);
      expect([(err as unknown as PluginError).plugin, (err as unknown as PluginError).hook]).to.deep.equal(['telegram', 'channel:broken']);
      expect((await rejection(crm.channels.send('fax', { to: 'x', text: 'y' }))).constructor).to.equal(NotFoundError);
      await crm.close();
    });

    it('find, findDuplicates, list paging and sorting, users', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, phoneCountry: 'MN' });
      const a = await crm.contacts.create({ name: 'Bat', phone: '8811 2233' });
      clock.advance(1000);
      await crm.contacts.create({ name: 'Saraa', email: 'saraa@example.mn' });
      clock.advance(1000);
      await crm.contacts.create({ name: 'Tuya', email: 'tuya@example.mn' });
      expect((await crm.contacts.findDuplicates({ phone: '+976 8811-2233' })).map((c) => c.id)).to.deep.equal([a.id]);
      expect(await crm.contacts.find('missing')).to.equal(undefined);
      expect((await crm.contacts.list({ sort: 'createdAt', limit: 2 })).map((c) => c.name)).to.deep.equal(['Bat', 'Saraa']);
      expect((await crm.contacts.list({ sort: '-createdAt', offset: 1, limit: 1 })).map((c) => c.name)).to.deep.equal(['Saraa']);
      expect((await crm.contacts.list({ ids: [a.id, 'nope'] })).map((c) => c.id)).to.deep.equal([a.id]);
      expect(crm.users.get('boss').role).to.equal('head');
      expect(() => crm.users.get('ghost')).to.throw(NotFoundError);
      expect(() => crm.setCurrentUser('ghost')).to.throw(NotFoundError);
      await crm.close();
    });
  });
}

describe('createCrm options', () => {
  it('rejects bad pipelines and users with issues naming where', async () => {
    const { createCrm, memoryStore, DEFAULT_PIPELINES } = await import('@crmkit/core');
    const noWon = { ...DEFAULT_PIPELINES[1]!, id: 'broken', stages: DEFAULT_PIPELINES[1]!.stages.filter((s) => s.kind !== 'won') };
    const err = await rejection(createCrm({ store: memoryStore(), pipelines: [DEFAULT_PIPELINES[0]!, noWon], automationIntervalMs: false }));
    expect((err as unknown as ValidationError).issues[0]?.path.slice(0, 2)).to.deep.equal(['pipelines', 'broken']);
    expect((err as unknown as ValidationError).issues[0]?.message).to.contain('exactly one won');
    const users = await rejection(createCrm({ store: memoryStore(), users: [{ id: 'x', name: 'X', role: 'boss' as never }], automationIntervalMs: false }));
    expect((users as unknown as ValidationError).issues[0]?.path).to.deep.equal(['users', 0, 'role']);
    const current = await rejection(createCrm({ store: memoryStore(), users: TEAM, currentUser: 'ghost', automationIntervalMs: false }));
    expect((current as unknown as ValidationError).issues[0]?.path).to.deep.equal(['currentUser']);
  });
});

describe('isCrmError', () => {
  it('recognises errors by code, also from another copy of the classes', async () => {
    const { isCrmError, ConflictError } = await import('@crmkit/core');
    const foreign = Object.assign(new Error('changed meanwhile'), { code: 'conflict', expectedVersion: 1, actualVersion: 2 });
    expect(isCrmError(foreign, 'conflict')).to.equal(true);
    expect(isCrmError(new ConflictError('deal', 'd1', 1, 2), 'conflict')).to.equal(true);
    expect(isCrmError(new ConflictError('deal', 'd1', 1, 2), 'validation')).to.equal(false);
    expect(isCrmError({ code: 'conflict' }, 'conflict')).to.equal(false);
    expect(isCrmError(undefined, 'conflict')).to.equal(false);
  });
});
