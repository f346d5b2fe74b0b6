import { resolveLocale, type Locale } from '@crmkit/core';

/**
 * Resolves the locale a widget should speak: its own `locale` attribute if
 * set, else the nearest `lang` attribute up the tree (crossing shadow roots),
 * else the browser's language — mapped to one of en/ru/zh/mn/uz.
 */
export function widgetLocale(host: Element, explicit?: string | null): Locale {
  if (explicit) return resolveLocale(explicit);
  let node: Node | null = host;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return resolveLocale(lang);
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return resolveLocale(typeof navigator === 'undefined' ? 'en' : navigator.language);
}

/** One complete string table per supported locale; TypeScript checks every locale has every key. */
export type StringTables<T> = Readonly<Record<Locale, T>>;

/**
 * Wraps per-locale string tables into a lookup: `const t = strings(tables); t('ru').save`.
 * Values may be plain strings or functions taking parameters (counts, names).
 */
export function strings<T>(tables: StringTables<T>): (locale: Locale) => T {
  return (locale) => tables[locale] ?? tables.en;
}
