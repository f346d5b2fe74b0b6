import { expect } from '@open-wc/testing';
import { formatMoney, formatRelative, formatTotals, plural } from './format.js';
import { widgetLocale } from './widget-locale.js';

describe('shared formatting', () => {
  it('formats money per currency and locale, never adding currencies together', () => {
    expect(formatMoney(1500, 'USD', 'en')).to.equal('$1,500');
    expect(formatMoney(1500000, 'RUB', 'ru')).to.match(/^1\s500\s000\s₽$/);
    expect(formatMoney(12.5, 'EUR', 'en')).to.equal('€12.50');
    expect(formatTotals(new Map([['USD', 10], ['EUR', 5]]), 'en')).to.deep.equal(['€5', '$10']);
    expect(formatMoney(5, 'XYZ1', 'en')).to.equal('5 XYZ1');
  });

  it('formats relative times in the largest sensible unit', () => {
    const now = new Date('2025-03-10T09:00:00Z');
    expect(formatRelative(new Date(now.getTime() + 3 * 3600e3), now, 'en')).to.equal('in 3 hours');
    expect(formatRelative(new Date(now.getTime() - 12 * 86400e3), now, 'en')).to.equal('12 days ago');
    expect(formatRelative(new Date(now.getTime() - 3 * 86400e3), now, 'ru')).to.equal('3 дня назад');
    expect(formatRelative(new Date(now.getTime() + 86400e3), now, 'zh')).to.equal('明天');
  });

  it('picks plural forms and resolves a widget locale from the nearest lang', () => {
    expect(['1', '3', '5', '21'].map((n) => plural('ru', Number(n), { one: 'сделка', few: 'сделки', many: 'сделок', other: 'сделки' }))).to.deep.equal(['сделка', 'сделки', 'сделок', 'сделка']);
    const outer = document.createElement('div');
    outer.lang = 'uz-Latn';
    const host = document.createElement('span');
    outer.append(host);
    expect(widgetLocale(host)).to.equal('uz');
    expect(widgetLocale(host, 'mn-MN')).to.equal('mn');
  });
});
