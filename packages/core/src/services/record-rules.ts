import { ValidationError, type ValidationIssue } from '../errors.js';
import { validationMessage } from '../i18n/validation-messages.js';
import type { Runtime } from '../runtime.js';
import type { RecordType } from '../schemas/activity.js';
import type { StoredRow, TableName } from '../store/store.js';
import { canAccess, type Actor } from './actor.js';

/** What a transform hook may never change: identity, bookkeeping and funnel state (changed only by their own methods). @internal */
export const PROTECTED_FIELDS: readonly string[] = ['id', 'version', 'createdAt', 'updatedAt', 'stageId', 'status', 'pipelineId', 'closedAt', 'closeReason', 'closeComment', 'lostReason', 'lostComment', 'convertedTo', 'leadId', 'contactId', 'dupKeys', 'nameKey', 'duplicateOf', 'history'];

/** The protected fields of an input, copied, to restore after transforms. @internal */
export function pickProtected(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PROTECTED_FIELDS) if (key in input) out[key] = structuredClone(input[key]);
  return out;
}

/**
 * Restores fields a transform may not change (they are ignored, and the
 * plugin is told on `plugin:error`). @internal
 */
export function keepProtected(rt: Runtime, type: RecordType, value: unknown, kept: Record<string, unknown>, plugin: string, hook: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value as Record<string, unknown>;
  const out = { ...(value as Record<string, unknown>) };
  for (const key of PROTECTED_FIELDS) {
    if (JSON.stringify(out[key]) === JSON.stringify(kept[key])) continue;
    if (key in kept) out[key] = kept[key];
    else delete out[key];
    rt.reportPluginError(plugin, hook, new Error(`a transform may not change "${key}" of a ${type}; the change was ignored`));
  }
  return out;
}

/** `record:beforeCreate` transforms of a new record's input; the fields they may not change are put back. @internal */
export async function transformNew(rt: Runtime, type: RecordType, cleaned: Record<string, unknown>): Promise<Record<string, unknown>> {
  const kept = pickProtected(cleaned);
  const { input } = await rt.hooks.transform('record:beforeCreate', { type, input: cleaned }, (payload, plugin) => ({
    ...payload,
    input: keepProtected(rt, type, payload.input, kept, plugin, 'record:beforeCreate'),
  }));
  return input;
}

/**
 * Linked ids (`companyId`, `contactIds`) must name existing records that
 * `actor` may see: `ValidationError` naming the field otherwise, worded the
 * same for a record that does not exist and one the actor may not see (a
 * manager learns nothing about a colleague's records). Ids in `creatingWith`
 * are records the same write creates and are not read. Returns no promise
 * when there is nothing to read. @internal
 */
export function checkLinks(rt: Runtime, spec: { type: RecordType; links?: Readonly<Record<string, TableName>> }, values: Record<string, unknown>, actor: Actor, creatingWith: ReadonlySet<string> = new Set()): Promise<void> | undefined {
  const wanted: { table: TableName; id: string; path: (string | number)[] }[] = [];
  for (const [field, table] of Object.entries(spec.links ?? {})) {
    const v = values[field];
    if (v === undefined || v === null) continue;
    const ids = Array.isArray(v) ? (v as string[]) : [v as string];
    for (const [i, id] of ids.entries()) if (!creatingWith.has(id)) wanted.push({ table, id, path: Array.isArray(v) ? [field, i] : [field] });
  }
  // Nothing to read (no links, or only records the same write creates): no promise, so a caller preparing
  // thousands of rows (an import linking the companies it creates) waits for nothing.
  return wanted.length ? readLinks(rt, spec.type, wanted, actor) : undefined;
}

async function readLinks(rt: Runtime, type: RecordType, wanted: readonly { table: TableName; id: string; path: (string | number)[] }[], actor: Actor): Promise<void> {
  const issues: ValidationIssue[] = [];
  for (const { table, id, path } of wanted) {
    const linked = await rt.store.get<StoredRow & { ownerId?: string }>(table, id);
    if (linked && canAccess(actor, linked.ownerId)) continue;
    issues.push({ path, code: 'invalid_option', message: `${validationMessage('invalid_option', rt.locale)}: no ${table.replace(/ies$/, 'y').replace(/s$/, '')} "${id}"` });
  }
  if (issues.length) throw new ValidationError(issues, type);
}
