import * as z from 'zod/mini';
import { ConflictError, ForbiddenError, NextStepRequiredError, NotFoundError, ValidationError } from '../errors.js';
import { newId } from '../ids.js';
import { validationMessage } from '../i18n/validation-messages.js';
import type { Runtime } from '../runtime.js';
import { ActivityInputSchema, type Activity, type ActivityInput, type RecordType } from '../schemas/activity.js';
import type { StoreOps, StoredRow, TableName } from '../store/store.js';
import { validate } from '../validate.js';
import { compareDue, matchesActivityQuery } from './activity-match.js';
import { assertAccess, canAccess, type Actor } from './actor.js';
import { cleanInput, splitPatch } from './input-cleaning.js';
import { nextStepEnforced } from './stage-rules.js';
import { checkHandOver, handRecordOver, recordTableOf } from './step-hand-over.js';
import { diffRecords } from './record-diff.js';
import type { ListOptions, WatchOptions } from './watch-options.js';
import { liveQuery, type LiveChange, type LiveQuerySource } from '../live/live-query.js';
import type { ListCursor } from './list-window.js';
import { scanSteps, type ScanningStore } from './step-window.js';

/** Filters for `crm.activities.list`. */
export interface ActivityQuery {
  /** Steps of one record. */
  recordId?: string;
  /** Steps of one record type. */
  recordType?: RecordType;
  /** Steps assigned to this user. */
  assigneeId?: string;
  /** `pending` or `done`. */
  state?: 'pending' | 'done';
  /** Only steps due before this time. */
  dueBefore?: Date | string;
  /** Only steps due at or after this time (with `dueBefore`, a day of the planner). */
  dueFrom?: Date | string;
  /** Keyset position: only steps after the one with this `dueAt` (`key`) and `id`, in the list's order. */
  after?: ListCursor;
  /** At most this many (soonest due first). */
  limit?: number;
}

/** Options of `complete`. */
export interface CompleteOptions {
  /** What happened ("Agreed on a demo"). */
  result?: string;
  /** The next step to schedule on the same record, in the same write. */
  next?: Omit<ActivityInput, 'recordType' | 'recordId'>;
}

/** A lead or deal with nothing scheduled. */
export interface MissingNextStep {
  /** `lead` or `deal`. */
  recordType: 'lead' | 'deal';
  /** The record. */
  record: StoredRow & { id: string; ownerId: string; stageId: string; pipelineId: string };
}

const PatchSchema = z.partial(z.pick(ActivityInputSchema, { type: true, title: true, dueAt: true, assigneeId: true, note: true, completeOnStageLeave: true }));

const TABLE_OF: Record<RecordType, 'contacts' | 'companies' | 'leads' | 'deals'> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };

function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/**
 * `crm.activities`: next steps. The rule from practice: after every
 * interaction an open lead or deal gets its next step or is closed with a
 * reason; `missingNextStep()` and `overdue()` find the ones that slipped.
 */
export class ActivityService {
  /** @internal */
  constructor(
    private readonly rt: Runtime,
    private readonly actorOf: () => Actor,
  ) {}

  private async parent(actor: Actor, type: RecordType, id: string): Promise<StoredRow & { ownerId: string; stageId?: string }> {
    const record = await this.rt.store.get<StoredRow & { ownerId: string; stageId?: string }>(TABLE_OF[type], id);
    if (!record) throw new ValidationError([{ path: ['recordId'], code: 'invalid_option', message: `No ${type} "${id}"` }], 'activity');
    assertAccess(actor, `${type} "${id}"`, record.ownerId, 'plan next steps for');
    return record;
  }

