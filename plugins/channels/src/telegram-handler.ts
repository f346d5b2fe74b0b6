import { handleKey, type Crm } from '@crmkit/core';
import { timingSafeEqualText } from './bytes.js';
import { BodyTooLargeError, json, problem, readBody, type ChannelHandler } from './handler-http.js';
import { receiveInbound } from './inbound.js';

/** Options of {@link createTelegramWebhookHandler}. */
export interface TelegramWebhookOptions {
  /** The `secret_token` given to `setWebhook`; Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`. 1–256 of `A-Z a-z 0-9 _ -`. */
  secretToken: string;
  /** Largest accepted update, in bytes; default 1 MB. */
  maxBodyBytes?: number;
}

/** The parts of a Telegram `User`/`Chat` the CRM reads. */
interface TgPeer {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
  language_code?: string;
  type?: string;
}

/** The parts of a Telegram `Message` the CRM reads. */
interface TgMessage {
  message_id: number;
  date?: number;
  chat: TgPeer;
  from?: TgPeer;
  text?: string;
  caption?: string;
  photo?: unknown[];
  document?: { file_name?: string };
  voice?: unknown;
  video?: unknown;
  sticker?: { emoji?: string };
  location?: { latitude: number; longitude: number };
  contact?: { phone_number?: string; first_name?: string };
}

/** A malformed update: answered 400, nothing stored. */
class BadUpdate extends Error {}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkMessage(x: unknown, field: string): TgMessage {
  if (!isObject(x)) throw new BadUpdate(`"${field}" must be an object`);
  if (!Number.isInteger(x['message_id'])) throw new BadUpdate(`"${field}.message_id" must be an integer`);
  const chat = x['chat'];
  if (!isObject(chat) || !Number.isInteger(chat['id'])) throw new BadUpdate(`"${field}.chat.id" must be an integer`);
  if (x['from'] !== undefined && (!isObject(x['from']) || !Number.isInteger(x['from']['id']))) throw new BadUpdate(`"${field}.from.id" must be an integer`);
  for (const key of ['text', 'caption'] as const) {
    if (x[key] !== undefined && typeof x[key] !== 'string') throw new BadUpdate(`"${field}.${key}" must be a string`);
  }
  return x as unknown as TgMessage;
}

/** What a message says, for the timeline: its text, or what it carries. */
function messageText(m: TgMessage): string {
  const text = (m.text ?? m.caption ?? '').trim();
  const kind = m.photo ? '[photo]' : m.document ? `[file${m.document.file_name ? `: ${m.document.file_name}` : ''}]` : m.voice ? '[voice message]' : m.video ? '[video]' : m.sticker ? `[sticker ${m.sticker.emoji ?? ''}]`.replace(' ]', ']') : m.location ? `[location ${m.location.latitude}, ${m.location.longitude}]` : m.contact ? `[contact ${m.contact.phone_number ?? ''}]` : '';
  return [kind, text].filter(Boolean).join(' ') || '[message]';
}

function displayName(p: TgPeer | undefined): string | undefined {
  if (!p) return undefined;
  const name = [p.first_name, p.last_name].filter(Boolean).join(' ').trim() || p.title?.trim();
  return (name || (p.username ? `@${p.username}` : undefined))?.slice(0, 200);
}

/**
 * A Fetch API handler for Telegram's webhook. It checks
 * `X-Telegram-Bot-Api-Secret-Token` in constant time (401, nothing stored,
 * on a mismatch); a message from a new chat becomes a lead (source channel
 * `telegram`, name from the profile, `handles.telegram` = the chat id) with
 * the message on its timeline, later messages land on the same lead or the
 * contact/deal it converted into, and a repeated `update_id` is stored once.
 * Malformed updates get 400 with nothing stored; other update kinds are
 * acknowledged and ignored.
 *
 * ```ts
 * const telegram = createTelegramWebhookHandler(crm, { secretToken: process.env.TG_SECRET });
 * createServer(toNodeListener(telegram)).listen(8788);
 * ```
 */
export function createTelegramWebhookHandler(crm: Crm, options: TelegramWebhookOptions): ChannelHandler {
  if (typeof options?.secretToken !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(options.secretToken)) {
    throw new TypeError('createTelegramWebhookHandler: "secretToken" must be 1–256 characters of A-Z, a-z, 0-9, _ and -');
  }
  const limit = options.maxBodyBytes ?? 1_000_000;
  return async (request) => {
    if (request.method !== 'POST') return problem(405, 'method_not_allowed', 'Telegram delivers updates with POST', { allow: 'POST' });
    const given = request.headers.get('x-telegram-bot-api-secret-token') ?? '';
    if (!(await timingSafeEqualText(given, options.secretToken))) return problem(401, 'unauthorized', 'The X-Telegram-Bot-Api-Secret-Token header is not valid');
    let update: Record<string, unknown>;
    try {
      const raw = await readBody(request, limit);
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      if (!isObject(parsed) || !Number.isSafeInteger(parsed['update_id'])) throw new BadUpdate('"update_id" must be an integer');
      update = parsed;
    } catch (error) {
      if (error instanceof BodyTooLargeError) return problem(413, 'too_large', `An update may be at most ${limit} bytes`);
      return problem(400, 'malformed_update', error instanceof BadUpdate ? error.message : 'The body is not a JSON Telegram update');
    }
    const field = update['message'] !== undefined ? 'message' : update['edited_message'] !== undefined ? 'edited_message' : undefined;
    if (!field) return json(200, { ok: true, ignored: true });
    let message: TgMessage;
    try {
      message = checkMessage(update[field], field);
    } catch (error) {
      return problem(400, 'malformed_update', (error as Error).message);
    }
    const chatId = String(message.chat.id);
    const text = messageText(message);
    const name = displayName(message.chat.type === 'private' || !message.chat.type ? (message.from ?? message.chat) : message.chat);
    const username = message.chat.username ?? message.from?.username;
    const result = await receiveInbound(crm, {
      channel: 'telegram',
      dedupeKey: `update:${String(update['update_id'])}`,
      matchKeys: [handleKey('telegram', chatId)],
      text: field === 'edited_message' ? `[edited] ${text}` : text,
      from: chatId,
      data: { telegram: { updateId: update['update_id'], messageId: message.message_id, chatId, ...(username ? { username } : {}), ...(field === 'edited_message' ? { edited: true } : {}) } },
      lead: { ...(name ? { name } : {}), handles: { telegram: chatId }, message: text.slice(0, 5000), source: { channel: 'telegram' } },
      ...(message.from?.language_code ? { language: message.from.language_code } : {}),
      replyTo: chatId,
    });
    return json(200, { ok: true, duplicate: result.duplicate });
  };
}
