import type { RemoteHttp } from './remote-http.js';

/** One Server-Sent Event. */
export interface FeedMessage {
  /** `event:` (default `message`). */
  event: string;
  /** `data:` lines joined. */
  data: string;
  /** `id:`, when the event had one. */
  id?: string;
}

/** Callbacks of {@link openFeed}. */
export interface FeedHandlers {
  /** Each event, in order; awaited before the next is handled. */
  onMessage(message: FeedMessage): Promise<void> | void;
  /** The stream is open (the server answered 200). */
  onOpen(): void;
  /** The stream broke or could not open; `retryInMs` says when the next attempt is. */
  onDrop(error: unknown, retryInMs: number): void;
  /** The position to resume from (`Last-Event-ID`). */
  lastEventId(): string | undefined;
}

/** Splits an SSE byte stream into events (the `text/event-stream` format: fields per line, a blank line ends an event). */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<FeedMessage> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (data.length || event) yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = val;
      else if (field === 'data') data.push(val);
      else if (field === 'id' && !val.includes('\0')) id = val;
    }
  }
}

/**
 * Keeps the change feed (`GET /changes`) open: reads it over `fetch` (so the
 * bearer token can be sent, which `EventSource` cannot), reconnects with
 * backoff and jitter, and resumes with `Last-Event-ID`. `retryNow` cuts a
 * pending wait short (the network is back); `close` ends it for good.
 */
export function openFeed(http: RemoteHttp, handlers: FeedHandlers, backoff: { minMs: number; maxMs: number }): { close(): void; retryNow(): void } {
  const stop = new AbortController();
  let delay = backoff.minMs;
  let wake: (() => void) | undefined;
  const run = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      try {
        const last = handlers.lastEventId();
        const response = await http.raw(http.url('/changes'), { headers: http.headers({ Accept: 'text/event-stream', ...(last ? { 'Last-Event-ID': last } : {}) }), signal: stop.signal });
        if (!response.ok || !response.body) throw new Error(`The change feed answered ${response.status}`);
        handlers.onOpen();
        delay = backoff.minMs;
        for await (const message of readEvents(response.body)) {
          if (stop.signal.aborted) return;
          await handlers.onMessage(message);
        }
        throw new Error('The change feed ended');
      } catch (error) {
        if (stop.signal.aborted) return;
        const wait = Math.round(delay / 2 + Math.random() * (delay / 2));
        handlers.onDrop(error, wait);
        delay = Math.min(backoff.maxMs, delay * 2);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  };
  void run();
  stop.signal.addEventListener('abort', () => wake?.());
  return {
    close: () => stop.abort(),
    retryNow: () => {
      delay = backoff.minMs;
      wake?.();
    },
  };
}
