import { LOST, OPEN, WON, type PipelineLayout } from './pipeline-layout.js';
import type { Dictionary } from './dictionary.js';

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: T, size: number, fill?: number): T {
  const next = new (a.constructor as { new (n: number): T })(size);
  next.set(a);
  if (fill !== undefined) next.fill(fill, a.length);
  return next;
}

/** What the index keeps of one lead or deal row (parsed once from the stored row). */
export interface FunnelRowInput {
  id: string;
  pipelineId: string;
  stageId: string;
  status: string;
  ownerId: string;
  createdAt: string;
  closedAt?: string | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  reason?: string | undefined;
  source?: string | undefined;
  campaign?: string | undefined;
  link?: string | undefined;
  spam?: boolean | undefined;
}

/** Shared dictionaries, so codes mean the same across tables. */
export interface Dictionaries {
  users: Dictionary;
  currencies: Dictionary;
  reasons: Dictionary;
  sources: Dictionary;
  campaigns: Dictionary;
  pipelines: Dictionary;
}

/**
 * The columns of one funnel table (leads or deals): one typed-array slot per
 * record, plus stage transitions as parallel arrays. Removed records keep
 * their slot with `alive = 0`.
 */
export class FunnelTable {
  /** Number of slots used. */
  size = 0;
  /** Record id per slot. */
  ids: string[] = [];
  /** Slot of each id. */
  readonly rowOf = new Map<string, number>();
  /** The converted deal (leads) or source lead (deals) per slot. */
  link: (string | undefined)[] = [];
  alive = new Uint8Array(16);
  /** The pipeline code of records that count in reports (alive, not spam, known pipeline); -1 otherwise. One load per row in the hot loops. */
  live = new Int32Array(16);
  pipeline = new Int32Array(16);
  stage = new Int32Array(16);
  status = new Uint8Array(16);
  created = new Float64Array(16);
  closed = new Float64Array(16);
  amount = new Float64Array(16);
  currency = new Int32Array(16);
  owner = new Int32Array(16);
  reason = new Int32Array(16);
  source = new Int32Array(16);
  campaign = new Int32Array(16);
  spam = new Uint8Array(16);
  /** Furthest open-stage position the record ever stood in (-1: none known). */
  furthest = new Int32Array(16);
  /** Bit `i` set: the record entered stage index `i` (stages 0–31). */
  enteredMask = new Uint32Array(16);
  /** Time of the latest transition applied (orders close times when entries arrive out of order). */
  lastTrAt = new Float64Array(16);
  /** Stage indexes ≥ 32 entered, for the rare very long pipeline. */
  readonly enteredHigh = new Map<number, Set<number>>();

  /** Transitions: slot, from-stage index, to-stage index, time (ms). */
  trSize = 0;
  trRow = new Int32Array(16);
  trFrom = new Int32Array(16);
  trTo = new Int32Array(16);
  trAt = new Float64Array(16);
  /** Transition history ids applied since the table was built or restored (a put of the same entry twice is a no-op). */
  readonly seenTransitions = new Set<string>();
  /**
   * Transition ids restored from a snapshot, sorted: looked up by binary
   * search, so opening does not hash hundreds of thousands of strings.
   */
  seenSorted: readonly string[] = [];

  /** True when the transition history entry `id` was applied. */
  seen(id: string): boolean {
    if (this.seenTransitions.has(id)) return true;
    const list = this.seenSorted;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = list[mid] as string;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Every applied transition id, sorted (what a snapshot keeps). */
  seenIds(): string[] {
    const added = [...this.seenTransitions].sort();
    const old = this.seenSorted;
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < old.length || j < added.length) {
      if (j >= added.length || (i < old.length && (old[i] as string) < (added[j] as string))) out.push(old[i++] as string);
      else out.push(added[j++] as string);
    }
    return out;
  }

  constructor(
    private readonly dicts: Dictionaries,
    private readonly layouts: PipelineLayout[],
  ) {}

  private ensure(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length;
    while (cap < n) cap *= 2;
    this.alive = grow(this.alive, cap);
    this.live = grow(this.live, cap);
    this.pipeline = grow(this.pipeline, cap);
    this.stage = grow(this.stage, cap);
    this.status = grow(this.status, cap);
    this.created = grow(this.created, cap);
    this.closed = grow(this.closed, cap);
    this.amount = grow(this.amount, cap);
    this.currency = grow(this.currency, cap);
    this.owner = grow(this.owner, cap);
    this.reason = grow(this.reason, cap);
    this.source = grow(this.source, cap);
    this.campaign = grow(this.campaign, cap);
    this.spam = grow(this.spam, cap);
    this.furthest = grow(this.furthest, cap);
    this.enteredMask = grow(this.enteredMask, cap);
    this.lastTrAt = grow(this.lastTrAt, cap);
  }

