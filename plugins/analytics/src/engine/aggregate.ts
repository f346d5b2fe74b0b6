/**
 * A report's running totals over one funnel table, kept current by the index:
 * before a batch changes some records their contributions are taken out
 * (`apply(row, -1)`), after it they are put back (`apply(row, +1)`), so a
 * report after a move costs the few changed rows, not a pass over all.
 */
export interface Aggregate {
  /** The table it sums: `deal` or `lead`. */
  readonly entity: 'lead' | 'deal';
  /** Adds (`+1`) or removes (`-1`) one record's contribution. */
  apply(row: number, sign: 1 | -1): void;
  /** False once it cannot follow a change (a currency it has no slot for); the index then drops it. */
  readonly valid: boolean;
}

/** Keep at most this many live aggregates per index (the most recently used). */
export const MAX_AGGREGATES = 32;
/** Rebuild an aggregate from scratch after this many incremental updates (no float drift). */
export const REBUILD_AFTER = 5_000;
