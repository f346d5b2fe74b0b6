// The sales workspace demo: <crm-funnel-board> (and <crm-client-card> beside
// it) over the demo data in IndexedDB. Seeds on first load; a locale switcher
// re-labels everything; crm-card-open on the board opens the client.
import { defineFunnelBoard, type CardOpenDetail, type CrmFunnelBoard } from '@crmkit/widgets';
import { DEMO_DB, openDemoCrm } from './demo-data.js';

defineFunnelBoard();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLParagraphElement>('#status');
const board = $<CrmFunnelBoard>('crm-funnel-board');
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

// The widgets follow the nearest lang attribute; the page's is switched here.
localeSelect.addEventListener('change', () => {
  document.documentElement.lang = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', localeSelect.value);
  board.requestUpdate();
});

/** Opens a record beside the board (the client card replaces this summary when present). */
async function openRecord(detail: CardOpenDetail): Promise<void> {
  const record = detail.recordType === 'deal' ? await crm.deals.get(detail.id) : await crm.leads.get(detail.id);
  $<HTMLParagraphElement>('#opened').textContent = `${detail.recordType} ${'title' in record ? record.title : (record.name ?? record.id)}`;
}
board.addEventListener('crm-card-open', (e) => void openRecord((e as CustomEvent<CardOpenDetail>).detail));

$<HTMLButtonElement>('#reset').addEventListener('click', async () => {
  status.textContent = 'Deleting the demo database…';
  await crm.close();
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DEMO_DB);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
  location.reload();
});
