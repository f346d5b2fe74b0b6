import { expect } from '@open-wc/testing';
import { readTable, suggestMapping } from '@crmkit/plugin-import';
import { sampleFile } from './samples.js';

describe('import demo: sample files', () => {
  it('come in the encodings and shapes real exports have, and read back whole', async () => {
    const bitrix = await readTable(sampleFile('bitrix'));
    expect([bitrix.encoding, bitrix.delimiter, bitrix.rows.length]).to.deep.equal(['windows-1251', ';', 4]);
    expect(bitrix.rows[3]?.[5]).to.equal('ООО "Вектор"');
    const excel = await readTable(sampleFile('excel'));
    expect([excel.encoding, excel.delimiter, excel.rows.map((r) => r[0])]).to.deep.equal(['utf-16le', '\t', ['王伟', 'François Dupont', 'Bat-Erdene']]);
    const amo = await readTable(sampleFile('amo'));
    expect([amo.encoding, amo.bom, amo.rows[0]?.[4]]).to.deep.equal(['utf-8', true, 'Звонила 12.03.2025\r\nпросила КП']);
    expect(suggestMapping(amo.headers, { entity: 'contact' })).to.deep.equal({ 'Полное имя': 'name', Телефон: 'phone', Email: 'email', Компания: 'company', Примечание: 'note' });
  });
});
