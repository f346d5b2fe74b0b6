import type { Locale } from '@crmkit/core/i18n';
import { leadForm as en } from '../locales/en.js';
import { leadForm as mn } from '../locales/mn.js';
import { leadForm as ru } from '../locales/ru.js';
import { leadForm as uz } from '../locales/uz.js';
import { leadForm as zh } from '../locales/zh.js';
import { LEAD_FORM_RESULT_STRINGS } from './result-strings.js';
import type { LeadFormStrings } from './strings.js';

const RENDER = { en, ru, zh, mn, uz };

/** The lead form's strings in en, ru, zh, mn and uz. Field messages come from core's `VALIDATION_MESSAGES`. */
export const LEAD_FORM_STRINGS: Readonly<Record<Locale, LeadFormStrings>> = Object.fromEntries(
  (Object.keys(RENDER) as Locale[]).map((l) => [l, { ...RENDER[l], ...LEAD_FORM_RESULT_STRINGS[l] }]),
) as Record<Locale, LeadFormStrings>;
