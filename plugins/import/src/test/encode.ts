// Test helper: real bytes in legacy encodings, built from the browser's own decoders.
const tables = new Map<string, Map<string, number[]>>();

function tableFor(encoding: string): Map<string, number[]> {
  let table = tables.get(encoding);
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder(encoding);
  for (let b = 0; b < 0x80; b++) table.set(String.fromCharCode(b), [b]);
  if (encoding === 'windows-1251') {
    for (let b = 0x80; b < 0x100; b++) table.set(decoder.decode(new Uint8Array([b])), [b]);
  } else {
    // GB18030 / GBK two-byte area: lead 0x81–0xFE, trail 0x40–0xFE except 0x7F.
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
  }
  tables.set(encoding, table);
  return table;
}

/** Encodes `text` as `windows-1251` or `gb18030` bytes (throws on a character the encoding lacks). */
export function encodeLegacy(text: string, encoding: 'windows-1251' | 'gb18030'): Uint8Array {
  const table = tableFor(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`"${ch}" has no ${encoding} bytes`);
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

/** Encodes `text` as UTF-16 (LE or BE), optionally with a BOM. */
export function encodeUtf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[i * 2 + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (endian === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

/** UTF-8 bytes, optionally with a BOM. */
export function encodeUtf8(text: string, bom = false): Uint8Array {
  return new TextEncoder().encode((bom ? '\ufeff' : '') + text);
}
