import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Activity, Crm, LiveChange, Pipeline, WatchOptions } from '@crmkit/core';
import { LiveQueryController, type LiveQueryStatus } from '../live/live-query-controller.js';
import { nextSteps, type BoardRecord, type ClientNames } from './board-model.js';

/** What the board's data controller needs from the board. */
export interface BoardDataHost extends ReactiveControllerHost {
  /** The CRM shown. */
  readonly crm?: Crm | undefined;
  /** The pipeline shown. */
  readonly currentPipeline: Pipeline | undefined;
  /** Re-place these records' cards at the next update. */
  markDirty(ids: Iterable<string>): void;
  /** True while the board's own move of this record is in flight (the card shows it moved; the move re-places it once when it settles). */
  isMoving(id: string): boolean;
  /** Rebuild every column at the next update. */
  markAllDirty(): void;
  /** Client names arrived: cards show them at the next render (and a text filter may now match others). */
  namesChanged(): void;
  /** The data was reset (other CRM or pipeline): drop what refers to the old records. */
  dataReset(): void;
  /** Shows a failure that is not the load itself (e.g. reading client names). */
  showError(error: unknown): void;
}

/**
 * The board's data: the pipeline's open records and their pending next
 * steps, kept live by two queries of the core's observer (a move, even the
 * board's own, arrives as the one row it changed; nothing is re-listed), and
 * the names of the clients the cards show, read in batches.
 */
export class BoardData implements ReactiveController {
  /**
   * Open records of the pipeline by id (mutated in place; the board is told
   * which changed). Built when first asked for: the first render reads
   * {@link BoardData.allRecords} and needs no index.
   */
  get records(): Map<string, BoardRecord> {
    if (!this.recordMap) {
      this.recordMap = new Map();
      for (const r of this.initialRecords) this.recordMap.set(r.id, r);
      this.initialRecords = [];
    }
    return this.recordMap;
  }

  /** Every open record of the pipeline (from the first read until something asks for {@link BoardData.records}). */
  allRecords(): Iterable<BoardRecord> {
    return this.recordMap ? this.recordMap.values() : this.initialRecords;
  }

  private recordMap: Map<string, BoardRecord> | undefined;
  private initialRecords: readonly BoardRecord[] = [];
  /** The soonest pending step per record id. */
  steps = new Map<string, Activity>();
  /** Company and contact names by id ('' for one that could not be read); filled in place, so cards made earlier see names that arrive later. */
  readonly names: { companies: Map<string, string>; contacts: Map<string, string> } & ClientNames = { companies: new Map(), contacts: new Map() };

  /** Pending steps by id: built at the first change of a step (until then {@link BoardData.initialSteps} holds them). */
  private readonly activities = new Map<string, Activity>();
  private initialSteps: readonly Activity[] = [];
  /** Pending step ids per record id, so a changed step re-picks only its record's soonest one. */
  private readonly stepsOf = new Map<string, Set<string>>();
  private readonly pendingNames = new Set<string>();
  private readonly recordQuery: LiveQueryController<BoardRecord>;
  private readonly stepQuery: LiveQueryController<Activity>;
  private key = '';
  private stopNames: (() => void) | undefined;
  private connected = false;

  constructor(private readonly host: BoardDataHost) {
    host.addController(this);
    this.recordQuery = new LiveQueryController<BoardRecord>(host, {
      deps: () => [host.crm, host.currentPipeline?.id],
      watch: (listener, onError) => {
        const { crm, currentPipeline: pipeline } = host;
        if (!crm || !pipeline) return undefined;
        const query = { pipelineId: pipeline.id, status: 'open' as const };
        const service = pipeline.entity === 'deal' ? crm.deals : crm.leads;
        // Unordered: the board orders the cards itself (by urgency), so the core need not sort 10,000 rows first.
        return (service.watch as (q: typeof query, l: (rows: BoardRecord[], c: LiveChange<BoardRecord>) => void, o: WatchOptions) => () => void)(query, listener, { onError, unordered: true });
      },
      onChange: (_rows, change) => this.onRecords(change),
    });
    this.stepQuery = new LiveQueryController<Activity>(host, {
      deps: () => [host.crm, host.currentPipeline?.entity],
      watch: (listener, onError) => {
        const { crm, currentPipeline: pipeline } = host;
        if (!crm || !pipeline) return undefined;
        return crm.activities.watch({ state: 'pending', recordType: pipeline.entity }, listener, { onError, unordered: true });
      },
      onChange: (_rows, change) => this.onSteps(change),
    });
  }

  /** `ready` once both queries have their first results; `error` if either failed; `waiting` without a CRM. */
  get status(): LiveQueryStatus {
    const a = this.recordQuery.status;
    const b = this.stepQuery.status;
    if (a === 'error' || b === 'error') return 'error';
    if (a === 'waiting' || b === 'waiting') return 'waiting';
    return a === 'ready' && b === 'ready' ? 'ready' : 'loading';
  }

