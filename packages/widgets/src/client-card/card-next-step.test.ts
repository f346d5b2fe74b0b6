// The next-step panel: quick times, scheduling, completing a step, closing a lead or deal.
import { createCrm, memoryStore, type Activity, type Crm } from '@crmkit/core';
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { $, $$, button, makeCrm, mount, NOW, settle, text, type } from './test-helpers.js';

const HOUR = 3_600_000;

async function pendingOf(crm: Crm, recordId: string): Promise<Activity[]> {
  return crm.activities.list({ recordId, state: 'pending' });
}

describe('<crm-client-card>: next step', () => {
  let crm: Crm;

  beforeEach(async () => {
    ({ crm } = await makeCrm());
  });
  afterEach(async () => {
    await crm.close();
  });

  describe('next step', () => {
    const cases: [string, Date][] = [
      ['hour', new Date(NOW.getTime() + HOUR)],
      ['tomorrow', new Date(2025, 2, 6, 10, 0)],
      ['three-days', new Date(2025, 2, 10, 10, 0)], // Saturday the 8th is a weekend day: the Monday after
      ['next-week', new Date(2025, 2, 10, 10, 0)], // the next Monday
    ];
    for (const [quick, due] of cases) {
      it(`the "${quick}" button schedules the next step at ${due.toString()}`, async () => {
        const deal = await crm.deals.create({ title: 'Deal' });
        const el = await mount(crm, `deal:${deal.id}`);
        type($<HTMLSelectElement>(el, '#ns-type'), 'meeting');
        type($<HTMLInputElement>(el, '#ns-title'), 'Demo at their office');
        const scheduled = oneEvent(el, 'crm-next-step-scheduled');
        $(el, `[data-quick="${quick}"]`).click();
        const { detail } = await scheduled;
        expect(detail.activity.dueAt).to.equal(due.toISOString());
        const [step] = await pendingOf(crm, deal.id);
        expect(step?.dueAt).to.equal(due.toISOString());
        expect(step?.type).to.equal('meeting');
        expect(step?.title).to.equal('Demo at their office');
        await waitUntil(() => $$(el, '.step').length === 1, 'the step shows in the panel');
      });
    }

    it("offers the quick times the CRM configures for the record's pipeline", async () => {
      const own = await createCrm({
        store: memoryStore(),
        automationIntervalMs: false,
        now: () => new Date(NOW),
        quickTimes: [{ id: 'half-hour', label: { en: 'In 30 minutes', ru: 'Через 30 минут' }, in: '30m' }],
      });
      const deal = await own.deals.create({ title: 'Deal' });
      const el = await mount(own, `deal:${deal.id}`);
      expect($$(el, '[data-quick]').map((b) => b.getAttribute('data-quick'))).to.deep.equal(['half-hour']);
      expect(text(el, '[data-quick="half-hour"]')).to.include('In 30 minutes');
      type($<HTMLInputElement>(el, '#ns-title'), 'Call back');
      const scheduled = oneEvent(el, 'crm-next-step-scheduled');
      $(el, '[data-quick="half-hour"]').click();
      expect((await scheduled).detail.activity.dueAt).to.equal(new Date(NOW.getTime() + 30 * 60_000).toISOString());
      await own.close();
    });

    it('schedules at a chosen date and time, and refuses a time in the past', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const el = await mount(crm, `deal:${deal.id}`);
      type($<HTMLInputElement>(el, '#ns-at'), '2025-03-01T09:00');
      button(el, 'Schedule', '.schedule').click();
      await waitUntil(() => el.shadowRoot?.querySelector('#ns-error'));
      expect(await pendingOf(crm, deal.id)).to.have.length(0);
      type($<HTMLInputElement>(el, '#ns-at'), '2025-03-12T16:45');
      button(el, 'Schedule', '.schedule').click();
      await waitUntil(async () => (await pendingOf(crm, deal.id)).length === 1);
      const [step] = await pendingOf(crm, deal.id);
      expect(step?.dueAt).to.equal(new Date(2025, 2, 12, 16, 45).toISOString());
      expect(step?.title).to.equal('Call'); // the type's name when no title is typed
    });

    it('marks an overdue step, and an open deal with no next step', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const el = await mount(crm, `deal:${deal.id}`);
      expect(text(el, '.next-step')).to.include('No next step!');
      expect(el.shadowRoot?.querySelector('[part="no-next-step"]')).to.exist;
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(NOW.getTime() - 2 * HOUR) });
      await waitUntil(() => $$(el, '.step').length === 1);
      expect($(el, '.step').getAttribute('part')).to.include('step-overdue');
      expect(text(el, '.step')).to.include('Overdue');
      expect(el.shadowRoot?.querySelector('[part="no-next-step"]')).to.equal(null);
    });

    it('completing a step without a next step or closing is impossible', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      // No "nothing more" choice is offered for an open deal with no other step.
      expect($$<HTMLInputElement>(el, 'input[name="cf-choice"]').map((r) => r.value)).to.deep.equal(['next', 'close']);
      button(el, 'Complete', '#complete-form').click();
      await el.updateComplete;
      expect($(el, '#cf-result-error').textContent).to.equal('Write down what happened.');
      expect($(el, '#cf-choice-error').textContent).to.include('An open deal needs a next step');
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'They want a discount');
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect(el.shadowRoot?.querySelector('#cf-choice-error')).to.exist;
      // Choosing "next step" but no time still does not finish.
      $(el, 'input[name="cf-choice"][value="next"]').click();
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect(el.shadowRoot?.querySelector('#cf-when-error')).to.exist;
      await expect(el).to.be.accessible();
      const pending = await pendingOf(crm, deal.id);
      expect(pending.map((a) => a.id)).to.deep.equal([step.id]);
      expect((await crm.deals.get(deal.id)).status).to.equal('open');
    });

    it('completes a step and schedules the next one in the same write', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Agreed on a demo');
      $(el, 'input[name="cf-choice"][value="next"]').click();
      await el.updateComplete;
      type($<HTMLSelectElement>(el, '#cf-type'), 'meeting');
      type($<HTMLInputElement>(el, '#cf-title'), 'Demo');
      $(el, 'input[name="cf-when"][value="tomorrow"]').click();
      await el.updateComplete;
      const scheduled = oneEvent(el, 'crm-next-step-scheduled');
      button(el, 'Complete', '#complete-form').click();
      const { detail } = await scheduled;
      expect(detail.activity.title).to.equal('Demo');
      const done = await crm.activities.get(step.id);
      expect(done.state).to.equal('done');
      expect(done.result).to.equal('Agreed on a demo');
      const pending = await pendingOf(crm, deal.id);
      expect(pending).to.have.length(1);
      expect(pending[0]?.dueAt).to.equal(new Date(2025, 2, 6, 10, 0).toISOString());
      expect(pending[0]?.type).to.equal('meeting');
      await waitUntil(() => !el.shadowRoot?.querySelector('#complete-form') && text(el, '.steps').includes('Demo'));
    });

    it('completes a step and loses the deal with a reason ("other" needs a comment)', async () => {
      const deal = await crm.deals.create({ title: 'Deal' });
      const step = await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'First call', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `deal:${deal.id}`);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Bought elsewhere');
      $(el, 'input[name="cf-choice"][value="close"]').click();
      await el.updateComplete;
      $(el, 'input[name="cf-close-outcome"][value="lost"]').click();
      await el.updateComplete;
      const reasons = $$<HTMLInputElement>(el, 'input[name="cf-loss-reason"]').map((o) => o.value);
      expect(reasons).to.deep.equal(['price', 'competitor', 'no-budget', 'no-response', 'timing', 'other']);
      $(el, 'input[name="cf-loss-reason"][value="other"]').click();
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await settle(el);
      expect($(el, '#cf-loss-comment-error').textContent).to.equal('This reason needs a comment.');
      expect((await pendingOf(crm, deal.id)).map((a) => a.id)).to.deep.equal([step.id]);
      await expect(el).to.be.accessible();

      type($<HTMLTextAreaElement>(el, '#cf-loss-fields textarea'), 'Their cousin sells the same');
      const closed = oneEvent(el, 'crm-record-closed');
      button(el, 'Complete', '#complete-form').click();
      const { detail } = await closed;
      expect(detail).to.deep.include({ recordType: 'deal', outcome: 'lost', reason: 'other', comment: 'Their cousin sells the same' });
      const stored = await crm.deals.get(deal.id);
      expect(stored.status).to.equal('lost');
      expect(stored.lostReason).to.equal('other');
      expect((await crm.activities.get(step.id)).result).to.equal('Bought elsewhere');
      await waitUntil(() => text(el, '.next-step').includes('Deal lost'));
      expect(text(el, '.next-step')).to.include('Other');
    });

    it('a closed deal shows its outcome and offers no next step; its pending step was settled', async () => {
      const deal = await crm.deals.create({ title: 'Gone' });
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call back', dueAt: new Date(NOW.getTime() + HOUR) });
      await crm.deals.lose(deal.id, { reason: 'price' });
      const el = await mount(crm, `deal:${deal.id}`);
      await waitUntil(() => text(el, '.next-step').includes('Deal lost'));
      expect(el.shadowRoot!.querySelector('[part="schedule-form"]')).to.equal(null);
      expect(el.shadowRoot!.querySelectorAll('.steps li')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('closes a lead as junk from the close form', async () => {
      const lead = await crm.leads.create({ name: 'Spammer', email: 'spam@example.com' });
      const el = await mount(crm, `lead:${lead.id}`);
      $(el, '#close-open').click();
      await el.updateComplete;
      button(el, 'Close the lead', '#close-form').click();
      await el.updateComplete;
      expect($(el, '#close-outcome-error').textContent).to.equal('Choose the outcome.');
      await expect(el).to.be.accessible();
      $(el, 'input[name="close-outcome"][value="lost"]').click();
      await el.updateComplete;
      // The shared loss-reason form, in lead wording: no reason chosen is refused on the field.
      button(el, 'Close the lead', '#close-form').click();
      await el.updateComplete;
      expect($(el, '#close-loss-reason-error').textContent).to.equal('Choose a reason.');
      $(el, 'input[name="close-loss-reason"][value="spam"]').click();
      await el.updateComplete;
      const closed = oneEvent(el, 'crm-record-closed');
      button(el, 'Close the lead', '#close-form').click();
      expect((await closed).detail).to.deep.include({ recordType: 'lead', outcome: 'lost', reason: 'spam' });
      expect((await crm.leads.get(lead.id)).status).to.equal('lost');
    });

    it('for a contact, offers a next step but no closing, and may finish with nothing more', async () => {
      const contact = await crm.contacts.create({ name: 'Ivan' });
      const step = await crm.activities.schedule({ recordType: 'contact', recordId: contact.id, type: 'email', title: 'Send catalogue', dueAt: new Date(NOW.getTime() + HOUR) });
      const el = await mount(crm, `contact:${contact.id}`);
      expect(el.shadowRoot?.querySelector('#close-open')).to.equal(null);
      $(el, `[data-complete="${step.id}"]`).click();
      await el.updateComplete;
      expect($$<HTMLInputElement>(el, 'input[name="cf-choice"]').map((r) => r.value)).to.deep.equal(['next', 'none']);
      type($<HTMLTextAreaElement>(el, '#cf-result'), 'Sent');
      $(el, 'input[name="cf-choice"][value="none"]').click();
      await el.updateComplete;
      button(el, 'Complete', '#complete-form').click();
      await waitUntil(async () => (await crm.activities.get(step.id)).state === 'done');
    });
  });
});
