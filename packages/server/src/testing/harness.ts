import { createServer, type CrmServer, type ServerOptions } from '../server.js';
import type { SqlStore } from '../store/sql-store.js';

/** Test support: a listening server with three users (two managers and their head). */
export interface Harness {
  /** The server. */
  server: CrmServer;
  /** Its base URL. */
  base: string;
  /** API tokens by user id. */
  tokens: Record<string, string>;
  /** Calls the API as a user (`undefined` = anonymous); JSON bodies are sent as JSON. Bodies are `any`: tests read them field by field. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(user: string | undefined, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
}

/** The users every test server has. */
export const TEAM = [
  { id: 'ann', name: 'Ann', role: 'manager' },
  { id: 'bob', name: 'Bob', role: 'manager' },
  { id: 'boss', name: 'Bo', role: 'head' },
] as const;

/** Starts a server on `store` on a free loopback port, with the {@link TEAM} as users. */
export async function startServer(store: SqlStore, options: Omit<ServerOptions, 'store'> = {}, existingTokens?: Record<string, string>): Promise<Harness> {
  const server = await createServer({ ...options, store });
  const tokens: Record<string, string> = { ...existingTokens };
  if (!existingTokens) {
    for (const user of TEAM) tokens[user.id] = (await server.accounts.add(user)).token;
  }
  const base = await server.listen(0);
  return {
    server,
    base,
    tokens,
    async call(user, method, path, body, headers = {}) {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(user ? { Authorization: `Bearer ${tokens[user]}` } : {}),
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/** One parsed Server-Sent Event. */
export interface SseEvent {
  /** `id:` line. */
  id?: string;
  /** `event:` line (default `message`). */
  event: string;
  /** Parsed JSON `data:`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/**
 * Opens the change feed as `token` and collects events; `next(predicate)`
 * waits for the first matching event not yet taken (failing after 10 s).
 */
export async function openFeed(base: string, token: string, lastEventId?: string): Promise<{ next(predicate?: (e: SseEvent) => boolean): Promise<SseEvent>; events: SseEvent[]; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/changes`, { headers: { Authorization: `Bearer ${token}`, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`feed answered ${response.status}`);
  const events: SseEvent[] = [];
  let waiters: (() => void)[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { event: 'message', data: undefined };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id:')) event.id = line.slice(3).trim();
            else if (line.startsWith('event:')) event.event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (!data.length) continue;
          event.data = JSON.parse(data.join('\n'));
          events.push(event);
          for (const wake of waiters) wake();
          waiters = [];
        }
      }
    } catch {
      // aborted
    }
  })();
  const taken = new Set<SseEvent>();
  return {
    events,
    close: () => controller.abort(),
    async next(predicate = () => true) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = events.find((e) => !taken.has(e) && predicate(e));
        if (found) {
          taken.add(found);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no matching feed event; got ${JSON.stringify(events.map((e) => [e.event, e.data?.table, e.data?.id]))}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}
