import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { registerTranslation } from '@crmkit/widgets';
import { buildDataset, Q1, type Dataset } from '../../test/fixture.js';
import { defineFunnelReport, type CrmFunnelReport } from './crm-funnel-report.js';

defineFunnelReport();

let ds: Dataset;
before(async () => {
  ds = await buildDataset();
});

async function mount(locale = 'en'): Promise<CrmFunnelReport> {
  const el = await fixture<CrmFunnelReport>(html`<crm-funnel-report .crm=${ds.crm} pipeline="b2b" from=${Q1.from.toISOString()} to=${Q1.to.toISOString()} locale=${locale}></crm-funnel-report>`);
  await waitUntil(() => el.shadowRoot!.querySelector('table'), 'the funnel did not render');
  return el;
}

const cells = (el: CrmFunnelReport) => [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));

describe('<crm-funnel-report>', () => {
  it('shows the funnel as an SVG chart and an equivalent table', async () => {
    const el = await mount();
    expect(cells(el).map((r) => r.slice(0, 4))).to.deep.equal([
      ['Contact', '9', '55.6%', '100%'],
      ['Demo', '5', '80%', '55.6%'],
      ['Proposal', '4', '75%', '44.4%'],
      ['Contract', '3', '66.7%', '33.3%'],
    ]);
    expect(cells(el)[0]?.[4]).to.contain('$7,900').and.contain('€500');
    const svg = el.shadowRoot!.querySelector('svg[role="img"]')!;
    expect(svg.querySelectorAll('rect')).to.have.length(4);
    expect(svg.querySelector('title')?.textContent).to.contain('Funnel chart of B2B');
    await expect(el).to.be.accessible();
  });

  it('switches the counting mode from the keyboard-operable select', async () => {
    const el = await mount();
    const select = el.shadowRoot!.querySelector('select')!;
    select.value = 'snapshot';
    const event = oneEvent(el, 'crm-funnel-mode-change');
    select.dispatchEvent(new Event('change'));
    expect((await event).detail).to.deep.equal({ mode: 'snapshot' });
    await waitUntil(() => cells(el)[0]?.[1] === '2', 'snapshot counts did not show');
    expect(cells(el).map((r) => r[1])).to.deep.equal(['2', '1', '1', '0']);
    expect(cells(el)[0]?.[2]).to.equal('—', 'no conversion in a snapshot');
  });

  it('speaks Russian and formats numbers for the locale', async () => {
    const el = await mount('ru');
    expect(el.shadowRoot!.querySelector('h2')?.textContent).to.equal('Воронка: B2B');
    expect(el.shadowRoot!.querySelector('th')?.textContent).to.equal('Стадия');
    expect(cells(el)[0]?.[2]).to.match(/55,6\s?%/);
    await expect(el).to.be.accessible();
  });

  it('reads its strings from the widget translation registry, so an app can change a word', async () => {
    const el = await mount('ru');
    registerTranslation('ru', { 'crm-funnel-report': { stage: 'Этап' } });
    try {
      await waitUntil(() => el.shadowRoot!.querySelector('th')?.textContent === 'Этап', 'the override did not show');
      expect(el.shadowRoot!.querySelector('h2')?.textContent).to.equal('Воронка: B2B', 'other keys stay');
    } finally {
      registerTranslation('ru', { 'crm-funnel-report': { stage: 'Стадия' } });
    }
  });

  it('follows a move live', async () => {
    const el = await mount();
    ds.at('2026-04-07T00:00:00Z');
    await ds.crm.deals.moveToStage(ds.ids['D6'] as string, 's4');
    await waitUntil(() => cells(el)[1]?.[1] === '6', 'the move did not show');
    expect(cells(el).map((r) => r[1])).to.deep.equal(['9', '6', '5', '4']);
  });

  it('announces a bad pipeline', async () => {
    const el = await fixture<CrmFunnelReport>(html`<crm-funnel-report .crm=${ds.crm} pipeline="nope" locale="en"></crm-funnel-report>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'no error shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('nope');
    await expect(el).to.be.accessible();
  });
});
