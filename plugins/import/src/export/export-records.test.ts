import { expect } from '@open-wc/testing';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import { readTable } from '../read/read-table.js';
import { suggestMapping } from '../mapping/suggest-mapping.js';
import { importRecords } from '../write/import-records.js';
import { exportRecords } from './export-records.js';
import { describe, it } from '../test/mocha.js';

const TEAM = [
  { id: 'ann', name: 'Анна', role: 'manager' as const },
  { id: 'boss', name: 'Bo', role: 'head' as const },
];
const make = (): Promise<Crm> => createCrm({ store: memoryStore(), automationIntervalMs: false, users: TEAM, phoneCountry: 'RU', locale: 'ru' });

async function seed(crm: Crm): Promise<void> {
  const acme = await crm.companies.create({ name: 'ООО «Ромашка», филиал' });
  const ivan = await crm.contacts.create({ name: 'Иван Петров', phones: ['+7 903 095-27-29', '+7 495 111-22-33'], emails: ['ivan@example.ru'], companyId: acme.id, tags: ['vip', 'опт'], city: 'Москва', ownerId: 'ann', custom: { inn: '7701234567' } });
  await crm.contacts.create({ name: '张伟', email: 'zw@example.cn', note: 'Первая строка\nвторая, с "кавычками"', ownerId: 'boss' });
  await crm.contacts.create({ name: 'Bat-Erdene', phone: '+976 9911 2233', position: '-менеджер', ownerId: 'boss' });
  await crm.deals.create({ title: 'Поставка', amount: 1.234, currency: 'RUB', companyId: acme.id, contactIds: [ivan.id], expectedCloseDate: '2025-03-12', ownerId: 'ann' });
}

/** What a user sees of a contact, independent of ids and times. */
async function contactsView(crm: Crm): Promise<unknown[]> {
  const companies = new Map((await crm.companies.list()).map((c) => [c.id, c.name]));
  return (await crm.contacts.list({ sort: 'createdAt' })).map((c) => ({ name: c.name, phones: c.phones, emails: c.emails, tags: c.tags, city: c.city, note: c.note, position: c.position, owner: c.ownerId, company: c.companyId ? companies.get(c.companyId) : undefined, custom: c.custom }));
}

describe('exportRecords', () => {
  it('writes RFC 4180 CSV in UTF-8 with a BOM and CRLF, quoting what needs it', async () => {
    const crm = await make();
    await seed(crm);
    const bytes = await exportRecords(crm, { entity: 'contact', format: 'csv' });
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[0]).to.equal('\ufeffcrmkit ID,Name,Phone,Email,Position,City,Website,Company,Tags,Owner,Note,inn');
    expect(text).to.contain('"Первая строка\nвторая, с ""кавычками"""');
    expect(text).to.contain(',"ООО «Ромашка», филиал",');
    await crm.close();
  });

  it('neutralises cells a spreadsheet would run as formulas, in CSV and XLSX', async () => {
    const crm = await make();
    for (const name of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)']) await crm.contacts.create({ name, note: name });
    const csv = new TextDecoder().decode(await exportRecords(crm, { entity: 'contact', format: 'csv' }));
    for (const danger of ['=HYPERLINK', '+1+1', '-2+3', '@SUM']) {
      expect(csv).to.contain(`'${danger}`);
      expect(csv).not.to.match(new RegExp(`(^|,|\\n)"?\\${danger[0]}`, 'm'));
    }
    const xlsx = await readTable(await exportRecords(crm, { entity: 'contact', format: 'xlsx' }));
    expect(xlsx.format).to.equal('xlsx');
    const notes = xlsx.rows.map((r) => r[xlsx.headers.indexOf('Note')] as string);
    expect(notes.filter((n) => !n.startsWith("'"))).to.deep.equal([]);
    expect(notes).to.include.members(["'=HYPERLINK(\"http://evil\",\"x\")", "'@SUM(A1)"]);
    await crm.close();
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`an ${format} export imports back with nothing lost and nothing duplicated`, async () => {
      const source = await make();
      await seed(source);
      const table = await readTable(await exportRecords(source, { entity: 'contact', format }));
      const mapping = suggestMapping(table.headers, { entity: 'contact', customFields: ['inn'] });
      expect(Object.keys(mapping)).to.have.length(table.headers.length);

      const fresh = await make();
      const first = await importRecords(fresh, table, { entity: 'contact', mapping });
      expect([first.created, first.failed, first.errors]).to.deep.equal([3, 0, []]);
      expect(await contactsView(fresh)).to.deep.equal(await contactsView(source));

      for (const duplicates of ['skip', 'update'] as const) {
        const again = await importRecords(source, table, { entity: 'contact', mapping, duplicates });
        expect([again.created, again.updated, again.skipped, again.failed]).to.deep.equal([0, 0, 3, 0]);
      }
      expect(await source.contacts.list()).to.have.length(3);
      expect(await source.companies.list()).to.have.length(1);

      const deals = await readTable(await exportRecords(source, { entity: 'deal', format }));
      const dealResult = await importRecords(fresh, deals, { entity: 'deal', mapping: suggestMapping(deals.headers, { entity: 'deal' }) });
      expect(dealResult.errors).to.deep.equal([]);
      const [deal] = await fresh.deals.list();
      const [ivan] = await fresh.contacts.list({ text: 'Иван' });
      expect([deal!.title, deal!.amount, deal!.currency, deal!.stageId, deal!.expectedCloseDate?.slice(0, 10), deal!.contactIds]).to.deep.equal(['Поставка', 1.234, 'RUB', 'new', '2025-03-12', [ivan!.id]]);
      expect(await fresh.companies.list()).to.have.length(1);
      await source.close();
      await fresh.close();
    });
  }
});