  /** Adds or replaces a record's columns; returns its slot. */
  upsert(r: FunnelRowInput, closedFromRow: boolean): number {
    let row = this.rowOf.get(r.id);
    if (row === undefined) {
      row = this.size++;
      this.ensure(this.size);
      this.rowOf.set(r.id, row);
      this.ids[row] = r.id;
      this.furthest[row] = -1;
      this.enteredMask[row] = 0;
      this.closed[row] = NaN;
      this.lastTrAt[row] = -Infinity;
    }
    const d = this.dicts;
    const p = d.pipelines.find(r.pipelineId);
    const layout = p >= 0 ? this.layouts[p] : undefined;
    const s = layout?.stageIndex.get(r.stageId) ?? -1;
    this.alive[row] = 1;
    this.pipeline[row] = layout ? p : -1;
    this.stage[row] = s;
    this.status[row] = r.status === 'won' ? WON : r.status === 'lost' ? LOST : OPEN;
    this.created[row] = Date.parse(r.createdAt);
    if (closedFromRow) this.closed[row] = r.closedAt ? Date.parse(r.closedAt) : NaN;
    else if (this.status[row] === OPEN) this.closed[row] = NaN;
    else if (Number.isNaN(this.closed[row] as number)) this.closed[row] = r.closedAt ? Date.parse(r.closedAt) : NaN;
    this.amount[row] = typeof r.amount === 'number' ? r.amount : NaN;
    this.currency[row] = r.currency ? d.currencies.code(r.currency) : -1;
    this.owner[row] = d.users.code(r.ownerId);
    this.reason[row] = r.reason ? d.reasons.code(r.reason) : -1;
    this.source[row] = r.source ? d.sources.code(r.source) : -1;
    this.campaign[row] = r.campaign ? d.campaigns.code(r.campaign) : -1;
    this.spam[row] = r.spam ? 1 : 0;
    this.link[row] = r.link;
    this.live[row] = layout && !r.spam ? p : -1;
    if (s >= 0) this.markEntered(row, s);
    return row;
  }

  /** Marks a removed record. */
  remove(id: string): void {
    const row = this.rowOf.get(id);
    if (row === undefined) return;
    this.alive[row] = 0;
    this.live[row] = -1;
  }

  /** Records that slot `row` entered stage index `s`. */
  markEntered(row: number, s: number): void {
    const layout = this.layouts[this.pipeline[row] as number];
    if (!layout) return;
    const pos = layout.openPos[s] ?? -1;
    if (pos > (this.furthest[row] as number)) this.furthest[row] = pos;
    if (s < 32) this.enteredMask[row] = ((this.enteredMask[row] as number) | (1 << s)) >>> 0;
    else {
      const set = this.enteredHigh.get(row) ?? new Set<number>();
      set.add(s);
      this.enteredHigh.set(row, set);
    }
  }

  /** True when slot `row` entered stage index `s`. */
  entered(row: number, s: number): boolean {
    if (s < 32) return (((this.enteredMask[row] as number) >>> s) & 1) === 1;
    return this.enteredHigh.get(row)?.has(s) ?? false;
  }

  /**
   * Applies a `stage_changed` history entry of this record's own pipeline:
   * both ends were entered; entering a won/lost stage sets the close time
   * when the row carries none (leads), entering an open one clears it.
   */
  addTransition(entryId: string, row: number, pipelineId: string, fromId: string, toId: string, at: number, closedFromRow: boolean): void {
    if (this.seen(entryId)) return;
    const p = this.pipeline[row] as number;
    const layout = this.layouts[p];
    if (!layout || this.dicts.pipelines.values[p] !== pipelineId) return;
    this.seenTransitions.add(entryId);
    const from = layout.stageIndex.get(fromId) ?? -1;
    const to = layout.stageIndex.get(toId) ?? -1;
    if (from >= 0) this.markEntered(row, from);
    if (to >= 0) this.markEntered(row, to);
    const i = this.trSize++;
    if (this.trSize > this.trRow.length) {
      const cap = this.trRow.length * 2;
      this.trRow = grow(this.trRow, cap);
      this.trFrom = grow(this.trFrom, cap);
      this.trTo = grow(this.trTo, cap);
      this.trAt = grow(this.trAt, cap);
    }
    this.trRow[i] = row;
    this.trFrom[i] = from;
    this.trTo[i] = to;
    this.trAt[i] = at;
    if (at >= (this.lastTrAt[row] as number)) {
      this.lastTrAt[row] = at;
      if (!closedFromRow && to >= 0) this.closed[row] = layout.kind[to] === OPEN ? NaN : at;
    }
  }
}
