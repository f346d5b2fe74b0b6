// A sixth language for the tests, added the way a real one is: one module typed by the
// English one (here a pseudo-locale that brackets every English string, so any text a
// widget shows without the registry stands out).
import { BUILTIN_TRANSLATIONS, type WidgetStrings } from '../locales/builtin-translations.js';
import { pseudoLocale } from './pseudo-locale.js';

/** Every widget string, bracketed. */
export const xx: WidgetStrings = pseudoLocale(BUILTIN_TRANSLATIONS['en']!);
