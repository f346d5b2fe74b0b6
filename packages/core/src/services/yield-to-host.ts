/** `scheduler.yield()` where the platform has it (Chromium), typed loosely: core has no DOM types. */
type YieldingScheduler = { yield?: () => Promise<void> };

/**
 * Lets the host run other work (paint, input, timers) before continuing:
 * `scheduler.yield()` in browsers that have it, else a macrotask. Long loops
 * (an import's thousands of rows) call it every few milliseconds of work so
 * no single task blocks the page. @internal
 */
export function yieldToHost(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Calls `yieldToHost` once `budgetMs` of work has passed since the last yield; cheap to call per item. @internal */
export function yieldEvery(budgetMs: number): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < budgetMs) return undefined;
    return yieldToHost().then(() => {
      last = performance.now();
    });
  };
}
