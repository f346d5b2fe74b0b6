import type { Crm } from '../crm.js';
import { CrmError, NotFoundError } from '../errors.js';
import { newId } from '../ids.js';
import type { Actor } from '../services/actor.js';
import type { PipelineRegistry } from '../services/pipeline-registry.js';
import type { Store, StoredRow, TableName } from '../store/store.js';
import { NetworkDownError } from './remote-errors.js';
import type { RemoteHttp, RemoteRequest } from './remote-http.js';
import type { Outbox, QueuedWrite } from './remote-outbox.js';

/** A page of a server list. */
export interface Page<T> {
  /** The items. */
  items: T[];
  /** Where the next page starts; `null` on the last. */
  nextCursor: string | null;
}

/** A write to send now, or to queue when the server cannot be reached. */
export interface WriteIntent extends Omit<RemoteRequest, 'idempotencyKey'> {
  /** The table of the record written. */
  table: TableName;
  /** The record written (a provisional id for a create). */
  recordId: string;
  /** For a create: the provisional id. */
  provisionalId?: string;
  /** For a write creating several records (a conversion): their provisional ids by the answer's names. */
  provisionalIds?: Record<string, string>;
  /** The version to expect when the write is queued and the caller named none (the cached one): an offline edit never overwrites a change it did not see. */
  queuedIfMatch?: () => Promise<number | undefined>;
}

/** The tables the cache keeps whole server collections of (refilled after a feed `reset`). */
const RESYNCED: readonly TableName[] = ['companies', 'contacts', 'leads', 'deals', 'activities'];

/** Says "the write was queued" (the caller shows its local effect). */
export const QUEUED = Symbol('queued');

/**
 * What every remote service shares: the HTTP client, the cache (a core
 * store: IndexedDB in browsers), the local CRM over that cache (it answers
 * reads while the server cannot be reached), the signed-in actor and the
 * outbox of queued writes. @internal
 */
export class RemoteContext {
  /** False after a request failed for want of a network, until the change feed or a replay gets through again. */
  online = true;
  /** While a refill ({@link resync}) runs: the cache rows written or removed since it started, which its older reads must not undo. */
  private refilled: Set<string> | undefined;

  constructor(
    readonly http: RemoteHttp,
    readonly cache: Store,
    readonly local: Crm,
    readonly actor: Actor,
    readonly pipelines: PipelineRegistry,
    readonly outbox: Outbox,
    readonly now: () => Date,
    /** Called when the server became unreachable or a write was queued (announces the sync state, starts probing). */
    private readonly onSyncChange: () => void,
  ) {}

  /** Notes that the server cannot be reached. */
  wentOffline(): void {
    if (!this.online) return;
    this.online = false;
    this.onSyncChange();
  }

  /** Reads from the server while it is reachable and no local write waits, else from the cache. */
  async read<T>(fromServer: () => Promise<T>, fromCache: () => Promise<T>): Promise<T> {
    if (this.online && !this.outbox.busy) {
      try {
        return await fromServer();
      } catch (error) {
        if (!(error instanceof NetworkDownError)) throw error;
        this.wentOffline();
      }
    }
    return fromCache();
  }

