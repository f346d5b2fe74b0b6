/**
 * Email addresses as people really have them (RFC 6531, "SMTPUTF8"): a local
 * part in any script (`петров@example.ru`, as Bitrix24 exports hold them) and
 * internationalised domains, typed in Unicode (`info@сайт.рф`) or in punycode
 * (`info@xn--80aswg.xn--p1ai`). Domains are converted with the platform's own
 * IDNA mapping (`URL`, in every browser and Node), so no dependency is needed.
 *
 * The duplicate-control key is one form of an address: the local part
 * Unicode-normalised (NFC) and lower-cased, the domain in lower-case
 * punycode (ASCII). Both spellings of an IDN domain therefore match.
 */

// atext of RFC 5322 plus any letter, mark or digit (RFC 6531 allows UTF-8 there).
const LOCAL_PART = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const FORBIDDEN_IN_DOMAIN = /[\s/?#:@[\]\\%]/u;

/** The domain in ASCII (punycode, lower-case), or `undefined` when it is not a valid host name. */
export function domainToAscii(domain: string): string | undefined {
  // Files repeat a few domains thousands of times, and `new URL` costs ~25 µs: answers are remembered.
  if (asciiDomains.has(domain)) return asciiDomains.get(domain);
  const ascii = toAscii(domain);
  if (asciiDomains.size >= ASCII_DOMAINS_KEPT) asciiDomains.clear();
  asciiDomains.set(domain, ascii);
  return ascii;
}

/** How many domains `domainToAscii` remembers before it starts over. */
const ASCII_DOMAINS_KEPT = 2000;
const asciiDomains = new Map<string, string | undefined>();

function toAscii(domain: string): string | undefined {
  if (domain === '' || FORBIDDEN_IN_DOMAIN.test(domain)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  const labels = host.split('.');
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return undefined; // an IP address, not a mail domain
  return host;
}

function split(raw: string): { local: string; domain: string } | undefined {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  return { local: trimmed.slice(0, at).normalize('NFC'), domain: trimmed.slice(at + 1) };
}

const ASCII_ONLY = /^[!-~]*$/;
const utf8 = new TextEncoder();

/** The length of a local part in UTF-8 bytes: one in ASCII (most of them; after `LOCAL_PART` only `!`…`~` can occur) is as long as it has characters, and is not encoded — per address, encoding was a sizeable part of checking an import row. */
function utf8Length(text: string): number {
  return ASCII_ONLY.test(text) ? text.length : utf8.encode(text).length;
}

/** True when `raw` is an email address: Unicode local parts and IDN domains (Unicode or punycode) included. */
export function isEmailAddress(raw: string): boolean {
  const parts = split(raw);
  if (!parts || !LOCAL_PART.test(parts.local)) return false;
  if (utf8Length(parts.local) > 64) return false;
  const domain = domainToAscii(parts.domain);
  return domain !== undefined && parts.local.length + 1 + domain.length <= 254;
}

/**
 * One form of an email address for comparison: local part NFC-normalised and
 * lower-cased, domain in lower-case punycode. `ПЕТРОВ@Сайт.РФ` and
 * `петров@xn--80aswg.xn--p1ai` normalise alike. Text that is not an address
 * is only trimmed and lower-cased, so nothing the user typed is lost.
 */
export function normalizeEmail(raw: string): string {
  const parts = split(raw);
  const domain = parts && domainToAscii(parts.domain);
  if (!parts || !domain) return raw.trim().normalize('NFC').toLowerCase();
  return `${parts.local.toLowerCase()}@${domain}`;
}

/** The duplicate-control key of an email address: `e:` + {@link normalizeEmail}. */
export function emailKey(raw: string): string {
  return `e:${normalizeEmail(raw)}`;
}
