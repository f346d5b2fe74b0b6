/**
 * `@crmkit/core/schemas` — crmkit's zod schemas and the validation helpers
 * that turn their failures into localised {@link ValidationIssue}s. It holds
 * no services and no store, so a form (the visitor-facing lead form) bundles
 * only the schemas it uses: zod/mini tree-shakes unused ones away.
 *
 * @packageDocumentation
 */

export { validate, check, ensureJitless } from '../validate.js';
export type { ValidationIssue } from '../errors.js';
export { text, PhoneSchema, EmailSchema, LEAD_CONTACT_FIELDS, hasPhoneOrEmail } from './fields.js';
export { IdSchema, SourceSchema, WebUrlSchema, LocalizedTextSchema, DateInputSchema, CustomFieldsSchema, RecordBaseSchema, type Source, type RecordBase } from './common.js';
export { ContactSchema, ContactInputSchema, type Contact, type ContactInput } from './contact.js';
export { CompanySchema, CompanyInputSchema, type Company, type CompanyInput } from './company.js';
export { LeadSchema, LeadInputSchema, LeadFieldsSchema, ConsentSchema, RecordStatusSchema, type Lead, type LeadInput, type Consent, type RecordStatus } from './lead.js';
export { DealSchema, DealInputSchema, type Deal, type DealInput } from './deal.js';
export { ActivitySchema, ActivityInputSchema, ActivityTypeSchema, RecordTypeSchema, type Activity, type ActivityInput, type ActivityType, type RecordType } from './activity.js';
export { HistoryEntrySchema, HistoryTypeSchema, type HistoryEntry, type HistoryType } from './history.js';
export { UserSchema, RoleSchema, type User, type Role } from './user.js';
export { PipelineSchema, StageSchema, LossReasonSchema, RobotConfigSchema, StageGuardSchema, type Pipeline, type Stage, type LossReason, type RobotConfig, type StageGuard } from './pipeline.js';
export {
  LeadFormDefinitionSchema,
  DefinitionFieldSchema,
  DefinitionBuiltinFieldSchema,
  DefinitionCustomFieldSchema,
  DefinitionOptionSchema,
  DefinitionConsentSchema,
  DefinitionTextSchema,
  DefinitionLinkSchema,
  LEAD_FORM_BUILTIN_FIELDS,
  LEAD_FORM_FIELD_TYPES,
  checkLeadFormDefinition,
  jsonPath,
  type LeadFormDefinition,
  type LeadFormDefinitionField,
  type DefinitionIssue,
} from './lead-form-definition.js';
export { leadFormDefinitionJsonSchema } from './lead-form-definition-json-schema.js';
