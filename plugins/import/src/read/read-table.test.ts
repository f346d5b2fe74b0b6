import { expect } from '@open-wc/testing';
import writeXlsxFile from 'write-excel-file/universal';
import { readTable } from './read-table.js';
import { TableReadError } from './table-read-error.js';
import { encodeLegacy, encodeUtf16, encodeUtf8 } from '../test/encode.js';
import { describe, it } from '../test/mocha.js';

const bitrix = 'ID;Имя;Фамилия;Рабочий телефон;Рабочий e-mail;Комментарий\r\n1;Иван;Петров;8 (903) 095-27-29;ivan@example.ru;Звонить после 18:00\r\n2;Ёлка;Щукина;+7 903 0952729;;"Сказала: ""перезвоните"";"\r\n';

describe('readTable: text files in the encodings people send', () => {
  it('reads a Bitrix24/1C export: Windows-1251 with semicolons', async () => {
    const bytes = encodeLegacy(bitrix, 'windows-1251');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).to.throw();
    const t = await readTable(bytes, { fileName: 'contacts.csv' });
    expect(t.encoding).to.equal('windows-1251');
    expect(t.format).to.equal('csv');
    expect(t.delimiter).to.equal(';');
    expect(t.bom).to.equal(false);
    expect(t.headers).to.deep.equal(['ID', 'Имя', 'Фамилия', 'Рабочий телефон', 'Рабочий e-mail', 'Комментарий']);
    expect(t.rows[1]).to.deep.equal(['2', 'Ёлка', 'Щукина', '+7 903 0952729', '', 'Сказала: "перезвоните";']);
    expect(t.warnings.map((w) => w.code)).to.include('encoding-guessed');
  });

  it('reads GB18030 Chinese with commas', async () => {
    const text = '姓名,电话,公司,备注\n张伟,13800138000,北京科技有限公司,重要客户\n李娜,+86 139 1234 5678,上海贸易公司,"第一行\n第二行"\n';
    const t = await readTable(encodeLegacy(text, 'gb18030'));
    expect(t.encoding).to.equal('gb18030');
    expect(t.headers).to.deep.equal(['姓名', '电话', '公司', '备注']);
    expect(t.rows).to.deep.equal([
      ['张伟', '13800138000', '北京科技有限公司', '重要客户'],
      ['李娜', '+86 139 1234 5678', '上海贸易公司', '第一行\n第二行'],
    ]);
  });

  it('reads Excel "Unicode text": UTF-16 LE with a BOM and tabs', async () => {
    const t = await readTable(encodeUtf16('Name\tPhone\tCity\r\nBat-Erdene\t+976 9911 2233\tУлаанбаатар\r\n', 'le', true));
    expect([t.encoding, t.bom, t.format, t.delimiter]).to.deep.equal(['utf-16le', true, 'tsv', '\t']);
    expect(t.rows).to.deep.equal([['Bat-Erdene', '+976 9911 2233', 'Улаанбаатар']]);
  });

  it('reads UTF-16 without a BOM, both byte orders', async () => {
    const text = 'Ism\tTelefon\nDilnoza\t+998 90 123 45 67\n';
    for (const endian of ['le', 'be'] as const) {
      const t = await readTable(encodeUtf16(text, endian, false));
      expect(t.encoding).to.equal(`utf-16${endian}`);
      expect(t.rows).to.deep.equal([['Dilnoza', '+998 90 123 45 67']]);
    }
  });

  it('reads an amoCRM export: UTF-8 with BOM, commas, multi-line quoted cells', async () => {
    const text = 'Полное имя,Компания,Примечание\r\n"Анна, менеджер",ООО «Ромашка»,"Строка 1\r\nСтрока 2"\r\nFrançois Müller,Café,"say ""hi"""\r\n';
    const t = await readTable(encodeUtf8(text, true));
    expect([t.encoding, t.bom, t.delimiter]).to.deep.equal(['utf-8', true, ',']);
    expect(t.headers[0]).to.equal('Полное имя');
    expect(t.rows).to.deep.equal([
      ['Анна, менеджер', 'ООО «Ромашка»', 'Строка 1\r\nСтрока 2'],
      ['François Müller', 'Café', 'say "hi"'],
    ]);
    expect(t.warnings.map((w) => w.code)).not.to.include('encoding-guessed');
  });

  it('lets the caller override the encoding and the delimiter', async () => {
    const bytes = encodeLegacy('a;b|c\n1;2|3\n', 'windows-1251');
    const t = await readTable(bytes, { delimiter: '|', encoding: 'windows-1251' });
    expect(t.headers).to.deep.equal(['a;b', 'c']);
    expect(t.warnings).to.deep.equal([]);
    const wrong = await readTable(encodeLegacy('Имя\nИван\n', 'windows-1251'), { encoding: 'koi8-r' });
    expect(wrong.encoding).to.equal('koi8-r');
    expect(wrong.headers[0]).not.to.equal('Имя');
  });

  it('names blank and repeated headers and pads short rows, with warnings', async () => {
    const t = await readTable('Phone,,Phone\n1,2\n\n3,4,5\n');
    expect(t.headers).to.deep.equal(['Phone', 'Column 2', 'Phone (2)']);
    expect(t.rows).to.deep.equal([['1', '2', ''], ['3', '4', '5']]);
    expect(t.rowNumbers).to.deep.equal([2, 4]);
    const codes = t.warnings.map((w) => w.code);
    expect(codes).to.include.members(['blank-header', 'duplicate-header', 'ragged-row', 'empty-rows-skipped']);
    expect(t.warnings.find((w) => w.code === 'ragged-row')?.row).to.equal(2);
  });

  it('reads a large file in slices without losing rows or splitting quoted cells', async () => {
    const rows = Array.from({ length: 12000 }, (_, i) => [`Имя ${i}`, `Строка ${i}, "первая"\nи вторая ${'х'.repeat(i % 50)}`, `+7 999 ${String(1000000 + i)}`]);
    const text = 'Имя,Заметка,Телефон\r\n' + rows.map((r) => `${r[0]},"${r[1]!.replace(/"/g, '""')}",${r[2]}`).join('\r\n') + '\r\n';
    expect(text.length).to.be.greaterThan(3 * 256 * 1024);
    const t = await readTable(encodeUtf8(text));
    expect(t.rows.length).to.equal(rows.length);
    expect(t.rows).to.deep.equal(rows);
  });

  it('refuses an empty file with a typed error', async () => {
    const err = await readTable(new Uint8Array(), { fileName: 'x.csv' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TableReadError);
    expect((err as TableReadError).reason).to.equal('empty');
    expect((err as TableReadError).message).to.contain('x.csv');
  });
});

