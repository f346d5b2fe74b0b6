import * as z from 'zod/mini';
import { CustomFieldsSchema, DateInputSchema, IdSchema, RecordBaseSchema, text } from './common.js';
import { RecordStatusSchema } from './lead.js';

/** Input of `crm.deals.create`: a concrete sale. */
export const DealInputSchema = z.object({
  title: text(300, 1),
  amount: z.optional(z.number().check(z.gte(0), z.lte(1e15))),
  /** ISO 4217 code; defaults to the CRM's `currency` option. */
  currency: z.optional(z.string().check(z.trim(), z.refine((s) => /^[A-Za-z]{3}$/.test(s), { params: { code: 'invalid_option' } }))),
  pipelineId: z.optional(IdSchema),
  /** First open stage of the pipeline when omitted. */
  stageId: z.optional(IdSchema),
  companyId: z.optional(IdSchema),
  contactIds: z.optional(z.array(IdSchema).check(z.maxLength(100))),
  ownerId: z.optional(IdSchema),
  expectedCloseDate: z.optional(DateInputSchema),
  custom: z.optional(CustomFieldsSchema),
});

/** A stored deal. */
export const DealSchema = z.extend(RecordBaseSchema, {
  title: z.string(),
  amount: z.optional(z.number()),
  currency: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  status: RecordStatusSchema,
  companyId: z.optional(z.string()),
  contactIds: z.array(z.string()),
  expectedCloseDate: z.optional(z.string()),
  /** Loss reason id. */
  lostReason: z.optional(z.string()),
  lostComment: z.optional(z.string()),
  /** The lead this deal was converted from. */
  leadId: z.optional(z.string()),
  /** ISO time it was won or lost. */
  closedAt: z.optional(z.string()),
});

/** Input of `crm.deals.create`. */
export type DealInput = z.input<typeof DealInputSchema>;
/** A stored deal. */
export type Deal = z.infer<typeof DealSchema>;
