/** A locale tag crmkit ships strings for. Other BCP 47 tags fall back to English. */
export type Locale = 'en' | 'ru' | 'zh' | 'mn' | 'uz';

/** The locales with complete string tables. */
export const SUPPORTED_LOCALES: readonly Locale[] = ['en', 'ru', 'zh', 'mn', 'uz'];

/** Text that is either one string or a map from locale tag to string, e.g. `{ en: 'New', ru: 'Новый' }`. */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** Maps any BCP 47 tag (`ru-RU`, `zh-Hans-CN`, `uz-Latn`) to a supported locale, falling back to English. */
export function resolveLocale(tag: string | undefined | null): Locale {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (SUPPORTED_LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/**
 * Picks the string for `locale` from a {@link LocalizedText}: exact tag, then
 * the base language, then English, then the first value.
 */
export function localize(text: LocalizedText | undefined, locale: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const base = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return text[locale] ?? text[base] ?? text['en'] ?? Object.values(text)[0] ?? '';
}
