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
 * assignee, with its `field_changed` history entry; its other steps follow
 * (`stepsFollowOwner`). Nothing when the record is gone or already theirs. @internal
 */
export async function handRecordOver(rt: Runtime, tx: StoreOps, actor: Actor, step: Activity, to: string, at: string): Promise<void> {
  const table = TABLE_OF[step.recordType];
  const record = await tx.get(table, step.recordId);
  if (!record || record['ownerId'] === to) return;
  await tx.put(table, { ...record, ownerId: to, version: (record['version'] as number) + 1, updatedAt: at });
  const changes = { ownerId: { from: record['ownerId'], to } };
  const entry = rt.historyEntry(step.recordType, step.recordId, 'field_changed', actor.id, { changes, reason: 'step hand-over', activityId: step.id }, at);
  await rt.appendHistory(tx, [entry]);
  await stepsFollowOwner(rt, tx, actor, step.recordId, to, at);
}

/** A step `stepsFollowOwner` handed to a record's new owner, as it was before. @internal */
export interface ReassignedStep {
  /** The step before. */
  before: Activity;
  /** Its version after. */
  version: number;
  /** The `activity_reassigned` entry written. */
  historyId: string;
}

/**
 * Inside a write that gives a record to `ownerId`: its steps go along. Their
 * owner mark follows, so the previous owner no longer sees steps of a record
 * they cannot open (the mark is bookkeeping: no version, no history); and a
 * pending step assigned to a manager who cannot open the record any more is
 * handed to the new owner, with its `activity_reassigned` entry (`reason:
 * 'owner changed'`). Returns the steps handed over. @internal
 */
export async function stepsFollowOwner(rt: Runtime, tx: StoreOps, actor: Actor, recordId: string, ownerId: string, at: string): Promise<ReassignedStep[]> {
  const out: ReassignedStep[] = [];
  const entries: HistoryEntry[] = [];
  for (const row of await tx.query('activities', { index: 'recordId', equals: recordId })) {
    const a = row as unknown as Activity;
    const stranded = a.state === 'pending' && a.assigneeId !== ownerId && rt.users.get(a.assigneeId)?.role === 'manager';
    if (!stranded) {
      if (a.ownerId !== ownerId) await tx.put('activities', { ...row, ownerId });
      continue;
    }
    const next: Activity = { ...a, ownerId, assigneeId: ownerId, version: a.version + 1, updatedAt: at };
    await tx.put('activities', next as unknown as StoredRow);
    const entry = rt.historyEntry(a.recordType, a.recordId, 'activity_reassigned', actor.id, { activityId: a.id, title: a.title, from: a.assigneeId, to: ownerId, reason: 'owner changed' }, at);
    entries.push(entry);
    out.push({ before: a, version: next.version, historyId: entry.id });
  }
  await rt.appendHistory(tx, entries);
  return out;
}

/** Sets the owner mark of a record's steps (an undone import puts the record's owner back). @internal */
export async function markStepOwner(tx: StoreOps, recordId: string, ownerId: string): Promise<void> {
  for (const a of await tx.query('activities', { index: 'recordId', equals: recordId })) {
    if (a['ownerId'] !== ownerId) await tx.put('activities', { ...a, ownerId });
  }
}

/** The table a step's record lives in. @internal */
export function recordTableOf(step: Activity): TableName {
  return TABLE_OF[step.recordType];
}
