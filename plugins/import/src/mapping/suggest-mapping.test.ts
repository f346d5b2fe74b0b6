import { expect } from '@open-wc/testing';
import { createCrm, memoryStore } from '@crmkit/core';
import { loadMapping, saveMapping } from './saved-mappings.js';
import { suggestMapping } from './suggest-mapping.js';
import { describe, it } from '../test/mocha.js';

describe('suggestMapping: other CRMs\' exports', () => {
  it('maps a Bitrix24 contact export, composing the name from its parts', () => {
    const headers = ['ID', 'Обращение', 'Имя', 'Отчество', 'Фамилия', 'Должность', 'Рабочий телефон', 'Мобильный телефон', 'Рабочий e-mail', 'Частный e-mail', 'Компания', 'Город', 'Комментарий', 'Ответственный'];
    expect(suggestMapping(headers, { entity: 'contact' })).to.deep.equal({
      'Имя': 'name.first', 'Отчество': 'name.middle', 'Фамилия': 'name.last', 'Должность': 'position',
      'Рабочий телефон': 'phone', 'Мобильный телефон': 'phone', 'Рабочий e-mail': 'email', 'Частный e-mail': 'email',
      'Компания': 'company', 'Город': 'city', 'Комментарий': 'note', 'Ответственный': 'owner',
    });
  });

  it('maps amoCRM/Kommo, HubSpot and Pipedrive exports', () => {
    expect(suggestMapping(['Полное имя', 'Компания', 'Рабочий телефон', 'Рабочий email', 'Теги'], { entity: 'contact' }))
      .to.deep.equal({ 'Полное имя': 'name', 'Компания': 'company', 'Рабочий телефон': 'phone', 'Рабочий email': 'email', 'Теги': 'tags' });
    expect(suggestMapping(['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Company Name', 'Contact owner'], { entity: 'contact' }))
      .to.deep.equal({ 'First Name': 'name.first', 'Last Name': 'name.last', Email: 'email', 'Phone Number': 'phone', 'Job Title': 'position', 'Company Name': 'company', 'Contact owner': 'owner' });
    expect(suggestMapping(['Person - Name', 'Person - Phone', 'Person - Email', 'Organization - Name', 'Organization - Address'], { entity: 'contact' }))
      .to.deep.equal({ 'Person - Name': 'name', 'Person - Phone': 'phone', 'Person - Email': 'email', 'Organization - Name': 'company' });
    expect(suggestMapping(['Deal - Title', 'Deal - Value', 'Deal - Currency', 'Deal - Pipeline', 'Deal - Stage', 'Deal - Organization', 'Deal - Contact person', 'Deal - Expected close date'], { entity: 'deal' }))
      .to.deep.equal({ 'Deal - Title': 'title', 'Deal - Value': 'amount', 'Deal - Currency': 'currency', 'Deal - Pipeline': 'pipeline', 'Deal - Stage': 'stage', 'Deal - Organization': 'company', 'Deal - Contact person': 'contact', 'Deal - Expected close date': 'closeDate' });
  });
});

describe('suggestMapping: the usual words in five languages', () => {
  const cases: [string, string[]][] = [
    ['en', ['Name', 'Phone', 'E-mail', 'Company', 'City', 'Notes']],
    ['ru', ['ФИО', 'Телефон', 'Электронная почта', 'Организация', 'Город', 'Примечание']],
    ['zh', ['姓名', '手机号', '电子邮箱', '公司名称', '城市', '备注']],
    ['mn', ['Нэр', 'Утасны дугаар', 'И-мэйл', 'Байгууллага', 'Хот', 'Тэмдэглэл']],
    ['uz', ['F.I.Sh.', 'Telefon raqami', 'Elektron pochta', 'Kompaniya', 'Shahar', 'Izoh']],
  ];
  for (const [locale, headers] of cases) {
    it(`maps contact columns titled in ${locale}`, () => {
      const mapping = suggestMapping(headers, { entity: 'contact' });
      expect(headers.map((h) => mapping[h])).to.deep.equal(['name', 'phone', 'email', 'company', 'city', 'note']);
    });
  }

  it('gives one title different meanings by entity, and numbered copies their base', () => {
    expect(suggestMapping(['Название', 'Сумма', 'Компания'], { entity: 'deal' })).to.deep.equal({ 'Название': 'title', 'Сумма': 'amount', 'Компания': 'company' });
    expect(suggestMapping(['Компания', 'Телефон'], { entity: 'company' })).to.deep.equal({ 'Компания': 'name', 'Телефон': 'phone' });
    expect(suggestMapping(['Name', 'Phone 1', 'Phone 2', 'Name (2)'], { entity: 'contact' })).to.deep.equal({ Name: 'name', 'Phone 1': 'phone', 'Phone 2': 'phone' });
  });

  it('maps columns titled like declared custom fields, and leaves unknown ones out', () => {
    expect(suggestMapping(['Invoice no', 'Любимый цвет', 'Phone'], { entity: 'deal', customFields: ['invoiceNo', 'Invoice no'] }))
      .to.deep.equal({ 'Invoice no': 'custom.Invoice no' });
  });
});

describe('saved mappings', () => {
  it('remembers a corrected mapping per source in the store and prefers it next time', async () => {
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
    const headers = ['Имя', 'Телефон', 'Канал'];
    expect(await loadMapping(crm, { entity: 'contact', headers })).to.equal(undefined);
    const corrected = { ...suggestMapping(headers, { entity: 'contact' }), 'Канал': 'custom.channel' };
    await saveMapping(crm, { entity: 'contact', headers }, corrected);
    await saveMapping(crm, { entity: 'contact', source: 'bitrix24' }, { 'Имя': 'name.first' });
    const saved = await loadMapping(crm, { entity: 'contact', headers });
    expect(suggestMapping(headers, { entity: 'contact', saved })).to.deep.equal({ 'Имя': 'name', 'Телефон': 'phone', 'Канал': 'custom.channel' });
    expect(await loadMapping(crm, { entity: 'contact', source: 'bitrix24' })).to.deep.equal({ 'Имя': 'name.first' });
    expect(await loadMapping(crm, { entity: 'lead', headers })).to.equal(undefined);
    await crm.close();
  });
});