  /** @internal Validates a next step and builds it without storing. */
  async prepare(actor: Actor, input: ActivityInput, known?: StoredRow & { ownerId: string; stageId?: string }): Promise<Activity> {
    const parsed = validate(ActivityInputSchema, cleanInput(input), this.rt.locale, 'activity');
    const parent = known ?? (await this.parent(actor, parsed.recordType, parsed.recordId));
    const assigneeId = parsed.assigneeId ?? (parent.ownerId === 'system' && actor.role !== 'system' ? actor.id : parent.ownerId);
    if (this.rt.users.size > 0 && assigneeId !== 'system' && !this.rt.users.has(assigneeId)) {
      throw new ValidationError([{ path: ['assigneeId'], code: 'invalid_option', message: `${validationMessage('invalid_option', this.rt.locale)}: unknown user "${assigneeId}"` }], 'activity');
    }
    // The hand-over rule of `update`: a manager plans steps for themselves (or the record's owner, by default), never for a colleague.
    if (actor.role === 'manager' && parsed.assigneeId !== undefined && assigneeId !== actor.id) {
      throw new ForbiddenError(actor.id, `User "${actor.id}" (manager) cannot set assigneeId of a new step to "${assigneeId}": managers hand steps only to themselves`);
    }
    // Nobody is given a step they cannot work: a manager must be able to open its record.
    if (this.rt.users.get(assigneeId)?.role === 'manager' && !canAccess({ id: assigneeId, role: 'manager' }, parent.ownerId)) {
      throw new ForbiddenError(actor.id, `Cannot set assigneeId of a new step to "${assigneeId}": they cannot open ${parsed.recordType} "${parsed.recordId}" (owned by "${parent.ownerId}"); hand the record to them first, or hand the step over with activities.update`);
    }
    const now = this.rt.nowIso();
    const activity: Activity = {
      id: newId('a'),
      createdAt: now,
      updatedAt: now,
      version: 1,
      ownerId: parent.ownerId,
      custom: {},
      recordType: parsed.recordType,
      recordId: parsed.recordId,
      type: parsed.type,
      title: parsed.title,
      dueAt: iso(parsed.dueAt),
      assigneeId,
      state: 'pending',
      done: false,
    };
    if (parsed.note) activity.note = parsed.note;
    if (parent.stageId) activity.stageId = parent.stageId;
    if (parsed.completeOnStageLeave) activity.completeOnStageLeave = true;
    return activity;
  }

  /** @internal */
  async commit(tx: StoreOps, activity: Activity, actor: Actor): Promise<void> {
    await tx.put('activities', activity);
    await this.rt.appendHistory(tx, [
      this.rt.historyEntry(activity.recordType, activity.recordId, 'activity_scheduled', actor.id, { activityId: activity.id, type: activity.type, title: activity.title, dueAt: activity.dueAt, assigneeId: activity.assigneeId }),
    ]);
  }

  /** Schedules a next step on a record; the assignee defaults to the record's owner. */
  async schedule(input: ActivityInput): Promise<Activity> {
    return this.scheduleAs(this.actorOf(), input);
  }

  /** @internal */
  async scheduleAs(actor: Actor, input: ActivityInput, robot?: string): Promise<Activity> {
    const activity = await this.prepare(actor, input);
    if (robot) activity.robot = robot;
    await this.rt.store.transaction(['activities', 'history'], (tx) => this.commit(tx, activity, actor));
    return activity;
  }

  /** One next step. */
  async get(id: string): Promise<Activity> {
    const a = await this.rt.store.get<Activity>('activities', id);
    if (!a) throw new NotFoundError('activity', id);
    assertAccess(this.actorOf(), `activity "${id}"`, a.ownerId, 'see', [a.assigneeId]);
    return a;
  }

