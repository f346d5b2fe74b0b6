/** A delay written as a number and a unit: `'30s'`, `'10m'`, `'2h'`, `'2d'`, `'1w'`. */
export type Duration = `${number}${'s' | 'm' | 'h' | 'd' | 'w'}`;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Converts a {@link Duration} to milliseconds; throws `RangeError` naming the bad value. */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/.exec(value.trim());
  if (!m) throw new RangeError(`Invalid duration "${value}": use a number and one of s, m, h, d, w (e.g. "2d")`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** True when `value` is a valid {@link Duration}. */
export function isDuration(value: string): boolean {
  return /^(\d+(?:\.\d+)?)\s*([smhdw])$/.test(value.trim());
}
