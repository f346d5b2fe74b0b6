import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { parsePhone } from './phone-syntax.js';

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

export { parsePhone, isPlausiblePhone, type ParsedPhone } from './phone-syntax.js';

/**
 * E.164 forms already worked out, per country and number as `parsePhone` leaves it (any dash, full-width digits,
 * runs of spaces and the extension already dealt with, so `8 903 095–27–29 доб. 12` and `8 903 095-27-29` share
 * one). libphonenumber takes ~8 µs a number, the largest single cost of checking an import row, and the import
 * wizard checks every row twice (the preview's dry run, then the import): the second time, every phone is answered
 * here. The answer is the same function of the same text, so nothing changes but the time. Bounded: past
 * `E164_KEPT` numbers (a 50,000-contact file fits, in ~6 MB) it starts over.
 */
const e164Known = new Map<string, Map<string, string>>();
const E164_KEPT = 60_000;
let e164Count = 0;

function parseE164(number: string, country?: PhoneCountry): string {
  const parsed = parsePhoneNumberFromString(number, country);
  if (parsed && parsed.isPossible()) return parsed.number;
  const digits = number.replace(/\D/g, '');
  return number.startsWith('+') ? `+${digits}` : digits;
}

function e164(number: string, country?: PhoneCountry): string {
  let known = e164Known.get(country ?? '');
  const answer = known?.get(number);
  if (answer !== undefined) return answer;
  const result = parseE164(number, country);
  if (e164Count >= E164_KEPT) {
    e164Known.clear();
    e164Count = 0;
    known = undefined;
  }
  if (!known) e164Known.set(country ?? '', (known = new Map()));
  known.set(number, result);
  e164Count++;
  return result;
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
