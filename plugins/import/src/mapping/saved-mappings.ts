import type { Crm } from '@crmkit/core';
import type { ImportEntity, Mapping } from './fields.js';

/** Which saved mapping: the source system (e.g. `bitrix24`) or, by default, the file's column titles. */
export interface MappingKey {
  /** What the rows become. */
  entity: ImportEntity;
  /** A name for the source, e.g. `bitrix24`; default: the column titles themselves. */
  source?: string;
  /** The column titles (used when `source` is not given). */
  headers?: readonly string[];
}

function metaId(key: MappingKey): string {
  const source = key.source ?? (key.headers ?? []).join('\u001f');
  return `import-mapping:${key.entity}:${source}`;
}

/** Saves a mapping for the next file from the same source (in the store's `meta` table). */
export async function saveMapping(crm: Crm, key: MappingKey, mapping: Mapping): Promise<void> {
  await crm.store.put('meta', { id: metaId(key), mapping: { ...mapping }, savedAt: crm.now().toISOString() });
}

/** The mapping saved for this source, if any (pass it to `suggestMapping` as `saved`). */
export async function loadMapping(crm: Crm, key: MappingKey): Promise<Mapping | undefined> {
  const row = await crm.store.get<{ id: string; mapping: Mapping }>('meta', metaId(key));
  return row ? { ...row.mapping } : undefined;
}
