import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import type { RecordBase } from '../schemas/common.js';
import type { TableName } from '../store/store.js';
import type { ListQuery } from './record-spec.js';

/** Query fields `list` may answer from an index, most selective first. @internal */
export const INDEX_ORDER: readonly (keyof ListQuery)[] = ['stageId', 'companyId', 'contactId', 'pipelineId', 'ownerId', 'status'];

/** True when `table` has an index on `key` that `list` can use. @internal */
export function hasListIndex(table: TableName, key: string): boolean {
  const indexes: Record<string, readonly string[]> = {
    contacts: ['ownerId', 'companyId'],
    companies: ['ownerId'],
    leads: ['ownerId', 'pipelineId', 'stageId', 'status', 'contactId'],
    deals: ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId', 'contactId'],
  };
  return indexes[table]?.includes(key) ?? false;
}

/** The order of `list` results: `sort` (default newest first), then id. @internal */
export function compareBy<T extends RecordBase>(sort: ListQuery['sort'] = '-createdAt'): (a: T, b: T) => number {
  const field = sort.replace('-', '') as 'createdAt' | 'updatedAt';
  const dir = sort.startsWith('-') ? -1 : 1;
  return (a, b) => (a[field] < b[field] ? -dir : a[field] > b[field] ? dir : a.id < b.id ? -dir : a.id > b.id ? dir : 0);
}

const partials = new WeakMap<$ZodType, $ZodType>();
/** The partial of an object schema (patches are checked against it), built once per schema. @internal */
export function partialOf(schema: $ZodType): $ZodType {
  let p = partials.get(schema);
  if (!p) {
    p = z.partial(schema as unknown as z.ZodMiniObject) as unknown as $ZodType;
    partials.set(schema, p);
  }
  return p;
}

