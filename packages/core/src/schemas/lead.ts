import * as z from 'zod/mini';
import { CustomFieldsSchema, HandlesSchema, IdSchema, RecordBaseSchema, SourceSchema, text } from './common.js';
import { hasPhoneOrEmail, LEAD_CONTACT_FIELDS } from './fields.js';

/** Evidence that the visitor agreed to be contacted: what they saw, where and when. */
export const ConsentSchema = z.object({
  /** The exact consent text shown (or use `textHash` + `version`). */
  text: z.optional(text(5000)),
  /** SHA-256 (hex) of the consent text, when the text itself is stored elsewhere. */
  textHash: z.optional(text(128)),
  /** Version label of the consent text / privacy policy. */
  version: z.optional(text(100)),
  /** Link to the policy the visitor could open. */
  url: z.optional(text(2000)),
  /** Locale the text was shown in. */
  locale: text(35, 1),
  /** Page the consent was given on. */
  pageUrl: text(2000, 1),
  /** ISO time of consent. */
  at: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), { params: { code: 'invalid_date' } })),
});

/** A lead can be reached when it has a phone, an email or a messenger handle. */
function isReachable(lead: { phone?: string; email?: string; handles?: Record<string, string> }): boolean {
  return hasPhoneOrEmail(lead) || Object.values(lead.handles ?? {}).some((id) => id.trim() !== '');
}

/** The fields a lead can be created with; a phone, an email or a messenger handle is required. */
export const LeadFieldsSchema = z.object({
  name: z.optional(LEAD_CONTACT_FIELDS.name),
  phone: z.optional(LEAD_CONTACT_FIELDS.phone),
  email: z.optional(LEAD_CONTACT_FIELDS.email),
  /** Messenger handles (`{ telegram: '123456' }`): a lead from a messenger needs neither phone nor email. */
  handles: z.optional(HandlesSchema),
  companyName: z.optional(LEAD_CONTACT_FIELDS.companyName),
  message: z.optional(LEAD_CONTACT_FIELDS.message),
  source: z.optional(SourceSchema),
  consent: z.optional(ConsentSchema),
  pipelineId: z.optional(IdSchema),
  ownerId: z.optional(IdSchema),
  /** Set by spam control: stored for review, never worked as a real lead. */
  spam: z.optional(z.boolean()),
  /** The sender's idempotency key (lead intake de-duplicates by it). */
  idempotencyKey: z.optional(text(200)),
  custom: z.optional(CustomFieldsSchema),
});

/** Input of `crm.leads.create`. A lead may have only a phone, only an email or only a messenger handle, but not none. */
export const LeadInputSchema = LeadFieldsSchema.check(
  z.refine(isReachable, {
    path: ['phone'],
    params: { code: 'phone_or_email' },
  }),
);

/** Outcome state of a lead or deal: from the kind of the stage it is in. */
export const RecordStatusSchema = z.enum(['open', 'won', 'lost']);

/** A stored lead. */
export const LeadSchema = z.extend(RecordBaseSchema, {
  name: z.optional(z.string()),
  phone: z.optional(z.string()),
  email: z.optional(z.string()),
  /** Messenger handles: `{ telegram: '123456' }`. */
  handles: z.optional(z.record(z.string(), z.string())),
  companyName: z.optional(z.string()),
  message: z.optional(z.string()),
  source: z.optional(SourceSchema),
  consent: z.optional(ConsentSchema),
  pipelineId: z.string(),
  stageId: z.string(),
  /** `won` means converted, `lost` means junk. */
  status: RecordStatusSchema,
  /** Set when the lead's phone, email or handle matches a known contact. */
  contactId: z.optional(z.string()),
  /** Set when the phone or email matches a contact the creator may not see: the head links them by hand. */
  duplicateOf: z.optional(z.string()),
  /** Loss reason id (junk). */
  closeReason: z.optional(z.string()),
  closeComment: z.optional(z.string()),
  /** What the lead became. */
  convertedTo: z.optional(z.object({ dealId: z.string(), contactId: z.string(), companyId: z.optional(z.string()) })),
  spam: z.optional(z.boolean()),
  idempotencyKey: z.optional(z.string()),
  dupKeys: z.array(z.string()),
});

/** Consent evidence. */
export type Consent = z.infer<typeof ConsentSchema>;
/** Input of `crm.leads.create`. */
export type LeadInput = z.input<typeof LeadInputSchema>;
/** A stored lead. */
export type Lead = z.infer<typeof LeadSchema>;
/** `open`, `won` or `lost`. */
export type RecordStatus = z.infer<typeof RecordStatusSchema>;
