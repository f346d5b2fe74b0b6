import type { LocalizedText } from '@crmkit/core/i18n';
import { localeChain } from '../i18n/translation-registry.js';

/**
 * The string of a per-locale text for a BCP 47 tag, along the translation
 * registry's fallback chain (`zh-Hant-TW` → `zh-Hant` → `zh` → `en`; keys
 * compared case-insensitively), else the first one given.
 */
export function pickText(text: LocalizedText | undefined, tag: string): string {
  if (typeof text !== 'object') return text ?? '';
  const lower = new Map(Object.entries(text).map(([k, v]) => [k.toLowerCase(), v]));
  for (const t of localeChain(tag)) if (lower.get(t)) return lower.get(t)!;
  return Object.values(text)[0] ?? '';
}
