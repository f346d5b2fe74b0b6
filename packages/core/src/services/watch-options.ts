/** Options of `watch`. */
export interface WatchOptions {
  /** Called when a re-query fails (e.g. the store closed). */
  onError?: (error: unknown) => void;
  /**
   * The results in no particular order: the first read is not sorted (a new
   * row goes last, a changed one keeps its place). For a caller that orders
   * the rows itself, e.g. a board grouping 10,000 deals by stage. Ignored
   * with `offset` or `limit`, which need the order. Default: sorted as `list`.
   */
  unordered?: boolean;
}

/** Options of `list`. */
export interface ListOptions {
  /**
   * The results in store order, not sorted (for a caller that orders them
   * itself). Ignored with `offset` or `limit`, which need the order.
   */
  unordered?: boolean;
}
