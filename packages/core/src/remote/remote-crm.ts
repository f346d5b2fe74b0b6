import type { Crm } from '../crm.js';
import type { Store } from '../store/store.js';
import type { QueuedWrite, SyncFailure } from './remote-outbox.js';

/** Options of {@link remoteCrm}. */
export interface RemoteCrmOptions {
  /** The server's API root, e.g. `https://crm.example/api` (`/v1` is added unless the URL ends with it). */
  url: string;
  /** The user's API token (`crmkit-server users add …` prints it). Without one, the session cookie of `POST /api/v1/session` is used. */
  token?: string;
  /**
   * Where reads are kept for offline use and queued writes wait: a core
   * store. Default: an IndexedDB database per server and user where
   * IndexedDB exists, else memory.
   */
  cache?: Store;
  /** The `fetch` to use (default the global one). */
  fetch?: typeof fetch;
  /** Language of server messages (`Accept-Language`) and of local ones. Default `en`. */
  locale?: string;
  /** The clock. */
  now?: () => Date;
  /** Keep the live change feed open (default `true`); without it, lists are fresh on each read but `watch` sees only this client's writes. */
  live?: boolean;
  /** Reconnect backoff of the feed and the reachability probe, in ms. Default `{ minMs: 1000, maxMs: 30000 }`. */
  retry?: { minMs: number; maxMs: number };
}

/** The sync state of a remote CRM (`crm.sync`). */
export interface RemoteSync {
  /** False while the server cannot be reached (reads come from the cache, writes are queued). */
  readonly online: boolean;
  /** Writes waiting to be sent, oldest first. */
  pending(): Promise<QueuedWrite[]>;
  /** Queued writes the server refused when they were replayed (conflicts first among them); kept until dismissed, so nothing entered is lost. */
  failures(): Promise<SyncFailure[]>;
  /** Forgets a refused write the user has dealt with. */
  dismiss(id: string): Promise<void>;
  /** Sends queued writes now (when the server can be reached); resolves when the queue is empty or the network dropped again. */
  flush(): Promise<void>;
}

/** A CRM over a crmkit team server: the `Crm` interface plus its sync state. */
export type RemoteCrm = Crm & {
  /** Online state, queued writes and refused replays. */
  readonly sync: RemoteSync;
};

/**
 * The `Crm` interface over a crmkit team server (`crmkit-server`), for
 * widgets and scripts: REST for reads and writes, the Server-Sent-Events
 * change feed for `watch` and `crm.on('change')`, the server's roles and
 * typed errors (`ConflictError` on a stale version, `ValidationError` with
 * field paths, `ForbiddenError`, …).
 *
 * Offline, reads come from a local cache (IndexedDB in browsers) and writes
 * are queued (persisted) with the version they were made against, then
 * replayed in order once the server is back: each with an idempotency key
 * (a create is stored once), each with `If-Match` (a record someone else
 * changed meanwhile is a conflict — reported on `crm.on('sync:failed')` and
 * kept in `crm.sync.failures()` — never overwritten).
 *
 * ```ts
 * const crm = await remoteCrm({ url: 'https://crm.example/api', token });
 * board.crm = crm;
 * ```
 *
 * Robots, plugins and channels run on the server; `crm.automation` and
 * `crm.channels` here only report that. `as()` and `setCurrentUser()` accept
 * the signed-in user only.
 */
export async function remoteCrm(options: RemoteCrmOptions): Promise<RemoteCrm> {
  // The client is loaded on first use, so pages that never talk to a server do not download it.
  const { openRemoteCrm } = await import('./open-remote-crm.js');
  return openRemoteCrm(options);
}
