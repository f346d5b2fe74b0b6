import { expect } from '@open-wc/testing';
import { parseDate } from './parse-date.js';
import { parseNumber } from './parse-number.js';
import { describe, it } from '../test/mocha.js';

describe('parseNumber: numbers as people type them', () => {
  it('reads grouping and decimal separators of any locale', () => {
    const cases: [string, number][] = [
      ['150 000,00', 150000], ['150\u00a0000,50', 150000.5], ['1,500.00', 1500], ['1.500,50', 1500.5],
      ['1,500', 1500], ['1.500.000', 1500000], ['12,5', 12.5], ['0,500', 0.5], ['-12,5', -12.5], ['(300)', -300],
      ["1'500.5", 1500.5], ['₽ 2 000', 2000], ['2 000 руб.', 2000], ['$1,200.99', 1200.99], ['12 %', 12], ['42', 42],
    ];
    for (const [text, value] of cases) expect(parseNumber(text), text).to.equal(value);
  });
  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '1,2,3', '1.2.3,4.5', '--']) expect(parseNumber(text), text).to.equal(undefined);
  });
});

describe('parseDate: dates as spreadsheets hold them', () => {
  it('reads day-first, ISO, Chinese and Excel serial dates', () => {
    const cases: [string, string][] = [
      ['12.03.2025', '2025-03-12'], ['12/03/2025', '2025-03-12'], ['1.3.25', '2025-03-01'], ['2025-03-12', '2025-03-12'],
      ['2025年3月12日', '2025-03-12'], ['45728', '2025-03-12'], ['31.12.1999 23:59', '1999-12-31T23:59:00'],
      ['2025-03-12T10:00:00Z', '2025-03-12T10:00:00.000Z'], ['03/25/2025', '2025-03-25'],
    ];
    for (const [text, value] of cases) expect(parseDate(text), text).to.equal(value);
  });
  it('honours month-first order when asked and refuses impossible dates', () => {
    expect(parseDate('03/04/2025', 'mdy')).to.equal('2025-03-04');
    expect(parseDate('03/04/2025')).to.equal('2025-04-03');
    for (const text of ['31.02.2025', '2025-13-01', 'завтра', '12345678']) expect(parseDate(text), text).to.equal(undefined);
  });
});
