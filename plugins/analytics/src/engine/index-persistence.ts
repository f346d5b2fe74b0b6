import type { LoggedStoreChange, Pipeline, Store, StoredRow } from '@crmkit/core';
import type { ActivityTableSnapshot, DictionariesSnapshot, FunnelTableSnapshot } from './table-snapshot.js';

/** Bumped whenever the persisted shape or the meaning of a column changes: older snapshots are then rebuilt. */
export const SNAPSHOT_FORMAT = 1;
/** Id of the snapshot's head row in the store's `meta` table; its parts add `:deals`, `:leads`, `:activities`. */
export const SNAPSHOT_ID = 'crmkit:analytics-index';
const PARTS = ['deals', 'leads', 'activities'] as const;

/** The persisted index, with the change-log position it reflects. */
export interface IndexSnapshot {
  /** Every commit up to this change-log position is in the columns (some later ones may be too). */
  position: number;
  dicts: DictionariesSnapshot;
  deals: FunnelTableSnapshot;
  leads: FunnelTableSnapshot;
  activities: ActivityTableSnapshot;
  /** Stage transitions whose record was not indexed yet. */
  waiting: StoredRow[];
}

/** A store's change log (see `Store.head`). */
export interface ChangeLog {
  head(): Promise<number>;
  tail(): Promise<number>;
  changesSince(seq: number, limit?: number): Promise<LoggedStoreChange[]>;
}

/** The store's change log, when its adapter keeps one (`dexieStore`, the server's SQL stores); else `undefined`. */
export function changeLogOf(store: Store): ChangeLog | undefined {
  const { head, tail, changesSince } = store;
  if (!head || !tail || !changesSince) return undefined;
  return { head: () => head.call(store), tail: () => tail.call(store), changesSince: (seq, limit) => changesSince.call(store, seq, limit) };
}

/**
 * What the columns' codes depend on in the CRM's configuration: pipelines,
 * their order, their stages' order and kinds. A snapshot made under another
 * layout is rebuilt instead of read.
 */
export function layoutKey(pipelines: readonly Pipeline[]): string {
  return JSON.stringify([SNAPSHOT_FORMAT, pipelines.map((p) => [p.id, p.entity, p.stages.map((s) => [s.id, s.kind])])]);
}

interface HeadRow extends StoredRow {
  layout: string;
  stamp: string;
  position: number;
  dicts: DictionariesSnapshot;
  waiting: StoredRow[];
  savedAt: string;
}
interface PartRow extends StoredRow {
  stamp: string;
  table: unknown;
}

/**
 * Reads the persisted index made under `layout`; `undefined` when there is
 * none, it was made under another layout or format, or its parts do not
 * belong together (a torn write). The content is checked when restored.
 */
export async function readSnapshot(store: Store, layout: string): Promise<IndexSnapshot | undefined> {
  const rows = await store.query<StoredRow>('meta', { index: 'id', anyOf: [SNAPSHOT_ID, ...PARTS.map((p) => `${SNAPSHOT_ID}:${p}`)] });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const head = byId.get(SNAPSHOT_ID) as HeadRow | undefined;
  if (!head || head.layout !== layout || typeof head.position !== 'number') return undefined;
  const parts = PARTS.map((p) => byId.get(`${SNAPSHOT_ID}:${p}`) as PartRow | undefined);
  if (parts.some((p) => !p || p.stamp !== head.stamp || !p.table || typeof p.table !== 'object')) return undefined;
  const [deals, leads, activities] = parts.map((p) => (p as PartRow).table);
  return {
    position: head.position,
    dicts: head.dicts,
    waiting: Array.isArray(head.waiting) ? head.waiting : [],
    deals: deals as FunnelTableSnapshot,
    leads: leads as FunnelTableSnapshot,
    activities: activities as ActivityTableSnapshot,
  };
}

/** Writes the index (head and parts in one transaction, so a reader never sees half of it). */
export async function writeSnapshot(store: Store, layout: string, s: IndexSnapshot, now: Date): Promise<void> {
  const stamp = `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const head: HeadRow = { id: SNAPSHOT_ID, layout, stamp, position: s.position, dicts: s.dicts, waiting: s.waiting, savedAt: now.toISOString() };
  const parts: PartRow[] = [
    { id: `${SNAPSHOT_ID}:deals`, stamp, table: s.deals },
    { id: `${SNAPSHOT_ID}:leads`, stamp, table: s.leads },
    { id: `${SNAPSHOT_ID}:activities`, stamp, table: s.activities },
  ];
  await store.transaction(['meta'], async (tx) => {
    await tx.bulkPut('meta', [head, ...parts]);
  });
}
