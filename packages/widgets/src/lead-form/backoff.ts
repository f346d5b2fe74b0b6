/**
 * Delay before attempt `attempt + 1` after `attempt` failures: exponential
 * (`base · 2^(attempt−1)`, capped at `max`) with "equal jitter" — half fixed,
 * half random — so many clients that failed together do not retry together.
 * A server's `Retry-After` is honoured as a floor.
 */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  const jittered = cap / 2 + random() * (cap / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
