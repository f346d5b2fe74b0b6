// The sales workspace demo: <crm-funnel-board> (and <crm-client-card> beside
// it) over the demo data in IndexedDB. Seeds on first load; a locale switcher
// re-labels everything; crm-card-open on the board opens the client.
import { defineClientCard, defineFunnelBoard, definePlanner, type CardOpenDetail, type CrmClientCard, type CrmFunnelBoard, type CrmPlanner, type StepOpenDetail } from '@crmkit/widgets';
import { DEMO_DB, openDemoCrm } from './demo-data.js';

defineFunnelBoard();
defineClientCard();
definePlanner();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLParagraphElement>('#status');
const board = $<CrmFunnelBoard>('crm-funnel-board');
const card = $<CrmClientCard>('crm-client-card');
const planner = $<CrmPlanner>('crm-planner');
const localeSelect = $<HTMLSelectElement>('#locale');

const saved = localStorage.getItem('crmkit-demo-locale') ?? 'en';
localeSelect.value = saved;
document.documentElement.lang = saved;

status.textContent = 'Opening the demo database…';
const crm = await openDemoCrm({
  locale: saved,
  onProgress: (done, total) => (status.textContent = `Creating demo data: ${Math.round((done / total) * 100)} %`),
});
status.textContent = '';
board.crm = crm;
card.crm = crm;
planner.crm = crm;

// The widgets follow the nearest lang attribute and re-render when the page's changes.
localeSelect.addEventListener('change', () => {
  document.documentElement.lang = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', localeSelect.value);
});

/** Opens a record in the client card beside the board. */
function openRecord(detail: CardOpenDetail): void {
  $<HTMLParagraphElement>('#opened').hidden = true;
  card.hidden = false;
  card.record = `${detail.recordType}:${detail.id}`;
}
board.addEventListener('crm-card-open', (e) => openRecord((e as CustomEvent<CardOpenDetail>).detail));
// A step opened in the planner opens its record in the card.
planner.addEventListener('crm-step-open', (e) => {
  const { activity } = (e as CustomEvent<StepOpenDetail>).detail;
  if (activity.recordType === 'deal' || activity.recordType === 'lead') openRecord({ recordType: activity.recordType, id: activity.recordId });
  else {
    card.hidden = false;
    card.record = `${activity.recordType}:${activity.recordId}`;
  }
  card.scrollIntoView({ block: 'nearest' });
});

$<HTMLButtonElement>('#reset').addEventListener('click', async () => {
  status.textContent = 'Deleting the demo database…';
  await crm.close();
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DEMO_DB);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
  location.reload();
});
