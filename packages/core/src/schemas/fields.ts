import * as z from 'zod/mini';
import { isEmailAddress } from '../email.js';
import { isPlausiblePhone } from '../phone-syntax.js';

// The field schemas a lead form needs, in a module of their own: the
// visitor-facing form bundles this file (a few KB with zod/mini) instead of
// the whole lead schema and everything `common.ts` builds at load time.

/** A trimmed single-line text of at most `max` characters; `min` 1 makes it required-non-empty. */
export function text(max: number, min = 0) {
  return min > 0
    ? z.string().check(z.trim(), z.minLength(min), z.maxLength(max))
    : z.string().check(z.trim(), z.maxLength(max));
}

/**
 * A phone number a person could dial, kept as typed (checked loosely here;
 * full-width digits, any dash and an extension such as `доб. 123` are fine;
 * `normalizePhone` gives its E.164 form).
 */
export const PhoneSchema = z.string().check(
  z.trim(),
  z.maxLength(60),
  z.refine(isPlausiblePhone, { params: { code: 'invalid_phone' } }),
);

/** An email address, international ones included (`петров@example.ru`, `info@сайт.рф`, `info@xn--80aswg.xn--p1ai`). */
export const EmailSchema = z.string().check(z.trim(), z.maxLength(254), z.refine(isEmailAddress, { params: { code: 'invalid_email' } }));

/** The schemas of a lead's contact fields (used by `LeadFieldsSchema` and by the lead form). */
export const LEAD_CONTACT_FIELDS = {
  name: text(200),
  phone: PhoneSchema,
  email: EmailSchema,
  companyName: text(300),
  message: text(5000),
};

/** A lead may have only a phone or only an email, but not neither. */
export function hasPhoneOrEmail(lead: { phone?: string; email?: string }): boolean {
  return Boolean(lead.phone?.trim() || lead.email?.trim());
}
