import type { Locale } from '@crmkit/core';
import { createTranslationRegistrar } from '@crmkit/widgets';
import { en, type AnalyticsStrings } from './en.js';
import { mn } from './mn.js';
import { ru } from './ru.js';
import { uz } from './uz.js';
import { zh } from './zh.js';

/**
 * The locales @crmkit/plugin-analytics ships, each a registry bundle
 * (namespace → strings) for all three widgets. A new language is one module
 * in this folder (typed by {@link AnalyticsStrings}) and one entry here; an
 * app can instead register the same object at run time with
 * `registerTranslation(tag, strings)`.
 */
export const ANALYTICS_TRANSLATIONS: Readonly<Record<string, AnalyticsStrings>> = { en, ru, zh, mn, uz } satisfies Record<Locale, AnalyticsStrings>;

/**
 * Registers the shipped languages in the widget translation registry, once
 * (each analytics widget calls it before its first lookup); an app's own
 * `registerTranslation` calls made later override single keys.
 */
export const registerAnalyticsTranslations: () => void = /* @__PURE__ */ createTranslationRegistrar(ANALYTICS_TRANSLATIONS);
