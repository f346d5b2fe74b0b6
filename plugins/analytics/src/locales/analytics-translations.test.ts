import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { registerTranslation } from '@crmkit/widgets';
import { buildDataset, Q1, type Dataset } from '../test/fixture.js';
import { defineFunnelReport } from '../widgets/crm-funnel-report/crm-funnel-report.js';
import { defineKpis } from '../widgets/crm-kpis/crm-kpis.js';
import { defineReport } from '../widgets/crm-report/crm-report.js';
import { ANALYTICS_TRANSLATIONS } from './analytics-translations.js';
import { xx } from './pseudo-locale.fixture.js';

defineFunnelReport();
defineKpis();
defineReport();

let ds: Dataset;
before(async () => {
  ds = await buildDataset();
});

/** The three analytics widgets side by side in `locale`, once each has drawn its table. */
async function mountAll(locale: string): Promise<HTMLElement[]> {
  const from = Q1.from.toISOString();
  const to = Q1.to.toISOString();
  const page = await fixture<HTMLElement>(html`<div>
    <crm-funnel-report .crm=${ds.crm} pipeline="b2b" from=${from} to=${to} locale=${locale}></crm-funnel-report>
    <crm-kpis .crm=${ds.crm} pipeline="b2b" managers from=${from} to=${to} locale=${locale}></crm-kpis>
    <crm-report .crm=${ds.crm} preset="loss-reasons" pipeline="b2b" from=${from} to=${to} locale=${locale}></crm-report>
  </div>`);
  const widgets = [...page.children] as HTMLElement[];
  await waitUntil(() => widgets.every((w) => w.shadowRoot?.querySelector('table')), `the widgets did not render in ${locale}`);
  return widgets;
}

/** What a user reads as labels: headings, captions, column heads, tiles, controls. */
const words = (widget: HTMLElement) =>
  [...widget.shadowRoot!.querySelectorAll('h2, caption, thead th, dt, label, button')].map((x) => x.textContent?.replace(/\s+/g, ' ').trim() ?? '').filter(Boolean);

describe('analytics translations', () => {
  for (const [tag, strings] of Object.entries(ANALYTICS_TRANSLATIONS)) {
    it(`every widget speaks ${tag} and is accessible in it`, async () => {
      const [funnel, kpis, report] = await mountAll(tag);
      expect(funnel!.shadowRoot!.querySelector('h2')?.textContent).to.equal(strings['crm-funnel-report'].title('B2B'));
      expect(kpis!.shadowRoot!.querySelector('h2')?.textContent).to.equal(strings['crm-kpis'].title);
      expect(report!.shadowRoot!.querySelector('h2')?.textContent).to.equal(strings['crm-report'].titles['loss-reasons']);
      for (const widget of [funnel!, kpis!, report!]) await expect(widget).to.be.accessible();
    });
  }

  it('speaks a sixth language added as one module and one registration', async () => {
    registerTranslation('xx', xx);
    for (const widget of await mountAll('xx')) {
      const shown = words(widget);
      expect(shown.length, widget.localName).to.be.greaterThan(3);
      for (const word of shown) expect(word.startsWith('⟦'), `${widget.localName}: ${word}`).to.equal(true);
      await expect(widget).to.be.accessible();
    }
  });
});
