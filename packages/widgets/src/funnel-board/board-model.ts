import type { Activity, Deal, Lead, Pipeline, Stage } from '@crmkit/core';

/** A lead or a deal as the board shows it. */
export type BoardRecord = Lead | Deal;

/** How urgent a card is: `overdue` next step, `missing` next step, or `planned`. */
export type Urgency = 'overdue' | 'missing' | 'planned';

/** One card, with everything the board needs to draw and sort it. */
export interface BoardCard {
  readonly record: BoardRecord;
  /** The card title (computed when first read: only visible cards need it). */
  readonly title: string;
  /** The client line (computed when first read). */
  readonly client: string;
  /** The soonest pending next step, if any. */
  readonly next: Activity | undefined;
  readonly urgency: Urgency;
  /** Sort key: urgency rank, then the next step's due time (or, without one, the record's creation time). */
  readonly key: number;
}

class Card implements BoardCard {
  private t: string | undefined;
  private c: string | undefined;
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
  get client(): string {
    return (this.c ??= clientOf(this.record, this.names));
  }
}

/** One open stage's column. */
export interface BoardColumn {
  stage: Stage;
  cards: BoardCard[];
  /** Money total per currency (deals only). */
  totals: Map<string, number>;
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
  const key = RANK[urgency] * RANK_SPAN + Date.parse(next ? next.dueAt : record.createdAt);
  return new Card(record, next, urgency, key, ctx.names);
}

function before(a: BoardCard, b: BoardCard): boolean {
  return a.key < b.key || (a.key === b.key && a.record.id < b.record.id);
}

function addTotal(totals: Map<string, number>, record: BoardRecord): void {
  if ('amount' in record && record.amount !== undefined) totals.set(record.currency, (totals.get(record.currency) ?? 0) + record.amount);
}

function totalsOf(cards: readonly BoardCard[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const card of cards) addTotal(totals, card.record);
  return totals;
}

/**
 * Groups open records into one column per open stage, most urgent first:
 * overdue next steps (longest overdue first), then records with no next step
 * (oldest first), then the soonest due. Closed records are left out.
 */
export function buildColumns(records: Iterable<BoardRecord>, ctx: CardContext): BoardColumn[] {
  const columns = new Map<string, BoardColumn>();
  for (const stage of ctx.pipeline.stages) if (stage.kind === 'open') columns.set(stage.id, { stage, cards: [], totals: new Map() });
  for (const record of records) {
    const column = columns.get(record.stageId);
    const card = column && cardFor(record, ctx);
    if (!card) continue;
    column.cards.push(card);
    addTotal(column.totals, record);
  }
  for (const column of columns.values()) column.cards.sort((a, b) => a.key - b.key || (a.record.id < b.record.id ? -1 : 1));
  return [...columns.values()];
}

/**
 * Re-places the cards of `ids` (after a move, a live change or a new next
 * step) without regrouping everything: each is taken out of its column and,
 * if `recordOf` still gives a shown record, inserted at its sorted place.
 * Untouched columns are reused as they are.
 */
export function patchColumns(columns: readonly BoardColumn[], ids: Iterable<string>, recordOf: (id: string) => BoardRecord | undefined, ctx: CardContext): BoardColumn[] {
  const next = columns.slice();
  const touched = new Set<number>();
  const own = (i: number): BoardColumn => {
    if (!touched.has(i)) {
      touched.add(i);
      next[i] = { ...next[i]!, cards: next[i]!.cards.slice() };
    }
    return next[i]!;
  };
  for (const id of ids) {
    for (let i = 0; i < next.length; i++) {
      const at = next[i]!.cards.findIndex((c) => c.record.id === id);
      if (at >= 0) own(i).cards.splice(at, 1);
    }
    const record = recordOf(id);
    const i = record ? next.findIndex((c) => c.stage.id === record.stageId) : -1;
    const card = record && i >= 0 ? cardFor(record, ctx) : undefined;
    if (!card) continue;
    const cards = own(i).cards;
    let lo = 0;
    let hi = cards.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(cards[mid]!, card)) lo = mid + 1;
      else hi = mid;
    }
    cards.splice(lo, 0, card);
  }
  for (const i of touched) next[i]!.totals = totalsOf(next[i]!.cards);
  return next;
}
