import type { ActivityTable } from './activity-table.js';
import { capacityFor, decodeColumn, encodeColumn, type Column } from './column-codec.js';
import type { Dictionaries, FunnelTable } from './funnel-table.js';

/** The per-record columns of a funnel table, as persisted. */
const FUNNEL_COLUMNS = ['alive', 'live', 'pipeline', 'stage', 'status', 'created', 'closed', 'amount', 'currency', 'owner', 'reason', 'source', 'campaign', 'spam', 'furthest', 'enteredMask', 'lastTrAt'] as const;
/** The stage-transition columns of a funnel table. */
const TRANSITION_COLUMNS = ['trRow', 'trFrom', 'trTo', 'trAt'] as const;
/** The columns of the next-step table. */
const ACTIVITY_COLUMNS = ['alive', 'owner', 'assignee', 'pending', 'due', 'done'] as const;

/**
 * A funnel table as persisted: typed columns as base64, string lists as one
 * JSON text each (a store reads one long string much faster than 100,000
 * short ones).
 */
export interface FunnelTableSnapshot {
  size: number;
  /** JSON list of record ids, by slot. */
  ids: string;
  /** JSON list of linked record ids (or null), by slot. */
  link: string;
  columns: Record<string, string>;
  trSize: number;
  transitions: Record<string, string>;
  /** JSON list of the history ids of the transitions applied, sorted (a replayed entry is not counted twice). */
  seen: string;
  /** Stage indexes ≥ 32 entered, per slot. */
  enteredHigh: [number, number[]][];
}

/** The next-step table as persisted. */
export interface ActivityTableSnapshot {
  size: number;
  /** JSON list of step ids, by slot. */
  ids: string;
  /** JSON list of the steps' records, by slot. */
  recordId: string;
  columns: Record<string, string>;
}

/** The dictionaries' values, code order. */
export type DictionariesSnapshot = Record<keyof Dictionaries, string[]>;

type Columns<T, K extends keyof T> = Pick<T, K> & Record<K, Column>;

function encodeAll<T, K extends keyof T>(table: Columns<T, K>, names: readonly K[], size: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) out[name as string] = encodeColumn(table[name] as Column, size);
  return out;
}

function decodeAll<T, K extends keyof T>(table: Columns<T, K>, names: readonly K[], encoded: Record<string, unknown> | undefined, size: number): void {
  if (!encoded || typeof encoded !== 'object') throw new TypeError('the snapshot has no columns');
  const cap = capacityFor(size);
  // Decode every column before assigning any, so a bad snapshot leaves the table as it was.
  const decoded = names.map((name) => decodeColumn(table[name] as Column, encoded[name as string], size, cap));
  names.forEach((name, i) => ((table as Record<K, Column>)[name] = decoded[i] as Column));
}

function strings(value: unknown, size: number, what: string): string[] {
  if (!Array.isArray(value) || value.length !== size || value.some((v) => typeof v !== 'string')) throw new TypeError(`the snapshot's ${what} are not ${size} strings`);
  return value as string[];
}

/** A JSON list of `size` strings (or, with `nullable`, nulls). */
function unpack(text: unknown, size: number | undefined, what: string, nullable = false): (string | null)[] {
  const list: unknown = typeof text === 'string' ? JSON.parse(text) : undefined;
  if (!Array.isArray(list) || (size !== undefined && list.length !== size)) throw new TypeError(`the snapshot's ${what} are not a list of ${size ?? 'any number of'} strings`);
  for (const v of list) if (typeof v !== 'string' && !(nullable && v === null)) throw new TypeError(`the snapshot's ${what} hold a non-string`);
  return list as (string | null)[];
}

/** A funnel table's state as persisted. */
export function snapshotFunnelTable(t: FunnelTable): FunnelTableSnapshot {
  return {
    size: t.size,
    ids: JSON.stringify(t.ids.slice(0, t.size)),
    link: JSON.stringify(Array.from({ length: t.size }, (_, i) => t.link[i] ?? null)),
    columns: encodeAll(t, FUNNEL_COLUMNS, t.size),
    trSize: t.trSize,
    transitions: encodeAll(t, TRANSITION_COLUMNS, t.trSize),
    seen: JSON.stringify(t.seenIds()),
    enteredHigh: [...t.enteredHigh].map(([row, set]) => [row, [...set]]),
  };
}

