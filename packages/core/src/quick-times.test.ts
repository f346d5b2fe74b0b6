import { expect } from '@open-wc/testing';
import { DEFAULT_PIPELINES, createCrm, memoryStore, weekendOf } from '@crmkit/core';
import { rejection } from '../../../tests/support/core-fixtures.js';

const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('quick next-step times are configuration', () => {
  it('defaults: an hour, tomorrow, 3 days, next week; day-based ones at 10:00 and never on a weekend', async () => {
    const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, locale: 'ru', now: () => at(2025, 3, 7, 15) }); // a Friday
    expect(crm.quickTimes.list().map((q) => q.id)).to.deep.equal(['hour', 'tomorrow', 'three-days', 'next-week']);
    expect(crm.quickTimes.calendar).to.deep.equal({ dayStart: '10:00', weekend: [6, 7] });
    expect(crm.quickTimes.dueAt('hour')).to.deep.equal(at(2025, 3, 7, 16));
    expect(crm.quickTimes.dueAt('tomorrow')).to.deep.equal(at(2025, 3, 10, 10));
    expect(crm.quickTimes.dueAt('three-days')).to.deep.equal(at(2025, 3, 10, 10));
    expect(crm.quickTimes.dueAt('next-week', { from: at(2025, 3, 10, 8) })).to.deep.equal(at(2025, 3, 17, 10));
    expect((await rejection(Promise.resolve().then(() => crm.quickTimes.dueAt('never')))).code).to.equal('not_found');
    await crm.close();
  });

  it("a team's own times, working day start and weekend; a pipeline may have its own", async () => {
    const pipelines = DEFAULT_PIPELINES.map((p) => (p.id === 'sales' ? { ...p, quickTimes: [{ id: 'half-hour', label: { en: 'In 30 min', ru: 'Через 30 минут' }, in: '30m' }] } : p));
    const crm = await createCrm({
      store: memoryStore(),
      automationIntervalMs: false,
      pipelines,
      now: () => at(2025, 3, 6, 15), // a Thursday
      quickTimes: [{ id: 'morning', days: 1, at: '09:30' }, { id: 'monday', weekday: 1 }],
      workCalendar: { dayStart: '08:00', weekend: [5, 6] },
    });
    expect(crm.quickTimes.dueAt('morning')).to.deep.equal(at(2025, 3, 9, 9, 30)); // Friday and Saturday off → Sunday
    expect(crm.quickTimes.dueAt('monday')).to.deep.equal(at(2025, 3, 10, 8));
    expect(crm.quickTimes.list('sales').map((q) => q.id)).to.deep.equal(['half-hour']);
    expect(crm.quickTimes.list('leads').map((q) => q.id)).to.deep.equal(['morning', 'monday']);
    expect(crm.quickTimes.dueAt('half-hour', { pipelineId: 'sales' })).to.deep.equal(at(2025, 3, 6, 15, 30));
    await crm.close();
  });

  it('a bad quick time or calendar is refused at createCrm, naming the field', async () => {
    const err = await rejection(createCrm({ store: memoryStore(), automationIntervalMs: false, quickTimes: [{ id: 'x', days: 1, in: '1h' }] }));
    expect(err.code).to.equal('validation');
    const err2 = await rejection(createCrm({ store: memoryStore(), automationIntervalMs: false, workCalendar: { dayStart: '25:00' } }));
    expect((err2['issues'] as { path: unknown[] }[])[0]?.path).to.deep.equal(['dayStart']);
  });

  it('the weekend comes from the locale', () => {
    expect(weekendOf('ru')).to.deep.equal([6, 7]);
    expect(weekendOf('not a locale!')).to.deep.equal([6, 7]);
  });
});
