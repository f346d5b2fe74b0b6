import { registerTranslationDefaults, type TranslationBundle } from './translation-registry.js';

/**
 * Returns a function that registers `translations` (locale tag → bundle) in
 * the translation registry the first time it is called, and does nothing
 * after that. A package calls it before its widgets' first lookup, so its
 * tables load with the first widget rather than on import. Keys an app
 * registered earlier keep the app's value, and `registerTranslation` calls
 * made later override single keys too.
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
    for (const [tag, bundle] of Object.entries(translations)) registerTranslationDefaults(tag, bundle);
  };
}
