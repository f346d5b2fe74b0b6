import * as z from 'zod/mini';
import { RecordTypeSchema } from './activity.js';

/** Kinds of timeline entry. */
export const HistoryTypeSchema = z.enum([
  'created',
  'field_changed',
  'stage_changed',
  'activity_scheduled',
  'activity_done',
  'activity_reassigned',
  'note',
  'message_in',
  'message_out',
  'converted',
  'closed',
  'removed',
]);

/** One append-only timeline entry of a record. */
export const HistoryEntrySchema = z.object({
  id: z.string(),
  recordType: RecordTypeSchema,
  recordId: z.string(),
  type: HistoryTypeSchema,
  /** ISO time. */
  at: z.string(),
  /** User id, `system`, or `plugin:<name>`. */
  by: z.string(),
  /** Monotonic counter that orders entries with equal `at`. */
  seq: z.number(),
  /**
   * Entry details: `field_changed` → `{ changes: { field: { from, to } } }`;
   * `stage_changed` → `{ from, to, pipelineId }`; `closed` → `{ outcome, reason?, comment? }`;
   * `note` → `{ text }`; `activity_*` → `{ activityId, title, dueAt, result? }`;
   * `message_*` → `{ channel, text }`; `converted` → `{ dealId, contactId, companyId? }`;
   * entries copied on conversion carry `carriedFrom: { recordType, recordId }`.
   */
  data: z.record(z.string(), z.unknown()),
});

/** A kind of timeline entry. */
export type HistoryType = z.infer<typeof HistoryTypeSchema>;
/** One timeline entry. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
