/** `scheduler.yield()` and `postTask` where the platform has them (Chromium), typed loosely: core has no DOM types. */
type YieldingScheduler = { yield?: () => Promise<void>; postTask?: (task: () => void, options: { priority: 'background' }) => Promise<void> };

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

/**
 * Like `yieldToHost`, but continues only once the host has nothing more urgent to run: a `background`-priority
 * task where the platform has `scheduler.postTask`, else the same as `yieldToHost`. For work that others wait on
 * less than on what it lets through: an import's checking of the next rows, which would otherwise delay the
 * database's answers to the batch being written (`scheduler.yield()` resumes ahead of them). @internal
 */
export function yieldToBackground(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldingScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  return yieldToHost();
}

/**
 * Calls `yieldToHost` (or, `background`, `yieldToBackground`) once `budgetMs` of work has passed since the last
 * yield; cheap to call per item. @internal
 */
export function yieldEvery(budgetMs: number, background = false): () => Promise<void> | undefined {
  let last = performance.now();
  const yieldNow = background ? yieldToBackground : yieldToHost;
  return () => {
    const now = performance.now();
    if (now - last < budgetMs) return undefined;
    return yieldNow().then(() => {
      last = performance.now();
    });
  };
}
