/**
 * Messenger handles: how a person is reached besides phones and emails
 * (`{ telegram: '123456789' }`). Each handle gives a duplicate-control key,
 * so a second message from the same chat finds the same lead or contact.
 */

/** A messenger → id map, e.g. `{ telegram: '123456789' }` (Telegram chat id) or `{ whatsapp: '+79991234567' }`. */
export type Handles = Record<string, string>;

/** Short key prefixes of well-known messengers; any other messenger uses its own name. */
const PREFIX: Readonly<Record<string, string>> = { telegram: 'tg', whatsapp: 'wa', viber: 'vb' };

/** The handle id as compared: trimmed, without a leading `@`, lower-cased (usernames are case-insensitive). */
export function normalizeHandle(id: string): string {
  return id.trim().replace(/^@/, '').toLowerCase();
}

/**
 * The duplicate-control key of a messenger handle: `tg:<id>` for Telegram,
 * `wa:`/`vb:` for WhatsApp/Viber, `<messenger>:<id>` for any other. Phone and
 * email keys use one-letter prefixes (`p:`, `e:`), messenger names are at
 * least two characters, so the keys never collide.
 */
export function handleKey(messenger: string, id: string): string {
  const name = messenger.trim().toLowerCase();
  return `${PREFIX[name] ?? name}:${normalizeHandle(id)}`;
}

/** The duplicate-control keys of every handle in `handles` (empty ids skipped). */
export function handleKeys(handles: Readonly<Handles> | undefined): string[] {
  if (!handles) return [];
  return Object.entries(handles)
    .filter(([, id]) => typeof id === 'string' && normalizeHandle(id) !== '')
    .map(([messenger, id]) => handleKey(messenger, id));
}