  /** The error of a failed query. */
  get error(): unknown {
    return this.recordQuery.error ?? this.stepQuery.error;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdate(): void {
    // Lit still runs an update requested before the board left the page: it must not listen again.
    if (this.connected) this.sync();
  }

  /** Starts over when the CRM or the pipeline changed (the queries restart with them). */
  private sync(): void {
    const { crm, currentPipeline } = this.host;
    const key = `${crm ? 'crm' : ''}|${currentPipeline?.id ?? ''}`;
    if (key === this.key && crm === this.crmSeen) return;
    this.key = key;
    this.crmSeen = crm;
    this.recordMap = new Map();
    this.initialRecords = [];
    this.activities.clear();
    this.initialSteps = [];
    this.stepsOf.clear();
    this.steps = new Map();
    this.stopNames?.();
    this.stopNames = crm?.on('change', (e) => this.onNamesChanged(e.table, e.ids));
    this.names.companies.clear();
    this.names.contacts.clear();
    this.host.dataReset();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stopNames?.();
    this.stopNames = undefined;
    this.key = '';
    this.crmSeen = undefined;
  }

  private crmSeen: Crm | undefined;

  private onRecords(change: LiveChange<BoardRecord>): void {
    if (change.initial) {
      this.recordMap = undefined;
      this.initialRecords = change.upserted;
      this.host.markAllDirty();
    } else {
      // The echo of the board's own move needs no re-placing of its own: the card already shows the move, and the
      // move re-places it from the latest row once it settles. A row saved already (same version) is not re-placed either.
      const dirty: string[] = [];
      const records = this.records;
      for (const id of change.removed) if (records.delete(id) && !this.host.isMoving(id)) dirty.push(id);
      for (const r of change.upserted) {
        const known = records.get(r.id);
        records.set(r.id, r);
        if (this.host.isMoving(r.id)) continue;
        if (!known || known.version !== r.version || known.updatedAt !== r.updatedAt) dirty.push(r.id);
      }
      if (dirty.length) this.host.markDirty(dirty);
    }
    void this.loadNames(change.upserted);
  }

  private onSteps(change: LiveChange<Activity>): void {
    if (change.initial) {
      this.activities.clear();
      this.stepsOf.clear();
      this.initialSteps = change.upserted;
      this.steps = nextSteps(change.upserted);
      this.host.markAllDirty();
      return;
    }
    // The indexes by id and by record are built at the first change, not on the way to the first render.
    if (this.initialSteps.length) {
      for (const a of this.initialSteps) this.addStep(a);
      this.initialSteps = [];
    }
    // Only the records whose steps changed get their soonest step picked again (not all 10,000).
    const affected = new Set<string>();
    for (const id of change.removed) {
      const old = this.activities.get(id);
      if (old) affected.add(this.dropStep(old));
    }
    for (const a of change.upserted) {
      const old = this.activities.get(a.id);
      if (old) affected.add(this.dropStep(old));
      this.addStep(a);
      affected.add(a.recordId);
    }
    for (const recordId of affected) {
      let soonest: Activity | undefined;
      for (const id of this.stepsOf.get(recordId) ?? []) {
        const a = this.activities.get(id)!;
        if (a.state === 'pending' && (!soonest || a.dueAt < soonest.dueAt)) soonest = a;
      }
      if (soonest) this.steps.set(recordId, soonest);
      else this.steps.delete(recordId);
    }
    this.host.markDirty(affected);
  }

  private addStep(a: Activity): void {
    this.activities.set(a.id, a);
    let ids = this.stepsOf.get(a.recordId);
    if (!ids) this.stepsOf.set(a.recordId, (ids = new Set()));
    ids.add(a.id);
  }

  /** Forgets a step; returns its record id. */
  private dropStep(a: Activity): string {
    this.activities.delete(a.id);
    const ids = this.stepsOf.get(a.recordId);
    ids?.delete(a.id);
    if (ids?.size === 0) this.stepsOf.delete(a.recordId);
    return a.recordId;
  }

  private onNamesChanged(table: string, ids: readonly string[]): void {
    if (table !== 'companies' && table !== 'contacts') return;
    const cached = this.names[table];
    const changed = ids.filter((id) => cached.has(id));
    if (!changed.length) return;
    // Read again; the old name stays shown until the new one arrives.
    void this.loadNames([...this.allRecords()], new Set(changed.map((id) => `${table}:${id}`)));
  }

  /** Looks up the companies and contacts the cards name, in one batch per kind, caching what it found. */
  private async loadNames(rows: readonly BoardRecord[], reread: ReadonlySet<string> = new Set()): Promise<void> {
    const crm = this.host.crm;
    if (!crm) return;
    const companies = new Set<string>();
    const contacts = new Set<string>();
    const want = (kind: 'companies' | 'contacts', id: string | undefined) => {
      if (!id || (this.names[kind].has(id) && !reread.has(`${kind}:${id}`)) || this.pendingNames.has(`${kind}:${id}`)) return;
      (kind === 'companies' ? companies : contacts).add(id);
      this.pendingNames.add(`${kind}:${id}`);
    };
    for (const r of rows) {
      if ('title' in r) {
        want('companies', r.companyId);
        if (!r.companyId) want('contacts', r.contactIds[0]);
      } else want('contacts', r.contactId);
    }
    if (companies.size === 0 && contacts.size === 0) return;
    try {
      const [foundCompanies, foundContacts] = await Promise.all([
        companies.size ? crm.companies.list({ ids: [...companies] }) : [],
        contacts.size ? crm.contacts.list({ ids: [...contacts] }) : [],
      ]);
      if (crm !== this.host.crm) return;
      const { companies: c1, contacts: c2 } = this.names;
      for (const c of foundCompanies) c1.set(c.id, c.name);
      for (const c of foundContacts) c2.set(c.id, c.name);
      // Remember misses too (deleted or not visible), so they are not asked for again on every change.
      const f1 = new Set(foundCompanies.map((c) => c.id));
      const f2 = new Set(foundContacts.map((c) => c.id));
      for (const id of companies) if (!f1.has(id)) c1.set(id, '');
      for (const id of contacts) if (!f2.has(id)) c2.set(id, '');
      this.host.namesChanged();
    } catch (err) {
      this.host.showError(err);
    } finally {
      for (const id of companies) this.pendingNames.delete(`companies:${id}`);
      for (const id of contacts) this.pendingNames.delete(`contacts:${id}`);
    }
  }
}