describe('readTable: spreadsheets', () => {
  it('reads a real .xlsx (ZIP) with text, numbers and dates', async () => {
    const blob = await writeXlsxFile([
      [{ value: 'Name' }, { value: 'Amount' }, { value: 'Closed' }],
      [{ value: 'Иван 张伟' }, { value: 150000.5 }, { value: new Date(Date.UTC(2025, 2, 12)), format: 'dd.mm.yyyy' }],
    ]).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([bytes[0], bytes[1]]).to.deep.equal([0x50, 0x4b]);
    const t = await readTable(blob, { fileName: 'deals.csv' });
    expect(t.format).to.equal('xlsx');
    expect(t.headers).to.deep.equal(['Name', 'Amount', 'Closed']);
    expect(t.rows).to.deep.equal([['Иван 张伟', '150000.5', '2025-03-12']]);
  });

  it('reads the HTML table some CRMs save as .xls', async () => {
    const html = '<html><head><meta charset="windows-1251"></head><body><table border=1><tr><th>Имя</th><th>Телефон</th></tr>' +
      '<tr><td>Иван &amp; Ко</td><td>+7 903 095-27-29</td></tr><tr><td>Пётр<br>второй</td><td></td></tr></table></body></html>';
    const t = await readTable(encodeLegacy(html, 'windows-1251'), { fileName: 'export.xls' });
    expect(t.format).to.equal('html');
    expect(t.headers).to.deep.equal(['Имя', 'Телефон']);
    expect(t.rows).to.deep.equal([['Иван & Ко', '+7 903 095-27-29'], ['Пётр\nвторой', '']]);
  });
});
