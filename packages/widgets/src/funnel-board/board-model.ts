import type { Activity, Deal, Lead, Pipeline, Stage } from '@crmkit/core';
import { isoMs } from './iso-time.js';

/** A lead or a deal as the board shows it. */
export type BoardRecord = Lead | Deal;

/** How urgent a card is: `overdue` next step, `missing` next step, or `planned`. */
export type Urgency = 'overdue' | 'missing' | 'planned';

/** One card, with everything the board needs to draw and sort it. */
export interface BoardCard {
  readonly record: BoardRecord;
  /** The card title (computed when first read: only visible cards need it). */
  readonly title: string;
  /** The client line (from the names known when read). */
  readonly client: string;
  /** The soonest pending next step, if any. */
  readonly next: Activity | undefined;
  readonly urgency: Urgency;
  /** Sort key: urgency rank, then the next step's due time (or, without one, the record's creation time). */
  readonly key: number;
}

class Card implements BoardCard {
  private t: string | undefined;
  constructor(
    readonly record: BoardRecord,
    readonly next: Activity | undefined,
    readonly urgency: Urgency,
    readonly key: number,
    private readonly names: ClientNames,
  ) {}
  get title(): string {
    return (this.t ??= titleOf(this.record));
  }
  /** Not cached: client names arrive in batches after the card is made; two map lookups. */
  get client(): string {
    return clientOf(this.record, this.names);
  }
}

/** One open stage's column. */
export interface BoardColumn {
  stage: Stage;
  cards: BoardCard[];
  /** Money total per currency (deals only). */
  totals: Map<string, number>;
  /** Goes up whenever the column's cards or totals change, so a column that did not change is not rendered again. */
  revision: number;
}

/** Names of companies and contacts by id, filled in batches. */
export interface ClientNames {
  companies: ReadonlyMap<string, string>;
  contacts: ReadonlyMap<string, string>;
}

/** The card title: a deal's title; a lead's name, company, phone or email. */
export function titleOf(record: BoardRecord): string {
  if ('title' in record) return record.title;
  return record.name || record.companyName || record.phone || record.email || record.id;
}

/** The client line: a deal's company (else its first contact); a lead's company (or name when the title is the company). */
export function clientOf(record: BoardRecord, names: ClientNames): string {
  if ('title' in record) {
    const company = record.companyId ? names.companies.get(record.companyId) : undefined;
    if (company) return company;
    const contact = record.contactIds[0] ? names.contacts.get(record.contactIds[0]) : undefined;
    return contact ?? '';
  }
  const contact = record.contactId ? names.contacts.get(record.contactId) : undefined;
  if (record.name && record.companyName) return record.companyName;
  return contact && contact !== titleOf(record) ? contact : '';
}

/** The soonest pending next step of each record. */
export function nextSteps(activities: Iterable<Activity>): Map<string, Activity> {
  const out = new Map<string, Activity>();
  for (const a of activities) {
    if (a.state !== 'pending') continue;
    const seen = out.get(a.recordId);
    if (!seen || a.dueAt < seen.dueAt) out.set(a.recordId, a);
  }
  return out;
}

/** What the board filters by. */
export interface BoardFilter {
  ownerId?: string;
  text?: string;
}

/** What a card needs besides its record. */
export interface CardContext {
  pipeline: Pipeline;
  steps: ReadonlyMap<string, Activity>;
  names: ClientNames;
  filter: BoardFilter;
  nowIso: string;
}

const RANK: Record<Urgency, number> = { overdue: 0, missing: 1, planned: 2 };
/** Wider than any timestamp in ms (year 5000 ≈ 9.5e13), so the rank always dominates. */
const RANK_SPAN = 1e15;

