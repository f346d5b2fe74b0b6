import { emailKey, isCrmError, type Crm } from '@crmkit/core';
import PostalMime, { type Email, type Mailbox } from 'postal-mime';
import { guessLanguage } from './auto-reply.js';
import { toBase64 } from './bytes.js';
import { findThread, rememberThread } from './email-channel.js';
import { authenticate, BodyTooLargeError, json, problem, readBody, requireSecret, type ChannelHandler } from './handler-http.js';
import { receiveInbound } from './inbound.js';

/** Options of {@link createEmailInboundHandler}. */
export interface EmailInboundOptions {
  /** Shared secret: sent as `Authorization: Bearer <secret>`, or a `whsec_` secret that signs requests per Standard Webhooks. Several during a rotation. */
  secret: string | readonly string[];
  /** Largest accepted message, in bytes; default 25 MB. */
  maxBodyBytes?: number;
}

/** Form fields in which inbound-parse services put the raw message (SendGrid `email`, Mailgun `body-mime`). */
const RAW_FIELDS = ['email', 'body-mime', 'raw', 'message'];

/** A message that cannot be read: answered 400, nothing stored. */
class BadMessage extends Error {}

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h) => h.key === name)?.value;
}

function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

/** Plain text of the message: its text part, else its HTML without tags. */
function bodyText(email: Email): string {
  if (email.text?.trim()) return email.text.replace(/\r\n/g, '\n').trim();
  const html = email.html ?? '';
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True for bounces, out-of-office and list mail: stored, never auto-answered (that is how mail loops start). */
function isAutomatic(email: Email, address: string): boolean {
  const auto = header(email, 'auto-submitted');
  if (auto && auto.trim().toLowerCase() !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(email, 'precedence')?.trim() ?? '')) return true;
  if (header(email, 'list-id') || header(email, 'x-autoreply') || header(email, 'x-autorespond')) return true;
  return /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i.test(address);
}

async function rawMessage(request: Request, body: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data|^application\/x-www-form-urlencoded/i.test(type)) return body;
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new BadMessage('The form body cannot be read');
  }
  for (const name of RAW_FIELDS) {
    const value = form.get(name);
    if (typeof value === 'string') return new TextEncoder().encode(value);
    if (value) return new Uint8Array(await value.arrayBuffer());
  }
  throw new BadMessage(`The form has no raw message field (${RAW_FIELDS.join(', ')})`);
}

async function parse(raw: Uint8Array<ArrayBuffer>): Promise<{ email: Email; from: Mailbox }> {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, 4096));
  if (!/^[!-9;-~]+:/.test(head)) throw new BadMessage('The body is not an RFC 5322 message: it does not start with a header');
  if (!/\r?\n\r?\n/.test(new TextDecoder('latin1').decode(raw.subarray(0, 256 * 1024)))) throw new BadMessage('The message has no blank line between its header and body');
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { maxHeadersSize: 256 * 1024 });
  } catch {
    throw new BadMessage('The MIME structure cannot be parsed');
  }
  const from = email.from && !email.from.group ? email.from : undefined;
  if (!from?.address || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(from.address)) throw new BadMessage('The message has no valid From address');
  return { email, from };
}

/**
 * A Fetch API handler for inbound email: the raw RFC 5322 message as the body
 * (what a Postfix pipe or an inbound-parse service delivers; a form field
 * `email` or `body-mime` works too), authenticated by `Authorization: Bearer
 * <secret>` or a Standard Webhooks signature. The message is parsed with
 * postal-mime (encoded-word subjects, quoted-printable and base64 bodies,
 * multipart/alternative); a reply (`In-Reply-To`/`References`) lands on the
 * record of the message it answers, else the sender's contact or open lead,
 * else a new lead. The same Message-ID is stored once; unreadable MIME gets
 * 400 and nothing is stored.
 */
export function createEmailInboundHandler(crm: Crm, options: EmailInboundOptions): ChannelHandler {
  const secret = requireSecret('createEmailInboundHandler', options?.secret);
  const limit = options.maxBodyBytes ?? 25 * 1024 * 1024;
  return async (request) => {
    if (request.method !== 'POST') return problem(405, 'method_not_allowed', 'Deliver messages with POST', { allow: 'POST' });
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = (await readBody(request, limit)) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      if (error instanceof BodyTooLargeError) return problem(413, 'too_large', `A message may be at most ${limit} bytes`);
      throw error;
    }
    const refused = await authenticate(request, body, secret, crm.now());
    if (refused) return refused;
    let email: Email;
    let from: Mailbox;
    try {
      ({ email, from } = await parse(await rawMessage(request, body)));
    } catch (error) {
      if (error instanceof BadMessage) return problem(400, 'malformed_message', error.message);
      throw error;
    }
    const address = from.address.trim().toLowerCase();
    const messageId = email.messageId?.trim() || `<${toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', body))).replace(/[+/=]/g, '')}@no-message-id.crmkit>`;
    const subject = (email.subject ?? '').trim();
    const text = bodyText(email) || '(empty message)';
    const inReplyTo = messageIds(email.inReplyTo)[0];
    const thread = await findThread(crm, [...messageIds(email.inReplyTo), ...messageIds(email.references).reverse()]);
    const language = header(email, 'content-language')?.split(',')[0]?.trim() || guessLanguage(`${subject}\n${text}`);
    const attachments = email.attachments.filter((a) => a.disposition !== 'inline').map((a) => ({ filename: a.filename ?? '', mimeType: a.mimeType }));
    try {
      const result = await receiveInbound(crm, {
        channel: 'email',
        dedupeKey: messageId.toLowerCase(),
        matchKeys: [emailKey(address)],
        ...(thread ? { thread } : {}),
        text,
        from: address,
        data: { subject, messageId, ...(inReplyTo ? { inReplyTo } : {}), ...(attachments.length ? { attachments } : {}), ...(email.date ? { sentAt: email.date } : {}) },
        lead: { ...(from.name?.trim() ? { name: from.name.trim().slice(0, 200) } : {}), email: address, message: [subject, text].filter(Boolean).join('\n\n').slice(0, 5000), source: { channel: 'email' } },
        ...(language ? { language } : {}),
        ...(isAutomatic(email, address) ? {} : { replyTo: address, replySubject: subject ? (/^re:/i.test(subject) ? subject : `Re: ${subject}`) : 'Re:' }),
      });
      if (!result.duplicate && result.recordType && result.recordId) await rememberThread(crm, messageId, { recordType: result.recordType, recordId: result.recordId });
      return json(200, { ok: true, duplicate: result.duplicate });
    } catch (error) {
      if (isCrmError(error, 'validation')) return problem(400, 'invalid_message', (error as Error).message);
      throw error;
    }
  };
}
