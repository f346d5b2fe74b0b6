import type { StoredRow } from '@crmkit/core';
import type { ActivityRowInput } from './activity-table.js';
import type { FunnelRowInput } from './funnel-table.js';

type Row = StoredRow & Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What the index keeps of a stored deal. */
export function dealRow(r: Row): FunnelRowInput {
  return {
    id: r.id,
    pipelineId: String(r['pipelineId']),
    stageId: String(r['stageId']),
    status: String(r['status']),
    ownerId: String(r['ownerId']),
    createdAt: String(r['createdAt']),
    closedAt: str(r['closedAt']),
    amount: typeof r['amount'] === 'number' ? r['amount'] : undefined,
    currency: str(r['currency']),
    reason: str(r['lostReason']),
    link: str(r['leadId']),
  };
}

/** What the index keeps of a stored lead. */
export function leadRow(r: Row): FunnelRowInput {
  const source = (r['source'] ?? undefined) as { channel?: string; utm?: { source?: string; campaign?: string } } | undefined;
  const convertedTo = r['convertedTo'] as { dealId?: string } | undefined;
  return {
    id: r.id,
    pipelineId: String(r['pipelineId']),
    stageId: String(r['stageId']),
    status: String(r['status']),
    ownerId: String(r['ownerId']),
    createdAt: String(r['createdAt']),
    // Leads carry no close time: the stage history gives it; the last change is the fallback for leads without history.
    closedAt: str(r['updatedAt']),
    reason: str(r['closeReason']),
    source: str(source?.utm?.source) ?? str(source?.channel),
    campaign: str(source?.utm?.campaign),
    link: str(convertedTo?.dealId),
    spam: r['spam'] === true,
  };
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
