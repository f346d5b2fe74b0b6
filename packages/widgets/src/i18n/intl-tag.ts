/**
 * The one place that maps a crmkit language to the tag given to `Intl`:
 * Uzbek and Mongolian are written in more than one script, and crmkit's
 * strings use the everyday one (Latin for Uzbek, Cyrillic for Mongolian),
 * so dates and numbers must follow. A tag that already names a script or
 * region (`uz-Cyrl`, `ru-KZ`) is passed on as it is.
 */
export function intlTag(locale: string): string {
  const lower = locale.toLowerCase();
  if (lower === 'uz') return 'uz-Latn';
  if (lower === 'mn') return 'mn-Cyrl';
  return locale;
}
