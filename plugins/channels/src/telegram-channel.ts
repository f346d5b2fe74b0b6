import type { ChannelAdapter, OutgoingMessage } from '@crmkit/core';
import type { FetchLike } from './http.js';

/** Telegram sending options of `channelsPlugin({ telegram })`. */
export interface TelegramChannelOptions {
  /** The bot token from @BotFather. Used only in Bot API URLs; never in an error, a log or a response. */
  token: string;
  /** Bot API base URL; default `https://api.telegram.org` (or your local Bot API server). */
  apiBase?: string;
  /** The `fetch` to use; default `globalThis.fetch`. */
  fetch?: FetchLike;
}

/** The Bot API refused a call or could not be reached. The message has the method and Telegram's description, never the token. */
export class TelegramApiError extends Error {
  /** HTTP status (0 when no response came). */
  readonly status: number;
  /** Seconds to wait before retrying, when Telegram said (429). */
  readonly retryAfter?: number;

  /** @internal */
  constructor(method: string, status: number, description: string, retryAfter?: number) {
    super(`Telegram ${method} failed (${status || 'no response'}): ${description}`);
    this.name = 'TelegramApiError';
    this.status = status;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/** Telegram limits a message to 4096 characters: longer texts go out in parts. */
const LIMIT = 4096;

function parts(text: string): string[] {
  const out: string[] = [];
  for (let rest = text; rest.length > 0; ) {
    let cut = rest.length <= LIMIT ? rest.length : rest.lastIndexOf('\n', LIMIT);
    if (cut <= 0) cut = LIMIT;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  return out;
}

/**
 * Calls one Bot API method. The token appears only in the URL; a failure
 * throws {@link TelegramApiError} without it (a network error's own message
 * is not passed on, since some runtimes put the URL in it).
 */
export async function callBotApi(options: TelegramChannelOptions, method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
  const base = (options.apiBase ?? 'https://api.telegram.org').replace(/\/+$/, '');
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch.bind(globalThis))(`${base}/bot${options.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      ...(signal ? { signal } : {}),
    });
  } catch {
    throw new TelegramApiError(method, 0, 'the Bot API could not be reached');
  }
  let body: { ok?: boolean; result?: unknown; description?: string; parameters?: { retry_after?: number } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON: described below by the status
  }
  if (!response.ok || body.ok !== true) {
    const description = (body.description ?? response.statusText) || 'error';
    throw new TelegramApiError(method, response.status, description.split(options.token).join('***'), body.parameters?.retry_after);
  }
  return body.result;
}

/** The Telegram channel: `crm.channels.send('telegram', { to: chatId, text })` calls the Bot API `sendMessage`. */
export function telegramChannel(options: TelegramChannelOptions): ChannelAdapter {
  if (typeof options?.token !== 'string' || !/^\d+:[\w-]{20,}$/.test(options.token)) {
    throw new TypeError('channelsPlugin: "telegram.token" must be a bot token from @BotFather ("123456:ABC…")');
  }
  return {
    async send(message: OutgoingMessage, { signal }) {
      if (!/^-?\d+$/.test(message.to) && !/^@\w{5,}$/.test(message.to)) {
        throw new TypeError(`Telegram: "to" must be a chat id or @channel username, got ${JSON.stringify(message.to.slice(0, 40))}`);
      }
      const ids: number[] = [];
      for (const text of parts(message.text)) {
        const sent = (await callBotApi(options, 'sendMessage', { chat_id: message.to, text }, signal)) as { message_id?: number } | undefined;
        if (typeof sent?.message_id === 'number') ids.push(sent.message_id);
      }
      return { telegram: { messageIds: ids } };
    },
  };
}

/** Registers the webhook with Telegram (`setWebhook`): run once at deployment (see docs/channels.md). */
export async function setTelegramWebhook(options: TelegramChannelOptions & { url: string; secretToken: string; dropPendingUpdates?: boolean }): Promise<void> {
  await callBotApi(options, 'setWebhook', {
    url: options.url,
    secret_token: options.secretToken,
    allowed_updates: ['message', 'edited_message'],
    ...(options.dropPendingUpdates ? { drop_pending_updates: true } : {}),
  });
}
