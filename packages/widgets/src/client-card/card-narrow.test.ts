// The card on a 390 px phone: nothing wider than the screen, and the
// controls a manager needs first (set the next step, complete one, close the
// deal) are on screen without sideways scrolling.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Crm } from '@crmkit/core';
import type { CrmClientCard } from './crm-client-card.js';
import { $, makeCrm, NOW } from './test-helpers.js';

const WIDTH = 390;

/** Elements of the card's shadow root (and the host) whose box reaches past the screen's right edge. */
function overflowing(el: CrmClientCard): string[] {
  const out: string[] = [];
  for (const node of [el, ...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]) {
    const box = node.getBoundingClientRect();
    if (box.width > 0 && (box.right > WIDTH + 0.5 || box.left < -0.5)) out.push(`${node.tagName.toLowerCase()}${node.id ? '#' + node.id : ''}.${node.className} (${Math.round(box.left)}–${Math.round(box.right)})`);
  }
  return out;
}

function visible(node: Element): boolean {
  const box = node.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= WIDTH;
}

describe('<crm-client-card> at 390 px', () => {
  let crm: Crm;
  before(async () => {
    await setViewport({ width: WIDTH, height: 844 });
  });
  after(async () => {
    await setViewport({ width: 1280, height: 800 });
  });
  beforeEach(async () => {
    ({ crm } = await makeCrm());
  });
  afterEach(async () => {
    await crm.close();
  });

  it('fits a deal with long names, links and a pending step, and shows its primary controls', async () => {
    const company = await crm.companies.create({ name: 'Общество с ограниченной ответственностью «Торговый дом Северо-Западный»', website: 'https://very-long-subdomain-name.example-company-with-a-long-domain.com/path' });
    const contact = await crm.contacts.create({ name: 'Александра Константиновна Ворошиловградская', email: 'aleksandra.konstantinovna.voroshilovgradskaya@example-company.com', phone: '+7 999 123-45-67', companyId: company.id });
    const deal = await crm.deals.create({ title: 'Поставка оборудования для складского комплекса в Ленинградской области', amount: 123456789, currency: 'RUB', companyId: company.id, contactIds: [contact.id] });
    await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'meeting', title: 'Обсудить спецификацию и условия поставки с техническим директором', dueAt: new Date(NOW.getTime() + 86_400_000) });
    const el = await fixture<CrmClientCard>(html`<crm-client-card .crm=${crm} record=${`deal:${deal.id}`} locale="ru"></crm-client-card>`);
    await waitUntil(() => el.shadowRoot?.querySelector('#card-title') && el.shadowRoot.querySelector('[data-complete]'), 'the card shows the deal');
    await el.updateComplete;

    expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(WIDTH);
    expect(overflowing(el)).to.deep.equal([]);
    for (const selector of ['#card-title', '[data-complete]', '[data-quick]', '#close-open', '.schedule button[type="submit"]']) {
      expect(visible($(el, selector)), `${selector} is on screen`).to.equal(true);
    }
    // The completion form fits too.
    $(el, '[data-complete]').click();
    await el.updateComplete;
    $(el, 'input[name="cf-choice"][value="close"]').click();
    await el.updateComplete;
    $(el, 'input[name="cf-close-outcome"][value="lost"]').click();
    await el.updateComplete;
    expect(overflowing(el)).to.deep.equal([]);
    expect(visible($(el, '#complete-form button[type="submit"]'))).to.equal(true);
  });
});
