import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { buildDataset, Q1, type Dataset } from '../../test/fixture.js';
import type { ReportDefinition } from '../../reports/report-definition.js';
import { defineReport, type CrmReport, type ReportExportDetail } from './crm-report.js';

defineReport();

let ds: Dataset;
before(async () => {
  ds = await buildDataset();
});

const rows = (el: CrmReport) => [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
const rendered = (el: CrmReport) => waitUntil(() => el.shadowRoot!.querySelector('table, [role="alert"]'), 'the report did not render');

const byOwner: ReportDefinition = { type: 'deals', filters: [{ field: 'pipelineId', op: 'eq', value: 'b2b' }, { field: 'status', op: 'eq', value: 'won' }], groupBy: [{ field: 'ownerId' }], measures: [{ op: 'sum', field: 'amount' }, { op: 'count' }] };

describe('<crm-report>', () => {
  it('runs a definition into a table and an SVG chart, money in its own currency', async () => {
    const el = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} .definition=${byOwner} locale="en"></crm-report>`);
    await rendered(el);
    expect([...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Owner', 'Currency', 'Amount', 'Count']);
    expect(rows(el)).to.deep.equal([
      ['Ann', 'USD', '$1,000', '1'],
      ['Bob', 'EUR', '€500', '1'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('svg[role="img"] rect')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('shows stage and pipeline names in group cells and chart bars, not ids', async () => {
    const def: ReportDefinition = { type: 'deals', filters: [{ field: 'status', op: 'eq', value: 'open' }], groupBy: [{ field: 'pipelineId' }, { field: 'stageId' }] };
    const el = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} .definition=${def} locale="en"></crm-report>`);
    await rendered(el);
    expect(rows(el).map((r) => r.slice(0, 2))).to.deep.equal([
      ['B2B', 'Contact'],
      ['B2B', 'Demo'],
      ['B2B', 'Proposal'],
    ]);
    expect([...el.shadowRoot!.querySelectorAll('svg title, svg text')].map((t) => t.textContent).join(' ')).to.contain('B2B · Demo');
  });

  it('exports the result as formula-safe CSV', async () => {
    const def: ReportDefinition = { type: 'deals', filters: [{ field: 'id', op: 'eq', value: ds.ids['D4'] }], groupBy: [{ field: 'title' }] };
    const el = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} .definition=${def} locale="en"></crm-report>`);
    await rendered(el);
    el.addEventListener('crm-report-export', (e) => e.preventDefault(), { once: true });
    const exported = oneEvent(el, 'crm-report-export');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
    const detail = (await exported).detail as ReportExportDetail;
    expect(detail.filename).to.equal('deals.csv');
    expect(detail.csv).to.equal(`\uFEFFDeal,Count\r\n"'=HYPERLINK(""http://evil.example"")",1\r\n`);
  });

  it('shows loss reasons with the share of "other", and sources → revenue', async () => {
    const loss = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} preset="loss-reasons" pipeline="b2b" from=${Q1.from.toISOString()} to=${Q1.to.toISOString()} locale="en"></crm-report>`);
    await rendered(loss);
    expect([...loss.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Reason', 'Count', 'Share', 'Value, RUB', 'Value, USD']);
    expect(rows(loss)).to.deep.equal([
      ['Price', '2', '66.7%', 'RUB\u00a0300', '$2,000'],
      ['Other', '1', '33.3%', '—', '$900'],
    ]);
    const sources = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} preset="sources" from=${Q1.from.toISOString()} to=${Q1.to.toISOString()} locale="en"></crm-report>`);
    await rendered(sources);
    expect(rows(sources).map((r) => r.slice(0, 5))).to.deep.equal([
      ['google', 'spring', '2', '1', '1'],
      ['phone', '(empty)', '1', '1', '1'],
      ['yandex', '(empty)', '1', '0', '0'],
    ]);
    await expect(sources).to.be.accessible();
  });

  it('announces an invalid definition, naming the field', async () => {
    const el = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} .definition=${{ type: 'deals', groupBy: [{ field: 'colour' }] }} locale="en"></crm-report>`);
    await rendered(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('groupBy.0.field');
    await expect(el).to.be.accessible();
  });

  it('speaks Uzbek and follows changes live', async () => {
    const el = await fixture<CrmReport>(html`<crm-report .crm=${ds.crm} .definition=${byOwner} locale="uz"></crm-report>`);
    await rendered(el);
    expect([...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Mas’ul', 'Valyuta', 'Summa', 'Soni']);
    expect(el.shadowRoot!.querySelector('[part="export"]')?.textContent).to.equal('CSV yuklab olish');
    ds.at('2026-04-08T00:00:00Z');
    await ds.crm.deals.win(ds.ids['D5'] as string);
    await waitUntil(() => rows(el)[0]?.[3] === '2', 'the win did not show');
    expect(rows(el)[0]?.[0]).to.equal('Ann');
  });
});
