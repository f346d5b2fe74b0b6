// The channels demo's model: a CRM whose Telegram bot and PBX are emulated in
// the page. Client messages go through the real webhook handler (as Telegram
// would post them), the bot's replies come back through an emulated Bot API
// `fetch`, and the "missed call" button posts a call event to the real call
// handler. Nothing leaves the page.
import { createCrm, memoryStore, type Crm, type Store } from '@crmkit/core';
import { channelsPlugin, createCallEventHandler, createTelegramWebhookHandler, type ChannelHandler } from '@crmkit/plugin-channels';

/** One line of the emulated Telegram chat. */
export interface ChatLine {
  /** `client` typed it; `bot` is the CRM's reply (auto-reply or a manager's answer). */
  from: 'client' | 'bot';
  text: string;
}

/** An emulated client on Telegram. */
export interface DemoClient {
  chatId: number;
  firstName: string;
  languageCode: string;
}

/** The running demo. */
export interface ChannelsDemo {
  crm: Crm;
  /** Every chat's lines by chat id. */
  chats: Map<number, ChatLine[]>;
  /** The client sends a message to the bot (through the webhook handler). Returns the HTTP status. */
  clientWrites(client: DemoClient, text: string): Promise<number>;
  /** A missed call from `phone` reaches the CRM (through the call handler). Returns the HTTP status. */
  missedCall(phone: string): Promise<number>;
  /** Called whenever a chat changes. */
  onChat?: (chatId: number) => void;
}

const TOKEN = '100000001:demo-token-for-the-emulated-bot-api';
const SECRET = 'demo-telegram-secret';
const CALL_SECRET = 'demo-call-secret-0123456789';

/** Starts the demo CRM with the emulated Telegram Bot API. */
export async function startChannelsDemo(options: { store?: Store; locale?: string } = {}): Promise<ChannelsDemo> {
  const chats = new Map<number, ChatLine[]>();
  const demo: Partial<ChannelsDemo> = { chats };
  const push = (chatId: number, line: ChatLine) => {
    chats.set(chatId, [...(chats.get(chatId) ?? []), line]);
    demo.onChat?.(chatId);
  };
  let messageId = 1;
  // The Bot API, emulated: sendMessage shows the text in the chat as the bot's.
  const botApi = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    if (!url.endsWith('/sendMessage')) return Response.json({ ok: false, error_code: 404, description: 'Not Found' }, { status: 404 });
    const body = JSON.parse(String(init?.body)) as { chat_id: string; text: string };
    push(Number(body.chat_id), { from: 'bot', text: body.text });
    return Response.json({ ok: true, result: { message_id: messageId++ } });
  };
  const crm = await createCrm({
    store: options.store ?? memoryStore(),
    locale: options.locale ?? 'en',
    users: [{ id: 'anna', name: 'Anna', role: 'manager' }],
    currentUser: 'anna',
    plugins: [
      channelsPlugin({
        telegram: { token: TOKEN, fetch: botApi },
        leadOwnerId: 'anna',
        autoReply: { text: { en: 'Thank you! A manager will answer within 5 minutes.', ru: 'Спасибо! Менеджер ответит в течение 5 минут.', zh: '谢谢！经理将在5分钟内回复。', mn: 'Баярлалаа! Менежер 5 минутын дотор хариулна.', uz: 'Rahmat! Menejer 5 daqiqa ichida javob beradi.' } },
        onError: (e) => console.warn(e),
      }),
    ],
  });
  const telegram: ChannelHandler = createTelegramWebhookHandler(crm, { secretToken: SECRET });
  const calls: ChannelHandler = createCallEventHandler(crm, { secret: CALL_SECRET });
  let updateId = 1;
  let callId = 1;
  demo.crm = crm;
  demo.clientWrites = async (client, text) => {
    push(client.chatId, { from: 'client', text });
    const update = { update_id: updateId++, message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: client.chatId, type: 'private', first_name: client.firstName }, from: { id: client.chatId, is_bot: false, first_name: client.firstName, language_code: client.languageCode }, text } };
    const response = await telegram(new Request('https://crm.example/telegram', { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) }));
    return response.status;
  };
  demo.missedCall = async (phone) => {
    const event = { callId: `demo-${callId++}`, type: 'missed', from: phone, to: '100' };
    const response = await calls(new Request('https://crm.example/calls', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${CALL_SECRET}` }, body: JSON.stringify(event) }));
    return response.status;
  };
  return demo as ChannelsDemo;
}
