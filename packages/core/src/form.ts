/**
 * `@crmkit/core/form` — the small, visitor-facing subset a lead form needs to
 * check what a visitor typed exactly as the core will: the lead's contact
 * field schemas, the phone-or-email rule and the validation helpers. It
 * imports no service, store or full record schema, so a form bundle stays a
 * few kilobytes (`@crmkit/core/schemas` has every schema).
 *
 * @packageDocumentation
 */

export { text, PhoneSchema, EmailSchema, LEAD_CONTACT_FIELDS, hasPhoneOrEmail } from './schemas/fields.js';
export { validate, check, ensureJitless } from './validate.js';
export type { ValidationIssue } from './errors.js';
export type { Consent, LeadInput } from './schemas/lead.js';
