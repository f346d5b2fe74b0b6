/** What a data-layer entry carries from an event's detail: nothing the visitor typed. */
const DATA_LAYER_KEYS = ['idempotencyKey', 'leadId', 'duplicate', 'spam', 'restored', 'reason', 'kind', 'status', 'path'];

/**
 * Tag managers: pushes `{ event, formId, …ids and state }` to `window[name]`
 * (`dataLayer` for an empty name; created when missing). `name` undefined or
 * null: nothing is pushed.
 */
export function pushDataLayer(name: string | null | undefined, event: string, formId: string | undefined, detail: unknown): void {
  if (name === undefined || name === null) return;
  const key = name.trim() || 'dataLayer';
  if (!/^[A-Za-z_$][\w$]*$/.test(key) || key === '__proto__') return;
  const w = window as unknown as Record<string, unknown>;
  const layer = (w[key] ??= []);
  const d = detail as Record<string, unknown>;
  const safe = Object.fromEntries(DATA_LAYER_KEYS.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
  if (Array.isArray(layer)) layer.push({ event, formId, ...safe });
}
