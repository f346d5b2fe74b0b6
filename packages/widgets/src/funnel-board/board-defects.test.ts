// Defects seen in a real browser, each pinned by a test that failed before the fix.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, dexieStore, memoryStore, type Crm } from '@crmkit/core';
import { board as en } from '../locales/en.js';
import { card as cardEn } from '../locales/en.js';
import { defineClientCard, type CrmClientCard } from '../client-card/crm-client-card.js';
import { defineFunnelBoard, type CrmFunnelBoard } from './crm-funnel-board.js';

defineFunnelBoard();
defineClientCard();

const crms: Crm[] = [];
afterEach(async () => {
  for (const crm of crms.splice(0)) await crm.close().catch(() => undefined);
});
async function makeCrm(): Promise<Crm> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
  crms.push(crm);
  return crm;
}

describe('widget defects', () => {
  it('the board waits neutrally for its CRM, then says none is connected instead of “Loading…” forever', async () => {
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board locale="en" crm-timeout="300"></crm-funnel-board>`);
    // First a neutral status (the page may still be opening its database), not a red error.
    expect(board.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(board.shadowRoot!.querySelector('[role="status"].loading')?.textContent).to.equal(en.waitingForCrm);
    await expect(board).to.be.accessible();
    await waitUntil(() => board.shadowRoot!.querySelector('[role="alert"]'), 'no error after crm-timeout');
    const alert = board.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('no CRM connected');
    expect(alert?.textContent).to.equal(en.noCrm);
    expect(board.shadowRoot!.textContent).not.to.contain(en.loading);
    await expect(board).to.be.accessible();
  });

  it('while the demo database is still opening, the board shows a waiting state and then the funnel, never the red error', async () => {
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board locale="en" pipeline="sales"></crm-funnel-board>`);
    const alerts: string[] = [];
    const watch = new MutationObserver(() => {
      const alert = board.shadowRoot!.querySelector('[role="alert"]');
      if (alert) alerts.push(alert.textContent ?? '');
    });
    watch.observe(board.shadowRoot!, { childList: true, subtree: true, characterData: true });
    expect(board.shadowRoot!.textContent).to.contain(en.waitingForCrm);
    const crm = await createCrm({ store: dexieStore('board-wait-' + Math.random().toString(36).slice(2)), automationIntervalMs: false });
    crms.push(crm);
    await crm.deals.create({ title: 'Opened late' });
    board.crm = crm;
    await waitUntil(() => board.shadowRoot!.querySelector('.card'), 'the funnel never showed');
    watch.disconnect();
    expect(alerts).to.deep.equal([]);
    expect(board.shadowRoot!.textContent).not.to.contain(en.waitingForCrm);
  });

  it('crm-timeout="0" reports a missing CRM at once', async () => {
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board locale="en" crm-timeout="0"></crm-funnel-board>`);
    expect(board.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.equal(en.noCrm);
  });

  it('the board shows a failed load as an error', async () => {
    const crm = await makeCrm();
    await crm.close();
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} locale="en"></crm-funnel-board>`);
    await waitUntil(() => board.shadowRoot!.querySelector('[role="alert"]'), 'an error is shown');
    expect(board.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('The funnel could not be loaded');
  });

  it('the card says it has no CRM instead of “Loading…” forever', async () => {
    const card = await fixture<CrmClientCard>(html`<crm-client-card record="deal:d1" locale="en"></crm-client-card>`);
    const alert = card.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('no CRM connected');
    expect(alert?.textContent).to.equal(cardEn.noCrm);
  });

  it('heading-level sets the level of the board’s column headings and the card’s title and sections', async () => {
    const crm = await makeCrm();
    const deal = await crm.deals.create({ title: 'Levels' });
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="sales" heading-level="2" locale="en"></crm-funnel-board>`);
    await waitUntil(() => board.shadowRoot!.querySelector('[part~="column-title"]'));
    expect(board.shadowRoot!.querySelector('[part~="column-title"]')!.getAttribute('aria-level')).to.equal('2');
    const card = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record=${`deal:${deal.id}`} heading-level="3" locale="en"></crm-client-card>`);
    await waitUntil(() => card.shadowRoot!.querySelector('#card-title'));
    expect(card.shadowRoot!.querySelector('#card-title')!.getAttribute('aria-level')).to.equal('3');
    expect(card.shadowRoot!.querySelector('#next-step-h')!.getAttribute('aria-level')).to.equal('4');
  });

  it('a lead dropped on junk is asked about in lead wording', async () => {
    const crm = await makeCrm();
    const lead = await crm.leads.create({ name: 'Spam', phone: '+7 999 000-00-01' });
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board .crm=${crm} pipeline="leads" locale="en"></crm-funnel-board>`);
    await waitUntil(() => board.shadowRoot!.querySelector('.card'));
    void board.moveCard(lead.id, 'junk');
    await waitUntil(() => board.shadowRoot!.querySelector('dialog[open]'), 'the reason dialog opens');
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    expect(dialog.querySelector('h2')!.textContent).to.equal('Why is “Spam” junk?');
    expect(dialog.querySelector('button.primary')!.textContent).to.equal('Close as junk');
    expect(dialog.textContent).not.to.contain('lost');
  });
});
