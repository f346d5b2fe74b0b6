// Bundled by scripts/bench/channels.mjs: the parts that run through the plugin's TypeScript.
import { createCrm, memoryStore } from '@crmkit/core';
import { createTelegramWebhookHandler } from '@crmkit/plugin-channels';

export { signWebhook, verifyWebhook } from '@crmkit/plugin-channels';

const SECRET = 'bench-secret-token';

function request(i: number): Request {
  const body = JSON.stringify({ update_id: i, message: { message_id: i, date: 1780000000, chat: { id: 100000 + i, type: 'private', first_name: `User ${i}` }, from: { id: 100000 + i, first_name: `User ${i}`, language_code: 'ru' }, text: `Hello ${i}` } });
  return new Request('http://127.0.0.1/telegram', { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
}

/** Times `n` new-chat updates through the handler, then the same again (duplicates), beside `n` plain lead creations. */
export async function inboundBench(n: number): Promise<{ handlerMs: number; duplicateMs: number; baselineMs: number; leads: number }> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false });
  const handle = createTelegramWebhookHandler(crm, { secretToken: SECRET });
  let t = performance.now();
  for (let i = 0; i < n; i++) await handle(request(i));
  const handlerMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < n; i++) await handle(request(i));
  const duplicateMs = performance.now() - t;
  const leads = (await crm.leads.list({ limit: n * 2 })).length;
  const base = await createCrm({ store: memoryStore(), automationIntervalMs: false });
  t = performance.now();
  for (let i = 0; i < n; i++) await base.leads.create({ name: `User ${i}`, handles: { telegram: String(100000 + i) }, message: `Hello ${i}`, source: { channel: 'telegram' } });
  const baselineMs = performance.now() - t;
  return { handlerMs, duplicateMs, baselineMs, leads };
}
