import { analyse } from 'chardet';
import { TableReadError } from './table-read-error.js';

/** Decoded text with how it was decided. @internal */
export interface DecodedText {
  text: string;
  encoding: string;
  bom: boolean;
  /** True when the encoding came from a statistical guess, not a BOM or strict UTF-8. */
  guessed: boolean;
}

const BOMS: readonly [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** chardet's names for the encodings crmkit's users actually send, mapped to WHATWG labels. */
const GUESSES: Readonly<Record<string, string>> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-5': 'iso-8859-5',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
};

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: many zero bytes, all on even (BE) or odd (LE) positions. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'utf-16le';
  if (even > half * 0.3 && odd < half * 0.05) return 'utf-16be';
  return undefined;
}

function decodeWith(bytes: Uint8Array, encoding: string, fatal = false): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal, ignoreBOM: false });
  } catch (cause) {
    throw new TableReadError('encoding', `Unknown text encoding "${encoding}"`, { cause });
  }
  return decoder.decode(bytes);
}

/**
 * Decodes file bytes: a given encoding wins; else a BOM; else strict UTF-8;
 * else UTF-16 by its zero bytes; else the charset the file declares (HTML
 * `<meta charset>`); else chardet's statistical guess (Windows-1251,
 * GB18030, …). @internal
 */
export function decodeText(bytes: Uint8Array, encoding?: string, declared?: string): DecodedText {
  const bom = BOMS.find(([prefix]) => startsWith(bytes, prefix));
  if (encoding) {
    const label = encoding.toLowerCase();
    const text = decodeWith(bytes, label);
    return { text, encoding: label, bom: bom !== undefined && bom[1] === label.replace(/^utf8$/, 'utf-8'), guessed: false };
  }
  if (bom) return { text: decodeWith(bytes, bom[1]), encoding: bom[1], bom: true, guessed: false };
  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16, bom: false, guessed: true };
  try {
    return { text: decodeWith(bytes, 'utf-8', true), encoding: 'utf-8', bom: false, guessed: false };
  } catch (e) {
    if (e instanceof TableReadError) throw e;
  }
  if (declared) {
    try {
      return { text: decodeWith(bytes, declared.toLowerCase()), encoding: declared.toLowerCase(), bom: false, guessed: false };
    } catch {
      // An unknown declared charset: fall back to the statistical guess.
    }
  }
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  const match = analyse(sample).find((m) => GUESSES[m.name] !== undefined && m.name !== 'UTF-8');
  const label = match ? (GUESSES[match.name] as string) : 'windows-1252';
  return { text: decodeWith(bytes, label), encoding: label, bom: false, guessed: true };
}
