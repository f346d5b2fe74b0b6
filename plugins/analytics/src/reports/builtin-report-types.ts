import type { Activity, Company, Contact, Crm, Deal, HistoryEntry, Lead, StoredRow } from '@crmkit/core';
import { ACTIVITY_FIELDS, COMPANY_JOIN_FIELDS, CONTACT_JOIN_FIELDS, DEAL_FIELDS, LEAD_FIELDS, STAGE_CHANGE_FIELDS } from './report-fields.js';
import type { ReportRow, ReportType } from './report-type.js';

const DAY = 86_400_000;

/** A deal as a report row. */
export function dealReportRow(d: Deal): Record<string, unknown> {
  return {
    id: d.id,
    title: d.title,
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    status: d.status,
    ownerId: d.ownerId,
    createdAt: d.createdAt,
    closedAt: d.closedAt ?? null,
    amount: d.amount ?? null,
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate ?? null,
    lostReason: d.lostReason ?? null,
    companyId: d.companyId ?? null,
    leadId: d.leadId ?? null,
    cycleDays: d.closedAt ? (Date.parse(d.closedAt) - Date.parse(d.createdAt)) / DAY : null,
  };
}

/** Leads that are real leads (spam kept for review is left out of every report). */
async function realLeads(crm: Crm): Promise<Lead[]> {
  return (await crm.leads.list({ sort: 'createdAt' })).filter((l) => !l.spam);
}

/** When each lead was closed (entered a won or lost stage last), from its stage history. */
async function leadCloseTimes(crm: Crm, leads: readonly Lead[]): Promise<Map<string, string>> {
  const closed = new Set(leads.filter((l) => l.status !== 'open').map((l) => l.id));
  const out = new Map<string, string>();
  if (closed.size === 0) return out;
  for (const h of await crm.store.query<HistoryEntry & StoredRow>('history')) {
    if (h.type === 'closed' && h.recordType === 'lead' && closed.has(h.recordId) && (out.get(h.recordId) ?? '') <= h.at) out.set(h.recordId, h.at);
  }
  return out;
}

const dealsType: ReportType = {
  id: 'deals',
  label: { en: 'Deals', ru: 'Сделки', zh: '交易', mn: 'Хэлцлүүд', uz: 'Bitimlar' },
  entity: 'deal',
  fields: DEAL_FIELDS,
  tables: ['deals'],
  rows: async (crm) => (await crm.deals.list({ sort: 'createdAt' })).map(dealReportRow),
};

const leadsType: ReportType = {
  id: 'leads',
  label: { en: 'Leads', ru: 'Лиды', zh: '线索', mn: 'Боломжит харилцагчид', uz: 'Lidlar' },
  entity: 'lead',
  fields: LEAD_FIELDS,
  tables: ['leads', 'history'],
  async rows(crm) {
    const leads = await realLeads(crm);
    const closedAt = await leadCloseTimes(crm, leads);
    return leads.map((l) => ({
      id: l.id,
      name: l.name ?? null,
      companyName: l.companyName ?? null,
      pipelineId: l.pipelineId,
      stageId: l.stageId,
      status: l.status,
      ownerId: l.ownerId,
      createdAt: l.createdAt,
      closedAt: l.status === 'open' ? null : (closedAt.get(l.id) ?? l.updatedAt),
      source: l.source?.utm?.source || l.source?.channel || null,
      channel: l.source?.channel ?? null,
      medium: l.source?.utm?.medium ?? null,
      campaign: l.source?.utm?.campaign ?? null,
      closeReason: l.closeReason ?? null,
      converted: l.status === 'won',
      dealId: l.convertedTo?.dealId ?? null,
    }));
  },
};

const activitiesType: ReportType = {
  id: 'activities',
  label: { en: 'Next steps', ru: 'Следующие шаги', zh: '下一步', mn: 'Дараагийн алхмууд', uz: 'Keyingi qadamlar' },
  entity: 'activity',
  fields: ACTIVITY_FIELDS,
  tables: ['activities'],
  async rows(crm) {
    const now = crm.now().toISOString();
    return (await crm.activities.list()).map((a: Activity) => ({
      id: a.id,
      type: a.type,
      title: a.title,
      recordType: a.recordType,
      recordId: a.recordId,
      assigneeId: a.assigneeId,
      ownerId: a.ownerId,
      state: a.state,
      dueAt: a.dueAt,
      doneAt: a.doneAt ?? null,
      createdAt: a.createdAt,
      overdue: a.state === 'pending' && a.dueAt < now,
    }));
  },
};

