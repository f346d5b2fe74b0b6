import type { ReactiveControllerHost } from 'lit';
import type { Activity, User } from '@crmkit/core';
import { addDays, dayKey, parseDayKey, visibleDays, type PlannerView } from './planner-model.js';
import type { PlannerStrings } from './planner-strings.js';

/** A step picked up with the keyboard and the cell it would be dropped in. */
export interface PlannerGrab {
  id: string;
  /** `YYYY-MM-DD`. */
  day: string;
  /** Assignee id. */
  person: string;
}

/** What keyboard rescheduling needs from the planner. */
export interface PlannerKeyboardHost extends ReactiveControllerHost {
  readonly t: PlannerStrings;
  readonly today: Date;
  /** The first day of the period shown. */
  readonly anchor: Date;
  readonly view: PlannerView;
  /** The day the planner shows (set to bring another period into view). */
  date: string;
  /** A step to keep focused across re-renders. */
  focusId: string | undefined;
  /** The people rows, in order, for these steps. */
  people(): User[];
  dayLabel(day: Date, style?: 'short' | 'long'): string;
  personName(id: string): string;
  /** Says `text` through the live region. */
  announce(text: string): void;
  /** Reschedules or hands over a step, as a drop does. */
  moveStep(step: Activity, to: { day: string; person: string }): Promise<boolean>;
}

/**
 * Rescheduling with the keyboard alone: Space picks the focused step up, the
 * left and right arrows choose the day (paging the period when it leaves
 * it), up and down the person, Space or Enter drops, Escape cancels; every
 * step is announced.
 */
export class PlannerKeyboard {
  private picked: PlannerGrab | undefined;

  constructor(private readonly host: PlannerKeyboardHost) {}

  /** The step picked up, if any. */
  get grab(): PlannerGrab | undefined {
    return this.picked;
  }

  set grab(grab: PlannerGrab | undefined) {
    this.picked = grab;
    this.host.requestUpdate();
  }

  /** A key pressed on a step. */
  onKey(e: KeyboardEvent, step: Activity): void {
    const host = this.host;
    const t = host.t;
    const grab = this.grab;
    if (!grab) {
      if (e.key === ' ') {
        e.preventDefault();
        const day = Date.parse(step.dueAt) < visibleDays(host.anchor, host.view)[0]!.start.getTime() ? dayKey(host.today) : dayKey(new Date(step.dueAt));
        this.grab = { id: step.id, day, person: step.assigneeId };
        host.announce(t.pickedUp(step.title, host.dayLabel(parseDayKey(day)!, 'long'), host.personName(step.assigneeId)));
      }
      return;
    }
    if (grab.id !== step.id) return;
    const people = host.people().map((p) => p.id);
    let next: PlannerGrab | undefined;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') next = { ...grab, day: dayKey(addDays(parseDayKey(grab.day)!, e.key === 'ArrowLeft' ? -1 : 1)) };
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const i = people.indexOf(grab.person) + (e.key === 'ArrowUp' ? -1 : 1);
      if (i >= 0 && i < people.length) next = { ...grab, person: people[i]! };
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      this.grab = undefined;
      void host.moveStep(step, grab);
      return;
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.grab = undefined;
      host.announce(t.cancelled(step.title));
      return;
    }
    if (!next) return;
    e.preventDefault();
    const days = visibleDays(host.anchor, host.view);
    if (!days.some((d) => d.key === next.day)) host.date = next.day;
    this.grab = next;
    host.focusId = step.id;
    host.announce(t.over(step.title, host.dayLabel(parseDayKey(next.day)!, 'long'), host.personName(next.person)));
  }
}
