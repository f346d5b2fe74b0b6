// The board's fast reading of stored times must order cards exactly as Date.parse would.
import { expect } from '@open-wc/testing';
import { isoMs } from './iso-time.js';

describe('isoMs', () => {
  it('gives what Date.parse gives for stored times across four centuries, leap days included', () => {
    const wrong: string[] = [];
    // A step of 7 days, 3 hours, 17 minutes, 11.123 seconds walks every month, day and time of day.
    for (let t = Date.UTC(1890, 0, 1); t < Date.UTC(2290, 0, 1); t += ((7 * 24 + 3) * 60 + 17) * 60_000 + 11_123) {
      const s = new Date(t).toISOString();
      if (isoMs(s) !== Date.parse(s)) wrong.push(s);
    }
    for (const s of ['2024-02-29T23:59:59.999Z', '2000-02-29T12:00:00.000Z', '1900-03-01T00:00:00.000Z', '2100-03-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z']) {
      if (isoMs(s) !== Date.parse(s)) wrong.push(s);
    }
    expect(wrong.slice(0, 5)).to.deep.equal([]);
  });

  it('reads any other form as Date.parse does (offsets, no milliseconds, dates alone, garbage)', () => {
    for (const s of ['2025-03-10T09:00:00Z', '2025-03-10T09:00:00.000+03:00', '2025-03-10', '+012025-03-10T09:00:00.000Z', '2025-13-10T09:00:00.000Z', '2025-03-1xT09:00:00.000Z', 'not a time']) {
      const expected = Date.parse(s);
      if (Number.isNaN(expected)) expect(isoMs(s), s).to.be.NaN;
      else expect(isoMs(s), s).to.equal(expected);
    }
  });
});
