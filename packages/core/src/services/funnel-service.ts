import { StageTransitionError, ValidationError } from '../errors.js';
import type { FunnelRecordType } from '../hooks/hook-map.js';
import { localize } from '../i18n/locale.js';
import { validationMessage } from '../i18n/validation-messages.js';
import type { Activity } from '../schemas/activity.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead } from '../schemas/lead.js';
import type { RecordBase } from '../schemas/common.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { Pipeline, Stage } from '../schemas/pipeline.js';
import type { StoredRow } from '../store/store.js';
import { assertAccess, type Actor } from './actor.js';
import type { ImportBatchHost } from './bulk-import.js';
import { RecordService } from './record-service.js';

/** A lead or deal: a record that moves through a pipeline. */
export type FunnelRecord = RecordBase & StoredRow & { pipelineId: string; stageId: string; status: 'open' | 'won' | 'lost' };

/** Options of `moveToStage`. */
export interface MoveOptions {
  /** Loss reason id from the pipeline's list (required when entering a `lost` stage). */
  reason?: string;
  /** Comment (required for reasons marked `requiresComment`, such as "other"). */
  comment?: string;
  /** The version the caller last saw: a stale one throws `ConflictError`. */
  version?: number;
  /** The import batch this move belongs to: its history entries carry it, so undoing the import removes them. */
  batchId?: string;
}

