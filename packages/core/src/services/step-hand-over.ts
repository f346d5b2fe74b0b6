import { ForbiddenError, ValidationError } from '../errors.js';
import { validationMessage } from '../i18n/validation-messages.js';
import type { Runtime } from '../runtime.js';
import type { Activity } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { StoredRow, StoreOps, TableName } from '../store/store.js';
import { canAccess, type Actor } from './actor.js';

const TABLE_OF: Record<Activity['recordType'], TableName> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };

/** Whether a hand-over also hands the record over. @internal */
export interface HandOver {
  /** The new assignee. */
  to: string;
  /** True when the new assignee is a manager who could not open the record: its owner becomes them. */
  movesRecord: boolean;
}

/**
 * The rule a step's hand-over (assignee change) follows, the same as a
 * record's owner change: the new assignee must be a configured user; a
 * manager works only their own records, so may take a step onto themselves
 * but not give it to someone else (`ForbiddenError` naming `assigneeId`).
 * A head, admin or the system may hand a step to anyone; when the new
 * assignee is a manager who could not open the record, the record goes to
 * them too (as the overdue hand-over does), so nobody holds a step they
 * cannot work. @internal
 */
export async function checkHandOver(rt: Runtime, actor: Actor, step: Activity, to: string): Promise<HandOver> {
  if (rt.users.size > 0 && to !== 'system' && !rt.users.has(to)) {
    throw new ValidationError([{ path: ['assigneeId'], code: 'invalid_option', message: `${validationMessage('invalid_option', rt.locale)}: unknown user "${to}"` }], 'activity');
  }
  if (actor.role === 'manager' && to !== actor.id) {
    throw new ForbiddenError(actor.id, `User "${actor.id}" (manager) cannot set assigneeId of activity "${step.id}" to "${to}": managers hand steps only to themselves`);
  }
  const receiver = rt.users.get(to);
  if (receiver?.role !== 'manager') return { to, movesRecord: false };
  const record = await rt.store.get<StoredRow & { ownerId?: string }>(TABLE_OF[step.recordType], step.recordId);
  return { to, movesRecord: record !== undefined && !canAccess({ id: to, role: 'manager' }, record.ownerId) };
}

/**
 * Inside the hand-over's transaction: gives the step's record to the new
 * assignee, with its `field_changed` history entry. Returns the entry (none
 * when the record is gone or already theirs). @internal
 */
export async function handRecordOver(rt: Runtime, tx: StoreOps, actor: Actor, step: Activity, to: string, at: string): Promise<HistoryEntry[]> {
  const table = TABLE_OF[step.recordType];
  const record = await tx.get(table, step.recordId);
  if (!record || record['ownerId'] === to) return [];
  await tx.put(table, { ...record, ownerId: to, version: (record['version'] as number) + 1, updatedAt: at });
  await stepsFollowOwner(tx, step.recordId, to);
  const changes = { ownerId: { from: record['ownerId'], to } };
  return [rt.historyEntry(step.recordType, step.recordId, 'field_changed', actor.id, { changes, reason: 'step hand-over', activityId: step.id }, at)];
}

/**
 * Inside a write that gives a record to `ownerId`: its steps' owner mark
 * follows, so the previous owner no longer sees steps of a record they
 * cannot open (steps assigned to them stay theirs). The mark is bookkeeping:
 * the step's version and history do not change. @internal
 */
export async function stepsFollowOwner(tx: StoreOps, recordId: string, ownerId: string): Promise<void> {
  for (const a of await tx.query('activities', { index: 'recordId', equals: recordId })) {
    if (a['ownerId'] !== ownerId) await tx.put('activities', { ...a, ownerId });
  }
}

/** The table a step's record lives in. @internal */
export function recordTableOf(step: Activity): TableName {
  return TABLE_OF[step.recordType];
}
