/** The record kinds that can be imported and exported. */
export type ImportEntity = 'contact' | 'company' | 'lead' | 'deal';

/**
 * Where a column goes: a record field (`phone`, `email`, `name`…), a part of
 * one (`name.first`, `name.middle`, `name.last` compose `name`), a link by name
 * (`company`, `contact`, `pipeline`, `stage`, `owner`), the crmkit `id` of an
 * export, or a custom field (`custom.invoiceNo`).
 */
export type ImportTarget = string;

/** Column title → target. Columns left out (or mapped to `''`) are not imported. */
export type Mapping = Record<string, ImportTarget>;

/** The targets each entity accepts (custom fields come on top, as `custom.<name>`). */
export const IMPORT_TARGETS: Readonly<Record<ImportEntity, readonly ImportTarget[]>> = {
  contact: ['id', 'name', 'name.first', 'name.middle', 'name.last', 'phone', 'email', 'position', 'city', 'website', 'note', 'company', 'tags', 'owner'],
  company: ['id', 'name', 'phone', 'email', 'website', 'city', 'address', 'note', 'owner'],
  lead: ['id', 'name', 'name.first', 'name.middle', 'name.last', 'phone', 'email', 'company', 'message', 'source', 'pipeline', 'stage', 'owner'],
  deal: ['id', 'title', 'amount', 'currency', 'pipeline', 'stage', 'company', 'contact', 'closeDate', 'owner'],
};

/** Targets a row may hold several of (several columns, or several values in one cell). */
export const MULTI_VALUE_TARGETS: ReadonlySet<ImportTarget> = new Set(['phone', 'email', 'tags']);

/** Whether `target` is valid for `entity`. */
export function isImportTarget(entity: ImportEntity, target: ImportTarget): boolean {
  return IMPORT_TARGETS[entity].includes(target) || /^custom\.[\w-]+$/.test(target);
}
