// Messenger handles on contacts and leads: a lead may have only a handle, and
// duplicate control and search match handles like phones and emails.
import { createCrm, handleKey, memoryStore, ValidationError } from '@crmkit/core';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as {
  equal(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
};

const make = () => createCrm({ store: memoryStore(), automationIntervalMs: false, now: () => new Date('2026-05-01T08:00:00Z') });

describe('messenger handles', () => {
  it('gives Telegram handles tg: keys, normalised like usernames', () => {
    assert.equal(handleKey('telegram', '123456'), 'tg:123456');
    assert.equal(handleKey('Telegram', ' @Ivan_Petrov '), 'tg:ivan_petrov');
    assert.equal(handleKey('signal', 'abc'), 'signal:abc');
  });

  it('lets a lead have only a handle, and still refuses a lead with no way to reach it', async () => {
    const crm = await make();
    const lead = await crm.leads.create({ name: 'Ivan', handles: { telegram: '123456' }, source: { channel: 'telegram' } });
    assert.deepEqual(lead.handles, { telegram: '123456' });
    assert.deepEqual(lead.dupKeys, ['tg:123456']);
    await assert.rejects(crm.leads.create({ name: 'nobody', handles: { telegram: '  ' } }), (e) => e instanceof ValidationError);
    await assert.rejects(crm.leads.create({ name: 'nobody' }), (e) => e instanceof ValidationError && e.issues[0]?.code === 'phone_or_email');
  });

  it('refuses a malformed messenger name, naming the field', async () => {
    const crm = await make();
    await assert.rejects(crm.contacts.create({ name: 'A', handles: { 'Tele gram': '1' } }), (e) => e instanceof ValidationError && e.issues[0]?.path[0] === 'handles');
  });

  it('links a lead to the contact with the same handle and does not duplicate contacts', async () => {
    const crm = await make();
    const contact = await crm.contacts.create({ name: 'Anna', handles: { telegram: '@AnnaP' } });
    assert.ok(contact.dupKeys.includes('tg:annap'));
    const lead = await crm.leads.create({ handles: { telegram: 'annap' } });
    assert.equal(lead.contactId, contact.id);
    const again = await crm.contacts.create({ name: 'Anna P.', handles: { telegram: 'AnnaP' }, phone: '+7 999 123-45-67' });
    assert.equal(again.id, contact.id);
    assert.deepEqual(again.phones, ['+7 999 123-45-67']);
    assert.deepEqual((await crm.contacts.findDuplicates({ handles: { telegram: 'annap' } })).map((c) => c.id), [contact.id]);
  });

  it('finds contacts and leads by handle in search, and keeps keys in step on update', async () => {
    const crm = await make();
    const contact = await crm.contacts.create({ name: 'Anna', handles: { telegram: 'annap' } });
    assert.deepEqual((await crm.contacts.list({ text: 'annap' })).map((c) => c.id), [contact.id]);
    const updated = await crm.contacts.update(contact.id, { handles: { telegram: '777' } });
    assert.deepEqual(updated.dupKeys, ['tg:777']);
    const lead = await crm.leads.create({ handles: { telegram: '999' } });
    assert.deepEqual((await crm.leads.list({ text: '999' })).map((l) => l.id), [lead.id]);
  });

  it('carries the handle to the contact a lead converts into', async () => {
    const crm = await make();
    const lead = await crm.leads.create({ name: 'Ivan', handles: { telegram: '4242' } });
    const { contact } = await crm.leads.convert(lead.id);
    assert.deepEqual(contact.handles, { telegram: '4242' });
    assert.ok(contact.dupKeys.includes('tg:4242'));
  });
});
