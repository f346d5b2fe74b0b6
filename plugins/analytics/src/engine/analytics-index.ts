import type { Pipeline, Store, StoreChange, StoredRow, TableName } from '@crmkit/core';
import { MAX_AGGREGATES, REBUILD_AFTER, type Aggregate } from './aggregate.js';
import { ActivityTable } from './activity-table.js';
import { Dictionary } from './dictionary.js';
import { FunnelTable, type Dictionaries } from './funnel-table.js';
import { changeLogOf, layoutKey, readSnapshot, writeSnapshot, type ChangeLog, type IndexSnapshot } from './index-persistence.js';
import { layoutOf, type PipelineLayout } from './pipeline-layout.js';
import { activityRow, dealRow, leadRow } from './row-inputs.js';
import { restoreActivityTable, restoreDictionaries, restoreFunnelTable, snapshotActivityTable, snapshotDictionaries, snapshotFunnelTable } from './table-snapshot.js';

type Row = StoredRow & Record<string, unknown>;

const WATCHED: readonly TableName[] = ['deals', 'leads', 'activities', 'history'];

/** Options of the index of a store. */
export interface IndexOptions {
  /**
   * Keep the index in the store (its `meta` table) when the store has a
   * change log, so the next session opens it and replays only what changed
   * since, instead of re-reading every record. Default true.
   */
  persist?: boolean;
}

/** When the index is written after changes (at most once per this many ms). */
const SAVE_AFTER_CHANGES_MS = 30_000;
/** When the index is written after it was built or caught up on many changes. */
const SAVE_AFTER_OPEN_MS = 1_000;
/** Logged changes read per round while catching up. */
const CATCH_UP_PAGE = 5_000;

/**
 * The columnar index of one store: deals, leads, their stage transitions and
 * next steps in typed arrays. Built once from the store, then kept current
 * from the store's change feed, so a report after a move reads a few
 * changed slots instead of the whole store.
 */
export class AnalyticsIndex {
  /** Shared dictionaries (users, currencies, reasons, sources, campaigns, pipelines). */
  dicts!: Dictionaries;
  /** Per pipeline code: its stage lookup tables. */
  layouts: PipelineLayout[] = [];
  /** Deal columns. */
  deals!: FunnelTable;
  /** Lead columns. */
  leads!: FunnelTable;
  /** Next-step columns. */
  activities!: ActivityTable;
  /** Stage transitions whose record was not indexed yet (arrive out of order from another tab). */
  private waiting = new Map<string, Row[]>();
  /** How the index opened: from its persisted snapshot (plus the changes logged since), or by reading the store. */
  origin: 'snapshot' | 'store' | undefined;
  /** Logged changes of the indexed tables replayed when it opened from a snapshot. */
  replayed = 0;
  /** The change-log position the columns are known to reflect (`undefined`: the store keeps no log). */
  private position: number | undefined;
  private readonly log: ChangeLog | undefined;
  private readonly layout: string;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last failure to write the index (it is then rebuilt or replayed next time; reports are unaffected). */
  lastSaveError: unknown;
  private queue: Promise<void>;
  private readonly listeners = new Set<(tables: ReadonlySet<TableName>) => void>();
  /** Bumped on every applied batch. */
  generation = 0;
  /** Live running totals by report key, most recently used last. */
  private readonly aggregates = new Map<string, { agg: Aggregate; updates: number }>();

  constructor(
    private readonly store: Store,
    private readonly pipelines: readonly Pipeline[],
    options: IndexOptions = {},
  ) {
    this.reset();
    this.log = options.persist === false ? undefined : changeLogOf(store);
    this.layout = layoutKey(pipelines);
    // Subscribe before reading: changes that arrive while the first build reads the store queue up behind it.
    this.queue = Promise.resolve();
    store.subscribe((changes) => {
      if (!changes.some((c) => WATCHED.includes(c.table))) return;
      this.queue = this.queue.then(() => this.applyBatch(changes)).catch((error: unknown) => this.fail(error));
      this.scheduleSave(SAVE_AFTER_CHANGES_MS);
    });
    this.queue = this.open();
  }

  /** Empty tables and dictionaries for the CRM's pipelines. */
  private reset(): void {
    const dicts: Dictionaries = {
      users: new Dictionary(),
      currencies: new Dictionary(),
      reasons: new Dictionary(),
      sources: new Dictionary(),
      campaigns: new Dictionary(),
      pipelines: new Dictionary(),
    };
    this.dicts = dicts;
    this.layouts = [];
    for (const p of this.pipelines) {
      const code = dicts.pipelines.code(p.id);
      this.layouts[code] = layoutOf(p);
    }
    this.deals = new FunnelTable(dicts, this.layouts);
    this.leads = new FunnelTable(dicts, this.layouts);
    this.activities = new ActivityTable(dicts.users);
    this.waiting = new Map();
  }

