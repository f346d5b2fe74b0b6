import * as z from 'zod/mini';
import type { ValidationIssue } from '../errors.js';
import { check } from '../validate.js';
import { text } from './fields.js';

// A lead form described by JSON (`<crm-lead-form definition="…">`): which
// fields, their labels per locale, the consent text and version, what happens
// after a submit. The form checks a definition with this schema before it
// renders it; the team server can check the ones it serves with the same one.

/** The lead form's built-in fields (their values go to the lead's own fields). */
export const LEAD_FORM_BUILTIN_FIELDS = ['name', 'phone', 'email', 'company', 'message'] as const;

/** The control types a custom field may have (its value goes to `lead.custom[name]`). */
export const LEAD_FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'select', 'checkbox', 'date', 'url'] as const;

/** A BCP 47 language tag as a key of a per-locale text: `en`, `ru`, `zh-Hans`, `uz-Cyrl-UZ`. */
const LocaleTagSchema = z.string().check(z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/));

/** A visible text: one string, or one per locale (`{ "en": "Budget", "ru": "Бюджет" }`). */
export const DefinitionTextSchema = z.union([text(1000, 1), z.record(LocaleTagSchema, text(1000, 1)).check(z.refine((r) => Object.keys(r).length > 0, { params: { code: 'required' } }))]);

/**
 * A link: `https://…` or `http://…`, or relative to the page (`/privacy`,
 * `./thanks`). Nothing else (`javascript:`, `data:`) — a link from a
 * definition can never run script.
 */
export const DefinitionLinkSchema = z.string().check(
  z.trim(),
  z.maxLength(2000),
  z.refine((s) => /^(https?:\/\/[^\s/]|\.{0,2}\/)\S*$/i.test(s), { params: { code: 'invalid_url' } }),
);

/** A built-in field: `name`, `phone`, `email`, `company` or `message`; its label defaults to the form's own, in the visitor's language. */
export const DefinitionBuiltinFieldSchema = z.strictObject({
  name: z.enum(LEAD_FORM_BUILTIN_FIELDS),
  label: z.optional(DefinitionTextSchema),
  hint: z.optional(DefinitionTextSchema),
  required: z.optional(z.boolean()),
});

/** A choice of a `select` field. */
export const DefinitionOptionSchema = z.strictObject({ value: text(200, 1), label: DefinitionTextSchema });

/** A custom field: any other name (letters, digits, `_`, `-`), a type, and a label. */
export const DefinitionCustomFieldSchema = z
  .strictObject({
    name: z.string().check(z.regex(/^(?!(?:name|phone|email|company|message)$)[A-Za-z][\w-]{0,63}$/)),
    type: z._default(z.enum(LEAD_FORM_FIELD_TYPES), 'text'),
    label: DefinitionTextSchema,
    hint: z.optional(DefinitionTextSchema),
    required: z.optional(z.boolean()),
    /** Choices of a `select` (required there, and only there). */
    options: z.optional(z.array(DefinitionOptionSchema).check(z.minLength(1), z.maxLength(200))),
    /** Smallest and largest value of a `number`. */
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    /** Longest text of a `text` or `textarea` (default 500 / 5000). */
    maxLength: z.optional(z.int().check(z.positive(), z.lte(5000))),
  })
  .check(
    z.superRefine((f, ctx) => {
      if (f.type === 'select' && !f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select needs options', params: { code: 'required' } });
      if (f.type !== 'select' && f.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a select has options', params: { code: 'unknown_field' } });
      for (const k of ['min', 'max'] as const) if (f[k] !== undefined && f.type !== 'number') ctx.addIssue({ code: 'custom', path: [k], message: 'Only a number has min and max', params: { code: 'unknown_field' } });
      if (f.maxLength !== undefined && f.type !== 'text' && f.type !== 'textarea') ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'Only text has maxLength', params: { code: 'unknown_field' } });
    }),
  );

/** One field of a definition: built-in or custom. */
export const DefinitionFieldSchema = z.union([DefinitionBuiltinFieldSchema, DefinitionCustomFieldSchema]);

