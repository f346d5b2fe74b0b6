// The core demo: create a lead, move it, convert or close it, read its history.
// Plain DOM with textContent only: whatever a visitor types is shown as text.
import { createCrm, dexieStore, localize, ValidationError, CrmError, type Lead, type HistoryEntry } from '@crmkit/core';

const crm = await createCrm({
  store: dexieStore('crmkit-demo-core'),
  locale: 'en',
  phoneCountry: 'RU',
  users: [{ id: 'demo', name: 'You (demo admin)', role: 'admin' }],
  currentUser: 'demo',
});
const pipeline = crm.pipelines.get('leads');
const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const status = $<HTMLParagraphElement>('#status');
let selected: string | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== undefined) e.textContent = text;
  return e;
}

function explain(err: unknown): string {
  if (err instanceof ValidationError) return err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  if (err instanceof CrmError) return err.message;
  return String(err);
}

async function act(what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
    status.textContent = what;
  } catch (err) {
    status.textContent = `Could not ${what.toLowerCase()}: ${explain(err)}`;
  }
}

$<HTMLFormElement>('#lead-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const errors = $<HTMLParagraphElement>('#form-errors');
  try {
    const lead = await crm.leads.create({ ...data, source: { channel: 'demo', pageUrl: location.href } });
    errors.textContent = '';
    form.reset();
    selected = lead.id;
    status.textContent = lead.contactId ? 'Lead created and linked to a known contact.' : 'Lead created.';
    void showHistory();
  } catch (err) {
    errors.textContent = explain(err);
  }
});

function renderLeads(leads: Lead[]): void {
  const body = $<HTMLTableSectionElement>('#leads tbody');
  body.replaceChildren(
    ...leads.map((lead) => {
      const row = el('tr');
      const who = el('td');
      who.append(el('strong', lead.name ?? '(no name)'), el('br'), el('span', [lead.phone, lead.email, lead.companyName].filter(Boolean).join(' · ')));
      const stageCell = el('td');
      const stage = pipeline.stages.find((s) => s.id === lead.stageId);
      if (lead.status === 'open') {
        const select = el('select', undefined, { ariaLabel: `Stage of ${lead.name ?? lead.phone ?? lead.email}` });
        for (const s of pipeline.stages.filter((x) => x.kind === 'open')) select.append(el('option', localize(s.name, 'en'), { value: s.id, selected: s.id === lead.stageId }));
        select.addEventListener('change', () => act('Lead moved.', () => crm.leads.moveToStage(lead.id, select.value)));
        stageCell.append(select, el('br'), el('small', localize(stage?.description, 'en')));
      } else {
        stageCell.append(el('span', `${localize(stage?.name, 'en')}${lead.closeReason ? ` (${lead.closeReason})` : ''}`, { className: `stage-${lead.status}` }));
      }
      const actions = el('td');
      const history = el('button', 'History', { type: 'button' });
      history.addEventListener('click', () => {
        selected = lead.id;
        void showHistory();
      });
      actions.append(history);
      if (lead.status === 'open') {
        const convert = el('button', 'Convert to deal', { type: 'button' });
        convert.addEventListener('click', () => act('Lead converted into a deal.', () => crm.leads.convert(lead.id)));
        const junk = el('button', 'Close as junk', { type: 'button' });
        junk.addEventListener('click', () => act('Lead closed.', () => crm.leads.close(lead.id, { reason: 'untargeted' })));
        actions.append(' ', convert, ' ', junk);
      }
      row.append(who, stageCell, actions);
      return row;
    }),
  );
  if (leads.length === 0) {
    const empty = el('tr');
    empty.append(el('td', 'No leads yet: create one above.', { colSpan: 3 }));
    body.append(empty);
  }
}

function describe(h: HistoryEntry): string {
  const d = h.data as Record<string, unknown>;
  switch (h.type) {
    case 'stage_changed':
      return `moved from ${localize(pipeline.stages.find((s) => s.id === d['from'])?.name, 'en') || String(d['from'])} to ${localize(pipeline.stages.find((s) => s.id === d['to'])?.name, 'en') || String(d['to'])}`;
    case 'closed':
      return `closed: ${String(d['outcome'])}${d['reason'] ? `, reason ${String(d['reason'])}` : ''}`;
    case 'converted':
      return `converted into deal ${String(d['dealId'])}`;
    case 'field_changed':
      return `changed ${Object.keys((d['changes'] as object) ?? {}).join(', ')}`;
    default:
      return h.type.replace('_', ' ');
  }
}

let stopHistory: (() => void) | undefined;
async function showHistory(): Promise<void> {
  stopHistory?.();
  if (!selected) return;
  const lead = await crm.leads.find(selected);
  $<HTMLSpanElement>('#history-of').textContent = lead ? `of ${lead.name ?? lead.phone ?? lead.email}` : '';
  stopHistory = crm.history.watch({ recordType: 'lead', recordId: selected }, (entries) => {
    $<HTMLOListElement>('#history').replaceChildren(...entries.map((h) => el('li', `${new Date(h.at).toLocaleString('en')} — ${describe(h)} (by ${crm.users.list().find((u) => u.id === h.by)?.name ?? h.by})`)));
  });
}

crm.leads.watch({ pipelineId: 'leads' }, renderLeads);
crm.deals.watch({}, (deals) => {
  $<HTMLUListElement>('#deals').replaceChildren(...deals.map((d) => el('li', `${d.title} — ${localize(crm.pipelines.stage(d.pipelineId, d.stageId).name, 'en')}`)));
});
