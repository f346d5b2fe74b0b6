import type { Locale } from '@crmkit/core';
import { createTranslationRegistrar } from '@crmkit/widgets';
import { en, type ImportStrings } from './en.js';
import { mn } from './mn.js';
import { ru } from './ru.js';
import { uz } from './uz.js';
import { zh } from './zh.js';

/**
 * The locales @crmkit/plugin-import ships, each a registry bundle (namespace →
 * strings). A new language is one module in this folder (typed by
 * {@link ImportStrings}) and one entry here; an app can instead register the
 * same object at run time with `registerTranslation(tag, strings)`.
 */
export const IMPORT_TRANSLATIONS: Readonly<Record<string, ImportStrings>> = { en, ru, zh, mn, uz } satisfies Record<Locale, ImportStrings>;

/**
 * Registers the shipped languages in the widget translation registry, once
 * (the wizard calls it before its first lookup); an app's own
 * `registerTranslation` calls made later override single keys.
 */
export const registerImportTranslations: () => void = /* @__PURE__ */ createTranslationRegistrar(IMPORT_TRANSLATIONS);
