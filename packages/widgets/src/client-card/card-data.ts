import type { Activity, Company, Contact, Crm, Deal, HistoryEntry, Lead, Pipeline, RecordType, Stage } from '@crmkit/core';
import type { RecordRef } from './record-ref.js';

/** Any record a client card can show. */
export type CardRecord = Contact | Company | Lead | Deal;

/** Everything a client card shows about one record, read in one go. */
export interface CardData {
  /** The record's type. */
  type: RecordType;
  /** The record itself. */
  record: CardRecord;
  /** For leads and deals: their pipeline. */
  pipeline?: Pipeline;
  /** For leads and deals: their current stage. */
  stage?: Stage;
  /** A contact's or deal's company. */
  company?: Company;
  /** A company's contact persons, a deal's contacts, a lead's linked contact. */
  contacts: Contact[];
  /** Related deals (of a contact or company; the deal a lead became). */
  deals: Deal[];
  /** Related leads (linked to a contact; the lead a deal came from). */
  leads: Lead[];
  /** Pending next steps, soonest first. */
  pending: Activity[];
  /** The timeline, oldest first (as the core returns it). */
  history: HistoryEntry[];
}

/** The record of `ref`; throws `NotFoundError` / `ForbiddenError` like the services do. */
export async function readRecord(crm: Crm, ref: RecordRef): Promise<CardRecord> {
  switch (ref.type) {
    case 'contact':
      return crm.contacts.get(ref.id);
    case 'company':
      return crm.companies.get(ref.id);
    case 'lead':
      return crm.leads.get(ref.id);
    case 'deal':
      return crm.deals.get(ref.id);
  }
}

/** Reads a record with what the card shows around it: related records, pending next steps and the timeline. */
export async function loadCardData(crm: Crm, ref: RecordRef): Promise<CardData> {
  const record = await readRecord(crm, ref);
  const data: CardData = { type: ref.type, record, contacts: [], deals: [], leads: [], pending: [], history: [] };
  const [pending, history] = await Promise.all([
    crm.activities.list({ recordId: ref.id, state: 'pending' }).then((rows) => rows.filter((a) => a.recordType === ref.type)),
    crm.history.list({ recordType: ref.type, recordId: ref.id }),
  ]);
  data.pending = pending;
  data.history = history;
  switch (ref.type) {
    case 'contact': {
      const c = record as Contact;
      const [company, deals, leads] = await Promise.all([
        c.companyId ? crm.companies.find(c.companyId) : undefined,
        crm.deals.list({ contactId: c.id }),
        crm.leads.list({ contactId: c.id }),
      ]);
      if (company) data.company = company;
      data.deals = deals;
      data.leads = leads;
      break;
    }
    case 'company': {
      const [contacts, deals] = await Promise.all([crm.contacts.list({ companyId: record.id, sort: 'createdAt' }), crm.deals.list({ companyId: record.id })]);
      data.contacts = contacts;
      data.deals = deals;
      break;
    }
    case 'deal': {
      const d = record as Deal;
      const [company, contacts, lead] = await Promise.all([
        d.companyId ? crm.companies.find(d.companyId) : undefined,
        d.contactIds.length ? crm.contacts.list({ ids: d.contactIds, sort: 'createdAt' }) : [],
        d.leadId ? crm.leads.find(d.leadId) : undefined,
      ]);
      if (company) data.company = company;
      data.contacts = contacts;
      if (lead) data.leads = [lead];
      break;
    }
    case 'lead': {
      const l = record as Lead;
      const contactIds = [...new Set([l.contactId, l.convertedTo?.contactId].filter((x): x is string => Boolean(x)))];
      const [contacts, deal, company] = await Promise.all([
        contactIds.length ? crm.contacts.list({ ids: contactIds }) : [],
        l.convertedTo ? crm.deals.find(l.convertedTo.dealId) : undefined,
        l.convertedTo?.companyId ? crm.companies.find(l.convertedTo.companyId) : undefined,
      ]);
      data.contacts = contacts;
      if (deal) data.deals = [deal];
      if (company) data.company = company;
      break;
    }
  }
  if (ref.type === 'lead' || ref.type === 'deal') {
    const funnel = record as Lead | Deal;
    const pipeline = crm.pipelines.list().find((p) => p.id === funnel.pipelineId);
    if (pipeline) {
      data.pipeline = pipeline;
      const stage = pipeline.stages.find((s) => s.id === funnel.stageId);
      if (stage) data.stage = stage;
    }
  }
  return data;
}

/** The stage of a lead or deal, or `undefined` when its pipeline is unknown. */
export function stageOf(crm: Crm, record: Lead | Deal): Stage | undefined {
  return crm.pipelines.list().find((p) => p.id === record.pipelineId)?.stages.find((s) => s.id === record.stageId);
}
