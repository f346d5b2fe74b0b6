import { OperationRefusedError } from '../errors.js';
import { liveQuery, type LiveChange } from '../live/live-query.js';
import type { Activity, ActivityInput, RecordType } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { ActivityQuery, CompleteOptions, MissingNextStep } from '../services/activity-service.js';
import type { HistoryAddInput, HistoryQuery } from '../services/history-service.js';
import type { WatchOptions } from '../services/record-service.js';
import type { StoredRow } from '../store/store.js';
import { QUEUED, type RemoteContext } from './remote-context.js';
import { compareDue, matchesActivityQuery } from '../services/activity-match.js';
import { compareTimeline } from '../services/step-window.js';

type Step = Activity & StoredRow;

const TABLE_OF = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' } as const;

function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** `crm.activities` over the team server. @internal */
export class RemoteActivities {
  constructor(private readonly ctx: RemoteContext) {}

  private draft(input: Omit<ActivityInput, 'recordType' | 'recordId'> & { recordType: RecordType; recordId: string }, ownerId: string): Step {
    const at = this.ctx.now().toISOString();
    return {
      id: this.ctx.provisionalId(),
      createdAt: at,
      updatedAt: at,
      version: 1,
      ownerId,
      custom: {},
      recordType: input.recordType,
      recordId: input.recordId,
      type: input.type,
      title: input.title,
      dueAt: iso(input.dueAt),
      assigneeId: input.assigneeId ?? this.ctx.actor.id,
      state: 'pending',
      done: false,
      ...(input.note ? { note: input.note } : {}),
      ...(input.completeOnStageLeave !== undefined ? { completeOnStageLeave: input.completeOnStageLeave } : {}),
    } as Step;
  }

  /** Schedules a next step; offline, queues it and shows it meanwhile. */
  async schedule(input: ActivityInput): Promise<Activity> {
    const { ctx } = this;
    const body = { ...input, dueAt: iso(input.dueAt) };
    const owner = (await ctx.cache.get<StoredRow & { ownerId: string }>(TABLE_OF[input.recordType], input.recordId))?.ownerId ?? ctx.actor.id;
    const step = this.draft(input, owner);
    const answer = await ctx.write<Step>({ method: 'POST', path: '/activities', body, table: 'activities', recordId: step.id, provisionalId: step.id, what: { entity: 'activity' } });
    if (answer !== QUEUED) {
      await ctx.remember('activities', [answer]);
      return answer;
    }
    await ctx.provisional('activities', step);
    return step;
  }

  /** One next step. */
  get(id: string): Promise<Activity> {
    return this.ctx.one<Step>('activities', '/activities', 'activity', id, () => this.ctx.local.activities.get(id) as Promise<Step>);
  }

  /** Changes a next step (title, due time, assignee, note); `version` becomes `If-Match`. */
  async update(id: string, patch: Partial<Omit<ActivityInput, 'recordType' | 'recordId'>> & { version?: number }): Promise<Activity> {
    const { ctx } = this;
    const { version, ...fields } = patch;
    const body: Record<string, unknown> = { ...fields, ...(fields.dueAt !== undefined ? { dueAt: iso(fields.dueAt) } : {}) };
    const answer = await ctx.write<Step>({
      method: 'PATCH',
      path: `/activities/${encodeURIComponent(id)}`,
      body,
      table: 'activities',
      recordId: id,
      what: { entity: 'activity', id },
      ...(version !== undefined ? { ifMatch: version } : {}),
      queuedIfMatch: async () => (await ctx.cache.get<Step>('activities', id))?.version,
    });
    if (answer !== QUEUED) {
      await ctx.remember('activities', [answer]);
      return answer;
    }
    const next = { ...(await ctx.cached<Step>('activities', 'activity', id)), ...body, updatedAt: ctx.now().toISOString() } as Step;
    await ctx.provisional('activities', next);
    return next;
  }

  /** Marks a step done (with its result) and optionally schedules the next in the same write. */
  async complete(id: string, options: CompleteOptions = {}): Promise<{ activity: Activity; next?: Activity }> {
    const { ctx } = this;
    const body = { ...options, ...(options.next ? { next: { ...options.next, dueAt: iso(options.next.dueAt) } } : {}) };
    const nextId = options.next ? ctx.provisionalId() : undefined;
    const answer = await ctx.write<{ activity: Step; next?: Step }>({ method: 'POST', path: `/activities/${encodeURIComponent(id)}/complete`, body, table: 'activities', recordId: id, what: { entity: 'activity', id }, ...(nextId ? { provisionalId: nextId } : {}) });
    if (answer !== QUEUED) {
      await ctx.remember('activities', [answer.activity, ...(answer.next ? [answer.next] : [])]);
      return answer;
    }
    const current = await ctx.cached<Step>('activities', 'activity', id);
    const at = ctx.now().toISOString();
    const activity = { ...current, state: 'done', done: true, doneAt: at, updatedAt: at, ...(options.result ? { result: options.result } : {}) } as Step;
    await ctx.provisional('activities', activity);
    if (!options.next) return { activity };
    // The next step travels inside the queued completion; it shows meanwhile under a provisional id the feed replaces.
    const next = { ...this.draft({ ...options.next, recordType: current.recordType, recordId: current.recordId }, current.ownerId), id: nextId as string };
    await ctx.provisional('activities', next);
    return { activity, next };
  }

