// Assertions shared by the store contract suites (store, bulk, scan, conditional put). They throw plain
// Errors, so the suites run under any test runner: node:test, mocha in the browser, or a store author's own.

/** Throws unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

/** Deep equality through JSON, key order included (rows and id lists the store builds itself). */
export function equal(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

/**
 * Deep equality of plain data whatever order a store gives an object's keys (PostgreSQL's jsonb
 * sorts them); a mismatch shows the text around the first difference.
 */
export function sameData(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(canonical(actual));
  const b = JSON.stringify(canonical(expected));
  if (a === b) return;
  let at = 0;
  while (a[at] === b[at]) at++;
  const around = (text: string) => (text.length > 240 ? `…${text.slice(Math.max(0, at - 120), at + 120)}…` : text);
  throw new Error(`${message}: expected ${around(b)}, got ${around(a)}`);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}

/** Awaits `promise`, expecting it to reject; returns the rejection reason. */
export async function rejects(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`${what} should have been refused`);
}

/** Lets already-queued callbacks run (a change listener must not be expected synchronously). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
