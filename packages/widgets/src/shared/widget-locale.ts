import { resolveLocale, type Locale } from '@crmkit/core';

/**
 * The language tag a widget is asked to speak, as given: its own `locale`
 * attribute if set, else the nearest `lang` attribute up the tree (crossing
 * shadow roots), else the browser's language.
 */
export function requestedLocale(host: Element, explicit?: string | null): string {
  if (explicit) return explicit;
  let node: Node | null = host;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang');
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return typeof navigator === 'undefined' ? 'en' : navigator.language;
}

/** {@link requestedLocale} mapped to one of the locales core ships messages for (en/ru/zh/mn/uz). */
export function widgetLocale(host: Element, explicit?: string | null): Locale {
  return resolveLocale(requestedLocale(host, explicit));
}