/** Loads a persisted state into an empty funnel table; throws on a malformed snapshot. */
export function restoreFunnelTable(t: FunnelTable, s: FunnelTableSnapshot): void {
  const size = s.size;
  if (!Number.isInteger(size) || size < 0 || !Number.isInteger(s.trSize) || s.trSize < 0) throw new TypeError('the snapshot has no table size');
  const ids = unpack(s.ids, size, 'ids') as string[];
  const link = unpack(s.link, size, 'links', true);
  const seen = unpack(s.seen, undefined, 'transition ids') as string[];
  decodeAll(t, FUNNEL_COLUMNS, s.columns, size);
  decodeAll(t, TRANSITION_COLUMNS, s.transitions, s.trSize);
  t.size = size;
  t.ids = ids;
  t.link = link.map((v) => v ?? undefined);
  t.rowOf.clear();
  ids.forEach((id, row) => t.rowOf.set(id, row));
  t.trSize = s.trSize;
  t.seenTransitions.clear();
  for (let i = 1; i < seen.length; i++) if ((seen[i - 1] as string) >= (seen[i] as string)) throw new TypeError("the snapshot's transition ids are not sorted");
  t.seenSorted = seen;
  t.enteredHigh.clear();
  for (const [row, stages] of s.enteredHigh ?? []) t.enteredHigh.set(row, new Set(stages));
}

/** The next-step table's state as persisted. */
export function snapshotActivityTable(t: ActivityTable): ActivityTableSnapshot {
  return { size: t.size, ids: JSON.stringify(t.ids.slice(0, t.size)), recordId: JSON.stringify(t.recordId.slice(0, t.size)), columns: encodeAll(t, ACTIVITY_COLUMNS, t.size) };
}

/** Loads a persisted state into an empty next-step table; throws on a malformed snapshot. */
export function restoreActivityTable(t: ActivityTable, s: ActivityTableSnapshot): void {
  const size = s.size;
  if (!Number.isInteger(size) || size < 0) throw new TypeError('the snapshot has no table size');
  const ids = unpack(s.ids, size, 'next step ids') as string[];
  const recordId = unpack(s.recordId, size, 'next step records') as string[];
  decodeAll(t, ACTIVITY_COLUMNS, s.columns, size);
  t.size = size;
  t.ids = ids;
  t.recordId = recordId;
  t.rowOf.clear();
  ids.forEach((id, row) => t.rowOf.set(id, row));
}

/** The dictionaries' values. */
export function snapshotDictionaries(d: Dictionaries): DictionariesSnapshot {
  return { users: [...d.users.values], currencies: [...d.currencies.values], reasons: [...d.reasons.values], sources: [...d.sources.values], campaigns: [...d.campaigns.values], pipelines: [...d.pipelines.values] };
}

/**
 * Loads persisted values into the dictionaries, so codes mean what they meant
 * when saved. The pipelines dictionary is already filled from the CRM's
 * pipelines: the snapshot must agree with it.
 */
export function restoreDictionaries(d: Dictionaries, s: DictionariesSnapshot): void {
  const names = ['users', 'currencies', 'reasons', 'sources', 'campaigns', 'pipelines'] as const;
  for (const name of names) strings(s[name], Array.isArray(s[name]) ? s[name].length : 0, `${name} dictionary values`);
  if (s.pipelines.length !== d.pipelines.size || s.pipelines.some((p, i) => d.pipelines.values[i] !== p)) throw new TypeError('the snapshot was made with other pipelines');
  for (const name of names) {
    if (name === 'pipelines') continue;
    if (d[name].size !== 0) throw new TypeError('dictionaries can only be restored into an empty index');
    for (const v of s[name]) d[name].code(v);
  }
}
