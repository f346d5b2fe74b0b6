import * as z from 'zod/mini';
import { isDuration } from '../duration.js';
import { LocalizedTextSchema } from './common.js';
import { RoleSchema } from './user.js';
import { QuickTimeSchema } from '../quick-times.js';

const DurationSchema = z.string().check(z.refine(isDuration, { params: { code: 'invalid' }, error: 'Use a number and one of s, m, h, d, w, e.g. "2d"' }));

/** A robot attached to a stage: runs when a record enters the stage, now or after `delay`. */
export const RobotConfigSchema = z.object({
  /** Robot type: `create-activity`, `assign-owner`, `set-field`, `send-message`, `webhook`, or a plugin's type. */
  type: z.string().check(z.minLength(1)),
  /** Parameters, validated by the robot type's schema. */
  params: z.optional(z.record(z.string(), z.unknown())),
  /** Run this long after the record entered the stage (`'10m'`, `'2h'`, `'2d'`). */
  delay: z.optional(DurationSchema),
});

/** A declarative stage guard: the listed fields must be set before a record may enter the stage. */
export const StageGuardSchema = z.object({
  /** Field names; custom fields as `custom.<name>`. */
  require: z.array(z.string()),
  /** The refusal reason shown to the user. */
  message: z.optional(LocalizedTextSchema),
});

/** A funnel stage. */
export const StageSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: LocalizedTextSchema,
  /** `open` stages are worked; `won` is the one success state; `lost` is failure (needs a reason). */
  kind: z.enum(['open', 'won', 'lost']),
  /** What the owner must do at this stage (the funnel teaches newcomers). */
  description: z.optional(LocalizedTextSchema),
  /** How long a record should stay here at most. */
  limit: z.optional(DurationSchema),
  robots: z.optional(z.array(RobotConfigSchema)),
  guards: z.optional(z.array(StageGuardSchema)),
  /** Chance (0–1) that a record in this stage ends won, for forecasts. */
  probability: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** Roles allowed to move a record into this stage (by any path); others get `ForbiddenError`. Default: everyone. */
  movableBy: z.optional(z.array(RoleSchema).check(z.minLength(1))),
});

/** A reason a lead is junked or a deal lost. */
export const LossReasonSchema = z.object({
  id: z.string().check(z.minLength(1)),
  name: LocalizedTextSchema,
  /** "Other" needs a comment; reports show its share. */
  requiresComment: z.optional(z.boolean()),
});

/** A funnel: ordered stages for one entity kind. */
export const PipelineSchema = z
  .object({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    entity: z.enum(['lead', 'deal']),
    name: LocalizedTextSchema,
    stages: z.array(StageSchema).check(z.minLength(1)),
    lossReasons: z.array(LossReasonSchema),
    /** Quick next-step times offered for this pipeline's records (default: the CRM's). */
    quickTimes: z.optional(z.array(QuickTimeSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((p) => p.stages.some((s) => s.kind === 'open'), { path: ['stages'], error: 'A pipeline needs at least one open stage' }),
    z.refine((p) => p.stages.filter((s) => s.kind === 'won').length === 1, { path: ['stages'], error: 'A pipeline has exactly one won (success) stage' }),
    z.refine((p) => p.stages.filter((s) => s.kind === 'lost').length >= 1, { path: ['stages'], error: 'A pipeline needs a lost stage' }),
    z.refine((p) => new Set(p.stages.map((s) => s.id)).size === p.stages.length, { path: ['stages'], error: 'Stage ids must be unique' }),
  );

/** A robot attached to a stage. */
export type RobotConfig = z.infer<typeof RobotConfigSchema>;
/** A declarative stage guard. */
export type StageGuard = z.infer<typeof StageGuardSchema>;
/** A funnel stage. */
export type Stage = z.infer<typeof StageSchema>;
/** A loss reason. */
export type LossReason = z.infer<typeof LossReasonSchema>;
/** A funnel. */
export type Pipeline = z.infer<typeof PipelineSchema>;
