import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

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

/** True when `raw` looks like a phone number a person could dial (5–15 digits, only phone punctuation). */
export function isPlausiblePhone(raw: string): boolean {
  if (!/^\+?[\d\s().\-/]+$/.test(raw.trim())) return false;
  const digits = raw.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 15;
}

/**
 * Normalises a phone number to E.164 (`+79991234567`). Numbers without `+`
 * are read in `country`'s national format. When the number cannot be parsed
 * as valid for that country, it falls back to its digits (with `+` when the
 * input had one), so nothing the user typed is discarded.
 */
export function normalizePhone(raw: string, country?: PhoneCountry): string {
  const trimmed = raw.trim();
  const parsed = parsePhoneNumberFromString(trimmed, country);
  if (parsed && parsed.isPossible()) return parsed.number;
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** Lower-cases and trims an email address for comparison. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The duplicate-control key of a phone number: `p:` + E.164. */
export function phoneKey(raw: string, country?: PhoneCountry): string {
  return `p:${normalizePhone(raw, country)}`;
}

/** The duplicate-control key of an email address: `e:` + lower-cased address. */
export function emailKey(raw: string): string {
  return `e:${normalizeEmail(raw)}`;
}
