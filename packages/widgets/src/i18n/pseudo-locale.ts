/**
 * A pseudo-locale made from a complete string table or bundle (usually
 * English): every string, and every string a function returns, wrapped in
 * `⟦…⟧`. Registered under a made-up tag (`registerTranslation('xx',
 * pseudoLocale(en))`), it shows in a test that a widget takes every word it
 * shows from the registry, and that a new language is one table and one
 * registration.
 */
export function pseudoLocale<T>(strings: T): T {
  if (typeof strings === 'string') return `⟦${strings}⟧` as T;
  if (typeof strings === 'function') return ((...args: unknown[]) => pseudoLocale((strings as (...a: unknown[]) => unknown)(...args))) as T;
  if (Array.isArray(strings)) return strings.map((item: unknown) => pseudoLocale(item)) as T;
  if (strings && typeof strings === 'object') return Object.fromEntries(Object.entries(strings).map(([key, value]) => [key, pseudoLocale(value)])) as T;
  return strings;
}
