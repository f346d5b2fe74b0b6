import type { $ZodType } from 'zod/v4/core';
import type { LocalizedText } from '@crmkit/core/i18n';
import type { LeadInput, ValidationIssue } from '@crmkit/core/form';

/** A site-defined field, set through the `customFields` property. Its value goes to `lead.custom[name]`. */
export interface LeadFormCustomField {
  /** Key in `lead.custom` (letters, digits, `_`, `-`). */
  name: string;
  /** Label, one string or per locale: `{ en: 'Budget', ru: 'Бюджет' }`. */
  label: LocalizedText;
  /** Control type; default `text`. */
  type?: 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'url' | 'date';
  /** Choices of a `select`. */
  options?: ReadonlyArray<{ value: string; label: LocalizedText }>;
  /** Must be filled (or ticked). */
  required?: boolean;
  /** A zod / zod/mini schema the value must pass (numbers are converted first). Messages are localised by issue code. */
  schema?: $ZodType;
  /** Hint shown under the label. */
  hint?: LocalizedText;
}

/** `crm-lead-submit`: the form is about to save and send the lead. Cancelable: `preventDefault()` stops it. */
export interface LeadSubmitDetail {
  /** The lead as it will be sent; handlers may change its fields in place. */
  lead: LeadInput;
  /** The form's `form-id`. */
  formId?: string;
}

/** `crm-lead-created`: the target accepted the lead (or, for a suspected bot, it was set aside while the bot sees success). */
export interface LeadCreatedDetail {
  lead: LeadInput;
  idempotencyKey: string;
  /** The id the target gave the lead, when it says. */
  leadId?: string;
  /** The target had already stored this submission (a retry after a lost response). */
  duplicate?: boolean;
  /** True when spam control flagged the submission. */
  spam: boolean;
  /** True for a lead queued in an earlier page load (offline, or the tab closed mid-send) and delivered now. */
  restored?: boolean;
}

/** `crm-lead-queued`: the lead is saved on this device and will be sent later. */
export interface LeadQueuedDetail {
  lead: LeadInput;
  idempotencyKey: string;
  /** `offline`: the browser is offline; `retrying`: an attempt failed and will be repeated. */
  reason: 'offline' | 'retrying';
  /** When the next attempt is due (epoch ms), if known. */
  nextAttemptAt?: number;
}

/** `crm-lead-error`: the lead was refused or could not be saved. */
export interface LeadErrorDetail {
  lead?: LeadInput;
  idempotencyKey?: string;
  /** `refused`: the target said no (4xx) and it is not retried; `hook`: a `form:beforeSubmit` handler threw; `storage`: the outbox could not be written; `load`: the form's submit code could not be fetched (the draft keeps what was typed); `definition`: the form's `definition` could not be used (`path` says where). */
  kind: 'refused' | 'hook' | 'storage' | 'load' | 'definition';
  /** For `definition`: the JSON path of the problem (`fields[2].type`), or `definition` for the source itself. */
  path?: string;
  /** HTTP status, for a refusal over HTTP. */
  status?: number;
  message: string;
  /** Field problems (422), with paths relative to the lead. */
  fieldErrors?: ValidationIssue[];
}

/** The lead form's events, for `addEventListener` typing. */
export interface LeadFormEventMap {
  'crm-lead-submit': CustomEvent<LeadSubmitDetail>;
  'crm-lead-created': CustomEvent<LeadCreatedDetail>;
  'crm-lead-queued': CustomEvent<LeadQueuedDetail>;
  'crm-lead-error': CustomEvent<LeadErrorDetail>;
}

/** The `beforeSubmit` property: runs after validation and `crm-lead-submit`, before the lead is saved; may change it (e.g. add a captcha token). Throw to refuse. */
export type BeforeSubmit = (payload: { formId?: string; lead: LeadInput }) => { formId?: string; lead: LeadInput } | void | Promise<{ formId?: string; lead: LeadInput } | void>;

/** What the form shows. */
export type LeadFormState = 'idle' | 'invalid' | 'sending' | 'queued' | 'success' | 'failed';

/** Timing of delivery (tests shorten it). */
export interface DeliveryTiming {
  /** First retry delay; doubles per attempt. Default 2000 ms. */
  baseDelayMs?: number;
  /** Longest delay between attempts. Default 5 minutes. */
  maxDelayMs?: number;
  /** Random source in [0, 1) for jitter. */
  random?: () => number;
}
