/**
 * Form-friendly input cleaning: trims strings and drops empty values, so a
 * form that sends `email: ''` for an empty field means "no email", not an
 * invalid one. Nested plain objects (source, utm) are cleaned the same way.
 */
export function cleanInput(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return {};
  return cleanObject(input as Record<string, unknown>);
}

function cleanValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const c = cleanValue(item);
      if (c !== undefined) out.push(c);
    }
    return out;
  }
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = cleanObject(v as Record<string, unknown>);
    return Object.keys(o).length ? o : undefined;
  }
  return v;
}

function cleanObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Every row of an import goes through here: keys, not entries (no pair arrays made per field).
  for (const k of Object.keys(o)) {
    // JSON.parse makes "__proto__" an own key; assigning it would set the prototype.
    if (k === '__proto__') continue;
    const c = cleanValue(o[k]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/**
 * Splits an update patch into values to set and fields to clear (`null` or
 * an empty string clears an optional field).
 */
export function splitPatch(patch: Record<string, unknown>): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || k === '__proto__') continue;
    if (v === null || (typeof v === 'string' && v.trim() === '')) unset.push(k);
    else if (k === 'custom' && v && typeof v === 'object' && !Array.isArray(v)) set[k] = v;
    else {
      const c = cleanValue(v);
      if (c === undefined) unset.push(k);
      else set[k] = c;
    }
  }
  return { set, unset };
}

/** Adds `https://` to a bare domain a person typed (`example.com` → `https://example.com`). */
export function normalizeWebsite(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return t;
  if (/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/.*)?$/u.test(t)) return `https://${t}`;
  return t;
}