  /**
   * Opens the index: from its persisted snapshot plus the changes logged
   * since (when the store has a change log that still reaches back to it),
   * else by reading every record.
   */
  private async open(): Promise<void> {
    if (this.log && (await this.restore().catch(() => false))) {
      this.origin = 'snapshot';
      this.generation++;
      if (this.replayed > 0) this.scheduleSave(SAVE_AFTER_OPEN_MS);
      return;
    }
    this.reset();
    // The position read before the rows: commits after it are replayed (idempotently) when the index is next written.
    this.position = this.log ? await this.log.head() : undefined;
    await this.build();
    this.origin = 'store';
    this.scheduleSave(SAVE_AFTER_OPEN_MS);
  }

  /** Loads the persisted snapshot and replays the changes logged after it; false when there is none usable. */
  private async restore(): Promise<boolean> {
    const log = this.log as ChangeLog;
    const snapshot = await readSnapshot(this.store, this.layout);
    if (!snapshot) return false;
    const [tail, head] = await Promise.all([log.tail(), log.head()]);
    // The log must still hold every commit after the snapshot (pruned, or another database: rebuild).
    if (tail > snapshot.position + 1 || head < snapshot.position) return false;
    try {
      restoreDictionaries(this.dicts, snapshot.dicts);
      restoreFunnelTable(this.deals, snapshot.deals);
      restoreFunnelTable(this.leads, snapshot.leads);
      restoreActivityTable(this.activities, snapshot.activities);
      for (const h of snapshot.waiting) this.history(h as Row);
    } catch {
      return false;
    }
    this.position = snapshot.position;
    this.replayed = await this.catchUp();
    return true;
  }

  /** Applies every change logged after the known position (rows re-read, so it is safe to apply one twice). Returns how many were of the indexed tables. */
  private async catchUp(): Promise<number> {
    const log = this.log;
    if (!log || this.position === undefined) return 0;
    let n = 0;
    for (;;) {
      const entries = await log.changesSince(this.position, CATCH_UP_PAGE);
      if (entries.length === 0) return n;
      await this.applyBatch(entries.map(({ table, type, id }) => ({ table, type, id, remote: true })));
      this.position = (entries[entries.length - 1] as { seq: number }).seq;
      n += entries.filter((e) => WATCHED.includes(e.table)).length;
    }
  }

  /**
   * Writes the index to the store (when it has a change log), after
   * replaying what the log holds beyond the known position, so the saved
   * position is exact. Resolves once written; a failure is kept in
   * `lastSaveError` and rejects.
   */
  persist(): Promise<void> {
    if (!this.log) return this.queue;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const run = this.queue.then(async () => {
      if (this.origin === undefined) return;
      await this.catchUp();
      await writeSnapshot(this.store, this.layout, this.snapshot(), new Date());
    });
    this.queue = run.catch((error: unknown) => {
      this.lastSaveError = error;
    });
    return run;
  }

  /** Writes the index in `ms` unless a write is already due. */
  private scheduleSave(ms: number): void {
    if (!this.log || this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.persist().catch(() => undefined);
    }, ms);
    // Node: a pending write must not keep the process alive.
    (this.saveTimer as { unref?: () => void }).unref?.();
  }

  private snapshot(): IndexSnapshot {
    return {
      position: this.position ?? 0,
      dicts: snapshotDictionaries(this.dicts),
      deals: snapshotFunnelTable(this.deals),
      leads: snapshotFunnelTable(this.leads),
      activities: snapshotActivityTable(this.activities),
      waiting: [...this.waiting.values()].flat(),
    };
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
      // One query per table (a catch-up after a session without the analytics may name thousands of rows).
      const byTable = new Map<TableName, Map<string, Row>>();
      await Promise.all(
        [...new Set(missing.map((c) => c.table))].map(async (table) => {
          const ids = [...new Set(missing.filter((c) => c.table === table).map((c) => c.id))];
          const rows = await this.store.query<Row>(table, { index: 'id', anyOf: ids });
          byTable.set(table, new Map(rows.map((r) => [r.id, r])));
        }),
      );
      for (const c of missing) fetched.set(c, byTable.get(c.table)?.get(c.id));
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

/** The one index of a store (every view of a CRM — `crm.as(user)` — shares it; the first call's options hold). */
export function indexOf(store: Store, pipelines: readonly Pipeline[], options: IndexOptions = {}): AnalyticsIndex {
  let index = indexes.get(store);
  if (!index) {
    index = new AnalyticsIndex(store, pipelines, options);
    indexes.set(store, index);
  }
  return index;
}
