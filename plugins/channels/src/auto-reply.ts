/** Auto-reply configuration: the text per language, sent once to a new conversation on its own channel. */
export interface AutoReplyOptions {
  /** Reply text per language (`ru`, `en`, `zh`, `mn`, `uz`, …). */
  text: Readonly<Record<string, string>>;
  /** Subject for email replies per language; default `Re: <their subject>`. */
  subject?: Readonly<Record<string, string>>;
  /** Language used when the sender's has no text; default the first of `en` or the first given. */
  fallback?: string;
}

/**
 * A rough language guess from the text itself, for senders that did not say
 * (email without `Content-Language`): script first, then the letters only one
 * language of the script uses.
 */
export function guessLanguage(text: string): string | undefined {
  const sample = text.slice(0, 2000);
  if (/[\u3400-\u9fff]/.test(sample)) return 'zh';
  const cyrillic = (sample.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (sample.match(/[a-z]/gi) ?? []).length;
  if (cyrillic > latin) {
    if (/[өүӨҮ]/.test(sample)) return 'mn';
    if (/[ўқғҳЎҚҒҲ]/.test(sample)) return 'uz';
    return 'ru';
  }
  if (latin > 0) return /\b\w*(o[ʻ'‘]|g[ʻ'‘])\w*|\b(va|uchun|rahmat|salom)\b/i.test(sample) ? 'uz' : 'en';
  return undefined;
}

/** The language of the reply: the sender's (or its base, `ru-RU` → `ru`) if there is a text for it, else the fallback. */
export function replyLanguage(options: AutoReplyOptions, senderLanguage: string | undefined): string | undefined {
  const available = Object.keys(options.text).filter((k) => options.text[k]?.trim());
  if (available.length === 0) return undefined;
  const wanted = senderLanguage?.trim().toLowerCase();
  if (wanted) {
    if (available.includes(wanted)) return wanted;
    const base = wanted.split(/[-_]/)[0] as string;
    if (available.includes(base)) return base;
  }
  if (options.fallback && available.includes(options.fallback)) return options.fallback;
  return available.includes('en') ? 'en' : available[0];
}
