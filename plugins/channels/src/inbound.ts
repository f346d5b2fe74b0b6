import type { Contact, Crm, HistoryEntry, Lead, LeadInput, RecordType, StoredRow } from '@crmkit/core';
import { replyLanguage } from './auto-reply.js';
import { channelsState } from './channels-state.js';

/** A record on whose timeline a message lands. */
export interface RecordRef {
  /** `lead`, `contact`, `deal` or `company`. */
  recordType: RecordType;
  /** Its id. */
  recordId: string;
}

/** One inbound message, as a channel handler hands it to the shared pipeline. @internal */
export interface InboundMessage {
  /** Channel id: `telegram`, `email`, `phone`. */
  channel: string;
  /** Unique per delivery (update id, Message-ID, call id): a second delivery is stored once. */
  dedupeKey: string;
  /** The sender's duplicate-control keys (`tg:…`, `e:…`, `p:…`). */
  matchKeys: readonly string[];
  /** The record a reply threads to, when the channel knows (email `In-Reply-To`). */
  thread?: RecordRef;
  /** Timeline text. */
  text: string;
  /** Sender address in the channel's terms. */
  from: string;
  /** Channel details for the `message_in` entry. */
  data: Record<string, unknown>;
  /** The lead to create for an unknown sender. */
  lead: LeadInput;
  /** The sender's language, for the auto-reply. */
  language?: string;
  /** Where an auto-reply goes on this channel; none means no auto-reply. */
  replyTo?: string;
  /** Subject of an email auto-reply. */
  replySubject?: string;
}

/** What happened to an inbound message. */
export interface InboundResult extends Partial<RecordRef> {
  /** True when this delivery was seen before and nothing was stored. */
  duplicate: boolean;
  /** True when a new lead was created for an unknown sender. */
  created: boolean;
  /** The `message_in` entry. */
  history?: HistoryEntry;
  /** The language the auto-reply went out in, when one was sent. */
  autoReplied?: string;
}

const systemViews = new WeakMap<Crm, Crm>();

/** The CRM acting as `system`: channel traffic is not limited by the current user's role. @internal */
export function systemView(crm: Crm): Crm {
  if (typeof crm.as !== 'function') return crm;
  let view = systemViews.get(crm);
  if (!view) systemViews.set(crm, (view = crm.as('system')));
  return view;
}

/**
 * Marks `key` as seen in the store's meta table, atomically. Returns false
 * when it was already there (a duplicate delivery). @internal
 */
export async function claimOnce(crm: Crm, key: string, value: Record<string, unknown> = {}): Promise<boolean> {
  const id = `channels:seen:${key}`;
  return crm.store.transaction(['meta'], async (tx) => {
    if (await tx.get('meta', id)) return false;
    await tx.put('meta', { ...value, id, at: crm.now().toISOString() });
    return true;
  });
}

/** Forgets a claim (the work it guarded failed, so a retry must be able to do it). @internal */
export async function releaseClaim(crm: Crm, key: string): Promise<void> {
  await crm.store.delete('meta', `channels:seen:${key}`);
}

async function rowsByKey<T extends StoredRow>(crm: Crm, table: 'leads' | 'contacts', keys: readonly string[]): Promise<T[]> {
  const seen = new Map<string, T>();
  for (const key of keys) for (const row of await crm.store.query<T>(table, { index: 'dupKeys', equals: key })) seen.set(row.id, row);
  return [...seen.values()].sort((a, b) => String(b['createdAt']).localeCompare(String(a['createdAt'])));
}

/**
 * Whose message this is: the sender's open lead, else their contact, else the
 * deal (or contact) a lead of theirs converted into. Junk leads are not
 * reused: a new request from that sender is a new lead.
 */
export async function findRecordByKeys(crm: Crm, keys: readonly string[]): Promise<RecordRef | undefined> {
  if (keys.length === 0) return undefined;
  const leads = await rowsByKey<Lead & StoredRow>(crm, 'leads', keys);
  const open = leads.find((l) => l.status === 'open' && !l.spam);
  if (open) return { recordType: 'lead', recordId: open.id };
  const [contact] = await rowsByKey<Contact & StoredRow>(crm, 'contacts', keys);
  if (contact) return { recordType: 'contact', recordId: contact.id };
  const converted = leads.find((l) => l.status === 'won' && l.convertedTo);
  if (converted?.convertedTo) {
    if (await crm.store.get('deals', converted.convertedTo.dealId)) return { recordType: 'deal', recordId: converted.convertedTo.dealId };
    return { recordType: 'contact', recordId: converted.convertedTo.contactId };
  }
  return undefined;
}

const TABLE = { lead: 'leads', contact: 'contacts', deal: 'deals', company: 'companies' } as const;

/**
 * The shared inbound pipeline: stores a delivery once, puts the message on
 * the sender's record (or a new lead) and sends the auto-reply to a new
 * conversation. A failure releases the delivery so the sender's retry works.
 * @internal
 */
export async function receiveInbound(crm: Crm, message: InboundMessage): Promise<InboundResult> {
  if (!(await claimOnce(crm, `${message.channel}:${message.dedupeKey}`))) return { duplicate: true, created: false };
  const sys = systemView(crm);
  const state = channelsState(crm);
  try {
    let target = message.thread && (await crm.store.get(TABLE[message.thread.recordType], message.thread.recordId)) ? message.thread : undefined;
    target ??= await findRecordByKeys(crm, message.matchKeys);
    let created = false;
    if (!target) {
      const lead = await sys.leads.create({ ...message.lead, ...(state.leadOwnerId ? { ownerId: state.leadOwnerId } : {}) });
      target = { recordType: 'lead', recordId: lead.id };
      created = true;
    }
    const history = await sys.channels.receive(message.channel, { text: message.text, from: message.from, ...target, data: message.data });
    const result: InboundResult = { duplicate: false, created, ...target, ...(history ? { history } : {}) };
    if (created) {
      const language = await autoReply(crm, message, target);
      if (language) result.autoReplied = language;
    }
    return result;
  } catch (error) {
    await releaseClaim(crm, `${message.channel}:${message.dedupeKey}`);
    throw error;
  }
}

/** Sends the configured auto-reply once per sender and channel; a failure is reported, never fails the request. */
async function autoReply(crm: Crm, message: InboundMessage, target: RecordRef): Promise<string | undefined> {
  const state = channelsState(crm);
  const options = state.autoReply;
  if (!options || !message.replyTo || !crm.channels.list().includes(message.channel)) return undefined;
  const language = replyLanguage(options, message.language);
  const text = language ? options.text[language] : undefined;
  if (!language || !text) return undefined;
  const senderKey = message.matchKeys[0] ?? message.replyTo;
  if (!(await claimOnce(crm, `${message.channel}:autoreply:${senderKey}`))) return undefined;
  try {
    const subject = options.subject?.[language] ?? message.replySubject;
    await systemView(crm).channels.send(message.channel, { to: message.replyTo, text, ...(subject ? { subject } : {}), ...target });
    return language;
  } catch (error) {
    state.onError(error, `auto-reply on ${message.channel}`);
    return undefined;
  }
}
