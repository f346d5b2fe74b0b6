// The sales workspace demo: <crm-funnel-board>, <crm-client-card> beside it
// and <crm-planner> below, over the demo data in IndexedDB. Seeds on first
// load. The page's own words come from the translation registry like the
// widgets' (demo-strings.ts), so the language switch re-labels everything;
// "Signed in as" shows the workspace as a head or as one manager.
import { defineClientCard, defineFunnelBoard, definePlanner, type CardOpenDetail, type CrmClientCard, type CrmFunnelBoard, type CrmPlanner, type StepOpenDetail } from '@crmkit/widgets';
import type { RecordType } from '@crmkit/core';
import { DEMO_DB, DEMO_USERS, openDemoCrm } from './demo-data.js';
import { applyDemoStrings, demoStrings, registerDemoStrings } from './demo-strings.js';

defineFunnelBoard();
defineClientCard();
definePlanner();
registerDemoStrings();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLParagraphElement>('#status');
const board = $<CrmFunnelBoard>('crm-funnel-board');
const card = $<CrmClientCard>('crm-client-card');
const planner = $<CrmPlanner>('crm-planner');
const localeSelect = $<HTMLSelectElement>('#locale');
const userSelect = $<HTMLSelectElement>('#user');

let locale = localStorage.getItem('crmkit-demo-locale') ?? 'en';
localeSelect.value = locale;

/** Labels the page (and the user list's roles) in `locale`; the widgets follow `<html lang>` by themselves. */
function relabel(): void {
  document.documentElement.lang = locale;
  const t = applyDemoStrings(document, locale);
  const chosen = userSelect.value;
  userSelect.replaceChildren(
    ...DEMO_USERS.map((u) => {
      const option = document.createElement('option');
      option.value = u.id;
      option.textContent = `${u.name} — ${t.roles[u.role]}`;
      return option;
    }),
  );
  userSelect.value = chosen || 'anna';
}
relabel();

status.textContent = demoStrings(locale).opening;
const crm = await openDemoCrm({
  locale,
  onProgress: (done, total) => (status.textContent = demoStrings(locale).creating(Math.round((done / total) * 100))),
});
status.textContent = '';

/** Shows the workspace as `userId` sees it: a manager their own deals and steps, the head everyone's. */
function signIn(userId: string): void {
  const view = crm.as(userId);
  board.crm = view;
  card.crm = view;
  planner.crm = view;
}
signIn(userSelect.value);

localeSelect.addEventListener('change', () => {
  locale = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', locale);
  relabel();
});
userSelect.addEventListener('change', () => signIn(userSelect.value));

/** Opens a record in the client card; on a narrow screen, where the card sits below the board, scrolls to it. */
function openRecord(recordType: RecordType, id: string): void {
  $<HTMLParagraphElement>('#opened').hidden = true;
  card.hidden = false;
  card.record = `${recordType}:${id}`;
  const box = card.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight * 0.6) card.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}
board.addEventListener('crm-card-open', (e) => {
  const { recordType, id } = (e as CustomEvent<CardOpenDetail>).detail;
  openRecord(recordType, id);
});
// A step opened in the planner opens its record in the card.
planner.addEventListener('crm-step-open', (e) => {
  const { activity } = (e as CustomEvent<StepOpenDetail>).detail;
  openRecord(activity.recordType, activity.recordId);
});

$<HTMLButtonElement>('#reset').addEventListener('click', async () => {
  status.textContent = demoStrings(locale).deleting;
  await crm.close();
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DEMO_DB);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
  location.reload();
});
