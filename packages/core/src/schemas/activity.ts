import * as z from 'zod/mini';
import { DateInputSchema, IdSchema, RecordBaseSchema, text } from './common.js';

/** Kinds of record a next step or history entry can belong to. */
export const RecordTypeSchema = z.enum(['contact', 'company', 'lead', 'deal']);

/** Kinds of next step. */
export const ActivityTypeSchema = z.enum(['call', 'meeting', 'email', 'task']);

/** Input of `crm.activities.schedule`: a next step. */
export const ActivityInputSchema = z.object({
  recordType: RecordTypeSchema,
  recordId: IdSchema,
  type: ActivityTypeSchema,
  title: text(300, 1),
  dueAt: DateInputSchema,
  /** Defaults to the record's owner. */
  assigneeId: z.optional(IdSchema),
  note: z.optional(text(5000)),
  /** Complete this step automatically when the record leaves `stageId`. */
  completeOnStageLeave: z.optional(z.boolean()),
});

/** A stored next step. */
export const ActivitySchema = z.extend(RecordBaseSchema, {
  recordType: RecordTypeSchema,
  recordId: z.string(),
  type: ActivityTypeSchema,
  title: z.string(),
  dueAt: z.string(),
  assigneeId: z.string(),
  note: z.optional(z.string()),
  /** `pending` until completed. */
  state: z.enum(['pending', 'done']),
  done: z.boolean(),
  doneAt: z.optional(z.string()),
  result: z.optional(z.string()),
  /** Stage the record was in when this was scheduled (for `completeOnStageLeave`). */
  stageId: z.optional(z.string()),
  completeOnStageLeave: z.optional(z.boolean()),
  /** Set once `activity:overdue` has fired for this step. */
  overdueAt: z.optional(z.string()),
  /** Robot that created it, if any. */
  robot: z.optional(z.string()),
});

/** `contact`, `company`, `lead` or `deal`. */
export type RecordType = z.infer<typeof RecordTypeSchema>;
/** `call`, `meeting`, `email` or `task`. */
export type ActivityType = z.infer<typeof ActivityTypeSchema>;
/** Input of `crm.activities.schedule`. */
export type ActivityInput = z.input<typeof ActivityInputSchema>;
/** A stored next step. */
export type Activity = z.infer<typeof ActivitySchema>;
