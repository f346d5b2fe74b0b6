import type { ReactiveControllerHost } from 'lit';
import { isCrmError, type Activity, type Crm } from '@crmkit/core';
import { afterNextPaint } from '../shared/after-paint.js';
import type { PlannerCells } from './planner-cells.js';
import { addDays, dayKey, moveToDay, parseDayKey, visibleDays, type PlannerView } from './planner-model.js';
import type { PlannerStrings } from './planner-strings.js';

/** `detail` of `crm-step-move`: a step is about to be rescheduled or handed over (cancel to keep it). */
export interface StepMoveDetail {
  /** The step as the planner last saw it. */
  activity: Activity;
  /** The new due time (ISO 8601); the same as before when only the assignee changes. */
  dueAt: string;
  /** The new assignee; the same as before when only the day changes. */
  assigneeId: string;
}

/** What moving steps needs from the planner. */
export interface PlannerMoveHost extends ReactiveControllerHost, HTMLElement {
  readonly crm?: Crm | undefined;
  readonly t: PlannerStrings;
  readonly cells: PlannerCells;
  readonly anchor: Date;
  readonly view: PlannerView;
  /** The day the planner shows (set to bring another period into view). */
  date: string;
  /** A step to keep focused across re-renders. */
  focusId: string | undefined;
  /** The cell the step in `focusId` is going to. */
  focusCell: { day: string; person: string } | undefined;
  dayLabel(day: Date, style?: 'short' | 'long'): string;
  personName(id: string): string;
  announce(text: string): void;
}

/**
 * Rescheduling and handing over, whichever way it was asked for (pointer,
 * keyboard, `moveStep()`): fires the cancelable `crm-step-move`, shows the
 * step in its new cell at once and, after that frame is painted, calls
 * `crm.activities.update` with the version the planner saw; a refusal or
 * failure puts the step back where the store says it is and shows why.
 */
export class PlannerMoves {
  /** The refusal or failure shown, if any. */
  notice = '';
  /** Steps whose move waits for the core: a second move of one of them waits for the first to settle. */
  private moving = new Set<string>();

  constructor(private readonly host: PlannerMoveHost) {}

  /** Hides the notice. */
  dismiss(): void {
    this.notice = '';
    this.host.requestUpdate();
  }

  /**
   * Moves `step` to `to.day` (same time of day) and/or `to.person`; resolves
   * true when the core saved it. A step whose move is still being saved is
   * not moved again until that settles (resolves false).
   */
  async move(step: Activity, to: { day: string; person: string }): Promise<boolean> {
    const host = this.host;
    const t = host.t;
    const crm = host.crm;
    if (!crm) return false;
    const dueAt = to.day === dayKey(new Date(step.dueAt)) ? step.dueAt : moveToDay(step.dueAt, to.day);
    host.focusId = step.id;
    host.focusCell = undefined;
    if (dueAt === step.dueAt && to.person === step.assigneeId) {
      host.announce(t.cancelled(step.title));
      return false;
    }
    const detail: StepMoveDetail = { activity: step, dueAt, assigneeId: to.person };
    if (!host.dispatchEvent(new CustomEvent<StepMoveDetail>('crm-step-move', { detail, bubbles: true, composed: true, cancelable: true }))) {
      host.announce(t.cancelled(step.title));
      return false;
    }
    const patch: { dueAt?: string; assigneeId?: string; version: number } = { version: step.version };
    if (dueAt !== step.dueAt) patch.dueAt = dueAt;
    if (to.person !== step.assigneeId) patch.assigneeId = to.person;
    // Paint first: the step shows in its new cell in the next frame (only the two cells it leaves and enters render
    // again); the core's save (validation, rules, history, the store, the live echo) starts after that frame.
    if (this.moving.has(step.id)) return false;
    this.moving.add(step.id);
    host.cells.override({ ...step, ...patch });
    host.focusCell = to;
    this.notice = '';
    host.requestUpdate();
    let saved: Activity | undefined;
    try {
      await afterNextPaint();
      saved = await crm.activities.update(step.id, patch);
      host.announce(t.moved(step.title, host.dayLabel(parseDayKey(to.day)!, 'long'), host.personName(to.person)));
      return true;
    } catch (error) {
      // Refused: the step goes back where the store says it is — bring its period back into view and focus it there.
      host.focusId = step.id;
      host.focusCell = undefined;
      const days = visibleDays(host.anchor, host.view);
      if (Date.parse(step.dueAt) >= addDays(days[days.length - 1]!.start, 1).getTime()) host.date = dayKey(new Date(step.dueAt));
      const handOver = to.person !== step.assigneeId;
      const reason = isCrmError(error, 'forbidden') ? (handOver ? t.forbiddenHandOver(host.personName(to.person)) : t.forbidden) : isCrmError(error, 'conflict') ? t.conflict : errorMessage(error);
      this.notice = t.notMoved(step.title, reason);
      return false;
    } finally {
      this.moving.delete(step.id);
      host.cells.settle(step.id, saved);
      host.requestUpdate();
    }
  }
}

/** What an error says, for a notice. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
