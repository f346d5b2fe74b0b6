import type { StoredRow } from '@crmkit/core';
import type { ActivityRowInput } from './activity-table.js';
import type { FunnelRowInput } from './funnel-table.js';

type Row = StoredRow & Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A funnel row with what deals and leads share (where the record stands,
 * whose it is, when it came in) read from `r`; the fields each reads its own
 * way start empty and are set by the caller. Every row has the same shape and
 * is allocated once: building the index reads every deal and lead this way.
 */
function funnelRow(r: Row): FunnelRowInput {
  return {
    id: r.id,
    pipelineId: String(r['pipelineId']),
    stageId: String(r['stageId']),
    status: String(r['status']),
    ownerId: String(r['ownerId']),
    createdAt: String(r['createdAt']),
    closedAt: undefined,
    amount: undefined,
    currency: undefined,
    reason: undefined,
    source: undefined,
    campaign: undefined,
    link: undefined,
    spam: undefined,
  };
}

/** What the index keeps of a stored deal. */
export function dealRow(r: Row): FunnelRowInput {
  const row = funnelRow(r);
  row.closedAt = str(r['closedAt']);
  row.amount = typeof r['amount'] === 'number' ? r['amount'] : undefined;
  row.currency = str(r['currency']);
  row.reason = str(r['lostReason']);
  row.link = str(r['leadId']);
  return row;
}

/** What the index keeps of a stored lead. */
export function leadRow(r: Row): FunnelRowInput {
  const source = (r['source'] ?? undefined) as { channel?: string; utm?: { source?: string; campaign?: string } } | undefined;
  const convertedTo = r['convertedTo'] as { dealId?: string } | undefined;
  const row = funnelRow(r);
  // Leads carry no close time: the stage history gives it; the last change is the fallback for leads without history.
  row.closedAt = str(r['updatedAt']);
  row.reason = str(r['closeReason']);
  row.source = str(source?.utm?.source) ?? str(source?.channel);
  row.campaign = str(source?.utm?.campaign);
  row.link = str(convertedTo?.dealId);
  row.spam = r['spam'] === true;
  return row;
}

/** What the index keeps of a stored next step. */
export function activityRow(r: Row): ActivityRowInput {
  return {
    id: r.id,
    recordId: String(r['recordId']),
    ownerId: String(r['ownerId']),
    assigneeId: String(r['assigneeId']),
    state: String(r['state']),
    dueAt: String(r['dueAt']),
    doneAt: str(r['doneAt']),
  };
}
