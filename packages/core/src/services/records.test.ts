import { expect } from '@open-wc/testing';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@crmkit/core';
import { DAY, STORE_KINDS, TEAM, makeCrm, rejection, snapshot } from '../../../../tests/support/core-fixtures.js';

for (const [kind, makeStore] of STORE_KINDS) {
  describe(`records on ${kind} store`, () => {
    it('creates, reads, updates, lists and removes a contact, recording history', async () => {
      const { crm, clock } = await makeCrm(makeStore);
      const c = await crm.contacts.create({ name: ' Анна Петрова ', phone: '+7 999 123-45-67', email: 'Anna@Example.com', website: 'example.com', tags: ['vip'] });
      expect(c.name).to.equal('Анна Петрова');
      expect(c.phones).to.deep.equal(['+7 999 123-45-67']);
      expect(c.emails).to.deep.equal(['Anna@Example.com']);
      expect(c.website).to.equal('https://example.com');
      expect(c.version).to.equal(1);
      expect(await crm.contacts.get(c.id)).to.deep.equal(c);

      clock.advance(DAY);
      const u = await crm.contacts.update(c.id, { city: 'Казань', version: 1 });
      expect(u.version).to.equal(2);
      expect(u.city).to.equal('Казань');
      expect(u.updatedAt).to.equal(clock.now().toISOString());

      const cleared = await crm.contacts.update(c.id, { city: '' });
      expect(cleared.city).to.equal(undefined);

      expect((await crm.contacts.list({ text: 'петрова' })).map((x) => x.id)).to.deep.equal([c.id]);
      expect(await crm.contacts.list({ text: 'nobody' })).to.deep.equal([]);

      const history = await crm.history.list({ recordType: 'contact', recordId: c.id });
      expect(history.map((h) => h.type)).to.deep.equal(['created', 'field_changed', 'field_changed']);
      expect(history[1]?.data).to.deep.equal({ changes: { city: { from: null, to: 'Казань' } } });

      await crm.contacts.remove(c.id);
      expect((await rejection(crm.contacts.get(c.id))).constructor).to.equal(NotFoundError);
      expect((await crm.history.list({ recordType: 'contact', recordId: c.id })).at(-1)?.type).to.equal('removed');
      await crm.close();
    });

    it('rejects bad input with one localised issue per field and leaves the store unchanged', async () => {
      const { crm, store } = await makeCrm(makeStore, { locale: 'ru' });
      await crm.contacts.create({ name: 'Existing', email: 'e@x.io' });
      const before = await snapshot(store);
      const err = await rejection(crm.contacts.create({ name: '', email: 'not-an-email', website: 'javascript:alert(1)', phone: 'call me' } as never));
      expect(err).to.be.instanceOf(ValidationError);
      const issues = (err as unknown as ValidationError).issues;
      expect(issues.map((i) => [i.path.join('.'), i.code])).to.deep.equal([
        ['name', 'required'],
        ['phones.0', 'invalid_phone'],
        ['emails.0', 'invalid_email'],
        ['website', 'invalid_url'],
      ]);
      expect(issues[0]?.message).to.equal('Обязательное поле');
      const lead = await rejection(crm.leads.create({ name: 'No contact' }));
      expect((lead as unknown as ValidationError).issues).to.deep.equal([{ path: ['phone'], code: 'phone_or_email', message: 'Укажите телефон или адрес почты' }]);
      const deal = await rejection(crm.deals.create({ title: 'x', amount: -5, currency: 'rubles' }));
      expect((deal as unknown as ValidationError).issues.map((i) => i.path[0])).to.deep.equal(['amount', 'currency']);
      expect(await snapshot(store)).to.equal(before);
      await crm.close();
    });

    it('refuses a stale update with ConflictError and keeps the newer data', async () => {
      const { crm } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'Окна', amount: 100 });
      await crm.deals.update(d.id, { amount: 200, version: d.version });
      const err = await rejection(crm.deals.update(d.id, { amount: 300, version: d.version }));
      expect(err).to.be.instanceOf(ConflictError);
      expect((err as unknown as ConflictError).actualVersion).to.equal(2);
      expect((await crm.deals.get(d.id)).amount).to.equal(200);
      await crm.close();
    });

    it('refuses update of funnel fields with a pointer to the right method', async () => {
      const { crm } = await makeCrm(makeStore);
      const d = await crm.deals.create({ title: 'A' });
      const err = await rejection(crm.deals.update(d.id, { stageId: 'won' } as never));
      expect((err as unknown as ValidationError).issues[0]?.message).to.contain('moveToStage');
      await crm.close();
    });

    it('links a contact duplicate by normalised phone or email instead of creating a second one', async () => {
      const { crm } = await makeCrm(makeStore, { locale: 'ru' });
      const first = await crm.contacts.create({ name: 'Пётр', phone: '8 (999) 123-45-67' });
      const again = await crm.contacts.create({ name: 'Петя', phone: '+7 999 1234567', email: 'PETR@mail.ru', city: 'Омск' });
      expect(again.id).to.equal(first.id);
      expect(again.name).to.equal('Пётр');
      expect(again.phones).to.deep.equal(['8 (999) 123-45-67', '+7 999 1234567']);
      expect(again.emails).to.deep.equal(['PETR@mail.ru']);
      expect(again.city).to.equal('Омск');
      const byEmail = await crm.contacts.create({ name: 'P', email: ' petr@MAIL.ru ' });
      expect(byEmail.id).to.equal(first.id);
      expect(await crm.contacts.list()).to.have.length(1);

      const lead = await crm.leads.create({ name: 'Пётр с сайта', email: 'petr@mail.ru' });
      expect(lead.contactId).to.equal(first.id);
      const stranger = await crm.leads.create({ phone: '+976 8811 2233' });
      expect(stranger.contactId).to.equal(undefined);
      await crm.close();
    });

    it('lets managers see and change only their own records; heads see all', async () => {
      const { crm } = await makeCrm(makeStore, { users: TEAM, currentUser: 'ann' });
      const mine = await crm.deals.create({ title: 'Ann deal' });
      expect(mine.ownerId).to.equal('ann');
      crm.setCurrentUser('bob');
      const bobs = await crm.deals.create({ title: 'Bob deal' });
      expect((await crm.deals.list()).map((d) => d.title)).to.deep.equal(['Bob deal']);
      const err = await rejection(crm.deals.update(mine.id, { amount: 1 }));
      expect(err).to.be.instanceOf(ForbiddenError);
      expect(err.message).to.contain('managers work only their own records');
      expect((await rejection(crm.deals.get(mine.id))).constructor).to.equal(ForbiddenError);
      expect((await rejection(crm.deals.create({ title: 'for Ann', ownerId: 'ann' }))).constructor).to.equal(ForbiddenError);
      expect((await rejection(crm.deals.update(bobs.id, { ownerId: 'ann' }))).constructor).to.equal(ForbiddenError);
      crm.setCurrentUser('boss');
      expect((await crm.deals.list()).map((d) => d.title).sort()).to.deep.equal(['Ann deal', 'Bob deal']);
      const moved = await crm.deals.update(bobs.id, { ownerId: 'ann' });
      expect(moved.ownerId).to.equal('ann');
      const bad = await rejection(crm.deals.update(bobs.id, { ownerId: 'nobody' }));
      expect((bad as unknown as ValidationError).issues[0]?.path).to.deep.equal(['ownerId']);
      const asAnn = crm.as('ann');
      expect((await asAnn.deals.list()).length).to.equal(2);
      await crm.close();
    });

    it('links companies and contacts, and finds a company by name ignoring case', async () => {
      const { crm } = await makeCrm(makeStore);
      const co = await crm.companies.create({ name: 'Tengri  LLC', phone: '+976 7011 2233' });
      await crm.contacts.create({ name: 'Bat', companyId: co.id, email: 'bat@tengri.mn' });
      await crm.contacts.create({ name: 'Saraa', companyId: co.id, email: 'saraa@tengri.mn' });
      await crm.contacts.create({ name: 'Other', email: 'o@x.io' });
      expect((await crm.contacts.list({ companyId: co.id, sort: 'createdAt' })).map((c) => c.name)).to.deep.equal(['Bat', 'Saraa']);
      expect((await crm.companies.findByName('tengri llc')).map((c) => c.id)).to.deep.equal([co.id]);
      await crm.close();
    });

    it('validates custom fields by the schemas declared for them', async () => {
      const z = await import('zod/mini');
      const { crm } = await makeCrm(makeStore, { fields: { deal: { invoiceNo: z.optional(z.string().check(z.regex(/^INV-\d+$/))) } } });
      const ok = await crm.deals.create({ title: 'A', custom: { invoiceNo: 'INV-1', note: 'free text' } });
      expect(ok.custom).to.deep.equal({ invoiceNo: 'INV-1', note: 'free text' });
      const err = await rejection(crm.deals.create({ title: 'B', custom: { invoiceNo: 'nope' } }));
      expect((err as unknown as ValidationError).issues[0]?.path).to.deep.equal(['custom', 'invoiceNo']);
      const err2 = await rejection(crm.deals.update(ok.id, { custom: { blob: { nested: true } } }));
      expect((err2 as unknown as ValidationError).issues[0]?.path).to.deep.equal(['custom', 'blob']);
      const updated = await crm.deals.update(ok.id, { custom: { invoiceNo: 'INV-2' } });
      expect(updated.custom).to.deep.equal({ invoiceNo: 'INV-2', note: 'free text' });
      await crm.close();
    });

    it('createMany imports in one write, merging duplicates, and refuses a batch with bad rows naming each row', async () => {
      const { crm, store } = await makeCrm(makeStore, { phoneCountry: 'RU' });
      const known = await crm.contacts.create({ name: 'Known', email: 'known@x.ru' });
      const before = await snapshot(store);
      const bad = await rejection(crm.contacts.createMany([{ name: 'ok', email: 'a@x.ru' }, { name: '', email: 'b@x.ru' }, { name: 'c', email: 'broken' }]));
      expect((bad as unknown as ValidationError).issues.map((i) => i.path.join('.'))).to.deep.equal(['1.name', '2.emails.0']);
      expect(await snapshot(store)).to.equal(before);
      const made = await crm.contacts.createMany([
        { name: 'A', phone: '8 900 111 22 33' },
        { name: 'B', email: 'b@x.ru' },
        { name: 'A again', phone: '+7 900 1112233', email: 'a@x.ru' },
        { name: 'Known again', email: 'KNOWN@x.ru', city: 'Уфа' },
      ]);
      expect(made.map((c) => c.name)).to.deep.equal(['A', 'B', 'A', 'Known']);
      expect(made[0]?.emails).to.deep.equal(['a@x.ru']);
      expect(made[3]?.id).to.equal(known.id);
      expect((await crm.contacts.get(known.id)).city).to.equal('Уфа');
      expect(await crm.contacts.list()).to.have.length(3);
      const leads = await crm.leads.createMany([{ email: 'b@x.ru' }, { phone: '+7 901 000 00 00' }]);
      expect(leads[0]?.contactId).to.equal(made[1]?.id);
      expect(leads[1]?.contactId).to.equal(undefined);
      expect((await crm.history.list({ recordType: 'lead', recordId: leads[1]!.id })).map((h) => h.type)).to.deep.equal(['created']);
      await crm.close();
    });

    it('watch() delivers the current list and every later change', async () => {
      const { crm } = await makeCrm(makeStore);
      const seen: string[][] = [];
      const stop = crm.deals.watch({ pipelineId: 'sales' }, (deals) => seen.push(deals.map((d) => d.title)));
      await waitFor(() => seen.length >= 1);
      await crm.deals.create({ title: 'One' });
      await waitFor(() => seen.at(-1)?.includes('One') ?? false);
      stop();
      await crm.deals.create({ title: 'Two' });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.at(-1)).to.deep.equal(['One']);
      await crm.close();
    });
  });
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
