import { OperationRefusedError } from '../errors.js';
import { liveQuery } from '../live/live-query.js';
import type { RecordBase } from '../schemas/common.js';
import type { FunnelSummary, MoveOptions } from '../services/funnel-service.js';
import type { ListQuery, UpdateOptions, WatchOptions } from '../services/record-service.js';
import type { LiveChange } from '../live/live-query.js';
import type { StoredRow, TableName } from '../store/store.js';
import { QUEUED, type RemoteContext } from './remote-context.js';
import { compareRecords, matchesListQuery } from './query-match.js';

type Row = RecordBase & StoredRow;

/** What the remote services read from the local CRM over the cache while offline. */
interface CacheReads<T> {
  get(id: string): Promise<T>;
  list(query?: ListQuery): Promise<T[]>;
}

/** How one collection maps onto the REST API and the cache. @internal */
export interface CollectionSpec<T extends Row> {
  /** Cache table. */
  table: TableName;
  /** REST path, e.g. `/deals`. */
  path: string;
  /** Entity name in errors, e.g. `deal`. */
  entity: string;
  /** The local record a create stands for until the server has it (offline). */
  draft(input: Record<string, unknown>, base: RecordBase): T;
  /** The local CRM's service over the cache. */
  local(): CacheReads<T>;
}

type Filter = 'ownerId' | 'pipelineId' | 'stageId' | 'status' | 'companyId' | 'contactId' | 'text' | 'sort';

/** The list filters the server takes per collection (the others are applied here, on what it answers). */
const SERVER_FILTERS: Record<string, readonly Filter[]> = {
  contacts: ['ownerId', 'companyId', 'text', 'sort'],
  companies: ['ownerId', 'text', 'sort'],
  leads: ['ownerId', 'pipelineId', 'stageId', 'status', 'contactId', 'text', 'sort'],
  deals: ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId', 'contactId', 'text', 'sort'],
};

function withoutVersion(patch: Record<string, unknown>): Record<string, unknown> {
  const { version: _v, ...rest } = patch;
  return rest;
}

/** Applies a patch the way the server does for plain fields (`null`/`undefined` clear one). */
function patched<T extends Row>(current: T, patch: Record<string, unknown>, at: string): T {
  const next: Record<string, unknown> = { ...current, updatedAt: at };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null) delete next[k];
    else next[k] = v;
  }
  return next as T;
}

/** `crm.contacts`, `crm.companies`, `crm.leads`, `crm.deals` over the team server. @internal */
export class RemoteRecords<T extends Row, I = Record<string, unknown>> {
  constructor(
    protected readonly ctx: RemoteContext,
    protected readonly spec: CollectionSpec<T>,
  ) {}

  /** Creates a record on the server; offline, queues it and returns the provisional record. */
  async create(input: I): Promise<T> {
    const { ctx, spec } = this;
    const tmp = ctx.provisionalId();
    const answer = await ctx.write<T>({ method: 'POST', path: spec.path, body: input, table: spec.table, recordId: tmp, provisionalId: tmp, what: { entity: spec.entity } });
    if (answer !== QUEUED) {
      await ctx.remember(spec.table, [answer]);
      return answer;
    }
    const at = ctx.now().toISOString();
    const row = spec.draft(input as Record<string, unknown>, { id: tmp, createdAt: at, updatedAt: at, version: 1, ownerId: ((input as Record<string, unknown>)['ownerId'] as string | undefined) ?? ctx.actor.id, custom: {} } as RecordBase);
    await ctx.provisional(spec.table, row);
    return row;
  }

  /** Creates several records, one after another (each is its own write on the server). */
  async createMany(inputs: readonly I[]): Promise<T[]> {
    const out: T[] = [];
    for (const input of inputs) out.push(await this.create(input));
    return out;
  }

  /** Imports run where the data is: on the server. */
  async importBatch(): Promise<never> {
    throw new OperationRefusedError('Imports run on the team server (crmkit-server); a remote CRM cannot import in the browser', 'remote');
  }

  /** One record; `NotFoundError` / `ForbiddenError` as the server says. Offline: the cached copy. */
  get(id: string): Promise<T> {
    return this.ctx.one<T>(this.spec.table, this.spec.path, this.spec.entity, id, () => this.spec.local().get(id));
  }

  /** One record, or `undefined` when there is none. */
  async find(id: string): Promise<T | undefined> {
    try {
      return await this.get(id);
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') return undefined;
      throw error;
    }
  }

  /** Changes fields; `version` (in `options` or the patch) is sent as `If-Match`. Offline: queued against the cached version. */
  async update(id: string, patch: Partial<I> & { version?: number }, options: UpdateOptions = {}): Promise<T> {
    const { ctx, spec } = this;
    const expected = options.version ?? patch.version;
    const body = withoutVersion(patch as Record<string, unknown>);
    const answer = await ctx.write<T>({
      method: 'PATCH',
      path: `${spec.path}/${encodeURIComponent(id)}`,
      body,
      table: spec.table,
      recordId: id,
      what: { entity: spec.entity, id },
      ...(expected !== undefined ? { ifMatch: expected } : {}),
      queuedIfMatch: async () => (await ctx.cache.get<T>(spec.table, id))?.version,
    });
    if (answer !== QUEUED) {
      await ctx.remember(spec.table, [answer]);
      return answer;
    }
    const next = patched(await ctx.cached<T>(spec.table, spec.entity, id), body, ctx.now().toISOString());
    await ctx.provisional(spec.table, next);
    return next;
  }

