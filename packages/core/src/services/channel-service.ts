import { NotFoundError, PluginError } from '../errors.js';
import type { OutgoingMessage } from '../plugin.js';
import type { Runtime } from '../runtime.js';
import type { RecordType } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { StoredRow } from '../store/store.js';

const TABLE_OF = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' } as const;

/** An incoming message a channel hands to the CRM. */
export interface IncomingMessage {
  /** Message text. */
  text: string;
  /** Sender address (phone, email, chat id). */
  from?: string;
  /** The record it belongs to, when the channel knows. */
  recordType?: RecordType;
  /** The record it belongs to, when the channel knows. */
  recordId?: string;
  /** Channel details kept on the `message_in` entry (subject, message id, call duration…). */
  data?: Record<string, unknown>;
}

/** `crm.channels`: the communication channels plugins registered. */
export class ChannelService {
  /** @internal */
  constructor(private readonly rt: Runtime, private readonly actorId: () => string) {}

  /** Names of the registered channels. */
  list(): string[] {
    return [...this.rt.channels.keys()];
  }

  /**
   * Sends through `channel` and records `message_out` on the record's timeline
   * (with the subject and whatever details the adapter returns, such as the
   * message id). Throws `PluginError` when the channel fails.
   */
  async send(channel: string, message: OutgoingMessage, signal: AbortSignal = new AbortController().signal): Promise<HistoryEntry | undefined> {
    const entry = this.rt.channels.get(channel);
    if (!entry) throw new NotFoundError('channel', channel);
    let details: Record<string, unknown> | void;
    try {
      details = await entry.adapter.send(message, { signal });
    } catch (cause) {
      throw new PluginError(entry.plugin, `channel:${channel}`, cause);
    }
    if (!message.recordType || !message.recordId) return undefined;
    const data = { ...(details ?? {}), channel, to: message.to, text: message.text, ...(message.subject ? { subject: message.subject } : {}) };
    const history = this.rt.historyEntry(message.recordType, message.recordId, 'message_out', this.actorId(), data);
    await this.rt.store.put('history', history as unknown as StoredRow);
    return history;
  }

  /** Records an incoming message (`message_in`, with the channel's `data`) and fires the `message:received` hook. */
  async receive(channel: string, message: IncomingMessage): Promise<HistoryEntry | undefined> {
    let history: HistoryEntry | undefined;
    if (message.recordType && message.recordId) {
      const record = await this.rt.store.get(TABLE_OF[message.recordType], message.recordId);
      if (!record) throw new NotFoundError(message.recordType, message.recordId);
      history = this.rt.historyEntry(message.recordType, message.recordId, 'message_in', 'system', { ...message.data, channel, from: message.from, text: message.text });
      await this.rt.store.put('history', history as unknown as StoredRow);
    }
    const { data: _data, ...event } = message;
    await this.rt.hooks.emit('message:received', { channel, ...event });
    return history;
  }
}
