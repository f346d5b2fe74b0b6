import { createCrm, type UserDirectory } from '../crm.js';
import { ForbiddenError, NotFoundError, OperationRefusedError, StorageError } from '../errors.js';
import type { Pipeline } from '../schemas/pipeline.js';
import type { User } from '../schemas/user.js';
import type { ChannelsApi, AutomationApi } from '../services/service-apis.js';
import { PipelineRegistry } from '../services/pipeline-registry.js';
import { dexieStore } from '../store/dexie-store.js';
import { memoryStore } from '../store/memory-store.js';
import { TABLE_NAMES, type Store, type StoredRow, type TableName } from '../store/store.js';
import type { CrmEvents } from '../runtime.js';
import { RemoteActivities, RemoteHistory } from './remote-activities.js';
import { RemoteContext } from './remote-context.js';
import { NetworkDownError } from './remote-errors.js';
import { openFeed } from './remote-feed.js';
import { RemoteHttp } from './remote-http.js';
import { Outbox, type SyncFailure } from './remote-outbox.js';
import type { RemoteCrm, RemoteCrmOptions, RemoteSync } from './remote-crm.js';
import { RemoteCompanies, RemoteContacts, RemoteDeals, RemoteLeads } from './remote-services.js';
import { collectionSpecs } from './collection-specs.js';

interface Session {
  me: User;
  users: User[];
  pipelines: Pipeline[];
}

const SESSION_ROW = 'remote:session';
const FEED_ROW = 'remote:feed';

function defaultCache(name: string): Store {
  return typeof indexedDB !== 'undefined' ? dexieStore(name) : memoryStore();
}

