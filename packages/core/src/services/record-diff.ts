/** Fields never reported as field changes: bookkeeping, and funnel state (recorded as stage_changed/closed). */
const INTERNAL_FIELDS = new Set(['updatedAt', 'version', 'dupKeys', 'nameKey', 'stageId', 'status', 'closeReason', 'closeComment', 'lostReason', 'lostComment', 'closedAt', 'convertedTo']);

/** Field-level differences between two versions of a record. @internal */
export function diffRecords(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (INTERNAL_FIELDS.has(key)) continue;
    if (key === 'custom') {
      const ca = (a[key] ?? {}) as Record<string, unknown>;
      const cb = (b[key] ?? {}) as Record<string, unknown>;
      for (const ck of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
        if (JSON.stringify(ca[ck]) !== JSON.stringify(cb[ck])) out[`custom.${ck}`] = { from: ca[ck] ?? null, to: cb[ck] ?? null };
      }
      continue;
    }
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = { from: a[key] ?? null, to: b[key] ?? null };
  }
  return out;
}
