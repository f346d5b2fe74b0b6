import type { Locale } from '@crmkit/core/i18n';
import { registerTranslation } from '../i18n/translation-registry.js';
import { leadForm as en } from '../locales/en.js';
import { leadForm as mn } from '../locales/mn.js';
import { leadForm as ru } from '../locales/ru.js';
import { leadForm as uz } from '../locales/uz.js';
import { leadForm as zh } from '../locales/zh.js';
/** Every visible string of the lead form, per locale (namespace `leadForm`; the tables are in `locales/`). */
export interface LeadFormStrings {
  name: string;
  phone: string;
  email: string;
  company: string;
  message: string;
  submit: string;
  sending: string;
  /** The "required" mark read by screen readers, with the language's own brackets, e.g. `(required)`, `（必填）`. */
  required: string;
  /** Between a field's label and its problem in the error summary (`: `, full-width `：` in Chinese). */
  labelSep: string;
  summaryTitle: string;
  consent: string;
  consentPolicy: string;
  consentRequired: string;
  honeypot: string;
  success: string;
  queued: string;
  retrying: string;
  refused: string;
  failedStorage: string;
  sendAnother: string;
  retry: string;
}

/** The lead form's strings in en, ru, zh, mn and uz. Field messages come from core's `VALIDATION_MESSAGES`. */
export const LEAD_FORM_STRINGS: Readonly<Record<Locale, LeadFormStrings>> = { en, ru, zh, mn, uz };

let registered = false;

/**
 * Puts the lead form's own tables into the translation registry (namespace
 * `leadForm`) — only these, so the visitor-facing bundle carries no other
 * widget's strings. Idempotent.
 */
export function registerLeadFormTranslations(): void {
  if (registered) return;
  registered = true;
  for (const [tag, leadForm] of Object.entries(LEAD_FORM_STRINGS)) registerTranslation(tag, { leadForm });
}