  /** Removes a record. Offline: queued against the cached version. */
  async remove(id: string): Promise<void> {
    const { ctx, spec } = this;
    const answer = await ctx.write<void>({
      method: 'DELETE',
      path: `${spec.path}/${encodeURIComponent(id)}`,
      table: spec.table,
      recordId: id,
      what: { entity: spec.entity, id },
      queuedIfMatch: async () => (await ctx.cache.get<T>(spec.table, id))?.version,
    });
    if (answer === QUEUED) ctx.outbox.touched.add(`${spec.table}:${id}`);
    ctx.noteWrite(spec.table, id);
    await ctx.cache.delete(spec.table, id);
  }

  /** Records matching `query` that the signed-in user may see (from the server; offline from the cache). */
  async list(query: ListQuery = {}): Promise<T[]> {
    const { ctx, spec } = this;
    return ctx.read(
      async () => {
        let rows: T[];
        if (query.ids) {
          const found = await Promise.all(query.ids.map((id) => this.find(id).catch((e: { code?: string }) => (e.code === 'forbidden' ? undefined : Promise.reject(e)))));
          rows = [];
          for (const r of found) if (r !== undefined) rows.push(r as T);
        } else {
          const params: Record<string, string | undefined> = {};
          for (const key of SERVER_FILTERS[spec.table] ?? []) if (query[key] !== undefined) params[key] = String(query[key]);
          rows = await ctx.all<T>(spec.path, params);
          await ctx.remember(spec.table, rows);
        }
        const filtered = rows.filter((r) => matchesListQuery(spec.table, r, query, ctx.actor)).sort(compareRecords(query.sort));
        const offset = query.offset ?? 0;
        return query.limit !== undefined ? filtered.slice(offset, offset + query.limit) : filtered.slice(offset);
      },
      () => spec.local().list(query),
    );
  }

  /**
   * Live `list`: the first result comes from the server, later ones from the
   * change feed (and this client's own writes, queued ones included) as they
   * reach the cache. Returns a stop function.
   */
  watch(query: ListQuery, listener: (records: T[], change: LiveChange<T>) => void, options: WatchOptions = {}): () => void {
    const { offset, limit, ...filter } = query;
    return liveQuery<T>(
      this.ctx.cache,
      {
        table: this.spec.table,
        load: () => this.list(filter),
        accepts: (row) => matchesListQuery(this.spec.table, row, filter, this.ctx.actor),
        compare: compareRecords(filter.sort),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      },
      listener,
      options,
    ).stop;
  }
}

/** Leads and deals: records that move through a pipeline. @internal */
export class RemoteFunnel<T extends Row & { pipelineId: string; stageId: string; status: 'open' | 'won' | 'lost' }, I = Record<string, unknown>> extends RemoteRecords<T, I> {
  /** Moves to a stage (`POST …/{id}/move`); offline: queued, shown in the new stage meanwhile. */
  moveToStage(id: string, stageId: string, options: MoveOptions = {}): Promise<T> {
    const body: Record<string, unknown> = { stageId };
    if (options.reason !== undefined) body['reason'] = options.reason;
    if (options.comment !== undefined) body['comment'] = options.comment;
    return this.action(id, 'move', body, options.version, (current) => ({ stageId, reason: options.reason, comment: options.comment, pipelineId: current.pipelineId }));
  }

  /** Per-stage counts and money of a pipeline. */
  async summary(query: { pipelineId?: string } = {}): Promise<FunnelSummary> {
    const local = this.spec.local() as unknown as { summary(q: { pipelineId?: string }): Promise<FunnelSummary> };
    return this.ctx.read(
      () => this.ctx.http.send<FunnelSummary>({ method: 'GET', path: `${this.spec.path}/summary`, query: { pipelineId: query.pipelineId } }),
      () => local.summary(query),
    );
  }

  /** Sends a funnel action; offline, queues it and shows the record in the stage it goes to. */
  protected async action(id: string, verb: string, body: Record<string, unknown> | undefined, version: number | undefined, target: (current: T) => { stageId: string; pipelineId: string; reason?: string | undefined; comment?: string | undefined }): Promise<T> {
    const { ctx, spec } = this;
    const answer = await ctx.write<T>({
      method: 'POST',
      path: `${spec.path}/${encodeURIComponent(id)}/${verb}`,
      table: spec.table,
      recordId: id,
      what: { entity: spec.entity, id },
      ...(body !== undefined ? { body } : {}),
      ...(version !== undefined ? { ifMatch: version } : {}),
      queuedIfMatch: async () => (await ctx.cache.get<T>(spec.table, id))?.version,
    });
    if (answer !== QUEUED) {
      await ctx.remember(spec.table, [answer]);
      return answer;
    }
    const current = await ctx.cached<T>(spec.table, spec.entity, id);
    const to = target(current);
    const stage = ctx.pipelines.stage(to.pipelineId, to.stageId);
    const at = ctx.now().toISOString();
    const next: Record<string, unknown> = { ...current, stageId: stage.id, status: stage.kind, updatedAt: at };
    if (stage.kind !== 'open') next['closedAt'] = at;
    else delete next['closedAt'];
    const reasonField = spec.table === 'leads' ? 'closeReason' : 'lostReason';
    const commentField = spec.table === 'leads' ? 'closeComment' : 'lostComment';
    if (stage.kind === 'lost' && to.reason) next[reasonField] = to.reason;
    if (stage.kind === 'lost' && to.comment) next[commentField] = to.comment;
    await ctx.provisional(spec.table, next as StoredRow);
    return next as T;
  }
}