const stageChangesType: ReportType = {
  id: 'stage-changes',
  label: { en: 'Stage changes', ru: 'Переходы по стадиям', zh: '阶段变更', mn: 'Үе шатны шилжилт', uz: 'Bosqich o‘zgarishlari' },
  entity: 'stage-change',
  related: [
    { name: 'deal', entity: 'deal', label: { en: 'Deal', ru: 'Сделка', zh: '交易', mn: 'Хэлцэл', uz: 'Bitim' } },
    { name: 'lead', entity: 'lead', label: { en: 'Lead', ru: 'Лид', zh: '线索', mn: 'Боломжит харилцагч', uz: 'Lid' } },
  ],
  fields: STAGE_CHANGE_FIELDS,
  tables: ['history', 'deals', 'leads'],
  async rows(crm) {
    const owners = new Map<string, string>();
    for (const d of await crm.deals.list()) owners.set(`deal:${d.id}`, d.ownerId);
    for (const l of await realLeads(crm)) owners.set(`lead:${l.id}`, l.ownerId);
    const rows: ReportRow[] = [];
    for (const h of await crm.store.query<HistoryEntry & StoredRow>('history')) {
      if (h.type !== 'stage_changed' || h.data['carriedFrom']) continue;
      const ownerId = owners.get(`${h.recordType}:${h.recordId}`);
      if (ownerId === undefined) continue;
      rows.push({ id: h.id, recordType: h.recordType, recordId: h.recordId, pipelineId: h.data['pipelineId'] ?? null, fromStageId: h.data['from'] ?? null, toStageId: h.data['to'] ?? null, at: h.at, by: h.by, ownerId });
    }
    return rows.sort((a, b) => (String(a['at']) < String(b['at']) ? -1 : String(a['at']) > String(b['at']) ? 1 : 0));
  },
};

function contactFields(c: Contact | undefined): Record<string, unknown> {
  return {
    'contact.id': c?.id ?? null,
    'contact.name': c?.name ?? null,
    'contact.phone': c?.phones[0] ?? null,
    'contact.email': c?.emails[0] ?? null,
    'contact.position': c?.position ?? null,
    'contact.city': c?.city ?? null,
  };
}

const dealsWithContactsType: ReportType = {
  id: 'deals-with-contacts',
  label: { en: 'Deals with contacts', ru: 'Сделки с контактами', zh: '交易及联系人', mn: 'Хэлцэл ба харилцагчид', uz: 'Bitimlar va kontaktlar' },
  entity: 'deal',
  related: [{ name: 'contact', entity: 'contact', label: { en: 'Contact', ru: 'Контакт', zh: '联系人', mn: 'Харилцагч', uz: 'Kontakt' } }],
  fields: { ...DEAL_FIELDS, ...CONTACT_JOIN_FIELDS },
  tables: ['deals', 'contacts'],
  async rows(crm) {
    // Contacts the user may not see stay empty: a row never shows what its reader may not see.
    const contacts = new Map((await crm.contacts.list()).map((c) => [c.id, c]));
    const rows: ReportRow[] = [];
    for (const d of await crm.deals.list({ sort: 'createdAt' })) {
      const base = dealReportRow(d);
      if (d.contactIds.length === 0) rows.push({ ...base, ...contactFields(undefined) });
      for (const id of d.contactIds) rows.push({ ...base, ...contactFields(contacts.get(id)) });
    }
    return rows;
  },
};

function companyFields(c: Company | undefined): Record<string, unknown> {
  return { 'company.id': c?.id ?? null, 'company.name': c?.name ?? null, 'company.city': c?.city ?? null, 'company.website': c?.website ?? null };
}

const dealsWithCompaniesType: ReportType = {
  id: 'deals-with-companies',
  label: { en: 'Deals with companies', ru: 'Сделки с компаниями', zh: '交易及公司', mn: 'Хэлцэл ба компаниуд', uz: 'Bitimlar va kompaniyalar' },
  entity: 'deal',
  related: [{ name: 'company', entity: 'company', label: { en: 'Company', ru: 'Компания', zh: '公司', mn: 'Компани', uz: 'Kompaniya' } }],
  fields: { ...DEAL_FIELDS, ...COMPANY_JOIN_FIELDS },
  tables: ['deals', 'companies'],
  async rows(crm) {
    const companies = new Map((await crm.companies.list()).map((c) => [c.id, c]));
    return (await crm.deals.list({ sort: 'createdAt' })).map((d) => ({ ...dealReportRow(d), ...companyFields(d.companyId ? companies.get(d.companyId) : undefined) }));
  },
};

/** The report types every analytics instance has. */
export const BUILTIN_REPORT_TYPES: readonly ReportType[] = [dealsType, leadsType, activitiesType, stageChangesType, dealsWithContactsType, dealsWithCompaniesType];
