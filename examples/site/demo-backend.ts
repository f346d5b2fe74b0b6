// The demo's stand-in for a server: crmkit's REST intake (the real
// createIntakeHandler, through msw in this tab) storing leads in a local CRM,
// and a panel listing them as they arrive. Plain DOM with textContent only.
import { createCrm, dexieStore, type Lead } from '@crmkit/core';
import { mockBackend } from '@crmkit/plugin-channels';
import type { CrmLeadForm } from '@crmkit/widgets';

const crm = await createCrm({ store: dexieStore('crmkit-demo-site'), automationIntervalMs: false });
const backend = mockBackend({ restEndpoint: '/api/leads', crm, delayMs: 400 });
await backend.start();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const list = $<HTMLOListElement>('#leads');
const events = $<HTMLParagraphElement>('#events');

function line(text: string, cls?: string): HTMLElement {
  const e = document.createElement(cls ? 'div' : 'strong');
  if (cls) e.className = cls;
  e.textContent = text;
  return e;
}

async function render(): Promise<void> {
  const leads = (await crm.leads.list()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  list.replaceChildren(
    ...leads.map((l: Lead) => {
      const li = document.createElement('li');
      const who = [l.name, l.phone, l.email].filter(Boolean).join(' · ');
      li.append(line(`${who}${l.spam ? ' (spam)' : ''}`));
      if (l.message) li.append(line(`“${l.message}”`, 'meta'));
      const utm = l.source?.utm ? Object.entries(l.source.utm).map(([k, v]) => `${k}=${v}`).join(', ') : 'no UTM';
      li.append(line(`${new Date(l.createdAt).toLocaleString()} · stage ${l.stageId} · ${utm} · consent ${l.consent ? `v${l.consent.version ?? '?'} (${l.consent.locale})` : 'none'} · key ${l.idempotencyKey ?? '—'}`, 'meta'));
      return li;
    }),
  );
  if (!leads.length) list.replaceChildren(line('No leads yet — send the form above.', 'meta'));
}

crm.on('change', (e) => {
  if (e.table === 'leads') void render();
});
await render();

for (const type of ['crm-lead-submit', 'crm-lead-queued', 'crm-lead-created', 'crm-lead-error']) {
  document.addEventListener(type, (e) => {
    const d = (e as CustomEvent<{ reason?: string; message?: string; duplicate?: boolean }>).detail;
    events.textContent = `Last form event: ${type}${d.reason ? ` (${d.reason})` : ''}${d.message ? ` — ${d.message}` : ''}${d.duplicate ? ' (duplicate: the server already had it)' : ''}`;
  });
}

$('#fail3').addEventListener('click', () => {
  backend.failNext(3, 503, 1);
  events.textContent = 'The next 3 requests will fail with 503; the form keeps the lead and retries.';
});
$('#drop').addEventListener('click', () => {
  backend.dropResponseAfterStore(1);
  events.textContent = 'The next lead will be stored but its response lost; the retry is recognised by its Idempotency-Key.';
});
$('#clear').addEventListener('click', async () => {
  for (const l of await crm.leads.list()) await crm.leads.remove(l.id);
  await render();
});
$<HTMLSelectElement>('#lang').addEventListener('change', (e) => {
  $<CrmLeadForm>('#lead-form').locale = (e.target as HTMLSelectElement).value;
});
