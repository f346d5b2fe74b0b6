import type { Pipeline, Store, StoreChange, StoredRow, TableName } from '@crmkit/core';
import { MAX_AGGREGATES, REBUILD_AFTER, type Aggregate } from './aggregate.js';
import { ActivityTable, type ActivityRowInput } from './activity-table.js';
import { Dictionary } from './dictionary.js';
import { FunnelTable, type Dictionaries, type FunnelRowInput } from './funnel-table.js';
import { layoutOf, type PipelineLayout } from './pipeline-layout.js';

type Row = StoredRow & Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function dealRow(r: Row): FunnelRowInput {
  return {
    id: r.id,
    pipelineId: String(r['pipelineId']),
    stageId: String(r['stageId']),
    status: String(r['status']),
    ownerId: String(r['ownerId']),
    createdAt: String(r['createdAt']),
    closedAt: str(r['closedAt']),
    amount: typeof r['amount'] === 'number' ? r['amount'] : undefined,
    currency: str(r['currency']),
    reason: str(r['lostReason']),
    link: str(r['leadId']),
  };
}

function leadRow(r: Row): FunnelRowInput {
  const source = (r['source'] ?? undefined) as { channel?: string; utm?: { source?: string; campaign?: string } } | undefined;
  const convertedTo = r['convertedTo'] as { dealId?: string } | undefined;
  return {
    id: r.id,
    pipelineId: String(r['pipelineId']),
    stageId: String(r['stageId']),
    status: String(r['status']),
    ownerId: String(r['ownerId']),
    createdAt: String(r['createdAt']),
    // Leads carry no close time: the stage history gives it; the last change is the fallback for leads without history.
    closedAt: str(r['updatedAt']),
    reason: str(r['closeReason']),
    source: str(source?.utm?.source) ?? str(source?.channel),
    campaign: str(source?.utm?.campaign),
    link: str(convertedTo?.dealId),
    spam: r['spam'] === true,
  };
}

function activityRow(r: Row): ActivityRowInput {
  return {
    id: r.id,
    recordId: String(r['recordId']),
    ownerId: String(r['ownerId']),
    assigneeId: String(r['assigneeId']),
    state: String(r['state']),
    dueAt: String(r['dueAt']),
    doneAt: str(r['doneAt']),
  };
}

const WATCHED: readonly TableName[] = ['deals', 'leads', 'activities', 'history'];

/**
 * The columnar index of one store: deals, leads, their stage transitions and
 * next steps in typed arrays. Built once from the store, then kept current
 * from the store's change feed, so a report after a move reads a few
 * changed slots instead of the whole store.
 */
export class AnalyticsIndex {
  /** Shared dictionaries (users, currencies, reasons, sources, campaigns, pipelines). */
  readonly dicts: Dictionaries;
  /** Per pipeline code: its stage lookup tables. */
  readonly layouts: PipelineLayout[] = [];
  /** Deal columns. */
  readonly deals: FunnelTable;
  /** Lead columns. */
  readonly leads: FunnelTable;
  /** Next-step columns. */
  readonly activities: ActivityTable;
  /** Stage transitions whose record was not indexed yet (arrive out of order from another tab). */
  private readonly waiting = new Map<string, Row[]>();
  private queue: Promise<void>;
  private readonly listeners = new Set<(tables: ReadonlySet<TableName>) => void>();
  /** Bumped on every applied batch. */
  generation = 0;
  /** Live running totals by report key, most recently used last. */
  private readonly aggregates = new Map<string, { agg: Aggregate; updates: number }>();

  constructor(
    private readonly store: Store,
    pipelines: readonly Pipeline[],
  ) {
    const dicts: Dictionaries = {
      users: new Dictionary(),
      currencies: new Dictionary(),
      reasons: new Dictionary(),
      sources: new Dictionary(),
      campaigns: new Dictionary(),
      pipelines: new Dictionary(),
    };
    this.dicts = dicts;
    for (const p of pipelines) {
      const code = dicts.pipelines.code(p.id);
      this.layouts[code] = layoutOf(p);
    }
    this.deals = new FunnelTable(dicts, this.layouts);
    this.leads = new FunnelTable(dicts, this.layouts);
    this.activities = new ActivityTable(dicts.users);
    // Subscribe before reading: changes that arrive while the first build reads the store queue up behind it.
    this.queue = Promise.resolve();
    store.subscribe((changes) => {
      if (!changes.some((c) => WATCHED.includes(c.table))) return;
      this.queue = this.queue.then(() => this.applyBatch(changes)).catch((error: unknown) => this.fail(error));
    });
    this.queue = this.build();
  }

  /** The last failure to read changes (another tab's rows), if any; reports still run on what is indexed. */
  lastError: unknown;

  private fail(error: unknown): void {
    this.lastError = error;
  }

  /** Resolves once every change seen so far is in the columns. */
  ready(): Promise<void> {
    return this.queue;
  }

