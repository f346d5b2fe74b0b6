/** Options of `watch`. */
export interface WatchOptions {
  /** Called when a re-query fails (e.g. the store closed). */
  onError?: (error: unknown) => void;
}
