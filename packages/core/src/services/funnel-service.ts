import { ConflictError, NextStepRequiredError, NotFoundError, StageTransitionError, ValidationError } from '../errors.js';
import type { FunnelRecordType } from '../hooks/hook-map.js';
import { localize } from '../i18n/locale.js';
import type { Activity, ActivityInput } from '../schemas/activity.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead } from '../schemas/lead.js';
import type { RecordBase } from '../schemas/common.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { Pipeline, Stage } from '../schemas/pipeline.js';
import type { StoredRow, StoreOps, TableName } from '../store/store.js';
import type { ActivityService } from './activity-service.js';
import { assertAccess, canAccess, type Actor } from './actor.js';
import type { ImportBatchHost } from './bulk-import.js';
import { ReadSetOps } from './read-set-ops.js';
import { RecordService, type ExtraWrite } from './record-service.js';
import { checkDeclarativeGuards, checkGuardedFieldsKept, checkLossReason, checkMovableBy, checkNextStep, nextStepEnforced, stageSchedulesStep } from './stage-rules.js';

/** How often a move commits with one conditional write before it falls back to a transaction (steps kept changing meanwhile). */
const READ_ATTEMPTS = 3;

/** A lead or deal: a record that moves through a pipeline. */
export type FunnelRecord = RecordBase & StoredRow & { pipelineId: string; stageId: string; status: 'open' | 'won' | 'lost' };

/** A next step scheduled in the same call as a create, move or conversion. */
export type NextStepInput = Omit<ActivityInput, 'recordType' | 'recordId'>;

/** Options of `moveToStage`. */
export interface MoveOptions {
  /** Loss reason id from the pipeline's list (required when entering a `lost` stage). */
  reason?: string;
  /** Comment (required for reasons marked `requiresComment`, such as "other"). */
  comment?: string;
  /** The version the caller last saw: a stale one throws `ConflictError`. */
  version?: number;
  /** Schedule this next step in the same write (what `nextStep: 'required'` asks for when entering an open stage). */
  nextStep?: NextStepInput;
  /** The import batch this move belongs to: its history entries carry it, so undoing the import removes them. */
  batchId?: string;
}

/** Options of a lead's or deal's `create`. */
export interface FunnelCreateOptions {
  /** Schedule this next step in the same write as the new record. */
  nextStep?: NextStepInput;
}

/** One stage of a funnel summary. */
export interface StageSummary {
  /** Stage id. */
  stageId: string;
  /** Records in the stage the current user may see. */
  count: number;
  /** Money per currency (ISO 4217 → sum of `amount`); empty for leads. */
  totals: Record<string, number>;
  /** The stage's `probability`, when it has one. */
  probability?: number;
}

/** Per-stage counts and money of one pipeline (`crm.deals.summary()`). */
export interface FunnelSummary {
  /** The pipeline summarised. */
  pipelineId: string;
  /** Every stage, in pipeline order (empty stages included). */
  stages: StageSummary[];
}

/**
 * Shared funnel behaviour of leads and deals. Every way a record enters a
 * stage — create, move, win/lose/close, conversion, import — passes the same
 * gate: role (`movableBy`), loss reason, declarative guards,
 * `stage:beforeChange` hooks and the next-step rule; and leaves the same
 * history entry.
 */
export class FunnelService<T extends FunnelRecord, I> extends RecordService<T, I> {
  /** @internal Runs a stage's robots after a record entered it (set by the CRM). */
  onStageEntered: (type: FunnelRecordType, record: T, stage: Stage, pipeline: Pipeline) => Promise<void> = async () => {};
  /** @internal Next steps (set by the CRM). */
  activities!: ActivityService;

