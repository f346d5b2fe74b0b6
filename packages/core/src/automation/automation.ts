import { parseDuration } from '../duration.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { FunnelRecordType } from '../hooks/hook-map.js';
import { newId } from '../ids.js';
import type { Crm } from '../crm.js';
import type { Runtime } from '../runtime.js';
import type { Activity } from '../schemas/activity.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead } from '../schemas/lead.js';
import type { Pipeline, RobotConfig, Stage } from '../schemas/pipeline.js';
import type { User } from '../schemas/user.js';
import { canAccess, SYSTEM_ACTOR as SYSTEM, type Actor } from '../services/actor.js';
import { stepsFollowOwner } from '../services/step-hand-over.js';
import type { StoredRow, StoreOps, TableName } from '../store/store.js';

const TABLE_OF: Record<Activity['recordType'], TableName> = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' };
import { toValidationIssue } from '../validate.js';
import { safeParse } from 'zod/v4/core';

/** A delayed robot run, persisted so it survives reloads. */
export interface AutomationJob {
  /** Job id. */
  id: string;
  /** `pending` until claimed; `running` while one tab runs it; then `done`, `failed` or `skipped` (the record left the stage). */
  state: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
  /** ISO time it becomes due. */
  dueAt: string;
  /** Record it runs for. */
  recordType: FunnelRecordType;
  /** Record it runs for. */
  recordId: string;
  /** Pipeline and stage the robot belongs to. */
  pipelineId: string;
  /** Pipeline and stage the robot belongs to. */
  stageId: string;
  /** The robot. */
  robot: RobotConfig;
  /** ISO time created. */
  createdAt: string;
  /** ISO time it finished. */
  finishedAt?: string;
  /** Failure message. */
  error?: string;
  /** The CRM instance that claimed it. */
  claimedBy?: string;
}

/** What one `runDue()` did. */
export interface RunDueResult {
  /** Jobs this call ran successfully. */
  ran: number;
  /** Jobs that failed (reported on `plugin:error`). */
  failed: number;
  /** Jobs skipped because the record left the stage or was removed. */
  skipped: number;
  /** Overdue next steps handled (handed over and/or `activity:overdue` fired). */
  overdue: number;
}

/**
 * `crm.automation`: stage robots and delayed jobs. Immediate robots run when
 * a record enters a stage; delayed ones are stored as jobs and run by
 * `runDue()` (called by a timer every `automationIntervalMs`). Each job is
 * claimed in a store transaction before it runs, so with two tabs open it
 * runs exactly once.
 */
export class Automation {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly instanceId = newId('crm');
  private running: Promise<RunDueResult> | undefined;
  /** @internal */
  systemCrm!: Crm;

  /** @internal */
  constructor(private readonly rt: Runtime) {}

  /** @internal Checks every stage robot's type and params; throws one ValidationError listing all problems. */
  validateRobots(pipelines: readonly Pipeline[]): void {
    const issues: ValidationIssue[] = [];
    for (const p of pipelines) {
      for (const s of p.stages) {
        (s.robots ?? []).forEach((r, i) => {
          const path = ['pipelines', p.id, 'stages', s.id, 'robots', i];
          const def = this.rt.robots.get(r.type);
          if (!def) {
            issues.push({ path: [...path, 'type'], code: 'invalid_option', message: `Unknown robot type "${r.type}" (known: ${[...this.rt.robots.keys()].join(', ')})` });
            return;
          }
          if (def.def.params) {
            const res = safeParse(def.def.params, r.params ?? {});
            if (!res.success) issues.push(...res.error.issues.flatMap((iss) => toValidationIssue(iss, this.rt.locale, [...path, 'params'])));
          }
        });
      }
    }
    if (issues.length) throw new ValidationError(issues, 'pipeline robots');
  }

  /** @internal Called after a record entered `stage`: runs immediate robots, stores delayed ones as jobs. */
  async onStageEntered(recordType: FunnelRecordType, record: Lead | Deal, stage: Stage, pipeline: Pipeline): Promise<void> {
    const robots = stage.robots ?? [];
    if (robots.length === 0) return;
    const now = this.rt.now();
    const jobs: AutomationJob[] = [];
    for (const robot of robots) {
      if (robot.delay) {
        jobs.push({ id: newId('j'), state: 'pending', dueAt: new Date(now.getTime() + parseDuration(robot.delay)).toISOString(), recordType, recordId: record.id, pipelineId: pipeline.id, stageId: stage.id, robot, createdAt: now.toISOString() });
      } else {
        await this.runRobot(robot, recordType, record, stage, pipeline);
      }
    }
    if (jobs.length) await this.rt.store.bulkPut('jobs', jobs as unknown as StoredRow[]);
  }

