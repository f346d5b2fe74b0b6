import { ConflictError, CrmError, InternalError } from '../errors.js';
import type { Store, StoredRow, TableName } from '../store/store.js';
import { NetworkDownError } from './remote-errors.js';
import type { RemoteHttp, RemoteRequest } from './remote-http.js';

/** The `meta` row id prefix of a queued write. */
const QUEUED = 'remote:outbox:';
/** The `meta` row id prefix of a write the server refused on replay (kept until dismissed). */
const FAILED = 'remote:failed:';

/** A write made while the server could not be reached, waiting to be sent. */
export interface QueuedWrite {
  /** Queue position and `Idempotency-Key`: the server applies it once however often it is sent. */
  id: string;
  /** HTTP method. */
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Path under `/api/v1`. */
  path: string;
  /** JSON body. */
  body?: unknown;
  /** The version the write was made against (`If-Match`); a different stored version is a conflict, never overwritten. */
  ifMatch?: number;
  /** The table of the record it writes. */
  table: TableName;
  /** The record it writes (a provisional id until its create is sent). */
  recordId: string;
  /** For a create: the provisional id the record has locally until the server gives it its own. */
  provisionalId?: string;
  /** For a write that creates several records (a lead conversion): each one's provisional id, by the name the answer gives it (`deal`, `contact`, `company`). */
  provisionalIds?: Record<string, string>;
  /** When it was made (ISO). */
  at: string;
}

/** A queued write the server refused when it was replayed: a conflict (someone else changed the record meanwhile) or another refusal. */
export interface SyncFailure {
  /** The write, as queued (its body is what the user entered: nothing is lost). */
  write: QueuedWrite;
  /** The core's typed error the server answered with (`ConflictError` for a stale version). */
  error: CrmError;
}

/** What the outbox needs from the remote CRM around it. @internal */
export interface OutboxHost {
  /** Applies a successful answer to the cache (and retires a provisional record). */
  applied(write: QueuedWrite, answer: unknown): Promise<{ id?: string; version?: number; renamed?: Record<string, string> } | undefined>;
  /** The server refused the write: undo its local effect and tell the user. */
  refused(failure: SyncFailure): Promise<void>;
  /** The queue emptied or a replay stopped; `online` false when the network dropped again. */
  settled(online: boolean): void;
}

function rowOf(write: QueuedWrite): StoredRow {
  return { ...write, id: QUEUED + write.id, write: write.id } as unknown as StoredRow;
}

function writeOf(row: StoredRow): QueuedWrite {
  const { write, ...rest } = row as StoredRow & { write: string };
  return { ...(rest as unknown as QueuedWrite), id: write };
}

/** Replaces every occurrence of a provisional id in a queued write (its path and body). */
function renamed(write: QueuedWrite, from: string, to: string): QueuedWrite {
  const swap = (s: string) => s.split(from).join(to);
  return {
    ...write,
    path: swap(write.path),
    recordId: write.recordId === from ? to : write.recordId,
    ...(write.body !== undefined ? { body: JSON.parse(swap(JSON.stringify(write.body))) as unknown } : {}),
  };
}

/**
 * The persisted queue of writes made offline (rows in the cache's `meta`
 * table, so a reload keeps them). Replays them in order, one at a time, each
 * with its `Idempotency-Key` (a create the server already stored is not
 * stored again) and its `If-Match`; after a write lands, later writes to the
 * same record expect the version the server gave it, and a provisional id
 * becomes the server's id in every later write. @internal
 */
