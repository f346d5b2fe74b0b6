import type { Runtime } from '../runtime.js';
import type { TableName } from '../store/store.js';

/** Options of `watch`. */
export interface WatchOptions {
  /** Called when a re-query fails (e.g. the store closed). */
  onError?: (error: unknown) => void;
}

/**
 * Re-runs `read` on relevant store changes, coalescing bursts — for derived
 * results (sums, counts) that cannot be kept row by row; record lists use
 * `liveQuery`. @internal
 */
export function watchQuery<R>(rt: Runtime, tables: readonly TableName[], read: () => Promise<R>, listener: (result: R) => void, options: WatchOptions = {}): () => void {
  let stopped = false;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        try {
          const result = await read();
          if (!stopped) listener(result);
        } catch (err) {
          if (!stopped) options.onError?.(err);
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  const unsubscribe = rt.store.subscribe((changes) => {
    if (!stopped && changes.some((c) => tables.includes(c.table))) void run();
  });
  void run();
  return () => {
    stopped = true;
    unsubscribe();
  };
}