/** Reads a (possibly `custom.x`) field of a record for declarative guards. */
function fieldValue(record: Record<string, unknown>, path: string): unknown {
  if (path.startsWith('custom.')) return (record['custom'] as Record<string, unknown> | undefined)?.[path.slice(7)];
  return record[path];
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Shared funnel behaviour of leads and deals: stage moves with guards,
 * loss reasons, history and robots.
 */
export class FunnelService<T extends FunnelRecord, I> extends RecordService<T, I> {
  /** @internal Runs a stage's robots after a record entered it (set by the CRM). */
  onStageEntered: (type: FunnelRecordType, record: T, stage: Stage, pipeline: Pipeline) => Promise<void> = async () => {};

  /** @internal A new record entered its first stage: run that stage's robots. */
  override async afterCreate(record: T): Promise<void> {
    const pipeline = this.pipelineOf(record);
    const stage = pipeline.stages.find((s) => s.id === record.stageId);
    if (stage?.robots?.length) await this.onStageEntered(this.spec.type as FunnelRecordType, record, stage, pipeline);
  }

  /** @internal Imported leads and deals reach a later stage through the move path (guards, history, robots). */
  protected override importHost(): ImportBatchHost<T> {
    return { ...super.importHost(), move: (actor, id, stageId, batchId) => this.move(actor, id, stageId, { batchId }) };
  }

  /** The pipeline a record is in. */
  pipelineOf(record: T): Pipeline {
    return this.rt.pipelines.get(record.pipelineId);
  }

  /** @internal Validates the loss reason for entering `to`. */
  protected checkReason(pipeline: Pipeline, to: Stage, options: MoveOptions): void {
    if (to.kind !== 'lost') return;
    const reason = pipeline.lossReasons.find((r) => r.id === options.reason);
    if (!options.reason || !reason) {
      throw new ValidationError([{ path: ['reason'], code: 'reason_required', message: `${validationMessage('reason_required', this.rt.locale)} (${pipeline.lossReasons.map((r) => r.id).join(', ')})` }], 'stage move');
    }
    if (reason.requiresComment && !options.comment?.trim()) {
      throw new ValidationError([{ path: ['comment'], code: 'comment_required', message: validationMessage('comment_required', this.rt.locale) }], 'stage move');
    }
  }

  /**
   * Moves a record to another stage of its pipeline. Backward moves and
   * reopening a closed record are allowed and recorded. Entering a `lost`
   * stage needs `reason`. Declarative stage guards and `stage:beforeChange`
   * hooks may refuse with `StageTransitionError` (carrying the reason and the
   * plugin). Moving a lead to its won stage converts it.
   */
  async moveToStage(id: string, stageId: string, options: MoveOptions = {}): Promise<T> {
    return this.move(this.actorOf(), id, stageId, options);
  }

  /** @internal */
  async move(actor: Actor, id: string, stageId: string, options: MoveOptions, extraPatch: (r: T) => Partial<T> = () => ({})): Promise<T> {
    const record = await this.get(id);
    assertAccess(actor, `${this.spec.type} "${id}"`, record.ownerId, 'move');
    const pipeline = this.pipelineOf(record);
    const from = pipeline.stages.find((s) => s.id === record.stageId) ?? this.rt.pipelines.firstOpenStage(pipeline.id);
    const to = pipeline.stages.find((s) => s.id === stageId);
    if (!to) throw new StageTransitionError(`Pipeline "${pipeline.id}" has no stage "${stageId}" (stages: ${pipeline.stages.map((s) => s.id).join(', ')})`, 'core', from.id, stageId);
    this.checkReason(pipeline, to, options);
    if (to.id === from.id) return record;
    for (const guard of to.guards ?? []) {
      const missing = guard.require.filter((f) => isEmpty(fieldValue(record, f)));
      if (missing.length) {
        const reason = guard.message ? localize(guard.message, this.rt.locale) : `${localize(to.name, this.rt.locale)}: ${missing.join(', ')} required`;
        throw new StageTransitionError(reason, 'config', from.id, to.id);
      }
    }
    const type = this.spec.type as FunnelRecordType;
    const refusal = await this.rt.hooks.guard('stage:beforeChange', { type, record: record as unknown as Lead | Deal, from, to, pipeline });
    if (refusal) throw new StageTransitionError(localize(refusal.cancel, this.rt.locale), refusal.plugin, from.id, to.id);

    const at = this.rt.nowIso();
    const next = await this.commitUpdate(
      actor,
      id,
      options.version ?? record.version,
      (fresh) => {
        const n = { ...fresh, ...extraPatch(fresh), stageId: to.id, status: to.kind } as T & Record<string, unknown>;
        this.applyOutcome(n, to, options, at);
        return n;
      },
      (fresh) => {
        const entries: HistoryEntry[] = [this.rt.historyEntry(type, id, 'stage_changed', actor.id, { from: fresh.stageId, to: to.id, pipelineId: pipeline.id, ...(options.batchId ? { batchId: options.batchId } : {}) }, at)];
        if (to.kind !== 'open') entries.push(this.rt.historyEntry(type, id, 'closed', actor.id, { outcome: to.kind, reason: options.reason, comment: options.comment, ...(options.batchId ? { batchId: options.batchId } : {}) }, at));
        return entries;
      },
    );
    await this.completeOnLeave(actor, next, from.id);
    await this.rt.hooks.emit('stage:changed', { type, record: next as unknown as Lead | Deal, from, to, pipeline });
    await this.onStageEntered(type, next, to, pipeline);
    return next;
  }

  /** @internal Sets or clears outcome fields for the stage entered. */
  protected applyOutcome(record: T & Record<string, unknown>, to: Stage, options: MoveOptions, at: string): void {
    void record;
    void to;
    void options;
    void at;
  }

  /** @internal Completes next steps that were set to end when the record left `stageId`. */
  private async completeOnLeave(actor: Actor, record: T, stageId: string): Promise<void> {
    const pending = (await this.rt.store.query<Activity>('activities', { index: 'recordId', equals: record.id })).filter(
      (a) => a.state === 'pending' && a.completeOnStageLeave && a.stageId === stageId,
    );
    if (pending.length === 0) return;
    const at = this.rt.nowIso();
    await this.rt.store.transaction(['activities', 'history'], async (tx) => {
      for (const a of pending) {
        await tx.put('activities', { ...a, state: 'done', done: true, doneAt: at, result: `Stage "${stageId}" left`, version: a.version + 1, updatedAt: at });
      }
      await this.rt.appendHistory(
        tx,
        pending.map((a) => this.rt.historyEntry(a.recordType, a.recordId, 'activity_done', actor.id, { activityId: a.id, title: a.title, result: `Stage "${stageId}" left`, automatic: true }, at)),
      );
    });
  }
}