  /** Calls `listener` with the tables touched after each applied batch. Returns a stop function. */
  onChange(listener: (tables: ReadonlySet<TableName>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The running totals for `key`, made by `make` on first use and then kept
   * current from the change feed (dropped when they cannot follow a change,
   * rebuilt now and then so sums never drift).
   */
  aggregate<A extends Aggregate>(key: string, make: () => A): A {
    const hit = this.aggregates.get(key);
    this.aggregates.delete(key);
    if (hit && hit.agg.valid && hit.updates < REBUILD_AFTER) {
      this.aggregates.set(key, hit);
      return hit.agg as A;
    }
    const agg = make();
    this.aggregates.set(key, { agg, updates: 0 });
    if (this.aggregates.size > MAX_AGGREGATES) this.aggregates.delete(this.aggregates.keys().next().value as string);
    return agg;
  }

  /** Takes the rows of `ids` out of (`-1`) or back into (`+1`) every live aggregate over `table`. */
  private touchAggregates(table: FunnelTable, entity: 'lead' | 'deal', ids: ReadonlySet<string>, sign: 1 | -1): void {
    if (ids.size === 0 || this.aggregates.size === 0) return;
    for (const entry of this.aggregates.values()) {
      if (entry.agg.entity !== entity) continue;
      for (const id of ids) {
        const row = table.rowOf.get(id);
        if (row !== undefined) entry.agg.apply(row, sign);
      }
      if (sign === 1) entry.updates += ids.size;
    }
  }

  /** The funnel table of a record type. */
  table(entity: 'lead' | 'deal'): FunnelTable {
    return entity === 'lead' ? this.leads : this.deals;
  }

  private async build(): Promise<void> {
    const [deals, leads, activities, history] = await Promise.all([
      this.store.query<Row>('deals'),
      this.store.query<Row>('leads'),
      this.store.query<Row>('activities'),
      this.store.query<Row>('history'),
    ]);
    for (const r of deals) this.deals.upsert(dealRow(r), true);
    for (const r of leads) this.leads.upsert(leadRow(r), false);
    for (const r of activities) this.activities.upsert(activityRow(r));
    // No sort needed: transitions are applied order-independently (close times compare `at`).
    for (const h of history) this.history(h);
    this.generation++;
  }

  private history(h: Row): void {
    if (h['type'] !== 'stage_changed') return;
    const type = h['recordType'];
    if (type !== 'deal' && type !== 'lead') return;
    const table = this.table(type);
    const recordId = String(h['recordId']);
    const row = table.rowOf.get(recordId);
    if (row === undefined) {
      const list = this.waiting.get(recordId) ?? [];
      list.push(h);
      this.waiting.set(recordId, list);
      return;
    }
    const data = (h['data'] ?? {}) as { from?: string; to?: string; pipelineId?: string };
    table.addTransition(h.id, row, String(data.pipelineId), String(data.from), String(data.to), Date.parse(String(h['at'])), type === 'deal');
  }

  private upsert(table: TableName, r: Row): void {
    if (table === 'deals') this.deals.upsert(dealRow(r), true);
    else if (table === 'leads') this.leads.upsert(leadRow(r), false);
    else if (table === 'activities') this.activities.upsert(activityRow(r));
    else if (table === 'history') this.history(r);
    if ((table === 'deals' || table === 'leads') && this.waiting.has(r.id)) {
      const list = this.waiting.get(r.id) ?? [];
      this.waiting.delete(r.id);
      for (const h of list) this.history(h);
    }
  }

  private async applyBatch(changes: readonly StoreChange[]): Promise<void> {
    const relevant = changes.filter((c) => WATCHED.includes(c.table));
    if (relevant.length === 0) return;
    // Another tab's changes come without rows: read them (in the batch's order).
    const missing = relevant.filter((c) => c.type === 'put' && !c.row);
    const fetched = new Map<StoreChange, Row | undefined>();
    if (missing.length) {
      const rows = await Promise.all(missing.map((c) => this.store.get<Row>(c.table, c.id).catch(() => undefined)));
      missing.forEach((c, i) => fetched.set(c, rows[i]));
    }
    // Records first, then their history, so a move's transition finds its record.
    const ordered = [...relevant.filter((c) => c.table !== 'history'), ...relevant.filter((c) => c.table === 'history')];
    // The leads and deals this batch changes (directly, or through a stage transition).
    const changed = { deal: new Set<string>(), lead: new Set<string>() };
    for (const c of ordered) {
      if (c.table === 'deals') changed.deal.add(c.id);
      else if (c.table === 'leads') changed.lead.add(c.id);
      else if (c.table === 'history') {
        const h = (c.row as Row | undefined) ?? fetched.get(c);
        const type = h?.['recordType'];
        if (h?.['type'] === 'stage_changed' && (type === 'deal' || type === 'lead')) changed[type].add(String(h['recordId']));
      }
    }
    this.touchAggregates(this.deals, 'deal', changed.deal, -1);
    this.touchAggregates(this.leads, 'lead', changed.lead, -1);
    const touched = new Set<TableName>();
    for (const c of ordered) {
      touched.add(c.table);
      if (c.type === 'delete') {
        if (c.table === 'deals') this.deals.remove(c.id);
        else if (c.table === 'leads') this.leads.remove(c.id);
        else if (c.table === 'activities') this.activities.remove(c.id);
        continue;
      }
      const row = (c.row as Row | undefined) ?? fetched.get(c);
      if (row) this.upsert(c.table, row);
      else if (c.table === 'deals') this.deals.remove(c.id);
      else if (c.table === 'leads') this.leads.remove(c.id);
      else if (c.table === 'activities') this.activities.remove(c.id);
    }
    this.touchAggregates(this.deals, 'deal', changed.deal, 1);
    this.touchAggregates(this.leads, 'lead', changed.lead, 1);
    this.generation++;
    for (const l of [...this.listeners]) l(touched);
  }
}

const indexes = new WeakMap<Store, AnalyticsIndex>();

/** The one index of a store (every view of a CRM — `crm.as(user)` — shares it). */
export function indexOf(store: Store, pipelines: readonly Pipeline[]): AnalyticsIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new AnalyticsIndex(store, pipelines);
    indexes.set(store, index);
  }
  return index;
}
