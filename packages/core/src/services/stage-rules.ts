import { ForbiddenError, NextStepRequiredError, StageTransitionError, ValidationError } from '../errors.js';
import { localize } from '../i18n/locale.js';
import { validationMessage } from '../i18n/validation-messages.js';
import type { Runtime } from '../runtime.js';
import type { Activity } from '../schemas/activity.js';
import type { Pipeline, Stage } from '../schemas/pipeline.js';
import type { Actor } from './actor.js';

/** Reads a (possibly `custom.x`) field of a record for declarative guards. @internal */
export function fieldValue(record: Record<string, unknown>, path: string): unknown {
  if (path.startsWith('custom.')) return (record['custom'] as Record<string, unknown> | undefined)?.[path.slice(7)];
  return record[path];
}

/** True for a value a guard counts as missing. @internal */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Fields the stage's declarative guards require that `record` lacks, with the first failing guard's message. @internal */
export function missingGuardFields(record: Record<string, unknown>, stage: Stage): { missing: string[]; message?: Stage['name'] } | undefined {
  for (const guard of stage.guards ?? []) {
    const missing = guard.require.filter((f) => isEmpty(fieldValue(record, f)));
    if (missing.length) return guard.message === undefined ? { missing } : { missing, message: guard.message };
  }
  return undefined;
}

/** Refuses with `StageTransitionError` when the declarative guards of `to` are not met by `record`. @internal */
export function checkDeclarativeGuards(rt: Runtime, record: Record<string, unknown>, from: Stage, to: Stage): void {
  const failed = missingGuardFields(record, to);
  if (!failed) return;
  const reason = failed.message !== undefined ? localize(failed.message, rt.locale) : `${localize(to.name, rt.locale)}: ${failed.missing.join(', ')} required`;
  throw new StageTransitionError(reason, 'config', from.id, to.id);
}

/**
 * Refuses (as `ValidationError` naming each field) a change that would clear
 * a field the guards of the stage the record sits in require.
 * @internal
 */
export function checkGuardedFieldsKept(rt: Runtime, record: Record<string, unknown>, stage: Stage, what: string): void {
  const failed = missingGuardFields(record, stage);
  if (!failed) return;
  const stageName = localize(stage.name, rt.locale);
  throw new ValidationError(
    failed.missing.map((f) => ({ path: f.split('.'), code: 'required', message: `${validationMessage('required', rt.locale)} (stage "${stageName}" requires it)` })),
    what,
  );
}

/** Refuses with `ForbiddenError` naming the stage when the actor's role may not move records into it. @internal */
export function checkMovableBy(rt: Runtime, actor: Actor, what: string, to: Stage): void {
  if (!to.movableBy || actor.role === 'system' || to.movableBy.includes(actor.role)) return;
  throw new ForbiddenError(actor.id, `User "${actor.id}" (${actor.role}) cannot move ${what} into stage "${localize(to.name, rt.locale)}" (${to.id}): only ${to.movableBy.join(', ')} may`);
}

/** Validates the loss reason (and comment) needed to enter a `lost` stage. @internal */
export function checkLossReason(rt: Runtime, pipeline: Pipeline, to: Stage, options: { reason?: string | undefined; comment?: string | undefined }): void {
  if (to.kind !== 'lost') return;
  const reason = pipeline.lossReasons.find((r) => r.id === options.reason);
  if (!options.reason || !reason) {
    throw new ValidationError([{ path: ['reason'], code: 'reason_required', message: `${validationMessage('reason_required', rt.locale)} (${pipeline.lossReasons.map((r) => r.id).join(', ')})` }], 'stage move');
  }
  if (reason.requiresComment && !options.comment?.trim()) {
    throw new ValidationError([{ path: ['comment'], code: 'comment_required', message: validationMessage('comment_required', rt.locale) }], 'stage move');
  }
}

/** True when entering `stage` schedules a next step by itself (an immediate `create-activity` robot). @internal */
export function stageSchedulesStep(stage: Stage): boolean {
  return (stage.robots ?? []).some((r) => r.type === 'create-activity' && !r.delay);
}

/** True when the next-step rule is enforced for this actor (people, not automation or intake). @internal */
export function nextStepEnforced(rt: Runtime, actor: Actor): boolean {
  return rt.nextStepRule === 'required' && actor.role !== 'system';
}

/**
 * With `nextStep: 'required'`, refuses a change that leaves an open record
 * without a pending next step. `pending` are the steps that stay pending
 * after the change; `schedules` is true when the same call schedules one.
 * @internal
 */
export function checkNextStep(rt: Runtime, actor: Actor, type: 'lead' | 'deal', recordId: string, stage: Stage, pending: readonly Activity[], schedules: boolean): void {
  if (!nextStepEnforced(rt, actor) || stage.kind !== 'open' || schedules || stageSchedulesStep(stage)) return;
  if (pending.length > 0) return;
  throw new NextStepRequiredError(type, recordId);
}