async function cacheName(url: string, token: string | undefined): Promise<string> {
  const data = new TextEncoder().encode(`${url}\n${token ?? 'session'}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return `crmkit-remote-${Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Where the records a queued write created (a lead conversion's answer, by name) are cached. */
const CREATED_TABLES: Readonly<Record<string, TableName>> = { deal: 'deals', contact: 'contacts', company: 'companies' };

/** The pipelines as the local cache CRM needs them: robots run on the server, so they are left out there. */
function withoutRobots(pipelines: readonly Pipeline[]): Pipeline[] {
  return pipelines.map((p) => ({ ...p, stages: p.stages.map(({ robots: _r, ...stage }) => stage) }) as Pipeline);
}

async function loadSession(http: RemoteHttp, cache: Store): Promise<{ session: Session; online: boolean }> {
  try {
    const [me, users, pipelines] = await Promise.all([
      http.send<User>({ method: 'GET', path: '/me' }),
      http.send<{ items: User[] }>({ method: 'GET', path: '/users' }),
      http.send<{ items: Pipeline[] }>({ method: 'GET', path: '/pipelines' }),
    ]);
    const session: Session = { me, users: users.items, pipelines: pipelines.items };
    const before = await cache.get<StoredRow & Session>('meta', SESSION_ROW);
    if (before && before.me.id !== me.id) {
      // Another user's cache: nothing of it may be shown to this one.
      for (const table of TABLE_NAMES) for (const row of await cache.query(table)) await cache.delete(table, row.id);
    }
    await cache.put('meta', { id: SESSION_ROW, ...session });
    return { session, online: true };
  } catch (error) {
    if (!(error instanceof NetworkDownError)) throw error;
    const saved = await cache.get<StoredRow & Session>('meta', SESSION_ROW);
    if (!saved) throw new StorageError('The crmkit server cannot be reached and this device has no copy of its data yet: connect once first', { cause: error });
    return { session: { me: saved.me, users: saved.users, pipelines: saved.pipelines }, online: false };
  }
}

/** Opens a remote CRM (see `remoteCrm`, which loads this module on first use). @internal */
export async function openRemoteCrm(options: RemoteCrmOptions): Promise<RemoteCrm> {
  const fetchImpl = options.fetch ?? (globalThis.fetch?.bind(globalThis) as typeof fetch | undefined);
  if (!fetchImpl) throw new StorageError('remoteCrm needs fetch (Node 18+ or a browser), or a `fetch` option');
  const locale = options.locale ?? 'en';
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? { minMs: 1000, maxMs: 30_000 };
  const http = new RemoteHttp(options.url, options.token, fetchImpl, locale);
  const cache = options.cache ?? defaultCache(await cacheName(http.base, options.token));
  await cache.open();
  const { session, online } = await loadSession(http, cache);
  const { me } = session;
  const pipelines = new PipelineRegistry(session.pipelines);
  const local = await createCrm({ store: cache, pipelines: withoutRobots(session.pipelines), users: session.users, currentUser: me.id, locale, now, automationIntervalMs: false });

  const listeners = { 'sync:failed': new Set<(e: SyncFailure) => void>(), 'sync:state': new Set<(e: CrmEvents['sync:state']) => void>() };
  const emit = <K extends keyof typeof listeners>(event: K, payload: Parameters<Parameters<(typeof listeners)[K]['add']>[0]>[0]): void => {
    for (const l of listeners[event]) (l as (p: typeof payload) => void)(payload);
  };
  let closed = false;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let probeDelay = retry.minMs;
  const state = async () => ({ online: ctx.online, pending: (await outbox.list()).length });
  const announce = (): void => void state().then((s) => !closed && emit('sync:state', s)).catch(() => undefined);

  const probe = (): void => {
    if (closed || probeTimer || ctx.online) return;
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      http
        .send({ method: 'GET', path: '/me' })
        .then(() => cameOnline())
        .catch(() => {
          probeDelay = Math.min(retry.maxMs, probeDelay * 2);
          probe();
        });
    }, probeDelay);
  };
  const cameOnline = (): void => {
    if (closed) return;
    probeDelay = retry.minMs;
    const was = ctx.online;
    ctx.online = true;
    if (!was) announce();
    void outbox.drain();
  };

  // Every cache write of a replay's answer is noted, so a refill running meanwhile does not undo it.
  const keep = async (table: TableName, row: StoredRow): Promise<void> => {
    ctx.noteWrite(table, row.id);
    await cache.put(table, row);
  };
  const drop = async (table: TableName, id: string): Promise<void> => {
    ctx.noteWrite(table, id);
    await cache.delete(table, id);
  };
  const outbox: Outbox = new Outbox(cache, http, {
    async applied(write, answer) {
      const table = write.table;
      if (write.provisionalIds && answer && typeof answer === 'object' && 'lead' in answer) {
        // A conversion: the records it created replace their provisional copies, under the server's ids.
        const result = answer as Record<string, StoredRow | undefined>;
        const renamed: Record<string, string> = {};
        for (const [name, tmp] of Object.entries(write.provisionalIds)) {
          const row = result[name];
          const into = CREATED_TABLES[name];
          if (!into) continue;
          outbox.touched.delete(`${into}:${tmp}`);
          await drop(into, tmp);
          if (row) renamed[tmp] = row.id;
        }
        for (const name of ['company', 'contact', 'deal'] as const) if (result[name]) await keep(CREATED_TABLES[name]!, result[name]);
        const lead = result['lead']!;
        await keep('leads', lead);
        return { id: lead.id, ...(typeof lead['version'] === 'number' ? { version: lead['version'] } : {}), renamed };
      }
      if (write.provisionalId) {
        outbox.touched.delete(`${table}:${write.provisionalId}`);
        await drop(table, write.provisionalId);
      }
      // A removal landed: the record is gone, even if the feed told of it while the write still waited (and was ignored then), or an earlier replay's answer put it back.
      if (write.method === 'DELETE') {
        await drop(table, write.recordId);
        return undefined;
      }
      if (answer && typeof answer === 'object' && 'activity' in answer) {
        const { activity, next } = answer as { activity: StoredRow; next?: StoredRow };
        const rows = [activity, ...(next ? [next] : [])];
        for (const row of rows) ctx.noteWrite('activities', row.id);
        await cache.bulkPut('activities', rows);
        return next ? { id: next.id } : undefined;
      }
      if (answer && typeof answer === 'object' && 'id' in answer) {
        const row = answer as StoredRow;
        await keep(table, row);
        return { id: row.id, ...(typeof row['version'] === 'number' ? { version: row['version'] } : {}) };
      }
      return undefined;
    },
    async refused(failure) {
      const { write } = failure;
      if (write.provisionalId) await drop(write.table, write.provisionalId);
      for (const [name, tmp] of Object.entries(write.provisionalIds ?? {})) {
        const into = CREATED_TABLES[name];
        if (!into) continue;
        outbox.touched.delete(`${into}:${tmp}`);
        await drop(into, tmp);
      }
      if (!write.provisionalId || write.path.endsWith('/complete')) {
        // Show what the server has now instead of the local effect that did not land.
        const base = write.path.split('/').slice(0, 3).join('/');
        try {
          const row = await http.send<StoredRow>({ method: 'GET', path: base });
          if (!outbox.touched.has(`${write.table}:${row.id}`)) await keep(write.table, row);
        } catch (error) {
          // Gone, or no longer this user's (handed away while the write waited): it leaves the cache with its timeline.
          if ((error as { code?: string }).code === 'not_found' || (error as { code?: string }).code === 'forbidden') await ctx.forget(write.table, write.recordId);
        }
      }
      emit('sync:failed', failure);
    },
    settled(isOnline) {
      if (!isOnline) ctx.wentOffline();
      announce();
    },
  });
  await outbox.open();

  const ctx: RemoteContext = new RemoteContext(http, cache, local, { id: me.id, role: me.role }, pipelines, outbox, now, () => {
    announce();
    probe();
  });
  ctx.online = online;

  const specs = collectionSpecs(ctx, local);
  const contacts = new RemoteContacts(ctx, specs.contacts);
  const companies = new RemoteCompanies(ctx, specs.companies);
  const deals = new RemoteDeals(ctx, specs.deals);
  const leads = new RemoteLeads(ctx, specs.leads, specs);

  const feedState = { last: (await cache.get<StoredRow & { last?: string }>('meta', FEED_ROW))?.last };
  const feed =
    options.live === false
      ? undefined
      : openFeed(
          http,
          {
            lastEventId: () => feedState.last,
            onOpen: () => cameOnline(),
            onDrop: (error) => {
              if (error instanceof NetworkDownError) ctx.wentOffline();
            },
            async onMessage(message) {
              if (message.event === 'change') {
                const change = JSON.parse(message.data) as { table: TableName; type: 'put' | 'delete'; id: string; row?: StoredRow };
                if (change.type === 'put' && change.row) await ctx.remember(change.table, [change.row]);
                else if (change.type === 'delete') await ctx.forget(change.table, change.id);
              } else if (message.event === 'reset') {
                // The server's change log no longer reaches back to our position: what we missed is unknown.
                await ctx.resync();
              }
              if (message.id !== undefined && message.id !== feedState.last) {
                feedState.last = message.id;
                await cache.put('meta', { id: FEED_ROW, last: message.id });
              }
            },
          },
          retry,
        );
  const onNetwork = (): void => {
    feed?.retryNow();
    probeDelay = retry.minMs;
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = undefined;
    probe();
  };
  const target = globalThis as { addEventListener?: (type: string, fn: () => void) => void; removeEventListener?: (type: string, fn: () => void) => void };
  target.addEventListener?.('online', onNetwork);
  if (!online) probe();
  else if (outbox.busy) void outbox.drain();

  const users: UserDirectory = {
    list: () => [...session.users],
    get: (id) => {
      const u = session.users.find((x) => x.id === id);
      if (!u) throw new NotFoundError('user', id);
      return u;
    },
  };
  const serverOnly = (what: string) => new OperationRefusedError(`${what} run on the team server; a remote CRM does not run them`, 'remote');
  const automation: AutomationApi = {
    jobs: () => Promise.reject(serverOnly('Robot jobs')),
    runDue: () => Promise.reject(serverOnly('Delayed robots')),
    processOverdue: () => Promise.reject(serverOnly('Overdue hand-overs')),
    start: () => undefined,
    stop: () => undefined,
  };
  const channels: ChannelsApi = {
    list: () => [],
    send: () => Promise.reject(serverOnly('Channels')),
    receive: () => Promise.reject(serverOnly('Channels')),
  };
  const sync: RemoteSync = {
    get online() {
      return ctx.online;
    },
    pending: () => outbox.list(),
    failures: () => outbox.failures(),
    dismiss: (id) => outbox.dismiss(id),
    flush: () => (ctx.online ? outbox.drain() : Promise.resolve()),
  };

  const crm: RemoteCrm = {
    contacts,
    companies,
    leads,
    deals,
    activities: new RemoteActivities(ctx),
    history: new RemoteHistory(ctx),
    pipelines,
    automation,
    channels,
    quickTimes: local.quickTimes,
    hooks: local.hooks,
    users,
    store: cache,
    locale,
    currentUser: me,
    sync,
    setCurrentUser(id) {
      if (id !== me.id) throw new ForbiddenError(me.id, `A remote CRM acts as the signed-in user ("${me.id}") only; sign in as "${id ?? 'system'}" to act as them`);
    },
    as(userId) {
      if (userId !== me.id) throw new ForbiddenError(me.id, `A remote CRM acts as the signed-in user ("${me.id}") only; sign in as "${userId}" to act as them`);
      return crm;
    },
    now,
    on(event, listener) {
      if (event === 'sync:failed' || event === 'sync:state') {
        const set = listeners[event as 'sync:state'] as unknown as Set<typeof listener>;
        set.add(listener);
        return () => set.delete(listener);
      }
      return local.on(event, listener);
    },
    async close() {
      closed = true;
      feed?.close();
      if (probeTimer) clearTimeout(probeTimer);
      target.removeEventListener?.('online', onNetwork);
      await local.close();
    },
  };
  return crm;
}
