import { ensureJitless, validate, ValidationError, type ValidationIssue } from '@crmkit/core';
import * as z from 'zod/mini';
import type { ReportType } from './report-type.js';

/** Filter operators. `empty`/`notEmpty` take no value; `in`/`notIn` take a list. */
export const FILTER_OPS = ['eq', 'ne', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'contains', 'empty', 'notEmpty'] as const;
/** Date buckets for grouping, in the user's time zone. */
export const DATE_BUCKETS = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** Measures. `count` needs no field. */
export const MEASURE_OPS = ['count', 'sum', 'avg', 'min', 'max', 'median'] as const;

const name = z.string().check(z.minLength(1), z.maxLength(200));

/** The shape of a report definition (what `analytics.run` accepts). */
export const ReportDefinitionSchema = z.object({
  /** Report type id: `deals`, `leads`, `activities`, `stage-changes`, `deals-with-contacts`, `deals-with-companies` or a plugin's. */
  type: name,
  /** Every filter must match. */
  filters: z.optional(z.array(z.object({ field: name, op: z.enum(FILTER_OPS), value: z.optional(z.unknown()) })).check(z.maxLength(50))),
  /** Group by these fields (date fields optionally by bucket), in this order. */
  groupBy: z.optional(z.array(z.object({ field: name, bucket: z.optional(z.enum(DATE_BUCKETS)) })).check(z.maxLength(5))),
  /** What to compute per group; default one `count`. */
  measures: z.optional(z.array(z.object({ op: z.enum(MEASURE_OPS), field: z.optional(name), as: z.optional(name) })).check(z.minLength(1), z.maxLength(20))),
  /** Sort by result column keys; default by the group columns. */
  sort: z.optional(z.array(z.object({ key: name, dir: z.optional(z.enum(['asc', 'desc'])) })).check(z.maxLength(10))),
  /** At most this many rows. */
  limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1_000_000))),
  /** IANA time zone for date buckets; default the analytics' (the user's). */
  timeZone: z.optional(name),
});

/** A report definition: report type, filters, grouping, measures, sort and limit. */
export type ReportDefinition = z.input<typeof ReportDefinitionSchema>;
/** One filter of a definition. */
export type ReportFilter = NonNullable<ReportDefinition['filters']>[number];
/** One grouping of a definition. */
export type ReportGroup = NonNullable<ReportDefinition['groupBy']>[number];
/** One measure of a definition. */
export type ReportMeasure = NonNullable<ReportDefinition['measures']>[number];

/** The key of a group column: the field, with `:bucket` when bucketed. */
export function groupKey(g: ReportGroup): string {
  return g.bucket ? `${g.field}:${g.bucket}` : g.field;
}

/** The key of a measure column: `as`, else `op` or `op:field`. */
export function measureKey(m: ReportMeasure): string {
  return m.as ?? (m.field ? `${m.op}:${m.field}` : m.op);
}

