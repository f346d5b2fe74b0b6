import { ValidationError, type Store } from '@crmkit/core';
import { BUILTIN_REPORT_TYPES } from './builtin-report-types.js';
import type { ReportType } from './report-type.js';

const registries = new WeakMap<Store, Map<string, ReportType>>();

/** The report types of a CRM (by its store): the built-in ones plus those registered. */
export function reportTypesOf(crm: { store: Store }): Map<string, ReportType> {
  let types = registries.get(crm.store);
  if (!types) {
    types = new Map(BUILTIN_REPORT_TYPES.map((t) => [t.id, t]));
    registries.set(crm.store, types);
  }
  return types;
}

/**
 * Adds a report type to a CRM, for `analytics.run` and the report widgets.
 * Throws `ValidationError` naming the problem: a missing or taken `id`, no
 * `fields`, a `currencyField` that is not a field, or no `rows` reader.
 */
export function registerReportType(crm: { store: Store }, type: ReportType): void {
  const types = reportTypesOf(crm);
  const issues: { path: (string | number)[]; code: string; message: string }[] = [];
  if (typeof type?.id !== 'string' || type.id === '') issues.push({ path: ['id'], code: 'required', message: 'A report type needs an id' });
  else if (types.has(type.id)) issues.push({ path: ['id'], code: 'invalid', message: `Report type "${type.id}" is already registered` });
  if (typeof type?.rows !== 'function') issues.push({ path: ['rows'], code: 'required', message: 'A report type needs a rows(crm) reader' });
  if (!Array.isArray(type?.tables)) issues.push({ path: ['tables'], code: 'required', message: 'A report type lists the store tables its rows come from' });
  const fields = type?.fields && typeof type.fields === 'object' ? type.fields : undefined;
  if (!fields || Object.keys(fields).length === 0) issues.push({ path: ['fields'], code: 'required', message: 'A report type needs at least one field' });
  for (const [name, f] of Object.entries(fields ?? {})) {
    if (!['string', 'number', 'money', 'date', 'boolean'].includes(f?.type)) issues.push({ path: ['fields', name, 'type'], code: 'invalid_option', message: 'Field type is string, number, money, date or boolean' });
    if (f?.currencyField !== undefined && !fields?.[f.currencyField]) issues.push({ path: ['fields', name, 'currencyField'], code: 'invalid_option', message: `No field "${f.currencyField}" holds the currency` });
  }
  if (issues.length) throw new ValidationError(issues, `report type "${String(type?.id)}"`);
  types.set(type.id, type);
}
