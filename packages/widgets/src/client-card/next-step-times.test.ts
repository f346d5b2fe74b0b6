import { expect } from '@open-wc/testing';
import { parseLocalDateTime, quickDueAt, toLocalDateTimeValue } from './next-step-times.js';

describe('quick next-step times', () => {
  const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

  it('in an hour is exactly sixty minutes from now', () => {
    expect(quickDueAt('hour', at(2025, 3, 5, 23, 40)).getTime()).to.equal(at(2025, 3, 5, 23, 40).getTime() + 3_600_000);
  });

  it('tomorrow is the next working day at 10:00, also across a month end, late at night and over a weekend', () => {
    expect(quickDueAt('tomorrow', at(2025, 3, 5, 14, 30))).to.deep.equal(at(2025, 3, 6, 10));
    expect(quickDueAt('tomorrow', at(2025, 1, 30, 23, 59))).to.deep.equal(at(2025, 1, 31, 10));
    expect(quickDueAt('tomorrow', at(2025, 1, 31, 18))).to.deep.equal(at(2025, 2, 3, 10)); // Friday → Monday
    expect(quickDueAt('tomorrow', at(2025, 3, 5, 0, 5))).to.deep.equal(at(2025, 3, 6, 10));
  });

  it('in 3 days is three calendar days ahead at 10:00', () => {
    expect(quickDueAt('three-days', at(2024, 2, 27, 9))).to.deep.equal(at(2024, 3, 1, 10));
  });

  it('next week is the next Monday at 10:00 (a week later when today is Monday)', () => {
    expect(quickDueAt('next-week', at(2025, 3, 5, 14))).to.deep.equal(at(2025, 3, 10, 10)); // Wednesday
    expect(quickDueAt('next-week', at(2025, 3, 9, 14))).to.deep.equal(at(2025, 3, 10, 10)); // Sunday
    expect(quickDueAt('next-week', at(2025, 3, 10, 8))).to.deep.equal(at(2025, 3, 17, 10)); // Monday
    expect(quickDueAt('next-week', at(2025, 3, 8, 18))).to.deep.equal(at(2025, 3, 10, 10)); // Saturday
  });

  it('reads and writes datetime-local values in local time', () => {
    expect(parseLocalDateTime('2025-03-12T16:45')).to.deep.equal(at(2025, 3, 12, 16, 45));
    expect(parseLocalDateTime('')).to.equal(undefined);
    expect(parseLocalDateTime('2025-02-30T10:00')).to.equal(undefined);
    expect(parseLocalDateTime('tomorrow')).to.equal(undefined);
    expect(toLocalDateTimeValue(at(2025, 3, 2, 9, 5))).to.equal('2025-03-02T09:05');
  });
});
