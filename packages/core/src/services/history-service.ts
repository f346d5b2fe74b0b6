import { ValidationError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { RecordType } from '../schemas/activity.js';
import type { HistoryEntry, HistoryType } from '../schemas/history.js';
import type { StoredRow } from '../store/store.js';
import { assertAccess, type Actor } from './actor.js';
import type { WatchOptions } from './watch-options.js';
import { importCreatedEntry, withinWindow } from './import-history.js';
import { liveQuery, type LiveChange, type LiveQuerySource } from '../live/live-query.js';
import type { ListCursor } from './list-window.js';
import { compareTimeline, scanTimeline, type ScanningStore } from './step-window.js';

const TABLE_OF = { contact: 'contacts', company: 'companies', lead: 'leads', deal: 'deals' } as const;

/** What `crm.history.add` accepts: entries a person or plugin may append. */
export interface HistoryAddInput {
  /** The record's type. */
  recordType: RecordType;
  /** The record's id. */
  recordId: string;
  /** `note`, `message_in` or `message_out`. */
  type: Extract<HistoryType, 'note' | 'message_in' | 'message_out'>;
  /** Note or message text. */
  text: string;
  /** For messages: the channel. */
  channel?: string;
}

/** What `crm.history.list` reads: one record's timeline, optionally a window of it. */
export interface HistoryQuery {
  /** The record's type. */
  recordType: RecordType;
  /** The record's id. */
  recordId: string;
  /** Keyset position: only entries after the one with this `at` (`key`) and `id` (time, then id order). */
  after?: ListCursor;
  /** At most this many entries. */
  limit?: number;
}

/** `crm.history`: the append-only timeline of every record. */
export class HistoryService {
  /** @internal */
  constructor(
    private readonly rt: Runtime,
    private readonly actorOf: () => Actor,
  ) {}

  /**
   * A record's timeline, oldest first. Entries outlive removed records.
   * With `after` or `limit` it is read a window at a time, ordered by time
   * then id (the keyset `after` names the last entry seen: its `at` and id);
   * stores that can (SQL) do the filtering, ordering and paging themselves.
   */
  async list(query: HistoryQuery): Promise<HistoryEntry[]> {
    const store = this.rt.store;
    const record = await store.get<StoredRow & { ownerId: string }>(TABLE_OF[query.recordType], query.recordId);
    const all = async () => (await store.query<HistoryEntry & StoredRow>('history', { index: 'recordId', equals: query.recordId })).filter((h) => h.recordType === query.recordType);
    const rows = record && store.scan ? undefined : await all();
    // A removed record's timeline stays visible only to whoever could see the record (its owner at removal).
    const ownerId = record ? record.ownerId : ((rows!.find((h) => h.type === 'removed')?.data['snapshot'] as { ownerId?: string } | undefined)?.ownerId ?? (rows!.length ? undefined : this.actorOf().id));
    assertAccess(this.actorOf(), `${query.recordType} "${query.recordId}"`, ownerId, 'see the history of');
    // A record an import created: its `created` entry is derived from the batch's one entry.
    const imported = await importCreatedEntry(store, query.recordType, query.recordId, record, rows);
    const paged = query.after !== undefined || query.limit !== undefined;
    if (store.scan && (paged || !rows)) return withinWindow(await scanTimeline(store as ScanningStore, query), imported, query);
    const own = imported ? [imported, ...rows!] : rows!;
    if (!paged) return own.sort(compareEntries);
    const after = query.after && { at: query.after.key, id: query.after.id };
    const out = own.filter((h) => !after || compareTimeline(h, after) > 0).sort(compareTimeline);
    return query.limit !== undefined ? out.slice(0, Math.max(0, query.limit)) : out;
  }

  /** Live `list`: new entries arrive with the write that made them, without re-reading the timeline. Returns a stop function. */
  watch(query: { recordType: RecordType; recordId: string }, listener: (entries: HistoryEntry[], change: LiveChange<HistoryEntry & StoredRow>) => void, options: WatchOptions = {}): () => void {
    query = { recordType: query.recordType, recordId: query.recordId };
    const source: LiveQuerySource<HistoryEntry & StoredRow> = {
      table: 'history',
      load: () => this.list(query) as Promise<(HistoryEntry & StoredRow)[]>,
      accepts: (row) => row.recordId === query.recordId && row.recordType === query.recordType,
      compare: compareEntries,
    };
    return liveQuery(this.rt.store, source, listener, options).stop;
  }

  /** Appends a note or a message to a record's timeline. */
  async add(input: HistoryAddInput): Promise<HistoryEntry> {
    const text = input.text?.trim();
    if (!text) throw new ValidationError([{ path: ['text'], code: 'required', message: 'Text is required' }], 'history entry');
    if (!['note', 'message_in', 'message_out'].includes(input.type)) {
      throw new ValidationError([{ path: ['type'], code: 'invalid_option', message: 'Only notes and messages can be added; other entries are written by the CRM' }], 'history entry');
    }
    const record = await this.rt.store.get<StoredRow & { ownerId: string }>(TABLE_OF[input.recordType], input.recordId);
    if (!record) throw new ValidationError([{ path: ['recordId'], code: 'invalid_option', message: `No ${input.recordType} "${input.recordId}"` }], 'history entry');
    assertAccess(this.actorOf(), `${input.recordType} "${input.recordId}"`, record.ownerId, 'add to the history of');
    const entry = this.rt.historyEntry(input.recordType, input.recordId, input.type, this.actorOf().id, { text, ...(input.channel ? { channel: input.channel } : {}) });
    await this.rt.store.put('history', entry as HistoryEntry & StoredRow);
    return entry;
  }

  /** Shorthand for adding a note. */
  async addNote(recordType: RecordType, recordId: string, text: string): Promise<HistoryEntry> {
    return this.add({ recordType, recordId, type: 'note', text });
  }
}

/** Orders history entries by time, then by write order. */
export function compareEntries(a: HistoryEntry, b: HistoryEntry): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq;
}
