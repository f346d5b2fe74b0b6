/**
 * The translation registry: string tables by locale and namespace. crmkit's
 * widgets register theirs (one module per locale); plugins and apps add
 * their own namespaces, or override single keys, with
 * {@link registerTranslation}. Lookups fall back key by key along the BCP 47
 * chain of the requested tag and end at English: `ru-KZ` → `ru` → `en`,
 * `zh-Hans-CN` → `zh-Hans` → `zh` → `en`.
 */

/** A namespace's strings: plain strings, or functions for text with counts and names. */
export type StringTable = object;

/** What one registration carries: namespace → (partial) string table. */
export type TranslationBundle = Readonly<Record<string, StringTable>>;

/** The language every lookup ends with; its tables must be complete. */
export const FALLBACK_LOCALE = 'en';

const tables = new Map<string, Map<string, StringTable>>();
const merged = new Map<string, StringTable>();
const listeners = new Set<() => void>();

/** Lower-cases a tag and unifies `_` to `-` (`zh_Hans_CN` → `zh-hans-cn`). */
function normalize(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

/**
 * Adds (or overrides) strings for `locale`, namespace by namespace; keys not
 * given keep their current value. Widgets showing that locale re-render.
 *
 * ```ts
 * registerTranslation('ru', { 'my-plugin': { title: 'Отчёт' } });
 * registerTranslation('ru-KZ', { board: { pipeline: 'Воронка продаж' } }); // one key, for one region
 * ```
 */
export function registerTranslation(locale: string, bundle: TranslationBundle): void {
  const key = normalize(locale);
  if (!key) throw new TypeError('registerTranslation: the locale tag is empty');
  let byNamespace = tables.get(key);
  if (!byNamespace) tables.set(key, (byNamespace = new Map()));
  for (const [namespace, strings] of Object.entries(bundle)) {
    if (typeof strings !== 'object' || strings === null) throw new TypeError(`registerTranslation: the strings of namespace "${namespace}" for "${locale}" must be an object`);
    byNamespace.set(namespace, { ...(byNamespace.get(namespace) ?? {}), ...strings });
  }
  merged.clear();
  for (const listener of [...listeners]) listener();
}

/**
 * Like {@link registerTranslation}, but keys `locale` already has keep their
 * value: for a widget's own tables that load late (after a site may have
 * overridden some of their keys).
 */
export function registerTranslationDefaults(locale: string, bundle: TranslationBundle): void {
  const current = tables.get(normalize(locale));
  const fill: Record<string, StringTable> = {};
  for (const [namespace, strings] of Object.entries(bundle)) fill[namespace] = { ...strings, ...(current?.get(namespace) ?? {}) };
  registerTranslation(locale, fill);
}

/** The tags tried for `locale`, most specific first, ending with English: `zh-Hans-CN` → `zh-hans-cn`, `zh-hans`, `zh`, `en`. */
export function localeChain(locale: string): string[] {
  const parts = normalize(locale).split('-').filter(Boolean);
  const chain: string[] = [];
  for (let n = parts.length; n > 0; n--) chain.push(parts.slice(0, n).join('-'));
  if (!chain.includes(FALLBACK_LOCALE)) chain.push(FALLBACK_LOCALE);
  return chain;
}

/**
 * The most specific registered tag on `locale`'s chain that has strings in
 * `namespace` (`ru-KZ` → `ru` when only `ru` is registered); English when none.
 */
export function resolveTranslationLocale(locale: string, namespace: string): string {
  return localeChain(locale).find((tag) => tables.get(tag)?.has(namespace)) ?? FALLBACK_LOCALE;
}

/**
 * The strings of `namespace` for `locale`, each key taken from the most
 * specific tag on the chain that has it. Throws when the namespace has no
 * English table (every namespace must have a complete one).
 */
export function translate<T extends StringTable>(namespace: string, locale: string): T {
  const chain = localeChain(locale);
  const cacheKey = `${namespace}\u0000${chain[0] ?? ''}`;
  const hit = merged.get(cacheKey);
  if (hit) return hit as T;
  if (!tables.get(FALLBACK_LOCALE)?.has(namespace)) throw new Error(`No English strings registered for namespace "${namespace}"`);
  const out: Record<string, unknown> = {};
  for (const tag of [...chain].reverse()) Object.assign(out, tables.get(tag)?.get(namespace));
  merged.set(cacheKey, out);
  return out as T;
}

/** True when some tag on `locale`'s chain other than the English fallback has strings for `namespace`. */
export function hasTranslation(locale: string, namespace: string): boolean {
  return localeChain(locale).some((tag) => tag !== FALLBACK_LOCALE && tables.get(tag)?.has(namespace)) || normalize(locale).split('-')[0] === FALLBACK_LOCALE;
}

/** Calls `listener` after every registration. Returns a function that stops listening. */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