export class Outbox {
  private draining: Promise<void> | undefined;
  private counter = 0;
  /** Records with a write still queued: answers from the server must not overwrite their local state. */
  readonly touched = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly http: RemoteHttp,
    private readonly host: OutboxHost,
  ) {}

  /** Loads the queue a previous session left (to know which records it touches). */
  async open(): Promise<number> {
    const queued = await this.list();
    for (const w of queued) this.touched.add(`${w.table}:${w.recordId}`);
    return queued.length;
  }

  /** A new queue id, ordered after every earlier one. */
  nextId(now: Date): string {
    this.counter = (this.counter + 1) % 1_000_000;
    const rand = Math.random().toString(36).slice(2, 10);
    return `${now.getTime().toString(36).padStart(10, '0')}-${String(this.counter).padStart(6, '0')}-${rand}`;
  }

  /** Queued writes, oldest first. */
  async list(): Promise<QueuedWrite[]> {
    const rows = await this.store.query('meta');
    return rows.filter((r) => r.id.startsWith(QUEUED)).sort((a, b) => (a.id < b.id ? -1 : 1)).map(writeOf);
  }

  /** Writes the server refused on replay, oldest first (kept until {@link dismiss}ed). */
  async failures(): Promise<SyncFailure[]> {
    const rows = await this.store.query('meta');
    return rows
      .filter((r) => r.id.startsWith(FAILED))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => {
        const e = r['error'] as { name: string; code: string; message: string; expectedVersion?: number; actualVersion?: number };
        const error = e.code === 'conflict' ? Object.assign(new ConflictError(String(r['table']), String(r['recordId']), e.expectedVersion ?? -1, e.actualVersion ?? -1), { message: e.message }) : new CrmError(e.code, e.message);
        return { write: writeOf({ ...(r['queued'] as StoredRow), id: '' }), error };
      });
  }

  /** Forgets a refused write (the user has seen it). */
  async dismiss(id: string): Promise<void> {
    await this.store.delete('meta', FAILED + id);
  }

  /** Adds a write to the end of the queue. */
  async add(write: QueuedWrite): Promise<void> {
    this.touched.add(`${write.table}:${write.recordId}`);
    await this.store.put('meta', rowOf(write));
  }

  /** True while writes wait. */
  get busy(): boolean {
    return this.touched.size > 0 || this.draining !== undefined;
  }

  /** Sends the queue; one replay runs at a time (a second call waits for it). */
  drain(): Promise<void> {
    this.draining ??= this.replay().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async replay(): Promise<void> {
    for (;;) {
      const [write, ...later] = await this.list();
      if (!write) {
        this.touched.clear();
        this.host.settled(true);
        return;
      }
      const request: RemoteRequest = {
        method: write.method,
        path: write.path,
        idempotencyKey: write.id,
        what: { entity: write.table.replace(/s$/, '').replace(/ie$/, 'y'), id: write.recordId },
        ...(write.body !== undefined ? { body: write.body } : {}),
        ...(write.ifMatch !== undefined ? { ifMatch: write.ifMatch } : {}),
      };
      let answer: unknown;
      try {
        answer = await this.http.send(request);
      } catch (error) {
        if (error instanceof NetworkDownError) {
          this.host.settled(false);
          return;
        }
        const typed = error instanceof CrmError ? error : new InternalError(String(error), { cause: error });
        await this.store.put('meta', { id: FAILED + write.id, queued: rowOf(write), table: write.table, recordId: write.recordId, error: { name: typed.name, code: typed.code, message: typed.message, ...(typed instanceof ConflictError ? { expectedVersion: typed.expectedVersion, actualVersion: typed.actualVersion } : {}) } });
        await this.store.delete('meta', QUEUED + write.id);
        this.touched.delete(`${write.table}:${write.recordId}`);
        for (const w of later) this.touched.add(`${w.table}:${w.recordId}`);
        await this.host.refused({ write, error: typed });
        continue;
      }
      const landed = await this.host.applied(write, answer);
      // Later writes to the same record were made against this write's result.
      const updates: QueuedWrite[] = [];
      for (const w of later) {
        let next = w;
        if (write.provisionalId && landed?.id && landed.id !== write.provisionalId) next = renamed(next, write.provisionalId, landed.id);
        for (const [from, to] of Object.entries(landed?.renamed ?? {})) if (from !== to) next = renamed(next, from, to);
        const sameRecord = next.table === write.table && next.recordId === (landed?.id ?? write.recordId);
        if (sameRecord && landed?.version !== undefined && next.ifMatch !== undefined && next.ifMatch === (write.ifMatch ?? (write.provisionalId ? 1 : undefined))) next = { ...next, ifMatch: landed.version };
        if (next !== w) updates.push(next);
      }
      await this.store.transaction(['meta'], async (tx) => {
        for (const u of updates) await tx.put('meta', rowOf(u));
        await tx.delete('meta', QUEUED + write.id);
      });
      this.touched.clear();
      for (const w of await this.list()) this.touched.add(`${w.table}:${w.recordId}`);
    }
  }
}
