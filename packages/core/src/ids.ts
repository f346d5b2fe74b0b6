const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new record id: time-ordered (sorts by creation) and 64 random bits, from
 * `crypto.getRandomValues`, which, unlike `randomUUID`, also works on plain
 * `http://` pages where embeds often live.
 */
export function newId(prefix = ''): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  let random = '';
  for (const b of bytes) random += ALPHABET[b % 36];
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}${random}`;
}