  /** Removes a next step. */
  async remove(id: string): Promise<void> {
    const { ctx } = this;
    const answer = await ctx.write<void>({ method: 'DELETE', path: `/activities/${encodeURIComponent(id)}`, table: 'activities', recordId: id, what: { entity: 'activity', id } });
    if (answer === QUEUED) ctx.outbox.touched.add(`activities:${id}`);
    ctx.noteWrite('activities', id);
    await ctx.cache.delete('activities', id);
  }

  /** Next steps matching `query` the signed-in user may see, soonest due first. */
  async list(query: ActivityQuery = {}): Promise<Activity[]> {
    const { ctx } = this;
    return ctx.read(
      async () => {
        const { limit: _limit, dueBefore, dueFrom, after: _after, ...rest } = query;
        const params: Record<string, string | undefined> = { ...rest, ...(dueBefore !== undefined ? { dueBefore: iso(dueBefore) } : {}), ...(dueFrom !== undefined ? { dueFrom: iso(dueFrom) } : {}) };
        const rows = await ctx.all<Step>('/activities', params);
        await ctx.remember('activities', rows);
        const out = rows.filter((a) => matchesActivityQuery(a, query, ctx.actor)).sort(compareDue);
        return query.limit !== undefined ? out.slice(0, query.limit) : out;
      },
      () => ctx.local.activities.list(query),
    );
  }

  /** Live `list`, fed by the change feed. Returns a stop function. */
  watch(query: ActivityQuery, listener: (activities: Activity[], change: LiveChange<Step>) => void, options: WatchOptions = {}): () => void {
    const { limit, after: _after, ...filter } = query;
    return liveQuery<Step>(
      this.ctx.cache,
      {
        table: 'activities',
        load: () => this.list(filter) as Promise<Step[]>,
        accepts: (row) => matchesActivityQuery(row, filter, this.ctx.actor),
        compare: compareDue,
        ...(limit !== undefined ? { limit } : {}),
      },
      listener,
      options,
    ).stop;
  }

  /** Pending next steps past due. */
  async overdue(): Promise<Activity[]> {
    return this.ctx.read(
      async () => (await this.ctx.http.send<{ items: Step[] }>({ method: 'GET', path: '/activities/overdue' })).items,
      () => this.ctx.local.activities.list({ state: 'pending', dueBefore: this.ctx.now() }),
    );
  }

  /** Open leads and deals without a pending next step. */
  async missingNextStep(): Promise<MissingNextStep[]> {
    return this.ctx.read(
      async () => (await this.ctx.http.send<{ items: MissingNextStep[] }>({ method: 'GET', path: '/activities/missing-next-step' })).items,
      () => this.ctx.local.activities.missingNextStep(),
    );
  }
}

/** `crm.history` over the team server. @internal */
export class RemoteHistory {
  constructor(private readonly ctx: RemoteContext) {}

  /** A record's timeline, oldest first (every page the server sends; `after` and `limit` window it like the local service). */
  async list(query: HistoryQuery): Promise<HistoryEntry[]> {
    const { ctx } = this;
    return ctx.read(
      async () => {
        const items = await ctx.all<HistoryEntry & StoredRow>('/history', { recordType: query.recordType, recordId: query.recordId }, { entity: query.recordType, id: query.recordId });
        await ctx.remember('history', items);
        if (query.after === undefined && query.limit === undefined) return items;
        const after = query.after && { at: query.after.key, id: query.after.id };
        const out = items.filter((h) => !after || compareTimeline(h, after) > 0).sort(compareTimeline);
        return query.limit !== undefined ? out.slice(0, Math.max(0, query.limit)) : out;
      },
      () => ctx.local.history.list(query),
    );
  }

  /** Live timeline, fed by the change feed. */
  watch(query: { recordType: RecordType; recordId: string }, listener: (entries: HistoryEntry[], change: LiveChange<HistoryEntry & StoredRow>) => void, options: WatchOptions = {}): () => void {
    return liveQuery<HistoryEntry & StoredRow>(
      this.ctx.cache,
      {
        table: 'history',
        load: () => this.list(query) as Promise<(HistoryEntry & StoredRow)[]>,
        accepts: (row) => row.recordType === query.recordType && row.recordId === query.recordId,
        compare: (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq),
      },
      listener,
      options,
    ).stop;
  }

  /** Adds a note to a record's timeline; messages are recorded by the server's channels, so only notes are accepted here. */
  async add(input: HistoryAddInput): Promise<HistoryEntry> {
    if (input.type !== 'note') throw new OperationRefusedError('Messages are recorded by the team server\'s channels; a remote CRM adds notes only', 'remote');
    return this.addNote(input.recordType, input.recordId, input.text);
  }

  /** Adds a note; offline, queues it and shows it meanwhile. */
  async addNote(recordType: RecordType, recordId: string, text: string): Promise<HistoryEntry> {
    const { ctx } = this;
    const id = ctx.provisionalId();
    const answer = await ctx.write<HistoryEntry & StoredRow>({ method: 'POST', path: '/history', body: { recordType, recordId, text }, table: 'history', recordId: id, provisionalId: id, what: { entity: recordType, id: recordId } });
    if (answer !== QUEUED) {
      await ctx.remember('history', [answer]);
      return answer;
    }
    const entry = { id, recordType, recordId, type: 'note', at: ctx.now().toISOString(), by: ctx.actor.id, seq: Number.MAX_SAFE_INTEGER, data: { text } } as HistoryEntry & StoredRow;
    await ctx.provisional('history', entry);
    return entry;
  }
}
