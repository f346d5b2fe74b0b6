// Reading what a person typed into a phone field, without any country's
// metadata: cleaning, the extension, plausibility. Its own module so code that
// only checks a phone's shape (the lead form's validation) never pulls in
// libphonenumber's metadata, which phone.ts needs for national formats.

/** A phone number split into the number to dial and its extension. */
export interface ParsedPhone {
  /** The number as typed, cleaned: ASCII digits, `+`, spaces and `-()./` only. */
  number: string;
  /** The extension (digits), when one was typed: `доб. 123`, `ext. 45`, `x45`, `#45`, `;ext=45`. */
  extension?: string;
}

// Dashes of every kind (hyphen, non-breaking hyphen, en/em dash, minus sign, …) read as "-".
const DASHES = /[\p{Pd}\u2212\u2043\uFE63\uFF0D]/gu;
// Arabic-Indic and Eastern Arabic-Indic digits (NFKC leaves them as they are).
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
// An extension at the end: "доб. 123", "добавочный 123", "вн. 12", "ext. 45", "extension 45", "x45", "#45", "分机 123", ";ext=45".
// A number that cleaning leaves exactly as it is: no other characters, no space at either end or twice in a row.
const PLAIN = /^[+\d()./-]+(?: [\d()./-]+)*$/;
const EXTENSION = /\s*(?:[,;]\s*)?(?:ext\s*=|доб(?:авочный)?\.?|вн(?:утр(?:енний)?)?\.?|ext(?:ension)?\.?|x|#|分机|转|內線|内线)\s*:?\s*(\d{1,7})\s*$/iu;

/**
 * Cleans what a person typed into a phone field and splits off the extension.
 * Full-width digits and signs (`＋７ ９９９…`, typed with a CJK input method),
 * Arabic-Indic digits, every kind of dash and non-breaking spaces become their
 * plain forms; the result keeps the person's grouping.
 */
export function parsePhone(raw: string): ParsedPhone {
  // Already plain (ASCII digits and phone punctuation, single spaces between groups, no extension): nothing below
  // would change it. Most numbers in a file are, and an import reads each one twice (plausibility, duplicate key).
  if (PLAIN.test(raw)) return { number: raw };
  let text = raw
    .normalize('NFKC')
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(DASHES, '-')
    .replace(/\s+/gu, ' ')
    .trim();
  let extension: string | undefined;
  const match = EXTENSION.exec(text);
  if (match && match.index > 0) {
    extension = match[1];
    text = text.slice(0, match.index).trim();
  }
  return extension ? { number: text, extension } : { number: text };
}

/**
 * True when `raw` looks like a phone number a person could dial: 5–15 digits
 * and only phone punctuation, after {@link parsePhone} (so full-width digits,
 * any dash and an extension are fine).
 */
export function isPlausiblePhone(raw: string): boolean {
  const { number } = parsePhone(raw);
  if (!/^\+?[\d\s().\-/]+$/.test(number)) return false;
  const digits = number.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}
