// Defects seen in a real browser, each pinned by a test that failed before the fix.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
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
  it('the board says it has no CRM instead of “Loading…” forever', async () => {
    const board = await fixture<CrmFunnelBoard>(html`<crm-funnel-board locale="en"></crm-funnel-board>`);
    const alert = board.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).to.contain('no CRM connected');
    expect(alert?.textContent).to.equal(en.noCrm);
    expect(board.shadowRoot!.textContent).not.to.contain(en.loading);
    await expect(board).to.be.accessible();
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
