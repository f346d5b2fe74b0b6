import type { $ZodType } from 'zod/v4/core';

// What the form needs to render its fields. The validator that checks them
// (zod and every message) is in validation.ts, loaded after first render.

/** A field as the form renders and validates it. */
export interface FieldDef {
  /** Form key: `name`, `phone`, `email`, `company`, `message`, or `custom.<name>`. */
  key: string;
  /** Where the value goes in the lead, e.g. `['companyName']` or `['custom', 'budget']`. */
  leadPath: [string] | ['custom', string];
  /** The control. */
  type: 'text' | 'tel' | 'email' | 'textarea' | 'select' | 'checkbox' | 'number' | 'url' | 'date';
  /** Must be filled / ticked. */
  required: boolean;
  /** Extra schema for a custom field (a zod or zod/mini schema). */
  schema?: $ZodType;
}

/** One problem, by form key. */
export interface FieldError {
  code: string;
  message: string;
}

/** Key of problems that belong to no visible field (shown in the summary only). */
export const FORM_KEY = '_form';

/** Standard field key → lead key. */
export const LEAD_KEY: Readonly<Record<string, string>> = { name: 'name', phone: 'phone', email: 'email', company: 'companyName', message: 'message' };

/** Maps a lead path (from core or from a server's 422) to the form key showing it. */
export function formKeyOf(path: readonly (string | number)[], defs: readonly FieldDef[]): string | undefined {
  const [head, sub] = path;
  if (head === 'custom' && typeof sub === 'string') return defs.find((d) => d.key === `custom.${sub}`)?.key;
  const byLead = defs.find((d) => d.leadPath.length === 1 && d.leadPath[0] === head);
  return byLead?.key;
}

