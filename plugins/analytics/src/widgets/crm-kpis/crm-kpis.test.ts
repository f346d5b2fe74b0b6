import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { buildDataset, Q1, type Dataset } from '../../test/fixture.js';
import { defineKpis, type CrmKpis } from './crm-kpis.js';

defineKpis();

let ds: Dataset;
before(async () => {
  ds = await buildDataset();
});

async function mount(crm = ds.crm, locale = 'en'): Promise<CrmKpis> {
  const el = await fixture<CrmKpis>(html`<crm-kpis .crm=${crm} pipeline="b2b" managers from=${Q1.from.toISOString()} to=${Q1.to.toISOString()} locale=${locale}></crm-kpis>`);
  await waitUntil(() => el.shadowRoot!.querySelector('dl') && el.shadowRoot!.querySelector('table'), 'the figures did not render');
  return el;
}

const tiles = (el: CrmKpis) => Object.fromEntries([...el.shadowRoot!.querySelectorAll('[part="tile"]')].map((t) => [t.querySelector('dt')?.textContent, t.querySelector('dd')?.textContent]));
const rows = (el: CrmKpis) => [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));

describe('<crm-kpis>', () => {
  it("themes like the built-in widgets: the page's CSS stays out, --crm-* custom properties come in", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="text-transform: uppercase; --crm-color-surface: rgb(250, 240, 230); --crm-chart-bar: rgb(1, 2, 3)">
      <crm-kpis .crm=${ds.crm} pipeline="b2b" managers from=${Q1.from.toISOString()} to=${Q1.to.toISOString()} locale="en"></crm-kpis>
    </div>`);
    const el = wrapper.querySelector('crm-kpis') as CrmKpis;
    await waitUntil(() => el.shadowRoot!.querySelector('svg .bar'), 'the chart did not render');
    expect(getComputedStyle(el).textTransform).to.equal('none');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(250, 240, 230)');
    expect(getComputedStyle(el.shadowRoot!.querySelector('svg .bar')!).fill).to.equal('rgb(1, 2, 3)');
  });

  it('shows the metrics, money per currency, and a table per manager', async () => {
    const el = await mount();
    const t = tiles(el);
    expect(t['Win rate']).to.equal('40%');
    expect(t['Average deal']).to.equal('$1,000 · €500');
    expect(t['Sales cycle']).to.equal('11 days');
    expect(t['Open deals']).to.equal('5');
    expect(t['Weighted pipeline']).to.equal('$2,420');
    expect(rows(el)).to.deep.equal([
      ['Ann', '3', '1', '$1,000', '50%', '1', '0', '5'],
      ['Bob', '1', '1', '€500', '33.3%', '0', '1', '1'],
      ['Bo', '0', '0', '—', '—', '0', '0', '0'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('svg[role="img"] rect')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it("shows a manager only their own figures", async () => {
    const el = await mount(ds.crm.as('bob'));
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Bob']);
    expect(tiles(el)['Open deals']).to.equal('2');
  });

  it('speaks Mongolian', async () => {
    const el = await mount(ds.crm, 'mn');
    expect(el.shadowRoot!.querySelector('h2')?.textContent).to.equal('Гол үзүүлэлтүүд');
    expect(Object.keys(tiles(el))).to.include('Амжилтын хувь');
    await expect(el).to.be.accessible();
  });
});