  /** @internal Imported leads and deals reach a later stage through the move path (guards, history, robots). */
  protected override importHost(): ImportBatchHost<T> {
    const type = this.spec.type as FunnelRecordType;
    return {
      ...super.importHost(),
      checkNew: (actor, record, row, stageId, hasStep) => {
        const stage = (stageId !== undefined ? this.pipelineOf(record).stages.find((s) => s.id === stageId) : undefined) ?? this.stageOf(record);
        if (!hasStep && nextStepEnforced(this.rt, actor) && stage.kind === 'open' && !stageSchedulesStep(stage)) throw new NextStepRequiredError(type, '', row);
      },
      prepareStep: async (actor, step, record) => {
        try {
          return await this.activities.prepare(actor, { ...step, recordType: type, recordId: record.id }, record);
        } catch (e) {
          if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, path: ['nextStep', ...i.path] })), 'next step');
          throw e;
        }
      },
      move: (actor, id, stageId, batchId) => this.move(actor, id, stageId, { batchId }),
    };
  }

  /** The pipeline a record is in. */
  pipelineOf(record: T): Pipeline {
    return this.rt.pipelines.get(record.pipelineId);
  }

  /** @internal The stage a record is in. */
  protected stageOf(record: T): Stage {
    return this.pipelineOf(record).stages.find((s) => s.id === record.stageId) ?? this.rt.pipelines.firstOpenStage(record.pipelineId);
  }

  /**
   * @internal The one gate every stage entry passes: who may move there,
   * loss reason, declarative guards, then plugin guards.
   */
  async checkEntry(actor: Actor, record: T, from: Stage, to: Stage, pipeline: Pipeline, options: MoveOptions): Promise<void> {
    const type = this.spec.type as FunnelRecordType;
    checkMovableBy(this.rt, actor, `${type} "${record.id}"`, to);
    checkLossReason(this.rt, pipeline, to, options);
    checkDeclarativeGuards(this.rt, record, from, to);
    const refusal = await this.rt.hooks.guard('stage:beforeChange', { type, record: record as unknown as Lead | Deal, from, to, pipeline });
    if (refusal) throw new StageTransitionError(localize(refusal.cancel, this.rt.locale), refusal.plugin, from.id, to.id);
  }

  /** @internal Builds a record and checks its entry into the stage it is created in. */
  override async prepareCreate(actor: Actor, input: Record<string, unknown>, creatingWith?: ReadonlySet<string>, now?: string): Promise<T> {
    const record = await super.prepareCreate(actor, input, creatingWith, now);
    const stage = this.stageOf(record);
    await this.checkEntry(actor, record, stage, stage, this.pipelineOf(record), {});
    return record;
  }

  /**
   * @internal `createMany` has no way to give next steps: with the next-step
   * rule enforced, a batch holding an open record that would have none is
   * refused whole (`NextStepRequiredError` with the first such `row`); use
   * `importBatch` with each row's `nextStep`.
   */
  protected override async prepareMany(actor: Actor, inputs: readonly I[]): Promise<T[]> {
    const records = await super.prepareMany(actor, inputs);
    if (nextStepEnforced(this.rt, actor)) {
      const row = records.findIndex((r) => {
        const stage = this.stageOf(r);
        return stage.kind === 'open' && !stageSchedulesStep(stage);
      });
      if (row >= 0) throw new NextStepRequiredError(this.spec.type, '', row);
    }
    return records;
  }

  /** @internal Links a record being created to what it matches (leads: the contact). */
  protected async linkOnCreate(_actor: Actor, _record: T): Promise<void> {}

  /**
   * Creates a record in its pipeline's first open stage (deals: or the open
   * `stageId` given), through the stage's guards. `options.nextStep`
   * schedules its next step in the same write. Returns the record as stored
   * after the stage's immediate robots ran.
   */
  override async create(input: I, options: FunnelCreateOptions = {}): Promise<T> {
    const actor = this.actorOf();
    const record = await this.prepareCreate(actor, input as Record<string, unknown>);
    await this.linkOnCreate(actor, record);
    const type = this.spec.type as FunnelRecordType;
    const step = options.nextStep ? await this.activities.prepare(actor, { ...options.nextStep, recordType: type, recordId: record.id }, record) : undefined;
    checkNextStep(this.rt, actor, type, record.id, this.stageOf(record), [], Boolean(step));
    const tables: TableName[] = step ? [this.spec.table, 'history', 'activities'] : [this.spec.table, 'history'];
    const created = await this.rt.store.transaction(tables, async (tx) => {
      await this.commitCreate(tx, record, actor);
      if (step) await this.activities.commit(tx, step, actor);
      return record;
    });
    await this.rt.hooks.emit('record:created', { type, record: created as unknown as Lead | Deal });
    return this.afterCreate(created);
  }

  /** @internal A new record entered its first stage: run that stage's robots. */
  override async afterCreate(record: T): Promise<T> {
    return this.enteredStage(record, this.stageOf(record), this.pipelineOf(record));
  }

  /** @internal Runs the robots of the stage entered; returns the record as stored after immediate ones. */
  async enteredStage(record: T, stage: Stage, pipeline: Pipeline): Promise<T> {
    const robots = stage.robots ?? [];
    if (robots.length === 0) return record;
    await this.onStageEntered(this.spec.type as FunnelRecordType, record, stage, pipeline);
    if (!robots.some((r) => !r.delay)) return record;
    return (await this.rt.store.get<T>(this.spec.table, record.id)) ?? record;
  }

  /** @internal A change must keep the fields the current stage's guards require. */
  protected override checkChanged(next: T): void {
    checkGuardedFieldsKept(this.rt, next, this.stageOf(next), this.spec.type);
  }

  /** @internal Refuses moves a record cannot make at all (a converted lead is final). */
  protected assertMovable(_record: T, _to: Stage): void {}

  /**
   * Moves a record to another stage of its pipeline. Backward moves and
   * reopening a closed deal are allowed and recorded. Entering a `lost`
   * stage needs `reason`. `movableBy` may refuse with `ForbiddenError`;
   * declarative guards and `stage:beforeChange` hooks with
   * `StageTransitionError` (carrying the reason and the plugin). Moving a
   * lead to its won stage converts it. Returns the record as stored after
   * the stage's immediate robots ran.
   */
  async moveToStage(id: string, stageId: string, options: MoveOptions = {}): Promise<T> {
    return this.move(this.actorOf(), id, stageId, options);
  }

  /**
   * @internal The move path; `known` is the record when the caller already
   * read it (saves a read). `attempt` counts the runs whose commit found a
   * step changed meanwhile; after `READ_ATTEMPTS` of them the move commits in
   * a transaction.
   */
  async move(actor: Actor, id: string, stageId: string, options: MoveOptions, known?: T, attempt = 0): Promise<T> {
    const record = known ?? (await this.get(id));
    assertAccess(actor, `${this.spec.type} "${id}"`, record.ownerId, 'move');
    const pipeline = this.pipelineOf(record);
    const from = this.stageOf(record);
    const to = pipeline.stages.find((s) => s.id === stageId);
    if (!to) throw new StageTransitionError(`Pipeline "${pipeline.id}" has no stage "${stageId}" (stages: ${pipeline.stages.map((s) => s.id).join(', ')})`, 'core', from.id, stageId);
    this.assertMovable(record, to);
    if (to.id === from.id) {
      // Nothing to move, but a stale version still is a conflict: the caller decided on a state that is gone.
      if (options.version !== undefined && options.version !== record.version) throw new ConflictError(this.spec.type, id, options.version, record.version);
      checkLossReason(this.rt, pipeline, to, options);
      return record;
    }
    await this.checkEntry(actor, record, from, to, pipeline, options);
    const type = this.spec.type as FunnelRecordType;
    const step = options.nextStep ? await this.activities.prepare(actor, { ...options.nextStep, recordType: type, recordId: id }, { ...record, stageId: to.id }) : undefined;
    const pending = (await this.rt.store.query<Activity>('activities', { index: 'recordId', equals: id })).filter((a) => a.state === 'pending');
    // Closing settles every pending step (nothing stays overdue on a won or lost record); otherwise only
    // the steps set to end when the record leaves this stage.
    const closing = to.kind !== 'open';
    const leaving = closing ? pending : pending.filter((a) => a.completeOnStageLeave && a.stageId === from.id);
    checkNextStep(this.rt, actor, type, id, to, pending.filter((a) => !leaving.includes(a)), Boolean(step));
    const cancelJobs = (from.robots ?? []).some((r) => r.delay);

    const at = this.rt.nowIso();
    const tables: TableName[] = [this.spec.table, 'history', ...(leaving.length || step ? (['activities'] as const) : []), ...(cancelJobs ? (['jobs'] as const) : [])];
    const expected = options.version ?? record.version;
    const change = (fresh: T) => {
      const n = { ...fresh, stageId: to.id, status: to.kind } as T & Record<string, unknown>;
      this.applyOutcome(n, to, options, at);
      return n;
    };
    const history = (fresh: T) => {
      const entries: HistoryEntry[] = [this.rt.historyEntry(type, id, 'stage_changed', actor.id, { from: fresh.stageId, to: to.id, pipelineId: pipeline.id, ...(options.batchId ? { batchId: options.batchId } : {}) }, at)];
      if (to.kind !== 'open') entries.push(this.rt.historyEntry(type, id, 'closed', actor.id, { outcome: to.kind, reason: options.reason, comment: options.comment, ...(options.batchId ? { batchId: options.batchId } : {}) }, at));
      return entries;
    };
    const extraWrite: ExtraWrite = {
      tables,
      write: async (tx) => {
        await this.completeOnLeave(tx, actor, leaving, closing ? `Closed as ${to.kind}` : `Stage "${from.id}" left`, at);
        if (step) await this.activities.commit(tx, { ...step, stageId: to.id }, actor);
        if (cancelJobs) await cancelStageJobs(tx, id, from.id, at);
      },
    };
    let next: T | undefined;
    if (cancelJobs || attempt >= READ_ATTEMPTS) {
      // Cancelling the stage's delayed robots queries the jobs, which only a transaction can pin.
      next = await this.commitUpdate(actor, id, expected, change, history, extraWrite);
    } else {
      // Everything the move decided on was read above: commit it in one conditional write, valid while the
      // record and the steps it completes are still at the versions read (no transaction, no re-read).
      const read = new ReadSetOps([{ table: this.spec.table, row: record }, ...leaving.map((a) => ({ table: 'activities' as const, row: a }))]);
      next = await this.commitRead(read, actor, id, expected, change, history, extraWrite);
      if (!next) {
        // The record changed meanwhile: a conflict, as in a transaction. Otherwise one of its steps did: move again on fresh reads.
        const current = await this.rt.store.get<T>(this.spec.table, id);
        if (!current) throw new NotFoundError(this.spec.type, id);
        if (current.version !== expected) throw new ConflictError(this.spec.type, id, expected, current.version);
        return this.move(actor, id, stageId, options, undefined, attempt + 1);
      }
    }
    await this.rt.hooks.emit('stage:changed', { type, record: next as unknown as Lead | Deal, from, to, pipeline });
    return this.enteredStage(next, to, pipeline);
  }

  /** @internal Sets or clears outcome fields for the stage entered. */
  protected applyOutcome(record: T & Record<string, unknown>, to: Stage, options: MoveOptions, at: string): void {
    void record;
    void to;
    void options;
    void at;
  }

  /**
   * @internal Completes, inside the move's transaction, the next steps the
   * move ends: those set to end when the record left its stage, or every
   * pending one when the record is closed. `result` says why.
   */
  private async completeOnLeave(tx: StoreOps, actor: Actor, leaving: readonly Activity[], result: string, at: string): Promise<void> {
    const done: Activity[] = [];
    for (const a of leaving) {
      const fresh = await tx.get<Activity>('activities', a.id);
      if (!fresh || fresh.state !== 'pending') continue;
      await tx.put('activities', { ...fresh, state: 'done', done: true, doneAt: at, result, version: fresh.version + 1, updatedAt: at });
      done.push(fresh);
    }
    await this.rt.appendHistory(
      tx,
      done.map((a) => this.rt.historyEntry(a.recordType, a.recordId, 'activity_done', actor.id, { activityId: a.id, title: a.title, result, automatic: true }, at)),
    );
  }

  /**
   * Per stage of a pipeline (default: the first of this kind): how many
   * records the current user may see and their money per currency. Reads
   * only that pipeline's rows (by index).
   */
  async summary(query: { pipelineId?: string } = {}): Promise<FunnelSummary> {
    const actor = this.actorOf();
    const pipeline = query.pipelineId ? this.rt.pipelines.get(query.pipelineId) : this.rt.pipelines.defaultFor(this.spec.type as FunnelRecordType);
    const stages = new Map<string, StageSummary>(
      pipeline.stages.map((s) => [s.id, { stageId: s.id, count: 0, totals: {}, ...(s.probability !== undefined ? { probability: s.probability } : {}) }]),
    );
    const rows = await this.rt.store.query<T & { amount?: number; currency?: string }>(this.spec.table, { index: 'pipelineId', equals: pipeline.id });
    for (const r of rows) {
      const s = stages.get(r.stageId);
      if (!s || !canAccess(actor, r.ownerId)) continue;
      s.count++;
      if (typeof r.amount === 'number' && r.currency) s.totals[r.currency] = (s.totals[r.currency] ?? 0) + r.amount;
    }
    return { pipelineId: pipeline.id, stages: [...stages.values()] };
  }
}

/** Cancels (as `skipped`) the pending delayed robots of a stage the record left: a job belongs to one stage entry. */
async function cancelStageJobs(tx: StoreOps, recordId: string, stageId: string, at: string): Promise<void> {
  for (const job of await tx.query('jobs', { index: 'state', equals: 'pending' })) {
    if (job['recordId'] === recordId && job['stageId'] === stageId) await tx.put('jobs', { ...job, state: 'skipped', finishedAt: at, error: `record left stage "${stageId}"` });
  }
}
