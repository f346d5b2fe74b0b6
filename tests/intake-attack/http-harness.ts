// A real HTTP server on 127.0.0.1 (port 0) in front of createIntakeHandler,
// plus raw-socket requests for what fetch refuses to send (bad Host, header
// injection, slow bodies, invalid UTF-8). Shared by the intake's Node tests.
import { createCrm, createIntakeHandler, definePlugin, memoryStore, type Crm, type IntakeHandlerOptions, type Lead, type PluginHooks } from '@crmkit/core';
import { toNodeListener, type NodeListenerOptions } from '@crmkit/plugin-channels';

interface NodeServer {
  listen(port: number, host: string, cb: () => void): void;
  address(): { port: number };
  close(cb: () => void): void;
  closeAllConnections?(): void;
}
interface NodeSocket {
  write(chunk: string | Uint8Array): void;
  end(): void;
  destroy(): void;
  setEncoding(e: string): void;
  on(e: string, f: (c?: unknown) => void): void;
}
const http = (await import('node:http' as string)) as { createServer(listener: unknown): NodeServer };
const net = (await import('node:net' as string)) as { connect(port: number, host: string, cb: () => void): NodeSocket };

/** The allowed origin of every harness. */
export const ORIGIN = 'https://shop.example';

/** A running intake server. */
export interface Harness {
  crm: Crm;
  url: string;
  port: number;
  /** Errors passed to onError (handler and listener). */
  errors: unknown[];
  close(): Promise<void>;
}

/** Starts createIntakeHandler behind toNodeListener on 127.0.0.1:0. */
export async function serve(options: Partial<IntakeHandlerOptions> = {}, listener: NodeListenerOptions = {}, crmArg?: Crm): Promise<Harness> {
  const crm = crmArg ?? (await createCrm({ store: memoryStore(), automationIntervalMs: false, users: [{ id: 'u-head', name: 'Head', role: 'head' }, { id: 'u-boss', name: 'Manager', role: 'manager' }] }));
  const errors: unknown[] = [];
  const handler = createIntakeHandler(crm, { allowedOrigins: [ORIGIN], onError: (e) => errors.push(e), ...options });
  const server = http.createServer(toNodeListener(handler, { onError: (e) => errors.push(e), ...listener }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    crm,
    errors,
    port,
    url: `http://127.0.0.1:${port}/api/leads`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * A CRM on a memory store whose one plugin, `captcha`, runs `check` on every
 * form submission (`form:beforeSubmit`), the way a captcha verifier does.
 */
export function crmWithCaptcha(check: NonNullable<PluginHooks['form:beforeSubmit']>): Promise<Crm> {
  return createCrm({ store: memoryStore(), automationIntervalMs: false, plugins: [definePlugin({ name: 'captcha', hooks: { 'form:beforeSubmit': check } })] });
}

/** A lead a real visitor could send. */
export const validLead = (): Record<string, unknown> => ({
  name: 'Иван',
  phone: '+7 999 123-45-67',
  email: 'ivan@example.com',
  message: 'Call me',
  source: { channel: 'web-form', pageUrl: 'https://shop.example/contact' },
});

/** The request body around a lead. */
export const submission = (lead: Record<string, unknown> = validLead(), extra: Record<string, unknown> = {}) => ({ lead, submittedAt: '2026-11-23T10:15:00.000Z', formId: 'contact-page', ...extra });

/** POSTs a JSON body (a string is sent as is) with a fresh Idempotency-Key unless one is given (`null`: none). */
export function post(h: Harness, body: unknown, headers: Record<string, string> = {}, key: string | null = crypto.randomUUID()): Promise<Response> {
  return fetch(h.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Every stored lead. */
export const leadsOf = (crm: Crm) => crm.store.query<Lead>('leads');

/** A raw HTTP exchange's answer. */
export interface RawAnswer {
  status: number;
  head: string;
  body: string;
  /** True when the server closed or answered nothing within the wait. */
  timedOut: boolean;
}

/**
 * Sends bytes over a plain TCP socket and reads the answer (until the server
 * closes, or `waitMs` passes). `parts` are written `gapMs` apart, so a body
 * can be sent slowly.
 */
export function raw(h: Harness, parts: (string | Uint8Array)[], { gapMs = 0, waitMs = 4000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    const socket = net.connect(h.port, '127.0.0.1', () => {
      void (async () => {
        for (const p of parts) {
          if (settled) return;
          socket.write(p);
          if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        }
      })();
    });
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: rest.join('\r\n\r\n'), timedOut });
    };
    const timer = setTimeout(() => finish(true), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (c) => {
      text += String(c);
      // One complete JSON answer is enough (the connection may stay open).
      const m = /content-length: (\d+)/i.exec(text);
      const split = text.indexOf('\r\n\r\n');
      if (m && split >= 0 && Buffer.byteLength(text.slice(split + 4)) >= Number(m[1])) finish(false);
    });
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
  });
}

/** A raw POST request head for `h`, with the given extra header lines. */
export function rawHead(h: Harness, body: string | Uint8Array, lines: string[] = [], { host = `127.0.0.1:${h.port}`, contentLength = true } = {}): string {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  return [
    'POST /api/leads HTTP/1.1',
    `Host: ${host}`,
    'Content-Type: application/json',
    `Origin: ${ORIGIN}`,
    `Idempotency-Key: ${crypto.randomUUID()}`,
    ...(contentLength ? [`Content-Length: ${length}`] : []),
    'Connection: close',
    ...lines,
    '',
    '',
  ].join('\r\n');
}

declare const Buffer: { byteLength(s: string): number };
