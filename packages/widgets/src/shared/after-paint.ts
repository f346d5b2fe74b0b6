/** Longest wait for a frame: a hidden tab or a paused renderer runs no frames, and the work must still happen. */
const FRAME_FALLBACK_MS = 100;

/**
 * Resolves after the next frame has been painted: the next animation frame
 * callback, then a task (so the frame's style, layout and paint run first).
 * An optimistic change rendered before this call is on screen when it
 * resolves, so slower work started then (a save, a query) cannot delay it.
 * In a hidden document, or when no frame comes within 100 ms, it resolves
 * after a task alone.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const task = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      // A task after the frame callback runs after the frame's rendering steps.
      setTimeout(resolve, 0);
    };
    const fallback = setTimeout(task, document.visibilityState === 'hidden' ? 0 : FRAME_FALLBACK_MS);
    requestAnimationFrame(task);
  });
}
