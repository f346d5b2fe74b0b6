import { registerTranslationDefaults } from '../i18n/translation-registry.js';
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
  /** A refusal (4xx) the visitor may fix: check and send again. */
  refused: string;
  /** A refusal no resending fixes (401, 403, 404, 410: the receiving side does not take this form's leads). */
  refusedClosed: string;
  failedStorage: string;
  /** The submit code could not be fetched (offline before it loaded, or a CDN without CORS headers on the chunks). */
  failedLoad: string;
  sendAnother: string;
  retry: string;
}

/** Strings shown only after a submit: they load with the submit code, keeping the initial module small. */
export type LeadFormResultKey = 'summaryTitle' | 'consentRequired' | 'success' | 'queued' | 'retrying' | 'refused' | 'refusedClosed' | 'failedStorage' | 'sendAnother';
/** The lead form's strings needed to render it (in the initial module). */
export type LeadFormRenderStrings = Omit<LeadFormStrings, LeadFormResultKey>;
/** The lead form's strings shown after a submit (in the submit chunk). */
export type LeadFormResultStrings = Pick<LeadFormStrings, LeadFormResultKey>;

let registered = false;

/**
 * Puts the lead form's render-time tables into the translation registry
 * (namespace `leadForm`) — only these, so the visitor-facing bundle carries
 * no other widget's strings; the submit code adds the rest. Keys a site
 * registered before the first form keep the site's value. Idempotent.
 */
export function registerLeadFormTranslations(): void {
  if (registered) return;
  registered = true;
  for (const [tag, leadForm] of Object.entries({ en, ru, zh, mn, uz })) registerTranslationDefaults(tag, { leadForm });
}
