import { resolveLocale, type Locale } from '@crmkit/core';

/**
 * The locale a widget speaks: its own `locale` attribute, else the nearest
 * `lang` up the tree (across shadow roots), else the browser's language —
 * mapped to en, ru, zh, mn or uz.
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

/** One complete string table per locale; TypeScript checks every locale has every key. */
export type StringTables<T> = Readonly<Record<Locale, T>>;
