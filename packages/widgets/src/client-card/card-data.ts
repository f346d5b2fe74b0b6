import type { Activity, Company, Contact, Crm, Deal, HistoryEntry, Lead, Pipeline, RecordType, Stage } from '@crmkit/core';
import type { RecordRef } from './record-ref.js';

/** Any record a client card can show. */
export type CardRecord = Contact | Company | Lead | Deal;

/** Everything a client card shows about one record (kept live by `CardLiveData`). */
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

/** The stage of a lead or deal, or `undefined` when its pipeline is unknown. */
export function stageOf(crm: Crm, record: Lead | Deal): Stage | undefined {
  return crm.pipelines.list().find((p) => p.id === record.pipelineId)?.stages.find((s) => s.id === record.stageId);
}