  /** @internal Runs one robot; a failure is reported on `plugin:error` and returned as false. */
  private async runRobot(robot: RobotConfig, recordType: FunnelRecordType, record: Lead | Deal, stage: Stage, pipeline: Pipeline): Promise<boolean> {
    const entry = this.rt.robots.get(robot.type);
    const hook = `robot:${robot.type}`;
    if (!entry) {
      this.rt.reportPluginError('core', hook, new Error(`Unknown robot type "${robot.type}"`));
      return false;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const params = entry.def.params ? (safeParse(entry.def.params, robot.params ?? {}) as { success: boolean; data: Record<string, unknown> }) : { success: true, data: robot.params ?? {} };
      if (!params.success) throw new Error(`invalid params for robot "${robot.type}"`);
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error(`did not settle within ${this.rt.deadlineMs} ms`));
        }, this.rt.deadlineMs);
      });
      await Promise.race([
        Promise.resolve().then(() => entry.def.run({ crm: this.systemCrm, record, recordType, stage, pipeline, signal: controller.signal, now: this.rt.now() }, params.data)),
        deadline,
      ]);
      return true;
    } catch (cause) {
      this.rt.reportPluginError(entry.plugin, hook, cause);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stored jobs, optionally by state, soonest due first. A manager sees only
   * the jobs of records they own (the view's user; see `jobsVisibleTo`).
   */
  async jobs(state?: AutomationJob['state']): Promise<AutomationJob[]> {
    const rows = (await this.rt.store.query('jobs', state ? { index: 'state', equals: state } : {})) as unknown as AutomationJob[];
    return rows.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** @internal The jobs `actor` may see: a manager only those of records they own (one read per record table). */
  async jobsVisibleTo(actor: Actor, state?: AutomationJob['state']): Promise<AutomationJob[]> {
    const rows = await this.jobs(state);
    if (actor.role !== 'manager') return rows;
    const owned = new Set<string>();
    for (const type of ['lead', 'deal'] as const) {
      const ids = [...new Set(rows.filter((j) => j.recordType === type).map((j) => j.recordId))];
      if (ids.length === 0) continue;
      for (const r of await this.rt.store.query(TABLE_OF[type], { index: 'id', anyOf: ids })) if (canAccess(actor, r['ownerId'] as string | undefined)) owned.add(`${type}:${r.id}`);
    }
    return rows.filter((j) => owned.has(`${j.recordType}:${j.recordId}`));
  }

  /**
   * Runs every delayed robot whose time has come (by the CRM clock) and
   * handles overdue next steps. Safe to call from several tabs at once:
   * each job is claimed atomically before it runs. A job whose record has
   * left the stage is skipped.
   */
  async runDue(): Promise<RunDueResult> {
    // One pass at a time per instance; a call during a pass waits for it and starts another.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.runDueOnce();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async runDueOnce(): Promise<RunDueResult> {
    const result: RunDueResult = { ran: 0, failed: 0, skipped: 0, overdue: 0 };
    // Times are compared as dates: ISO strings of 6-digit years (+010000-…) do not sort as text.
    const nowMs = this.rt.now().getTime();
    const due = (await this.jobs('pending')).filter((j) => Date.parse(j.dueAt) <= nowMs);
    for (const job of due) {
      const claimed = await this.rt.store.transaction(['jobs'], async (tx) => {
        const fresh = (await tx.get('jobs', job.id)) as unknown as AutomationJob | undefined;
        if (!fresh || fresh.state !== 'pending') return undefined;
        const running: AutomationJob = { ...fresh, state: 'running', claimedBy: this.instanceId };
        await tx.put('jobs', running as unknown as StoredRow);
        return running;
      });
      if (!claimed) continue;
      const table = claimed.recordType === 'lead' ? 'leads' : 'deals';
      const record = (await this.rt.store.get(table, claimed.recordId)) as unknown as Lead | Deal | undefined;
      let state: AutomationJob['state'];
      let error: string | undefined;
      if (!record || record.stageId !== claimed.stageId || record.pipelineId !== claimed.pipelineId) {
        state = 'skipped';
        error = record ? `record left stage "${claimed.stageId}"` : 'record removed';
        result.skipped++;
      } else {
        const pipeline = this.rt.pipelines.get(claimed.pipelineId);
        const stage = this.rt.pipelines.stage(claimed.pipelineId, claimed.stageId);
        const ok = await this.runRobot(claimed.robot, claimed.recordType, record, stage, pipeline);
        state = ok ? 'done' : 'failed';
        if (ok) result.ran++;
        else {
          result.failed++;
          error = 'robot failed: see plugin:error';
        }
      }
      await this.rt.store.put('jobs', { ...claimed, state, finishedAt: this.rt.nowIso(), ...(error ? { error } : {}) } as unknown as StoredRow);
    }
    result.overdue = await this.processOverdue();
    return result;
  }

  /**
   * Fires `activity:overdue` once per overdue next step and, with an
   * `overduePolicy`, hands it to another user: round-robin among the
   * managers of the assignee's team (or all managers), or to the head.
   * Each step is claimed in a transaction, so two tabs never both handle it.
   */
  async processOverdue(): Promise<number> {
    const now = this.rt.now();
    const lateBy = this.rt.overduePolicy?.after ? parseDuration(this.rt.overduePolicy.after) : 0;
    const cutoff = now.getTime() - lateBy;
    const pending = (await this.rt.store.query('activities', { index: 'state', equals: 'pending' })) as unknown as Activity[];
    const late = pending.filter((a) => !a.overdueAt && Date.parse(a.dueAt) < cutoff).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    let handled = 0;
    // Records handed over in this pass: their other late steps went along with them (stepsFollowOwner),
    // so they stay with that person instead of sending the record on round the team.
    const handedTo = new Map<string, string>();
    for (const a of late) {
      const recordTable = TABLE_OF[a.recordType];
      const outcome = await this.rt.store.transaction(['activities', 'history', 'meta', recordTable], async (tx) => {
        const fresh = (await tx.get('activities', a.id)) as unknown as Activity | undefined;
        if (!fresh || fresh.state !== 'pending' || fresh.overdueAt) return undefined;
        const went = handedTo.get(fresh.recordId);
        const followed = went !== undefined && fresh.assigneeId === went && a.assigneeId !== went;
        const previousAssigneeId = followed ? a.assigneeId : fresh.assigneeId;
        const assigneeId = followed ? went : ((await this.pickAssignee(tx, fresh)) ?? previousAssigneeId);
        const at = now.toISOString();
        const next: Activity = { ...fresh, assigneeId, overdueAt: at, version: fresh.version + 1, updatedAt: at };
        await tx.put('activities', next);
        if (!followed && assigneeId !== previousAssigneeId) {
          await this.rt.appendHistory(tx, [this.rt.historyEntry(fresh.recordType, fresh.recordId, 'activity_reassigned', 'system', { activityId: fresh.id, title: fresh.title, from: previousAssigneeId, to: assigneeId, reason: 'overdue' }, at)]);
          await this.handRecordTo(tx, fresh, assigneeId, at);
        }
        return { activity: next, previousAssigneeId, assigneeId };
      });
      if (outcome && outcome.assigneeId !== outcome.previousAssigneeId) handedTo.set(a.recordId, outcome.assigneeId);
      if (!outcome) continue;
      handled++;
      await this.rt.hooks.emit('activity:overdue', outcome);
    }
    return handled;
  }

  /**
   * A manager handed an overdue step must be able to open its record, and
   * managers see only their own: the record's owner becomes the new assignee
   * (with a history entry), and its other steps go along (`stepsFollowOwner`).
   * Heads and admins see everything; the owner stays.
   */
  private async handRecordTo(tx: StoreOps, step: Activity, assigneeId: string, at: string): Promise<void> {
    if (this.rt.users.get(assigneeId)?.role !== 'manager') return;
    const table = TABLE_OF[step.recordType];
    const record = await tx.get(table, step.recordId);
    if (!record || record['ownerId'] === assigneeId) return;
    await tx.put(table, { ...record, ownerId: assigneeId, version: (record['version'] as number) + 1, updatedAt: at });
    const changes = { ownerId: { from: record['ownerId'], to: assigneeId } };
    await this.rt.appendHistory(tx, [this.rt.historyEntry(step.recordType, step.recordId, 'field_changed', 'system', { changes, reason: 'overdue hand-over', activityId: step.id }, at)]);
    await stepsFollowOwner(this.rt, tx, SYSTEM, step.recordId, assigneeId, at);
  }

  private async pickAssignee(tx: Parameters<Parameters<Runtime['store']['transaction']>[1]>[0], activity: Activity): Promise<string | undefined> {
    const policy = this.rt.overduePolicy;
    if (!policy) return undefined;
    const users = [...this.rt.users.values()];
    const current = this.rt.users.get(activity.assigneeId);
    const sameTeam = (u: User) => !current?.team || u.team === current.team;
    if (policy.handTo === 'head') {
      return (users.find((u) => u.role === 'head' && sameTeam(u)) ?? users.find((u) => u.role === 'head'))?.id;
    }
    const pool = users.filter((u) => u.role === 'manager' && sameTeam(u) && u.id !== activity.assigneeId);
    if (pool.length === 0) return undefined;
    const key = `round-robin:${current?.team ?? '*'}`;
    const cursor = ((await tx.get('meta', key)) as { id: string; next: number } | undefined)?.next ?? 0;
    const chosen = pool[cursor % pool.length] as User;
    await tx.put('meta', { id: key, next: cursor + 1 });
    return chosen.id;
  }

  /** Starts the timer that calls `runDue()` every `intervalMs` (does not keep a Node process alive). */
  start(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      this.runDue().catch((err) => this.rt.reportPluginError('core', 'automation:runDue', err));
    }, intervalMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * A view of the one shared `Automation` for the acting user of a `Crm` view:
 * `jobs()` lists only what that user may see; everything else (the timer,
 * `runDue`) is the shared instance's. @internal
 */
export function automationFor(automation: Automation, actorOf: () => Actor): Automation {
  const jobs = (state?: AutomationJob['state']) => automation.jobsVisibleTo(actorOf(), state);
  return new Proxy(automation, {
    get(target, prop) {
      if (prop === 'jobs') return jobs;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
