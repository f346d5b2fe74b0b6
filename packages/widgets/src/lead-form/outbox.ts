import type { ValidationIssue } from '@crmkit/core/form';
import type { LeadSubmission } from '@crmkit/core/intake';

/** A submission in the outbox and how its delivery stands. */
export interface OutboxRecord {
  /** The submission's idempotency key (primary key). */
  key: string;
  /** What is delivered, byte for byte the same on every attempt. */
  submission: LeadSubmission;
  /** Where it goes: `endpoint:<url>`, `crm`, or `connector:<name>`. */
  target: string;
  /**
   * `pending`: not delivered yet (retried); `delivered`; `refused`: the target
   * said no (kept for review, never retried); `spam`: flagged by spam control
   * and kept here only (targets that are not crmkit's own are never sent spam).
   */
  status: 'pending' | 'delivered' | 'refused' | 'spam';
  /** Attempts made so far. */
  attempts: number;
  /** Epoch ms before which no attempt is made (backoff, `Retry-After`). */
  nextAttemptAt: number;
  /** Epoch ms it was saved. */
  createdAt: number;
  /** Epoch ms of the last change. */
  updatedAt: number;
  /** The last failure. */
  lastError?: { status?: number; message: string; fieldErrors?: ValidationIssue[] };
  /** The id the target gave it. */
  leadId?: string;
}

/** Default IndexedDB database of the outbox. */
export const OUTBOX_DB = 'crmkit-lead-outbox';
const STORE = 'outbox';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/**
 * The outbox: raw IndexedDB (no Dexie, to keep the visitor's download small).
 * Every write resolves only when its transaction has committed, so "saved"
 * means on disk.
 */
export class Outbox {
  private db?: Promise<IDBDatabase>;
  constructor(readonly dbName: string = OUTBOX_DB) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(this.dbName, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' });
      r.onsuccess = () => {
        const db = r.result;
        // Another tab upgrading the schema: step aside instead of blocking it.
        db.onversionchange = () => {
          db.close();
          this.db = undefined;
        };
        resolve(db);
      };
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error('outbox database is blocked'));
    });
    this.db.catch(() => (this.db = undefined));
    return this.db;
  }

  private async tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const t = db.transaction(STORE, mode, { durability: 'strict' });
    const result = req(fn(t.objectStore(STORE)));
    result.catch(() => undefined); // reported through the transaction below
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error ?? new Error('outbox transaction aborted'));
    });
    return result;
  }

  /** Saves (or replaces) a record; resolves once committed. */
  async put(record: OutboxRecord): Promise<void> {
    await this.tx('readwrite', (s) => s.put(record));
  }

  /** One record by idempotency key. */
  get(key: string): Promise<OutboxRecord | undefined> {
    return this.tx('readonly', (s) => s.get(key) as IDBRequest<OutboxRecord | undefined>);
  }

  /** Every record, oldest first. */
  async all(): Promise<OutboxRecord[]> {
    const rows = await this.tx('readonly', (s) => s.getAll() as IDBRequest<OutboxRecord[]>);
    return rows.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Removes a record (used for delivered records past their keep time, and refused ones the visitor replaced). */
  async delete(key: string): Promise<void> {
    await this.tx('readwrite', (s) => s.delete(key));
  }

  /** Closes the connection (tests). */
  async close(): Promise<void> {
    const db = await this.db?.catch(() => undefined);
    db?.close();
    this.db = undefined;
  }
}
