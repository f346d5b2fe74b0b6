import { validationMessage } from '@crmkit/core/i18n';
import { check, ensureJitless, hasPhoneOrEmail, LEAD_CONTACT_FIELDS } from '@crmkit/core/form';
import { FORM_KEY, type FieldDef, type FieldError } from './field-defs.js';

const isEmpty = (v: unknown) => v === undefined || v === false || (typeof v === 'string' && v.trim() === '');

/**
 * Validates the form's values with core's lead field schemas
 * (`LEAD_CONTACT_FIELDS`) and its "phone or email" rule, plus the site's required fields and custom schemas.
 * Messages are core's localised `VALIDATION_MESSAGES`. zod runs jitless.
 */
export function validateLeadForm(defs: readonly FieldDef[], values: Readonly<Record<string, string | boolean>>, locale: string): Map<string, FieldError> {
  ensureJitless();
  const errors = new Map<string, FieldError>();
  const put = (key: string | undefined, issue: { code: string; message: string }) => {
    if (key && !errors.has(key)) errors.set(key, { code: issue.code, message: issue.message });
  };
  const lead: Record<string, string> = {};
  for (const d of defs) {
    const v = values[d.key];
    if (isEmpty(v)) {
      if (d.required) put(d.key, { code: 'required', message: validationMessage('required', locale) });
      continue;
    }
    const schema = d.leadPath.length === 1 ? LEAD_CONTACT_FIELDS[d.leadPath[0] as keyof typeof LEAD_CONTACT_FIELDS] : d.schema;
    if (d.leadPath.length === 1) lead[d.leadPath[0]] = String(v);
    if (schema) {
      const r = check(schema, d.type === 'number' ? Number(v) : v, locale);
      if (!r.ok && r.issues[0]) put(d.key, r.issues[0]);
    }
  }
  // Core's rule for every lead: a phone or an email.
  if (!hasPhoneOrEmail(lead)) {
    const at = defs.find((d) => d.key === 'phone') ?? defs.find((d) => d.key === 'email');
    put(at?.key ?? FORM_KEY, { code: 'phone_or_email', message: validationMessage('phone_or_email', locale) });
  }
  return errors;
}