  /**
   * Changes a step: reschedule (`dueAt`), hand over (`assigneeId`), retitle.
   * Pass `version` to detect conflicts. Writes one history entry on the
   * record's timeline: `activity_reassigned` for a hand-over,
   * `activity_scheduled` (with `rescheduled: true`) for other changes; both
   * carry `changes` (`{ field: { from, to } }`). A hand-over follows the
   * rule of a record's owner change: a manager may take a step onto
   * themselves but not give it away (`ForbiddenError` naming `assigneeId`);
   * handed to a manager who could not open the record, the record goes to
   * them too.
   */
  async update(id: string, patch: Partial<Omit<ActivityInput, 'recordType' | 'recordId'>> & { version?: number }): Promise<Activity> {
    const actor = this.actorOf();
    const current = await this.get(id);
    const { version, ...rest } = patch;
    const { set } = splitPatch(rest as Record<string, unknown>);
    const parsed = validate(PatchSchema, set, this.rt.locale, 'activity');
    const handOver = parsed.assigneeId !== undefined && parsed.assigneeId !== current.assigneeId ? await checkHandOver(this.rt, actor, current, parsed.assigneeId) : undefined;
    const tables: TableName[] = handOver?.movesRecord ? ['activities', 'history', recordTableOf(current)] : ['activities', 'history'];
    return this.rt.store.transaction(tables, async (tx) => {
      const fresh = await tx.get<Activity>('activities', id);
      if (!fresh) throw new NotFoundError('activity', id);
      if (version !== undefined && fresh.version !== version) throw new ConflictError('activity', id, version, fresh.version);
      const next = { ...fresh, ...parsed } as Activity;
      if (parsed.dueAt !== undefined) {
        next.dueAt = iso(parsed.dueAt);
        if (next.dueAt !== fresh.dueAt) delete next.overdueAt;
      }
      const changes = diffRecords(fresh as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
      if (Object.keys(changes).length === 0) return fresh;
      const at = this.rt.nowIso();
      if (handOver?.movesRecord) next.ownerId = handOver.to;
      const updated: Activity = { ...next, version: fresh.version + 1, updatedAt: at };
      await tx.put('activities', updated);
      const data = { activityId: id, type: updated.type, title: updated.title, dueAt: updated.dueAt, assigneeId: updated.assigneeId, changes };
      const entry = changes['assigneeId']
        ? this.rt.historyEntry(fresh.recordType, fresh.recordId, 'activity_reassigned', actor.id, { ...data, from: fresh.assigneeId, to: updated.assigneeId }, at)
        : this.rt.historyEntry(fresh.recordType, fresh.recordId, 'activity_scheduled', actor.id, { ...data, rescheduled: true }, at);
      await this.rt.appendHistory(tx, [entry]);
      if (handOver?.movesRecord) await handRecordOver(this.rt, tx, actor, fresh, handOver.to, at);
      return updated;
    });
  }

  /** Marks a step done with what happened; optionally schedules the next one in the same write. */
  async complete(id: string, options: CompleteOptions = {}): Promise<{ activity: Activity; next?: Activity }> {
    const actor = this.actorOf();
    const current = await this.get(id);
    if (current.state === 'done') throw new ValidationError([{ path: ['state'], code: 'invalid', message: `Activity "${id}" is already done` }], 'activity');
    if (!options.next) await this.checkNotLastStep(actor, current);
    const result = options.result?.trim();
    const next = options.next ? await this.prepare(actor, { ...options.next, recordType: current.recordType, recordId: current.recordId }) : undefined;
    const at = this.rt.nowIso();
    const done = await this.rt.store.transaction(['activities', 'history'], async (tx) => {
      const fresh = await tx.get<Activity>('activities', id);
      if (!fresh) throw new NotFoundError('activity', id);
      if (fresh.state === 'done') throw new ValidationError([{ path: ['state'], code: 'invalid', message: `Activity "${id}" is already done` }], 'activity');
      const updated: Activity = { ...fresh, state: 'done', done: true, doneAt: at, version: fresh.version + 1, updatedAt: at, ...(result ? { result } : {}) };
      await tx.put('activities', updated);
      await this.rt.appendHistory(tx, [this.rt.historyEntry(fresh.recordType, fresh.recordId, 'activity_done', actor.id, { activityId: id, type: fresh.type, title: fresh.title, result }, at)]);
      if (next) await this.commit(tx, next, actor);
      return updated;
    });
    return next ? { activity: done, next } : { activity: done };
  }

  /** Deletes a step (history keeps that it was scheduled). */
  async remove(id: string): Promise<void> {
    const current = await this.get(id);
    if (current.state === 'pending') await this.checkNotLastStep(this.actorOf(), current);
    await this.rt.store.delete('activities', id);
  }

  /** With `nextStep: 'required'`, refuses to end the last pending step of an open lead or deal. */
  private async checkNotLastStep(actor: Actor, step: Activity): Promise<void> {
    if (!nextStepEnforced(this.rt, actor) || (step.recordType !== 'lead' && step.recordType !== 'deal')) return;
    const parent = await this.rt.store.get<StoredRow & { status?: string }>(TABLE_OF[step.recordType], step.recordId);
    if (parent?.status !== 'open') return;
    const others = (await this.rt.store.query<Activity>('activities', { index: 'recordId', equals: step.recordId })).filter((a) => a.state === 'pending' && a.id !== step.id);
    if (others.length === 0) throw new NextStepRequiredError(step.recordType, step.recordId);
  }

  /** Steps matching `query` that the current user may see, soonest due first (in store order with `options.unordered`). */
  async list(query: ActivityQuery = {}, options: ListOptions = {}): Promise<Activity[]> {
    const actor = this.actorOf();
    const store = this.rt.store;
    if (store.scan) {
      const { dueBefore, dueFrom, ...rest } = query;
      const window = { ...rest, ...(dueBefore !== undefined ? { dueBefore: iso(dueBefore) } : {}), ...(dueFrom !== undefined ? { dueFrom: iso(dueFrom) } : {}) };
      return scanSteps(store as ScanningStore, window, actor, (a) => this.matches(a, query, actor));
    }
    const rows = query.recordId
      ? await this.rt.store.query<Activity>('activities', { index: 'recordId', equals: query.recordId })
      : query.state
        ? await this.rt.store.query<Activity>('activities', { index: 'state', equals: query.state })
        : query.assigneeId
          ? await this.rt.store.query<Activity>('activities', { index: 'assigneeId', equals: query.assigneeId })
          : await this.rt.store.query<Activity>('activities');
    const matching = rows.filter((a) => this.matches(a, query, actor));
    if (options.unordered && query.limit === undefined) return matching;
    const out = matching.sort(compareDue);
    return query.limit !== undefined ? out.slice(0, query.limit) : out;
  }

  /** @internal True when `activity` passes `query`'s filters and `actor` may see it (owner or assignee). */
  matches(activity: Activity, query: ActivityQuery, actor: Actor): boolean {
    return matchesActivityQuery(activity, query, actor);
  }

  /**
   * Live `list`: calls `listener` now and after every change, with what
   * changed; only changed steps are read again, bursts give one call.
   * Returns a stop function.
   */
  watch(query: ActivityQuery, listener: (activities: Activity[], change: LiveChange<Activity & StoredRow>) => void, options: WatchOptions = {}): () => void {
    const { limit, after: _after, ...filter } = query;
    const unordered = options.unordered === true && limit === undefined;
    const source: LiveQuerySource<Activity & StoredRow> = {
      table: 'activities',
      load: () => this.list(filter, { unordered }) as Promise<(Activity & StoredRow)[]>,
      accepts: (row) => this.matches(row, filter, this.actorOf()),
      ...(unordered ? {} : { compare: compareDue }),
      loadsSorted: true,
      ...(limit !== undefined ? { limit } : {}),
    };
    return liveQuery(this.rt.store, source, listener, options).stop;
  }

  /** Pending next steps whose due time has passed (by the CRM clock). */
  async overdue(): Promise<Activity[]> {
    return this.list({ state: 'pending', dueBefore: this.rt.now() });
  }

  /** Open leads and deals the current user may see that have no pending next step. */
  async missingNextStep(): Promise<MissingNextStep[]> {
    const actor = this.actorOf();
    const pending = await this.rt.store.query<Activity>('activities', { index: 'state', equals: 'pending' });
    const planned = new Set(pending.map((a) => a.recordId));
    const out: MissingNextStep[] = [];
    for (const recordType of ['lead', 'deal'] as const) {
      const open = await this.rt.store.query<MissingNextStep['record']>(TABLE_OF[recordType], { index: 'status', equals: 'open' });
      for (const record of open) {
        if (!planned.has(record.id) && canAccess(actor, record.ownerId)) out.push({ recordType, record });
      }
    }
    return out;
  }
}
