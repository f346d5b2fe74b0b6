// The analytics demo: <crm-funnel-report>, <crm-kpis> (per manager) and
// <crm-report> (loss reasons, sources → revenue, a custom definition) over
// the workspace demo data in IndexedDB, plus six months of history
// (demo-history.ts). Everything follows changes live.
import { defineFunnelReport, defineKpis, defineReport, type CrmFunnelReport, type CrmKpis, type CrmReport } from '@crmkit/plugin-analytics/widgets';
import { openDemoCrm } from '../workspace/demo-data.js';
import { addDemoHistory } from './demo-history.js';

defineFunnelReport();
defineKpis();
defineReport();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLParagraphElement>('#status');
const localeSelect = $<HTMLSelectElement>('#locale');
const pipelineSelect = $<HTMLSelectElement>('#pipeline');
const periodSelect = $<HTMLSelectElement>('#period');
const funnel = $<CrmFunnelReport>('crm-funnel-report');
const kpis = $<CrmKpis>('crm-kpis');
const reports = [...document.querySelectorAll<CrmReport>('crm-report')];
const byStage = $<CrmReport>('#by-stage');

const saved = localStorage.getItem('crmkit-demo-locale') ?? 'en';
localeSelect.value = saved;
document.documentElement.lang = saved;

status.textContent = 'Opening the demo database…';
const crm = await openDemoCrm({ locale: saved, onProgress: (done, total) => (status.textContent = `Creating demo data: ${Math.round((done / total) * 100)} %`) });
// Six months of leads, conversions, wins and losses, so every report has a past (added once).
try {
  await addDemoHistory((done, total) => (status.textContent = `Adding six months of history: ${Math.round((done / total) * 100)} %`));
  status.textContent = '';
} catch (error) {
  status.textContent = `The demo history could not be added: ${error instanceof Error ? error.message : String(error)}`;
}

function apply(): void {
  const days = Number(periodSelect.value);
  const to = new Date(crm.now().getTime() + 86_400_000);
  const from = new Date(to.getTime() - (days + 1) * 86_400_000);
  const pipeline = pipelineSelect.value;
  for (const el of [funnel, kpis, ...reports]) {
    el.from = from.toISOString();
    el.to = to.toISOString();
  }
  funnel.pipeline = pipeline;
  kpis.pipeline = pipeline;
  reports[0]!.pipeline = pipeline;
  byStage.definition = {
    type: 'deals',
    filters: [
      { field: 'pipelineId', op: 'eq', value: pipeline },
      { field: 'status', op: 'eq', value: 'open' },
    ],
    groupBy: [{ field: 'stageId' }],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
  };
}

apply();
for (const el of [funnel, kpis, ...reports]) el.crm = crm;
pipelineSelect.addEventListener('change', apply);
periodSelect.addEventListener('change', apply);
localeSelect.addEventListener('change', () => {
  document.documentElement.lang = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', localeSelect.value);
  for (const el of [funnel, kpis, ...reports]) el.requestUpdate();
});
