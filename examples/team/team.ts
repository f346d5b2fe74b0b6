// The team demo: the funnel board, the client card and the planner over
// remoteCrm, talking to the local crmkit-server that `npm start` serves under
// /api/. Each tab signs in with its own API token (kept in sessionStorage, so
// two tabs can be two users); "Work offline" cuts this tab's network to show
// the queued writes, their replay and a conflict.
import { remoteCrm, type RemoteCrm, type Role, type SyncFailure } from '@crmkit/core';
import { defineClientCard, defineFunnelBoard, definePlanner, type CardOpenDetail, type CrmClientCard, type CrmFunnelBoard, type CrmPlanner, type StepOpenDetail } from '@crmkit/widgets';

defineFunnelBoard();
defineClientCard();
definePlanner();

interface DemoUser {
  id: string;
  name: string;
  role: Role;
  token: string;
}

const TOKEN_KEY = 'crmkit-team-token';
const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const board = $<CrmFunnelBoard>('crm-funnel-board');
const card = $<CrmClientCard>('crm-client-card');
const planner = $<CrmPlanner>('crm-planner');
const syncStatus = $<HTMLParagraphElement>('#sync');
const failures = $<HTMLUListElement>('#failures');
const offline = $<HTMLInputElement>('#offline');
const localeSelect = $<HTMLSelectElement>('#locale');

localeSelect.value = localStorage.getItem('crmkit-demo-locale') ?? 'en';
document.documentElement.lang = localeSelect.value;
localeSelect.addEventListener('change', () => {
  document.documentElement.lang = localeSelect.value;
  localStorage.setItem('crmkit-demo-locale', localeSelect.value);
});

/** This tab's network: "Work offline" makes every request fail as it would without a connection. */
const tabFetch: typeof fetch = (input, init) => (offline.checked ? Promise.reject(new TypeError('Failed to fetch (working offline)')) : fetch(input, init));
offline.addEventListener('change', () => {
  if (!offline.checked) window.dispatchEvent(new Event('online'));
  void showSync();
});

let crm: RemoteCrm | undefined;

async function showSync(): Promise<void> {
  if (!crm) return;
  const pending = (await crm.sync.pending()).length;
  const state = crm.sync.online ? 'Online' : 'Offline';
  syncStatus.textContent = `${state}${pending ? ` · ${pending} change${pending === 1 ? '' : 's'} waiting to be sent` : ' · everything saved on the server'}`;
}

function showFailure({ write, error }: SyncFailure): void {
  const li = document.createElement('li');
  const what = write.method === 'PATCH' ? 'An edit' : write.path.endsWith('/move') ? 'A move' : 'A change';
  li.textContent = `${what} made offline was not applied: ${error.code === 'conflict' ? 'someone else changed the record meanwhile (their version stands).' : error.message} `;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Dismiss';
  dismiss.addEventListener('click', () => {
    li.remove();
    void crm?.sync.dismiss(write.id);
  });
  li.append(dismiss);
  failures.append(li);
}

async function start(token: string): Promise<void> {
  crm = await remoteCrm({ url: '/api', token, fetch: tabFetch, locale: localeSelect.value });
  sessionStorage.setItem(TOKEN_KEY, token);
  const me = crm.currentUser!;
  $<HTMLParagraphElement>('#who').textContent = `Signed in as ${me.name} (${me.role})`;
  document.title = `${me.name} — crmkit team demo`;
  board.crm = crm;
  card.crm = crm;
  planner.crm = crm;
  crm.on('sync:state', () => void showSync());
  crm.on('sync:failed', showFailure);
  for (const failure of await crm.sync.failures()) showFailure(failure);
  $<HTMLElement>('#sign-in').hidden = true;
  $<HTMLElement>('#workspace').hidden = false;
  await showSync();
}

function openRecord(detail: CardOpenDetail): void {
  $<HTMLParagraphElement>('#opened').hidden = true;
  card.hidden = false;
  card.record = `${detail.recordType}:${detail.id}`;
}
board.addEventListener('crm-card-open', (e) => openRecord((e as CustomEvent<CardOpenDetail>).detail));
planner.addEventListener('crm-step-open', (e) => {
  const { activity } = (e as CustomEvent<StepOpenDetail>).detail;
  card.hidden = false;
  card.record = `${activity.recordType}:${activity.recordId}`;
});

$<HTMLButtonElement>('#sign-out').addEventListener('click', async () => {
  sessionStorage.removeItem(TOKEN_KEY);
  await crm?.close();
  location.reload();
});

async function signInWith(token: string): Promise<void> {
  const error = $<HTMLParagraphElement>('#sign-in-error');
  error.textContent = '';
  try {
    await start(token);
  } catch (e) {
    error.textContent = `Could not sign in: ${(e as Error).message}`;
  }
}

async function showSignIn(): Promise<void> {
  $<HTMLElement>('#sign-in').hidden = false;
  const list = $<HTMLUListElement>('#users');
  try {
    const users = (await (await fetch('/__team/users')).json()) as DemoUser[];
    for (const user of users) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `${user.name} (${user.role})`;
      button.addEventListener('click', () => void signInWith(user.token));
      li.append(button);
      list.append(li);
    }
  } catch {
    list.textContent = 'The demo users are not available (is this page served by npm start?).';
  }
  $<HTMLFormElement>('#token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void signInWith($<HTMLInputElement>('#token').value.trim());
  });
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) await signInWith(saved).then(() => (crm ? undefined : showSignIn()));
else await showSignIn();
