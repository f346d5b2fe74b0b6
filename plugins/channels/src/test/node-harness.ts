// Shared by the channels' Node tests: a real HTTP server on 127.0.0.1 (port 0)
// around a Fetch handler, and an msw emulation of the Telegram Bot API.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { toNodeListener } from '../node-listener.js';

/** The node:assert/strict functions the tests use. */
export interface Assert {
  equal(a: unknown, b: unknown, msg?: string): void;
  notEqual(a: unknown, b: unknown, msg?: string): void;
  deepEqual(a: unknown, b: unknown, msg?: string): void;
  ok(v: unknown, msg?: string): void;
  match(s: string, re: RegExp, msg?: string): void;
  rejects(p: Promise<unknown>, check: (e: unknown) => boolean): Promise<void>;
}
type TestFn = (name: string, fn: () => void | Promise<void>) => void;
type HookFn = (fn: () => void | Promise<void>) => void;

/** node:test and node:assert, typed (Node's types are not part of the project). */
export async function nodeTest(): Promise<{ describe: TestFn; it: TestFn; before: HookFn; after: HookFn; assert: Assert }> {
  const t = (await import('node:test' as string)) as { describe: TestFn; it: TestFn; before: HookFn; after: HookFn };
  const assert = ((await import('node:assert/strict' as string)) as { default: Assert }).default;
  return { ...t, assert };
}

/** A running server: its base URL and how to stop it. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1, a random port. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<TestServer> {
  const { createServer } = (await import('node:http' as string)) as {
    createServer(listener: unknown): {
      listen(port: number, host: string, cb: () => void): void;
      address(): { port: number };
      close(cb: () => void): void;
      closeAllConnections?(): void;
    };
  };
  const server = createServer(toNodeListener(handler, { onError: (e) => console.error('handler error', e) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** One `sendMessage` the emulated Bot API received. */
export interface SentTelegram {
  token: string;
  chat_id: string;
  text: string;
}

/** The emulated Bot API: records `sendMessage` calls; `failNext` makes the next calls fail like Telegram does. */
export function telegramApi(token: string) {
  const sent: SentTelegram[] = [];
  const webhooks: Array<Record<string, unknown>> = [];
  let failures: Array<{ status: number; description: string }> = [];
  let nextId = 100;
  const server = setupServer(
    http.post('https://api.telegram.org/:bot/:method', async ({ params, request }) => {
      const bot = String(params['bot']);
      if (bot !== `bot${token}`) return HttpResponse.json({ ok: false, error_code: 401, description: 'Unauthorized' }, { status: 401 });
      const body = (await request.json()) as Record<string, unknown>;
      const failure = failures.shift();
      if (failure) return HttpResponse.json({ ok: false, error_code: failure.status, description: failure.description }, { status: failure.status });
      if (params['method'] === 'setWebhook') {
        webhooks.push(body);
        return HttpResponse.json({ ok: true, result: true, description: 'Webhook was set' });
      }
      if (params['method'] !== 'sendMessage') return HttpResponse.json({ ok: false, error_code: 404, description: 'Not Found' }, { status: 404 });
      sent.push({ token: bot.slice(3), chat_id: String(body['chat_id']), text: String(body['text']) });
      return HttpResponse.json({ ok: true, result: { message_id: nextId++, chat: { id: Number(body['chat_id']) }, text: body['text'] } });
    }),
  );
  return {
    sent,
    webhooks,
    start: () => server.listen({ onUnhandledRequest: 'bypass' }),
    stop: () => server.close(),
    failNext(status: number, description: string) {
      failures.push({ status, description });
    },
    reset() {
      sent.length = 0;
      failures = [];
    },
  };
}