/** The card for a record, or `undefined` when the board does not show it (closed, another pipeline, filtered out). */
export function cardFor(record: BoardRecord, ctx: CardContext): BoardCard | undefined {
  if (record.status !== 'open' || record.pipelineId !== ctx.pipeline.id) return undefined;
  if (ctx.filter.ownerId && record.ownerId !== ctx.filter.ownerId) return undefined;
  const text = ctx.filter.text?.trim().toLowerCase();
  if (text && !titleOf(record).toLowerCase().includes(text) && !clientOf(record, ctx.names).toLowerCase().includes(text)) return undefined;
  const next = ctx.steps.get(record.id);
  const urgency: Urgency = !next ? 'missing' : next.dueAt < ctx.nowIso ? 'overdue' : 'planned';
  // One numeric key per card: sorting 10,000 numbers is much cheaper than comparing strings.
  const key = RANK[urgency] * RANK_SPAN + isoMs(next ? next.dueAt : record.createdAt);
  return new Card(record, next, urgency, key, ctx.names);
}

function before(a: BoardCard, b: BoardCard): boolean {
  return a.key < b.key || (a.key === b.key && a.record.id < b.record.id);
}

function compareCards(a: BoardCard, b: BoardCard): number {
  return a.key - b.key || (a.record.id < b.record.id ? -1 : 1);
}

/**
 * `cards` with its `head` first cards (by {@link before}) in order at the
 * front and the rest after them in no order: one pass, each card compared
 * with the last of the head kept so far (O(n) for a head much shorter than n).
 */
function headFirst(cards: readonly BoardCard[], head: number): BoardCard[] {
  if (cards.length <= head) return [...cards].sort(compareCards);
  const top: BoardCard[] = [];
  const rest: BoardCard[] = [];
  for (const card of cards) {
    if (top.length === head && !before(card, top[head - 1]!)) {
      rest.push(card);
      continue;
    }
    top.splice(lowerBound(top, card), 0, card);
    if (top.length > head) rest.push(top.pop()!);
  }
  return top.concat(rest);
}

