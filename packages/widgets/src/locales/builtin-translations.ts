import { createTranslationRegistrar } from '../i18n/translation-registrar.js';
import * as en from './en.js';
import * as mn from './mn.js';
import * as ru from './ru.js';
import * as uz from './uz.js';
import * as zh from './zh.js';

/** Every namespace of @crmkit/widgets, as the English module defines it; each locale module must match it. */
export type WidgetStrings = typeof en;

/**
 * The locales @crmkit/widgets ships. A new language is one module in this
 * folder (typed by {@link WidgetStrings}) and one line here.
 */
export const BUILTIN_TRANSLATIONS: Readonly<Record<string, WidgetStrings>> = { en, ru, zh, mn, uz };

/** Registers the shipped tables once; every widget calls it before its first lookup. Idempotent. */
export const registerBuiltinTranslations: () => void = /* @__PURE__ */ createTranslationRegistrar(BUILTIN_TRANSLATIONS);
