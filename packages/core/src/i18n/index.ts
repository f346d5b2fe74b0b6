/**
 * `@crmkit/core/i18n` — locales and the localised validation messages, for
 * widgets that show the same sentence the core would (en, ru, zh, mn, uz).
 *
 * @packageDocumentation
 */

export { localize, resolveLocale, SUPPORTED_LOCALES, type Locale, type LocalizedText } from './locale.js';
export { VALIDATION_MESSAGES, validationMessage, type ValidationMessageKey } from './validation-messages.js';
