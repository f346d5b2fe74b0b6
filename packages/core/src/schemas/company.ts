import * as z from 'zod/mini';
import { CustomFieldsSchema, EmailSchema, IdSchema, PhoneSchema, RecordBaseSchema, WebUrlSchema, text } from './common.js';

/** Input of `crm.companies.create`: a business client. */
export const CompanyInputSchema = z.object({
  name: text(300, 1),
  phone: z.optional(PhoneSchema),
  phones: z.optional(z.array(PhoneSchema).check(z.maxLength(20))),
  email: z.optional(EmailSchema),
  emails: z.optional(z.array(EmailSchema).check(z.maxLength(20))),
  website: z.optional(WebUrlSchema),
  city: z.optional(text(200)),
  address: z.optional(text(1000)),
  note: z.optional(text(10000)),
  ownerId: z.optional(IdSchema),
  custom: z.optional(CustomFieldsSchema),
});

/** A stored company. */
export const CompanySchema = z.extend(RecordBaseSchema, {
  name: z.string(),
  /** Lower-cased name, for finding a company by name. */
  nameKey: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  website: z.optional(z.string()),
  city: z.optional(z.string()),
  address: z.optional(z.string()),
  note: z.optional(z.string()),
});

/** Input of `crm.companies.create`. */
export type CompanyInput = z.input<typeof CompanyInputSchema>;
/** A stored company. */
export type Company = z.infer<typeof CompanySchema>;
