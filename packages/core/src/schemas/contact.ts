import * as z from 'zod/mini';
import { CustomFieldsSchema, EmailSchema, HandlesSchema, IdSchema, PhoneSchema, RecordBaseSchema, SourceSchema, WebUrlSchema, text } from './common.js';

/** Input of `crm.contacts.create`: a person. `phone`/`email` are shorthands for one-item `phones`/`emails`. */
export const ContactInputSchema = z.object({
  name: text(200, 1),
  phone: z.optional(PhoneSchema),
  phones: z.optional(z.array(PhoneSchema).check(z.maxLength(20))),
  email: z.optional(EmailSchema),
  emails: z.optional(z.array(EmailSchema).check(z.maxLength(20))),
  /** Messenger handles: `{ telegram: '123456' }`. */
  handles: z.optional(HandlesSchema),
  position: z.optional(text(200)),
  city: z.optional(text(200)),
  website: z.optional(WebUrlSchema),
  note: z.optional(text(10000)),
  companyId: z.optional(IdSchema),
  ownerId: z.optional(IdSchema),
  source: z.optional(SourceSchema),
  tags: z.optional(z.array(text(60, 1)).check(z.maxLength(50))),
  custom: z.optional(CustomFieldsSchema),
});

/** A stored contact. */
export const ContactSchema = z.extend(RecordBaseSchema, {
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  /** Messenger handles: `{ telegram: '123456' }`. */
  handles: z.optional(z.record(z.string(), z.string())),
  position: z.optional(z.string()),
  city: z.optional(z.string()),
  website: z.optional(z.string()),
  note: z.optional(z.string()),
  companyId: z.optional(z.string()),
  source: z.optional(SourceSchema),
  tags: z.array(z.string()),
  /** Normalised phone, email and handle keys used for duplicate control. */
  dupKeys: z.array(z.string()),
  /** Set when this contact duplicates one its creator may not see: a head merges or links them by hand. */
  duplicateOf: z.optional(z.string()),
});

/** Input of `crm.contacts.create`. */
export type ContactInput = z.input<typeof ContactInputSchema>;
/** A stored contact. */
export type Contact = z.infer<typeof ContactSchema>;
