import { registerTranslation, type TranslationBundle } from './translation-registry.js';

/**
 * Returns a function that registers `translations` (locale tag → bundle) in
 * the translation registry the first time it is called, and does nothing
 * after that. A package calls it before its widgets' first lookup, so its
 * tables load with the first widget rather than on import; an app's own
 * `registerTranslation` calls made later override single keys.
 *
 * ```ts
 * export const registerMyPluginTranslations = createTranslationRegistrar({ en, ru });
 * ```
 */
export function createTranslationRegistrar(translations: Readonly<Record<string, TranslationBundle>>): () => void {
  let registered = false;
  return () => {
    if (registered) return;
    registered = true;
    for (const [tag, bundle] of Object.entries(translations)) registerTranslation(tag, bundle);
  };
}
