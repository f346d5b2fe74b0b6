import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { definePlugin } from '@crmkit/core';
import { DAY, STORE_KINDS, TEAM, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

const issuePaths = (e: Record<string, unknown>) => (e['issues'] as { path: unknown[] }[]).map((i) => i.path.join('.'));

const poField = definePlugin({ name: 'po', fields: { deal: { po: z.string(), note: z.optional(z.string()) } } });

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`roles on every path on ${kind} store`, () => {
    it("a colleague's contact is never returned or merged by duplicate control: a flagged new contact is made", async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'bob' });
      const bobs = await crm.contacts.create({ name: 'Bob client', phone: '+7 900 111 22 33', note: 'private' });
      const ann = crm.as('ann');
      const mine = await ann.contacts.create({ name: 'Ann client', phone: '+7 (900) 111-22-33', position: 'CEO' });
      expect(mine.id).to.not.equal(bobs.id);
      expect([mine.name, mine.note, mine.duplicateOf]).to.deep.equal(['Ann client', undefined, bobs.id]);
      expect(await crm.contacts.get(bobs.id)).to.deep.equal(bobs);
      expect(await ann.contacts.findDuplicates({ phone: '+79001112233' })).to.deep.equal([mine]);
      const created = (await crm.as('boss').history.list({ recordType: 'contact', recordId: mine.id })).find((h) => h.type === 'created');
      expect(created?.data['duplicateOf']).to.equal(bobs.id);
      // The owner's own duplicate is still merged, as before.
      expect((await ann.contacts.create({ name: 'Again', phone: '+79001112233', city: 'Omsk' })).id).to.equal(mine.id);
      await crm.close();
    });

    it("a lead matching a colleague's contact is flagged, not linked; converting never hands that contact over", async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'bob' });
      const bobs = await crm.contacts.create({ name: 'Bob client', phone: '+7 900 222 33 44' });
      const ann = crm.as('ann');
      const lead = await ann.leads.create({ name: 'Ivan', phone: '+7 900 222 33 44' });
      expect([lead.contactId, lead.duplicateOf]).to.deep.equal([undefined, bobs.id]);
      // Intake (system) links it; the lead then goes to Ann.
      const linked = await crm.as('system').leads.create({ name: 'Ivan', phone: '+7 900 222 33 44', ownerId: 'ann' });
      expect(linked.contactId).to.equal(undefined);
      const viaHead = await crm.as('boss').leads.create({ name: 'Ivan', phone: '+7 900 222 33 44' });
      expect(viaHead.contactId).to.equal(bobs.id);
      await crm.as('boss').leads.update(viaHead.id, { ownerId: 'ann' });
      const { contact, deal } = await ann.leads.convert(viaHead.id);
      expect(contact.id).to.not.equal(bobs.id);
      expect([contact.ownerId, contact.duplicateOf, deal.contactIds]).to.deep.equal(['ann', bobs.id, [contact.id]]);
      expect((await crm.contacts.get(bobs.id)).phones).to.deep.equal(bobs.phones);
      await crm.close();
    });

    it('an overdue step handed to a manager gives them the record too, with history', async () => {
      const { crm, clock } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann', overduePolicy: { handTo: 'round-robin' } });
      const d = await crm.deals.create({ title: 'A' });
      await crm.activities.schedule({ recordType: 'deal', recordId: d.id, type: 'call', title: 'Call', dueAt: new Date(clock.now().getTime() + DAY) });
      clock.advance(2 * DAY);
      await crm.automation.processOverdue();
      const bob = crm.as('bob');
      const [step] = await bob.activities.list({ recordId: d.id });
      expect(step?.assigneeId).to.equal('bob');
      expect((await bob.deals.get(d.id)).ownerId).to.equal('bob');
      const moved = (await bob.history.list({ recordType: 'deal', recordId: d.id })).find((h) => h.data['reason'] === 'overdue hand-over');
      expect(moved?.data['changes']).to.deep.equal({ ownerId: { from: 'ann', to: 'bob' } });
      await crm.close();
    });

    it("the history of a removed record stays with who could see it", async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const d = await crm.deals.create({ title: 'Secret' });
      await crm.deals.remove(d.id);
      expect((await crm.history.list({ recordType: 'deal', recordId: d.id })).map((h) => h.type)).to.deep.equal(['created', 'removed']);
      expect((await rejection(crm.as('bob').history.list({ recordType: 'deal', recordId: d.id }))).code).to.equal('forbidden');
      expect(await crm.as('boss').history.list({ recordType: 'deal', recordId: d.id })).to.have.length(2);
      await crm.close();
    });
  });

  describe(`referential integrity on ${kind} store`, () => {
    it('linked ids must exist: a ValidationError names the field', async () => {
      const { crm, store } = await makeCrm(makeStore);
      const before = await snapshot(store);
      expect(issuePaths(await rejection(crm.deals.create({ title: 'A', companyId: 'nope' })))).to.deep.equal(['companyId']);
      const c = await crm.contacts.create({ name: 'C', phone: '+7 900 333 44 55' });
      expect(issuePaths(await rejection(crm.deals.create({ title: 'A', contactIds: [c.id, 'ghost'] })))).to.deep.equal(['contactIds.1']);
      expect(issuePaths(await rejection(crm.contacts.create({ name: 'D', companyId: 'nope' })))).to.deep.equal(['companyId']);
      expect(await snapshot(store)).to.not.equal(before);
      const d = await crm.deals.create({ title: 'A', contactIds: [c.id] });
      expect(issuePaths(await rejection(crm.deals.update(d.id, { companyId: 'nope' })))).to.deep.equal(['companyId']);
      await crm.close();
    });

    it('removing a company or contact unlinks the records pointing at it, with history on each', async () => {
      const { crm } = await makeCrm(makeStore);
      const co = await crm.companies.create({ name: 'Acme' });
      const c = await crm.contacts.create({ name: 'C', phone: '+7 900 444 55 66', companyId: co.id });
      const other = await crm.contacts.create({ name: 'O', phone: '+7 900 444 55 67' });
      const d = await crm.deals.create({ title: 'A', companyId: co.id, contactIds: [c.id, other.id] });
      const lead = await crm.leads.create({ phone: '+7 900 444 55 66' });
      expect(lead.contactId).to.equal(c.id);
      await crm.companies.remove(co.id);
      expect((await crm.contacts.get(c.id)).companyId).to.equal(undefined);
      expect((await crm.deals.get(d.id)).companyId).to.equal(undefined);
      await crm.contacts.remove(c.id);
      expect((await crm.deals.get(d.id)).contactIds).to.deep.equal([other.id]);
      expect((await crm.leads.get(lead.id)).contactId).to.equal(undefined);
      const dealHistory = (await crm.history.list({ recordType: 'deal', recordId: d.id })).filter((h) => h.data['reason'] === 'unlinked');
      expect(dealHistory.map((h) => Object.keys(h.data['changes'] as object)[0])).to.deep.equal(['companyId', 'contactIds']);
      await crm.close();
    });

    it('two concurrent creates with one phone make one contact', async () => {
      const { crm } = await makeCrm(makeStore);
      const [a, b] = await Promise.all([crm.contacts.create({ name: 'A', phone: '+7 900 555 66 77' }), crm.contacts.create({ name: 'B', phone: '+7 (900) 555-66-77', email: 'b@example.com' })]);
      expect(a.id).to.equal(b.id);
      const all = await crm.contacts.list();
      expect(all).to.have.length(1);
      expect(all[0]?.emails).to.deep.equal(['b@example.com']);
      await crm.close();
    });
  });

  describe(`custom fields on ${kind} store`, () => {
    it('partial updates merge, null clears one field, custom: null never removes a required one', async () => {
      const { crm } = await makeCrm(makeStore, { plugins: [poField] });
      const d = await crm.deals.create({ title: 'A', custom: { po: 'P1', note: 'n', extra: 1 } });
      expect((await crm.deals.update(d.id, { custom: { extra: 2 } })).custom).to.deep.equal({ po: 'P1', note: 'n', extra: 2 });
      expect((await crm.deals.update(d.id, { custom: { note: null } } as never)).custom).to.deep.equal({ po: 'P1', extra: 2 });
      expect((await crm.deals.update(d.id, { custom: { extra: null } } as never)).custom).to.deep.equal({ po: 'P1' });
      expect(issuePaths(await rejection(crm.deals.update(d.id, { custom: null } as never)))).to.deep.equal(['custom.po']);
      expect(issuePaths(await rejection(crm.deals.update(d.id, { custom: { po: null } } as never)))).to.deep.equal(['custom.po']);
      expect((await crm.deals.get(d.id)).custom).to.deep.equal({ po: 'P1' });
      await crm.close();
    });

    it('custom: null clears every optional field when none is required', async () => {
      const { crm } = await makeCrm(makeStore);
      const c = await crm.contacts.create({ name: 'C', phone: '+7 900 666 77 88', custom: { a: 1, b: 'x' } });
      expect((await crm.contacts.update(c.id, { custom: null } as never)).custom).to.deep.equal({});
      await crm.close();
    });
  });
}
