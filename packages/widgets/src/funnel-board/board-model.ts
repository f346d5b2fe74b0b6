import type { Activity, Deal, Lead, Pipeline, Stage } from '@crmkit/core';

/** A lead or a deal as the board shows it. */
export type BoardRecord = Lead | Deal;

/** How urgent a card is: `overdue` next step, `missing` next step, or `planned`. */
export type Urgency = 'overdue' | 'missing' | 'planned';

/** One card, with everything the board needs to draw and sort it. */
export interface BoardCard {
  record: BoardRecord;
  title: string;
  client: string;
  /** The soonest pending next step, if any. */
  next: Activity | undefined;
  urgency: Urgency;
}

/** One open stage's column. */
export interface BoardColumn {
  stage: Stage;
  cards: BoardCard[];
  /** Money total per currency (deals only). */
  totals: Map<string, number>;
}

/** Names of companies and contacts by id, filled in batches. */
export interface ClientNames {
  companies: ReadonlyMap<string, string>;
  contacts: ReadonlyMap<string, string>;
}

/** The card title: a deal's title; a lead's name, company, phone or email. */
export function titleOf(record: BoardRecord): string {
  if ('title' in record) return record.title;
  return record.name || record.companyName || record.phone || record.email || record.id;
}

/** The client line: a deal's company (else its first contact); a lead's company (or name when the title is the company). */
export function clientOf(record: BoardRecord, names: ClientNames): string {
  if ('title' in record) {
    const company = record.companyId ? names.companies.get(record.companyId) : undefined;
    if (company) return company;
    const contact = record.contactIds[0] ? names.contacts.get(record.contactIds[0]) : undefined;
    return contact ?? '';
  }
  const contact = record.contactId ? names.contacts.get(record.contactId) : undefined;
  if (record.name && record.companyName) return record.companyName;
  return contact && contact !== titleOf(record) ? contact : '';
}

/** The soonest pending next step of each record (`activities` sorted soonest first, as `crm.activities.list` returns them). */
export function nextSteps(activities: readonly Activity[]): Map<string, Activity> {
  const out = new Map<string, Activity>();
  for (const a of activities) {
    if (a.state !== 'pending') continue;
    const seen = out.get(a.recordId);
    if (!seen || a.dueAt < seen.dueAt) out.set(a.recordId, a);
  }
  return out;
}

/** What the board filters by. */
export interface BoardFilter {
  ownerId?: string;
  text?: string;
}

/**
 * Groups open records into one column per open stage, most urgent first:
 * overdue next steps (longest overdue first), then records with no next step
 * (oldest first), then the soonest due. Closed records are left out.
 */
export function buildColumns(pipeline: Pipeline, records: readonly BoardRecord[], steps: ReadonlyMap<string, Activity>, names: ClientNames, filter: BoardFilter, nowIso: string): BoardColumn[] {
  const columns = new Map<string, BoardColumn>();
  for (const stage of pipeline.stages) if (stage.kind === 'open') columns.set(stage.id, { stage, cards: [], totals: new Map() });
  const text = filter.text?.trim().toLowerCase();
  for (const record of records) {
    if (record.status !== 'open' || record.pipelineId !== pipeline.id) continue;
    const column = columns.get(record.stageId);
    if (!column) continue;
    if (filter.ownerId && record.ownerId !== filter.ownerId) continue;
    const title = titleOf(record);
    const client = clientOf(record, names);
    if (text && !title.toLowerCase().includes(text) && !client.toLowerCase().includes(text)) continue;
    const next = steps.get(record.id);
    const urgency: Urgency = !next ? 'missing' : next.dueAt < nowIso ? 'overdue' : 'planned';
    column.cards.push({ record, title, client, next, urgency });
    if ('amount' in record && record.amount !== undefined) column.totals.set(record.currency, (column.totals.get(record.currency) ?? 0) + record.amount);
  }
  const rank: Record<Urgency, number> = { overdue: 0, missing: 1, planned: 2 };
  for (const column of columns.values()) {
    column.cards.sort((a, b) => {
      const r = rank[a.urgency] - rank[b.urgency];
      if (r) return r;
      const ka = a.next?.dueAt ?? a.record.createdAt;
      const kb = b.next?.dueAt ?? b.record.createdAt;
      return ka < kb ? -1 : ka > kb ? 1 : a.record.id < b.record.id ? -1 : 1;
    });
  }
  return [...columns.values()];
}
