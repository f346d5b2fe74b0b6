import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Phone numbers are normalised with libphonenumber-js (its `min` metadata):
 * it knows each country's national formats, so `8 (999) 123-45-67` typed in
 * Russia, `9911 2233` in Mongolia and `+7 999 123 45 67` all reduce to one
 * E.164 key. That is what makes duplicate control work across the ways people
 * really type numbers; a regex cannot know trunk prefixes per country.
 */

/** An ISO 3166-1 alpha-2 country code used to read national phone formats. */
export type PhoneCountry = CountryCode;

/** The country assumed for numbers typed without `+`, by locale. */
export const DEFAULT_PHONE_COUNTRY: Readonly<Record<string, PhoneCountry>> = {
  ru: 'RU',
  mn: 'MN',
  uz: 'UZ',
  zh: 'CN',
  en: 'US',
};

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
const EXTENSION = /\s*(?:[,;]\s*)?(?:ext\s*=|доб(?:авочный)?\.?|вн(?:утр(?:енний)?)?\.?|ext(?:ension)?\.?|x|#|分机|转|內線|内线)\s*:?\s*(\d{1,7})\s*$/iu;

/**
 * Cleans what a person typed into a phone field and splits off the extension.
 * Full-width digits and signs (`＋７ ９９９…`, typed with a CJK input method),
 * Arabic-Indic digits, every kind of dash and non-breaking spaces become their
 * plain forms; the result keeps the person's grouping.
 */
export function parsePhone(raw: string): ParsedPhone {
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

function e164(number: string, country?: PhoneCountry): string {
  const parsed = parsePhoneNumberFromString(number, country);
  if (parsed && parsed.isPossible()) return parsed.number;
  const digits = number.replace(/\D/g, '');
  return number.startsWith('+') ? `+${digits}` : digits;
}

/**
 * Normalises a phone number to E.164 (`+79991234567`), with an extension in
 * RFC 3966 form after it (`+79991234567;ext=123`). Numbers without `+` are
 * read in `country`'s national format. When the number cannot be parsed as
 * valid for that country, it falls back to its digits (with `+` when the
 * input had one), so nothing the user typed is discarded.
 */
export function normalizePhone(raw: string, country?: PhoneCountry): string {
  const { number, extension } = parsePhone(raw);
  const base = e164(number, country);
  return extension ? `${base};ext=${extension}` : base;
}

/**
 * The duplicate-control key of a phone number: `p:` + E.164, without the
 * extension — two people behind one office number with different extensions
 * still reach one company, and a number typed with or without its extension
 * matches itself.
 */
export function phoneKey(raw: string, country?: PhoneCountry): string {
  return `p:${e164(parsePhone(raw).number, country)}`;
}

/** True for an ISO 3166-1 alpha-2 code whose phone formats are known (`KZ`, `UZ`; upper case). */
export function isPhoneCountry(code: unknown): code is PhoneCountry {
  return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * A phone number typed by someone in `country`, for storing: a number in national format
 * (`8 701 123 45 67` in `KZ`) becomes E.164 (`+77011234567`, an extension kept as `;ext=`), because read later
 * in the CRM's own country it would mean another number or none; a number typed with `+` already says its
 * country and is kept exactly as typed, and so is one that is not a possible number in `country`.
 */
export function phoneInCountry(raw: string, country: PhoneCountry): string {
  if (parsePhone(raw).number.startsWith('+')) return raw;
  const normalized = normalizePhone(raw, country);
  return normalized.startsWith('+') ? normalized : raw;
}

export { normalizeEmail, emailKey, isEmailAddress } from './email.js';