  /** Every page of a server list. */
  async all<T>(path: string, query: Record<string, string | undefined>, what?: RemoteRequest['what']): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.http.send<Page<T>>({ method: 'GET', path, query: { ...query, limit: '500', ...(cursor ? { cursor } : {}) }, ...(what ? { what } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /**
   * Sends a write now, or — when the server cannot be reached, or earlier
   * writes still wait — queues it (persisted) and returns {@link QUEUED}.
   * A write that fails for want of a network after it left is queued with
   * the same idempotency key, so the server applies it once.
   */
  async write<T>(intent: WriteIntent): Promise<T | typeof QUEUED> {
    const id = this.outbox.nextId(this.now());
    const { table, recordId, provisionalId, provisionalIds, queuedIfMatch, ...request } = intent;
    if (this.online && !this.outbox.busy) {
      try {
        return await this.http.send<T>({ ...request, idempotencyKey: id });
      } catch (error) {
        if (!(error instanceof NetworkDownError)) throw error;
        this.wentOffline();
      }
    }
    const ifMatch = request.ifMatch ?? (await queuedIfMatch?.());
    const queued: QueuedWrite = {
      id,
      method: request.method as QueuedWrite['method'],
      path: request.path,
      table,
      recordId,
      at: this.now().toISOString(),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      ...(provisionalId ? { provisionalId } : {}),
      ...(provisionalIds && Object.keys(provisionalIds).length ? { provisionalIds } : {}),
    };
    await this.outbox.add(queued);
    this.onSyncChange();
    if (this.online) void this.outbox.drain();
    return QUEUED;
  }

  /**
   * Notes that a cache row was just written or removed — from a server
   * answer, a feed event or a local write — so a refill that read the server
   * before it neither drops nor reverts it.
   */
  noteWrite(table: TableName, id: string): void {
    this.refilled?.add(`${table}:${id}`);
  }

  /** Keeps server rows in the cache; a row with a local write still queued, or a newer cached copy, is left as is. */
  async remember(table: TableName, rows: readonly StoredRow[]): Promise<void> {
    if (rows.length === 0) return;
    for (const row of rows) this.noteWrite(table, row.id);
    const keep: StoredRow[] = [];
    const cached = await Promise.all(rows.map((r) => this.cache.get(table, r.id)));
    rows.forEach((row, i) => {
      if (this.outbox.touched.has(`${table}:${row.id}`)) return;
      const old = cached[i];
      if (old && typeof old['version'] === 'number' && typeof row['version'] === 'number' && old['version'] > row['version']) return;
      if (old && JSON.stringify(old) === JSON.stringify(row)) return;
      keep.push(row);
    });
    if (keep.length) await this.cache.bulkPut(table, keep);
  }

  /**
   * Refills the cache from the server after the change feed said it cannot
   * tell what was missed (its `reset` event): every collection is read
   * whole first (a failure leaves the cache as it was), then rows the server
   * no longer has or shows are dropped, changed ones replaced, and timeline
   * entries of dropped records removed. Rows with a queued local write are
   * left alone, so nothing the user entered is lost; so are rows written or
   * removed while the refill ran (a queued create that landed, an answer, a
   * local removal): the refill's reads are older than they are.
   */
  async resync(): Promise<void> {
    const since = new Set<string>();
    this.refilled = since;
    try {
      const fresh: [TableName, StoredRow[]][] = [];
      for (const table of RESYNCED) fresh.push([table, await this.all<StoredRow>(`/${table}`, {})]);
      const gone = new Set<string>();
      const newer = (table: TableName, id: string) => since.has(`${table}:${id}`) || this.outbox.touched.has(`${table}:${id}`);
      for (const [table, rows] of fresh) {
        const ids = new Set(rows.map((row) => row.id));
        for (const row of await this.cache.query(table)) {
          if (ids.has(row.id) || newer(table, row.id)) continue;
          await this.cache.delete(table, row.id);
          gone.add(row.id);
        }
        await this.remember(
          table,
          rows.filter((row) => !newer(table, row.id)),
        );
      }
      if (gone.size === 0) return;
      for (const entry of await this.cache.query<StoredRow & { recordId?: string }>('history')) {
        if (entry.recordId !== undefined && gone.has(entry.recordId) && !newer('history', entry.id)) await this.cache.delete('history', entry.id);
      }
    } finally {
      if (this.refilled === since) this.refilled = undefined;
    }
  }

  /** Drops a row the server no longer has (or no longer shows this user); a record's timeline goes with it. */
  async forget(table: TableName, id: string): Promise<void> {
    if (this.outbox.touched.has(`${table}:${id}`)) return;
    this.noteWrite(table, id);
    if (await this.cache.get(table, id)) await this.cache.delete(table, id);
    if (!RESYNCED.includes(table) || table === 'activities') return;
    for (const entry of await this.cache.query<StoredRow>('history', { index: 'recordId', equals: id })) {
      if (this.outbox.touched.has(`history:${entry.id}`)) continue;
      this.noteWrite('history', entry.id);
      await this.cache.delete('history', entry.id);
    }
  }

  /** Reads one record from the server (keeping it in the cache), or from the cache offline. */
  async one<T extends StoredRow>(table: TableName, path: string, entity: string, id: string, fromCache: () => Promise<T>): Promise<T> {
    return this.read(
      async () => {
        try {
          const row = await this.http.send<T>({ method: 'GET', path: `${path}/${encodeURIComponent(id)}`, what: { entity, id } });
          await this.remember(table, [row]);
          return row;
        } catch (error) {
          if (error instanceof CrmError && (error.code === 'not_found' || error.code === 'forbidden')) await this.forget(table, id);
          throw error;
        }
      },
      fromCache,
    );
  }

  /** The cached copy of a record, or `NotFoundError`. */
  async cached<T extends StoredRow>(table: TableName, entity: string, id: string): Promise<T> {
    const row = await this.cache.get<T>(table, id);
    if (!row) throw new NotFoundError(entity, id);
    return row;
  }

  /** Puts a locally computed row (the effect of a queued write) into the cache. */
  async provisional(table: TableName, row: StoredRow): Promise<void> {
    this.outbox.touched.add(`${table}:${row.id}`);
    this.noteWrite(table, row.id);
    await this.cache.put(table, row);
  }

  /** Waits for queued writes to be sent; throws `NetworkDownError` when the server cannot be reached (for calls that cannot be made offline). */
  async needServer(): Promise<void> {
    if (this.online && this.outbox.busy) await this.outbox.drain();
    if (!this.online || this.outbox.busy) throw new NetworkDownError(new Error('offline'));
  }

  /** A fresh provisional id for a record created while offline. */
  provisionalId(): string {
    return newId('local-');
  }
}