/** Where `card` is, or would go, in `cards` (sorted by key, then id). */
function lowerBound(cards: readonly BoardCard[], card: BoardCard): number {
  let lo = 0;
  let hi = cards.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(cards[mid]!, card)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Options of a {@link BoardLayout}. */
export interface BoardLayoutOptions {
  /**
   * Put only this many cards of each column in order at first (the rows a
   * first frame shows): the rest of a column stays unordered and the id
   * index unbuilt until {@link BoardLayout.complete} or any lookup. Default:
   * everything in order at once.
   */
  head?: number;
}

/**
 * The board's columns and an index of the cards by record id, kept in step:
 * a changed record's card is found in O(1), located in its column by binary
 * search, and re-placed; column totals are adjusted by that one record's
 * amount, never summed again. Cards are sorted most urgent first: overdue
 * next steps (longest overdue first), then records with no next step (oldest
 * first), then the soonest due. Closed records are left out.
 *
 * Built with `head`, a column's first rows are placed in one pass (no sort,
 * no index: what a first frame needs) and the rest is ordered at
 * {@link BoardLayout.complete}, which every lookup and change calls first.
 */
export class BoardLayout {
  /** One column per open stage, in pipeline order (see {@link BoardLayout.orderedRows} before {@link BoardLayout.complete}). */
  readonly columns: BoardColumn[];
  private readonly byId = new Map<string, BoardCard>();
  private readonly byStage = new Map<string, BoardColumn>();
  /** How many cards of each column carry each currency (a total goes when its last card does). */
  private readonly currencies = new Map<BoardColumn, Map<string, number>>();
  /** Rows of every column in their final order; Infinity once complete. */
  private ordered = Infinity;

  /** Groups `records` into columns. */
  constructor(records: Iterable<BoardRecord>, ctx: CardContext, options: BoardLayoutOptions = {}) {
    this.columns = [];
    const sums = new Map<BoardColumn, Map<string, { n: number; sum: number }>>();
    for (const stage of ctx.pipeline.stages) {
      if (stage.kind !== 'open') continue;
      const column: BoardColumn = { stage, cards: [], totals: new Map(), revision: 0 };
      this.columns.push(column);
      this.byStage.set(stage.id, column);
      this.currencies.set(column, new Map());
      sums.set(column, new Map());
    }
    for (const record of records) {
      const column = this.byStage.get(record.stageId);
      const card = column && cardFor(record, ctx);
      if (!card) continue;
      column.cards.push(card);
      // Summed once per currency here and rounded at the end, rather than a rounded map update per card.
      if ('amount' in record && record.amount !== undefined) {
        const bySum = sums.get(column)!;
        const entry = bySum.get(record.currency);
        if (entry) {
          entry.n += 1;
          entry.sum += record.amount;
        } else bySum.set(record.currency, { n: 1, sum: record.amount });
      }
    }
    for (const [column, bySum] of sums) {
      const seen = this.currencies.get(column)!;
      for (const [currency, { n, sum }] of bySum) {
        seen.set(currency, n);
        column.totals.set(currency, Math.round(sum * 1e6) / 1e6);
      }
    }
    const head = options.head;
    if (head !== undefined && this.columns.some((c) => c.cards.length > head)) {
      for (const column of this.columns) column.cards = headFirst(column.cards, head);
      this.ordered = head;
      return;
    }
    this.index();
  }

  /** How many rows of every column are in their final order (all of them once complete). */
  get orderedRows(): number {
    return this.ordered;
  }

  /** Puts every column in order and indexes the cards (a no-op when done already). */
  complete(): void {
    if (this.ordered === Infinity) return;
    this.ordered = Infinity;
    this.index();
  }

  private index(): void {
    for (const column of this.columns) {
      column.cards.sort(compareCards);
      for (const card of column.cards) this.byId.set(card.record.id, card);
    }
  }

  /** The card shown for a record id. */
  card(id: string): BoardCard | undefined {
    this.complete();
    return this.byId.get(id);
  }

  /** The column a shown card is in. */
  columnOf(card: BoardCard): BoardColumn | undefined {
    this.complete();
    return this.byStage.get(card.record.stageId);
  }

  /** A shown card's row in its column (binary search); -1 when it is not shown. */
  rowOf(id: string): number {
    this.complete();
    const card = this.byId.get(id);
    const cards = card && this.byStage.get(card.record.stageId)?.cards;
    if (!card || !cards) return -1;
    const at = lowerBound(cards, card);
    return cards[at] === card ? at : cards.indexOf(card);
  }

  /**
   * Re-places the cards of `ids` (after a move, a live change or a new next
   * step): each is taken out of its column and, if `recordOf` still gives a
   * shown record, inserted at its sorted place.
   */
  patch(ids: Iterable<string>, recordOf: (id: string) => BoardRecord | undefined, ctx: CardContext): void {
    this.complete();
    for (const id of ids) {
      const old = this.byId.get(id);
      if (old) {
        const column = this.byStage.get(old.record.stageId)!;
        const row = this.rowOf(id);
        if (row >= 0) column.cards.splice(row, 1);
        column.revision += 1;
        this.byId.delete(id);
        this.count(column, old.record, -1);
      }
      const record = recordOf(id);
      const column = record && this.byStage.get(record.stageId);
      const card = column && cardFor(record, ctx);
      if (!card) continue;
      column.cards.splice(lowerBound(column.cards, card), 0, card);
      column.revision += 1;
      this.byId.set(id, card);
      this.count(column, card.record, 1);
    }
  }

  /** Adds (`sign` 1) or takes away (-1) one record's amount from its column's totals. */
  private count(column: BoardColumn, record: BoardRecord, sign: 1 | -1): void {
    if (!('amount' in record) || record.amount === undefined) return;
    const { currency } = record;
    const seen = this.currencies.get(column)!;
    const n = (seen.get(currency) ?? 0) + sign;
    if (n <= 0) {
      seen.delete(currency);
      column.totals.delete(currency);
      return;
    }
    seen.set(currency, n);
    // Rounded to a millionth, so adding and taking away cents never leaves 1499.9999999.
    column.totals.set(currency, Math.round(((column.totals.get(currency) ?? 0) + sign * record.amount) * 1e6) / 1e6);
  }
}
