import * as z from 'zod/mini';
import { EmailSchema, PhoneSchema, text } from './fields.js';

export { EmailSchema, PhoneSchema, text };

/** A record id. */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(200));

/** Text that is one string or a map of locale → string. */
export const LocalizedTextSchema = z.union([z.string(), z.record(z.string(), z.string())]);

/** An http(s) URL: other schemes (javascript:, data:) are refused so a link can never run script. */
export const WebUrlSchema = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), { params: { code: 'invalid_url' } }),
);

/** A date: a `Date` or an ISO 8601 string. Stored as an ISO string. */
export const DateInputSchema = z.union([
  z.date(),
  z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), { params: { code: 'invalid_date' } })),
]);

/**
 * Messenger handles: messenger name (`telegram`, `whatsapp`, …: 2–30 lower-case
 * letters, digits, `-` or `_`) → the id there (a Telegram chat id, a username).
 */
export const HandlesSchema = z.record(
  z.string().check(z.regex(/^[a-z][a-z0-9_-]{1,29}$/)),
  text(200, 1),
).check(z.refine((h) => Object.keys(h).length <= 20, { params: { code: 'too_big' } }));

/** Custom (plugin- or user-defined) fields: validated by the schemas the fields declare. */
export const CustomFieldsSchema = z.record(z.string(), z.unknown());

/** Where a lead or contact came from. */
export const SourceSchema = z.object({
  /** Channel id: `web-form`, `phone`, `email`, `telegram`, `import`… */
  channel: text(60, 1),
  /** UTM parameters captured on arrival. */
  utm: z.optional(
    z.object({
      source: z.optional(text(200)),
      medium: z.optional(text(200)),
      campaign: z.optional(text(200)),
      term: z.optional(text(200)),
      content: z.optional(text(200)),
    }),
  ),
  /** `document.referrer` on arrival. */
  referrer: z.optional(text(2000)),
  /** The page the visitor first landed on. */
  landingPage: z.optional(text(2000)),
  /** The page the form was submitted from. */
  pageUrl: z.optional(text(2000)),
  /** Which form or integration produced it. */
  formId: z.optional(text(200)),
});

/** Fields every stored record has. */
export const RecordBaseSchema = z.object({
  /** Primary key. */
  id: IdSchema,
  /** ISO time of creation. */
  createdAt: z.string(),
  /** ISO time of the last change. */
  updatedAt: z.string(),
  /** Optimistic-concurrency version: 1 on create, +1 on every change. */
  version: z.number(),
  /** The responsible user. */
  ownerId: z.string(),
  /** Custom fields. */
  custom: CustomFieldsSchema,
});

/** Fields every stored record has. */
export type RecordBase = z.infer<typeof RecordBaseSchema>;

/** Messenger handles (`{ telegram: '123456' }`). */
export type HandlesInput = z.infer<typeof HandlesSchema>;

/** Where a lead or contact came from. */
export type Source = z.infer<typeof SourceSchema>;