function isDateLike(v: unknown): boolean {
  return v instanceof Date ? !Number.isNaN(v.getTime()) : typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

/**
 * Validates a definition: its shape (zod), then its meaning against the
 * report types (known type, fields, buckets on dates only, sums on numbers
 * only, sort keys among the columns, a real time zone). Throws
 * `ValidationError` with one issue per problem, its path naming the field
 * (`['measures', 0, 'field']`).
 */
export function checkDefinition(input: unknown, types: ReadonlyMap<string, ReportType>, locale: string, extraColumns: (d: ReportDefinition, t: ReportType) => string[]): { definition: ReportDefinition; type: ReportType } {
  ensureJitless();
  const definition = validate(ReportDefinitionSchema, input, locale, 'report definition') as ReportDefinition;
  const type = types.get(definition.type);
  const issues: ValidationIssue[] = [];
  const add = (path: (string | number)[], code: string, message: string) => issues.push({ path, code, message });
  if (!type) {
    add(['type'], 'invalid_option', `Unknown report type "${definition.type}" (types: ${[...types.keys()].join(', ')})`);
    throw new ValidationError(issues, 'report definition');
  }
  const field = (path: (string | number)[], f: string) => {
    const spec = type.fields[f];
    if (!spec) add(path, 'invalid_option', `Report type "${type.id}" has no field "${f}"`);
    return spec;
  };
  (definition.filters ?? []).forEach((flt, i) => {
    const spec = field(['filters', i, 'field'], flt.field);
    if (!spec) return;
    const needsValue = flt.op !== 'empty' && flt.op !== 'notEmpty';
    if (!needsValue) return;
    if (flt.value === undefined) return add(['filters', i, 'value'], 'required', `Filter "${flt.op}" needs a value`);
    if (flt.op === 'in' || flt.op === 'notIn') {
      if (!Array.isArray(flt.value)) add(['filters', i, 'value'], 'invalid_type', `Filter "${flt.op}" needs a list of values`);
      return;
    }
    if (flt.op === 'contains') {
      if (spec.type !== 'string' || typeof flt.value !== 'string') add(['filters', i, 'op'], 'invalid_option', '"contains" works on text fields with a text value');
      return;
    }
    if (spec.type === 'date' && !isDateLike(flt.value)) add(['filters', i, 'value'], 'invalid_date', `"${flt.field}" is a date: give a Date or an ISO 8601 string`);
    if ((spec.type === 'number' || spec.type === 'money') && typeof flt.value !== 'number') add(['filters', i, 'value'], 'invalid_type', `"${flt.field}" is a number`);
    if (spec.type === 'boolean' && typeof flt.value !== 'boolean') add(['filters', i, 'value'], 'invalid_type', `"${flt.field}" is true or false`);
  });
  (definition.groupBy ?? []).forEach((g, i) => {
    const spec = field(['groupBy', i, 'field'], g.field);
    if (spec && g.bucket && spec.type !== 'date') add(['groupBy', i, 'bucket'], 'invalid_option', `Only date fields can be bucketed; "${g.field}" is ${spec.type}`);
  });
  (definition.measures ?? []).forEach((m, i) => {
    if (m.op === 'count') {
      if (m.field !== undefined) field(['measures', i, 'field'], m.field);
      return;
    }
    if (m.field === undefined) return add(['measures', i, 'field'], 'required', `Measure "${m.op}" needs a field`);
    const spec = field(['measures', i, 'field'], m.field);
    if (!spec) return;
    const numeric = spec.type === 'number' || spec.type === 'money';
    if (!numeric && !((m.op === 'min' || m.op === 'max') && spec.type === 'date')) add(['measures', i, 'field'], 'invalid_option', `"${m.op}" needs a number field${m.op === 'min' || m.op === 'max' ? ' or a date' : ''}; "${m.field}" is ${spec.type}`);
  });
  const measureKeys = (definition.measures ?? [{ op: 'count' as const }]).map(measureKey);
  measureKeys.forEach((k, i) => {
    if (measureKeys.indexOf(k) !== i) add(['measures', i, 'as'], 'invalid', `Two measures are both named "${k}": give one an "as"`);
  });
  if (definition.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: definition.timeZone });
    } catch {
      add(['timeZone'], 'invalid_option', `Unknown time zone "${definition.timeZone}" (use an IANA name such as "Asia/Ulaanbaatar")`);
    }
  }
  if (issues.length === 0) {
    const keys = new Set([...(definition.groupBy ?? []).map(groupKey), ...extraColumns(definition, type), ...measureKeys]);
    (definition.sort ?? []).forEach((s, i) => {
      if (!keys.has(s.key)) add(['sort', i, 'key'], 'invalid_option', `Sort by a result column: ${[...keys].join(', ')}`);
    });
  }
  if (issues.length) throw new ValidationError(issues, 'report definition');
  return { definition, type };
}