/** The consent checkbox: the exact text to agree to and/or the policy link, and its version (stored with each lead as evidence). */
export const DefinitionConsentSchema = z
  .strictObject({ text: z.optional(DefinitionTextSchema), url: z.optional(DefinitionLinkSchema), version: z.optional(text(100, 1)) })
  .check(z.refine((c) => c.text !== undefined || c.url !== undefined, { path: ['text'], params: { code: 'required' } }));

/**
 * A lead form definition (version 1 of the format). Unknown properties are
 * errors, so a misspelt one is reported instead of silently ignored. Where
 * leads go (`endpoint`, `crm`, `connector`) is not part of it: the page decides that.
 */
export const LeadFormDefinitionSchema = z
  .strictObject({
    /** The JSON Schema URL an editor validates against; ignored by the form. */
    $schema: z.optional(z.string()),
    /** The definition's own version label, e.g. `"2026-12-02"` (kept with the cached copy). */
    version: z.optional(text(100, 1)),
    /** The fields, in order. At least a phone or an email field (a lead needs one of them). */
    fields: z.array(DefinitionFieldSchema).check(z.minLength(1), z.maxLength(50)),
    consent: z.optional(DefinitionConsentSchema),
    /** The thank-you sentence. */
    successMessage: z.optional(DefinitionTextSchema),
    /** Where the browser goes once the lead is delivered (http(s), or relative to the page). */
    redirect: z.optional(DefinitionLinkSchema),
    /** The submit button's text. */
    submitLabel: z.optional(DefinitionTextSchema),
  })
  .check(
    z.superRefine((d, ctx) => {
      const seen = new Set<string>();
      d.fields.forEach((f, i) => {
        if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `"${f.name}" is listed twice`, params: { code: 'duplicate_field' } });
        seen.add(f.name);
      });
      if (!seen.has('phone') && !seen.has('email')) ctx.addIssue({ code: 'custom', path: ['fields'], message: 'A lead form needs a phone or an email field', params: { code: 'needs_contact_field' } });
    }),
  );

/** A parsed lead form definition. */
export type LeadFormDefinition = z.output<typeof LeadFormDefinitionSchema>;
/** One field of a parsed definition. */
export type LeadFormDefinitionField = z.output<typeof DefinitionFieldSchema>;

/** A problem in a definition, with where it is as a JSON path (`fields[2].type`). */
export interface DefinitionIssue extends ValidationIssue {
  /** `fields[2].type`, `consent.url`, or `(root)`. */
  at: string;
}

/** `['fields', 2, 'type']` → `fields[2].type` (empty → `(root)`). */
export function jsonPath(path: readonly (string | number)[]): string {
  const s = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`)).join('');
  return s || '(root)';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a lead form definition (already parsed from JSON). On failure, every
 * issue names its JSON path: a field is checked as built-in or custom by its
 * `name`, so a custom field without a label is `fields[2].label`, not a
 * vague "no union branch matched". Messages in `locale`.
 */
export function checkLeadFormDefinition(input: unknown, locale = 'en'): { ok: true; value: LeadFormDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const r = check(LeadFormDefinitionSchema, input, locale);
  if (r.ok) return r;
  const fields = isObject(input) && Array.isArray(input['fields']) ? (input['fields'] as unknown[]) : [];
  const inField = (i: ValidationIssue) => i.path[0] === 'fields' && typeof i.path[1] === 'number' && isObject(fields[i.path[1]]) && i.code !== 'duplicate_field';
  const issues = r.issues.filter((i) => !inField(i));
  const redo = new Set(r.issues.filter(inField).map((i) => i.path[1] as number));
  for (const n of redo) {
    const f = fields[n] as Record<string, unknown>;
    const schema = (LEAD_FORM_BUILTIN_FIELDS as readonly unknown[]).includes(f['name']) ? DefinitionBuiltinFieldSchema : DefinitionCustomFieldSchema;
    const own = check(schema, f, locale);
    if (!own.ok) issues.push(...own.issues.map((i) => ({ ...i, path: ['fields', n, ...i.path] })));
  }
  return { ok: false, issues: issues.map((i) => ({ ...i, at: jsonPath(i.path) })) };
}
