// A sixth language for the tests, added the way a real one is: one module typed by the
// English one (here a pseudo-locale that brackets every English string, so any text a
// widget shows without the registry stands out).
import { BUILTIN_TRANSLATIONS, type WidgetStrings } from '../locales/builtin-translations.js';

function bracket<T>(value: T): T {
  if (typeof value === 'string') return `⟦${value}⟧` as T;
  if (typeof value === 'function') return ((...args: unknown[]) => bracket((value as (...a: unknown[]) => unknown)(...args))) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bracket(v)])) as T;
  return value;
}

/** Every widget string, bracketed. */
export const xx: WidgetStrings = bracket(BUILTIN_TRANSLATIONS['en']!);
