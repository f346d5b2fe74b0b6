import { expect } from '@open-wc/testing';
import { parseLocaleNumber } from './locale-number.js';

const value = (text: string, locale: string) => {
  const r = parseLocaleNumber(text, locale);
  return r.ok ? r.value : r.problem;
};

describe('parseLocaleNumber', () => {
  it('reads English grouping and decimals', () => {
    expect(value('1,500', 'en')).to.equal(1500);
    expect(value('1,500,000.25', 'en')).to.equal(1500000.25);
    expect(value('1.5', 'en')).to.equal(1.5);
    expect(value('2 500 000', 'en')).to.equal(2500000);
    expect(value('-1,200', 'en')).to.equal(-1200);
  });

  it('reads Russian and Mongolian grouping and decimal commas', () => {
    expect(value('1 500', 'ru')).to.equal(1500);
    expect(value('1 500,25', 'ru')).to.equal(1500.25);
    expect(value('1,5', 'ru')).to.equal(1.5);
    expect(value('1.5', 'ru')).to.equal(1.5);
    expect(value('1\u00a0500,5', 'ru-KZ')).to.equal(1500.5);
    expect(value('2 500 000', 'mn')).to.equal(2500000);
  });

  it('refuses what reads two ways instead of guessing', () => {
    expect(value('1,50', 'en')).to.equal('ambiguous');
    expect(value('1.500', 'ru')).to.equal('ambiguous');
    expect(value('1.500,25', 'en')).to.equal('ambiguous');
  });

  it('refuses what is not a number', () => {
    for (const bad of ['abc', '1,2,3', '12,34,567', '1..5', '', ',5', '5 000 00', '1e5']) expect(value(bad, 'en'), bad).to.equal('invalid');
    expect(value('1,2,3', 'ru')).to.equal('invalid');
  });
});
