import * as z from 'zod/mini';
import { LeadFormDefinitionSchema } from './lead-form-definition.js';

/**
 * The JSON Schema (draft 2020-12) of a lead form definition, generated from
 * {@link LeadFormDefinitionSchema}: for editors (`"$schema"`) and for servers
 * that serve definitions. Rules a JSON Schema cannot say (a select needs
 * options, no field twice, a phone or an email field) are checked by
 * `checkLeadFormDefinition` only. The same document is published as
 * `docs/lead-form-definition.schema.json`.
 */
export function leadFormDefinitionJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(LeadFormDefinitionSchema, { io: 'input' }) as Record<string, unknown>),
    title: 'crmkit lead form definition',
    description: 'A <crm-lead-form> described by JSON: fields with labels per locale, consent, success message or redirect. See docs/embedding.md, "Form definitions".',
  };
}
