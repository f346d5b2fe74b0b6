// Telegram: the webhook handler on a real HTTP server, the Bot API emulated with msw.
import { createCrm, memoryStore, type Crm, type HistoryEntry } from '@crmkit/core';
import { channelsPlugin, createTelegramWebhookHandler, setTelegramWebhook } from '@crmkit/plugin-channels';
import { nodeTest, serve, telegramApi, type TestServer } from './test/node-harness.js';

const { describe, it, before, after, assert } = await nodeTest();

const TOKEN = '123456789:AAE-test-token-never-shown-0123456789';
const SECRET = 'tg-secret_0123456789';
const bot = telegramApi(TOKEN);

function update(updateId: number, text: string, chatId = 555001, extra: Record<string, unknown> = {}) {
  return {
    update_id: updateId,
    message: { message_id: updateId * 10, date: 1780000000, chat: { id: chatId, type: 'private', first_name: 'Иван', last_name: 'Петров', username: 'ivanp' }, from: { id: chatId, is_bot: false, first_name: 'Иван', last_name: 'Петров', username: 'ivanp', language_code: 'ru' }, text, ...extra },
  };
}

async function setup(): Promise<{ crm: Crm; server: TestServer; post: (body: unknown, secret?: string | null) => Promise<Response>; errors: unknown[] }> {
  const errors: unknown[] = [];
  const crm = await createCrm({
    store: memoryStore(),
    automationIntervalMs: false,
    plugins: [channelsPlugin({ telegram: { token: TOKEN }, autoReply: { text: { en: 'Thanks! We will answer within 5 minutes.', ru: 'Спасибо! Ответим за 5 минут.' } }, onError: (e) => errors.push(e) })],
  });
  const server = await serve(createTelegramWebhookHandler(crm, { secretToken: SECRET }));
  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(`${server.url}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { crm, server, post, errors };
}

const messages = async (crm: Crm, recordType: 'lead' | 'contact' | 'deal', recordId: string): Promise<HistoryEntry[]> =>
  (await crm.history.list({ recordType, recordId })).filter((h) => h.type === 'message_in' || h.type === 'message_out');

describe('Telegram channel', () => {
  before(() => bot.start());
  after(() => bot.stop());

  it('refuses a wrong or missing secret token with nothing stored', async () => {
    const { crm, server, post } = await setup();
    try {
      for (const secret of ['wrong-secret', null, `${SECRET}x`]) {
        const res = await post(update(1, 'hi'), secret);
        assert.equal(res.status, 401);
        assert.ok(!(await res.text()).includes(SECRET));
      }
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await crm.store.query('meta')).length, 0);
    } finally {
      await server.close();
    }
  });

  it('answers malformed updates 400 with nothing stored, and acknowledges other update kinds', async () => {
    const { crm, server, post } = await setup();
    try {
      for (const body of ['{not json', JSON.stringify({ message: { text: 'no update id' } }), JSON.stringify({ update_id: 7, message: { message_id: 1, chat: {}, text: 'x' } }), JSON.stringify({ update_id: 8, message: { message_id: 1, chat: { id: 5 }, text: 42 } })]) {
        const res = await post(body);
        assert.equal(res.status, 400, body);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'malformed_update');
      }
      const other = await post({ update_id: 9, callback_query: { id: 'q' } });
      assert.equal(other.status, 200);
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await crm.store.query('meta')).length, 0);
      assert.equal((await post({ update_id: 10 }, SECRET).then((r) => r.status)), 200);
      assert.equal((await fetch(`${server.url}/telegram`)).status, 405);
    } finally {
      await server.close();
    }
  });

  it('turns a new chat into a lead with the message on its timeline, auto-replies once in the sender language, and stores a repeated update once', async () => {
    bot.reset();
    const { crm, server, post } = await setup();
    try {
      assert.equal((await post(update(1001, 'Здравствуйте, сколько стоит доставка?'))).status, 200);
      assert.equal((await post(update(1001, 'Здравствуйте, сколько стоит доставка?'))).status, 200);
      const [lead, ...rest] = await crm.leads.list();
      assert.equal(rest.length, 0);
      assert.equal(lead?.name, 'Иван Петров');
      assert.deepEqual(lead?.handles, { telegram: '555001' });
      assert.equal(lead?.source?.channel, 'telegram');
      const timeline = await messages(crm, 'lead', lead!.id);
      assert.deepEqual(timeline.map((h) => [h.type, h.data['channel'], h.data['text']]), [
        ['message_in', 'telegram', 'Здравствуйте, сколько стоит доставка?'],
        ['message_out', 'telegram', 'Спасибо! Ответим за 5 минут.'],
      ]);
      assert.deepEqual(bot.sent.map((m) => [m.chat_id, m.text]), [['555001', 'Спасибо! Ответим за 5 минут.']]);

      assert.equal((await post(update(1002, 'А в Казань?'))).status, 200);
      assert.equal((await crm.leads.list()).length, 1);
      assert.deepEqual((await messages(crm, 'lead', lead!.id)).map((h) => h.data['text']), ['Здравствуйте, сколько стоит доставка?', 'Спасибо! Ответим за 5 минут.', 'А в Казань?']);
      assert.equal(bot.sent.length, 1, 'the auto-reply goes to a new conversation only');
    } finally {
      await server.close();
    }
  });

  it('puts later messages on the contact the lead converted into, and notes non-text messages', async () => {
    const { crm, server, post } = await setup();
    try {
      await post(update(2001, 'hello', 777));
      const [lead] = await crm.leads.list();
      const { contact } = await crm.leads.convert(lead!.id);
      await post(update(2002, '', 777, { text: undefined, photo: [{ file_id: 'x' }], caption: 'my invoice' }));
      assert.equal((await crm.leads.list()).length, 1);
      assert.deepEqual((await messages(crm, 'contact', contact.id)).map((h) => h.data['text']), ['[photo] my invoice']);
    } finally {
      await server.close();
    }
  });

  it('replies through the Bot API sendMessage, logged as message_out; the token is never in an error', async () => {
    bot.reset();
    const { crm, server, post } = await setup();
    try {
      await post(update(3001, 'hi', 4242, { from: { id: 4242, first_name: 'Ann', language_code: 'en' } }));
      const [lead] = await crm.leads.list();
      assert.deepEqual(bot.sent.map((m) => m.text), ['Thanks! We will answer within 5 minutes.']);
      await crm.channels.send('telegram', { to: '4242', text: 'Delivery is free', recordType: 'lead', recordId: lead!.id });
      assert.deepEqual(bot.sent.map((m) => m.text).slice(-1), ['Delivery is free']);
      const out = (await messages(crm, 'lead', lead!.id)).filter((h) => h.type === 'message_out');
      assert.deepEqual(out.map((h) => h.data['text']), ['Thanks! We will answer within 5 minutes.', 'Delivery is free']);

      bot.failNext(403, 'Forbidden: bot was blocked by the user');
      let caught: unknown;
      await crm.channels.send('telegram', { to: '4242', text: 'again', recordType: 'lead', recordId: lead!.id }).catch((e: unknown) => (caught = e));
      assert.ok(caught instanceof Error);
      const all = [caught, (caught as { cause?: unknown }).cause].map((e) => `${String(e)} ${(e as Error).stack ?? ''} ${JSON.stringify(e)}`).join(' ');
      assert.match(all, /blocked by the user/);
      assert.ok(!all.includes(TOKEN) && !all.includes(TOKEN.split(':')[1] as string), 'the bot token is not in the error');
      assert.equal((await messages(crm, 'lead', lead!.id)).filter((h) => h.type === 'message_out').length, 2, 'a failed send is not logged as sent');
    } finally {
      await server.close();
    }
  });

  it('registers the webhook with setWebhook and its secret token', async () => {
    await setTelegramWebhook({ token: TOKEN, url: 'https://crm.example/telegram', secretToken: SECRET });
    assert.deepEqual(bot.webhooks.at(-1), { url: 'https://crm.example/telegram', secret_token: SECRET, allowed_updates: ['message', 'edited_message'] });
  });
});
