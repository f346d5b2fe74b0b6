import type { ChannelAdapter, Crm, HistoryEntry, OutgoingMessage, PluginCrm, RecordType } from '@crmkit/core';
import { randomToken } from './bytes.js';
import type { RecordRef } from './inbound.js';

/** One outgoing email, as a transport receives it. */
export interface EmailMessage {
  /** Sender address (`Sales <sales@example.com>`). */
  from: string;
  /** Recipient address. */
  to: string;
  /** Subject. */
  subject: string;
  /** Plain-text body. */
  text: string;
  /** Our `Message-ID` (with angle brackets): replies to it thread back to the record. */
  messageId: string;
  /** The `Message-ID` this answers, for threading in the client's mailbox. */
  inReplyTo?: string;
  /** The thread's message ids. */
  references?: string[];
}

/** Sends email: `smtpTransport()` from `@crmkit/plugin-channels/smtp` on Node, or any provider's API. */
export interface EmailTransport {
  /** Sends one message; throws on failure (the error must not contain credentials). */
  send(mail: EmailMessage): Promise<void>;
}

/** Email sending options of `channelsPlugin({ email })`. */
export interface EmailChannelOptions {
  /** The transport the server provides. */
  transport: EmailTransport;
  /** The sender address; its domain names our Message-IDs. */
  from: string;
}

/** Meta-table key mapping a Message-ID to the record whose thread it belongs to. @internal */
export function threadKey(messageId: string): string {
  return `channels:email:thread:${messageId.trim().toLowerCase()}`;
}

/** Remembers which record a Message-ID belongs to, so replies to it thread there. @internal */
export async function rememberThread(crm: Pick<Crm, 'store'>, messageId: string, ref: RecordRef): Promise<void> {
  await crm.store.put('meta', { id: threadKey(messageId), recordType: ref.recordType, recordId: ref.recordId });
}

/** The record the first known of `messageIds` belongs to. @internal */
export async function findThread(crm: Pick<Crm, 'store'>, messageIds: readonly string[]): Promise<RecordRef | undefined> {
  for (const id of messageIds) {
    const row = await crm.store.get<{ id: string; recordType: RecordType; recordId: string }>('meta', threadKey(id));
    if (row) return { recordType: row.recordType, recordId: row.recordId };
  }
  return undefined;
}

async function lastEmailOf(crm: PluginCrm, recordType: RecordType, recordId: string): Promise<HistoryEntry | undefined> {
  const rows = await crm.store.query<HistoryEntry & { id: string }>('history', { index: 'recordId', equals: recordId });
  return rows
    .filter((h) => h.recordType === recordType && (h.type === 'message_in' || h.type === 'message_out') && h.data['channel'] === 'email')
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.seq - a.seq))[0];
}

/**
 * The email channel: `crm.channels.send('email', { to, text, subject?, recordType, recordId })`
 * sends through the transport. Without a subject, a reply on a record takes
 * `Re: <last subject>` and threads to the last email of that record.
 */
export function emailChannel(crm: PluginCrm, options: EmailChannelOptions): ChannelAdapter {
  if (!options?.transport || typeof options.transport.send !== 'function') throw new TypeError('channelsPlugin: "email.transport" must have a send(mail) method');
  const domain = /@([^>\s]+)>?\s*$/.exec(options.from ?? '')?.[1];
  if (!domain) throw new TypeError('channelsPlugin: "email.from" must be an email address, e.g. "Sales <sales@example.com>"');
  return {
    async send(message: OutgoingMessage) {
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(message.to.trim())) throw new TypeError(`Email: "to" must be one email address, got ${JSON.stringify(message.to.slice(0, 80))}`);
      const last = message.recordType && message.recordId ? await lastEmailOf(crm, message.recordType, message.recordId) : undefined;
      const lastId = typeof last?.data['messageId'] === 'string' ? last.data['messageId'] : undefined;
      const lastSubject = typeof last?.data['subject'] === 'string' ? last.data['subject'] : undefined;
      const subject = message.subject ?? (lastSubject ? (/^re:/i.test(lastSubject) ? lastSubject : `Re: ${lastSubject}`) : '');
      const messageId = `<${randomToken(18)}@${domain}>`;
      await options.transport.send({
        from: options.from,
        to: message.to.trim(),
        subject,
        text: message.text,
        messageId,
        ...(lastId ? { inReplyTo: lastId, references: [lastId] } : {}),
      });
      if (message.recordType && message.recordId) await rememberThread(crm, messageId, { recordType: message.recordType, recordId: message.recordId });
      return { messageId, ...(subject ? { subject } : {}), ...(lastId ? { inReplyTo: lastId } : {}) };
    },
  };
}
