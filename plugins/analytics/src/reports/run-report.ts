import { localize } from '@crmkit/core';
import { bucketOf } from './date-bucket.js';
import { groupKey, measureKey, type ReportDefinition, type ReportFilter, type ReportMeasure } from './report-definition.js';
import type { ReportFieldType, ReportRow, ReportType } from './report-type.js';

/** A cell of a report result. */
export type ReportValue = string | number | boolean | null;

/** One column of a report result. */
export interface ReportColumn {
  /** Key of the column in every row. */
  key: string;
  /** Header in the CRM's locale. */
  label: string;
  /** `group` columns identify a row; `measure` columns are computed. */
  role: 'group' | 'measure';
  /** Kind of value (`bucket` for a date bucket label). */
  type: ReportFieldType | 'bucket';
  /** The field it comes from (none for `count`). */
  field?: string;
  /** The measure. */
  op?: ReportMeasure['op'];
  /** The date bucket. */
  bucket?: string;
  /** For money: the key of the column holding each row's currency. */
  currency?: string;
  /** For money in one currency: its ISO 4217 code. */
  currencyCode?: string;
  /** Show a ratio (0–1) as a percentage. */
  format?: 'percent';
  /** Display names of the ids a group column holds (users, pipelines, stages, reasons, companies), by id. */
  labels?: Record<string, string>;
}

/** The result of `analytics.run`: columns and rows keyed by column key. */
export interface ReportResult {
  /** Report type id. */
  type: string;
  /** Columns: group columns first, then measures. */
  columns: ReportColumn[];
  /** Rows, sorted and limited as asked. */
  rows: Record<string, ReportValue>[];
  /** Time zone date buckets were computed in. */
  timeZone: string;
}

/** Header of a `count` measure without a field. */
const COUNT_LABEL = { en: 'Count', ru: 'Количество', zh: '数量', mn: 'Тоо', uz: 'Soni' };

/** Currency fields a definition must group by so money is never added across currencies. */
export function currencyColumns(definition: ReportDefinition, type: ReportType): string[] {
  const grouped = new Set((definition.groupBy ?? []).map((g) => g.field));
  const out: string[] = [];
  for (const m of definition.measures ?? []) {
    const cf = m.field ? type.fields[m.field]?.currencyField : undefined;
    if (m.op !== 'count' && cf && !grouped.has(cf) && !out.includes(cf)) out.push(cf);
  }
  return out;
}

const timeOf = (v: unknown): number => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? v : NaN);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

function matcher(f: ReportFilter, type: ReportFieldType): (row: ReportRow) => boolean {
  const norm = (v: unknown): unknown => (type === 'date' ? timeOf(v) : v);
  const target = Array.isArray(f.value) ? f.value.map(norm) : norm(f.value);
  const get = (row: ReportRow) => row[f.field];
  switch (f.op) {
    case 'empty':
      return (r) => isEmpty(get(r));
    case 'notEmpty':
      return (r) => !isEmpty(get(r));
    case 'eq':
      return (r) => norm(get(r)) === target;
    case 'ne':
      return (r) => norm(get(r)) !== target;
    case 'in':
      return (r) => (target as unknown[]).includes(norm(get(r)));
    case 'notIn':
      return (r) => !(target as unknown[]).includes(norm(get(r)));
    case 'contains': {
      const needle = String(f.value).toLowerCase();
      return (r) => typeof get(r) === 'string' && (get(r) as string).toLowerCase().includes(needle);
    }
    default: {
      const cmp = { gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b, lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b }[f.op];
      return (r) => {
        const v = get(r);
        if (isEmpty(v)) return false;
        return cmp(Number(norm(v)), Number(target));
      };
    }
  }
}

function measure(m: ReportMeasure, type: ReportFieldType | undefined, rows: readonly ReportRow[]): ReportValue {
  if (m.op === 'count') return m.field ? rows.filter((r) => !isEmpty(r[m.field as string])).length : rows.length;
  const field = m.field as string;
  const values: number[] = [];
  for (const r of rows) {
    const v = r[field];
    if (isEmpty(v)) continue;
    const n = type === 'date' ? timeOf(v) : Number(v);
    if (!Number.isNaN(n)) values.push(n);
  }
  if (values.length === 0) return m.op === 'sum' ? 0 : null;
  let out: number;
  if (m.op === 'sum') out = values.reduce((a, b) => a + b, 0);
  else if (m.op === 'avg') out = values.reduce((a, b) => a + b, 0) / values.length;
  else if (m.op === 'min') out = values.reduce((a, b) => (b < a ? b : a));
  else if (m.op === 'max') out = values.reduce((a, b) => (b > a ? b : a));
  else {
    values.sort((a, b) => a - b);
    const mid = values.length >> 1;
    out = values.length % 2 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
  }
  return type === 'date' ? new Date(out).toISOString() : out;
}

function compare(a: ReportValue, b: ReportValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** Runs a validated definition over a report type's rows. */
export function runReport(definition: ReportDefinition, type: ReportType, rows: readonly ReportRow[], timeZone: string, locale: string): ReportResult {
  const filters = (definition.filters ?? []).map((f) => matcher(f, type.fields[f.field]?.type ?? 'string'));
  const kept = filters.length ? rows.filter((r) => filters.every((m) => m(r))) : rows;
  const groups = [...(definition.groupBy ?? []), ...currencyColumns(definition, type).map((field) => ({ field }))] as { field: string; bucket?: 'day' | 'week' | 'month' | 'quarter' | 'year' }[];
  const measures = definition.measures ?? [{ op: 'count' as const }];
  const label = (f: string) => localize(type.fields[f]?.label ?? f, locale);
  const columns: ReportColumn[] = [
    ...groups.map((g): ReportColumn => ({ key: groupKey(g), label: label(g.field), role: 'group', type: g.bucket ? 'bucket' : (type.fields[g.field]?.type ?? 'string'), field: g.field, ...(g.bucket ? { bucket: g.bucket } : {}) })),
    ...measures.map((m): ReportColumn => {
      const ft = m.field ? type.fields[m.field]?.type : undefined;
      const valueType: ReportFieldType = m.op === 'count' ? 'number' : ft === 'date' ? 'date' : ft === 'money' ? 'money' : 'number';
      const cf = m.field ? type.fields[m.field]?.currencyField : undefined;
      return { key: measureKey(m), label: m.field ? label(m.field) : m.op === 'count' ? localize(COUNT_LABEL, locale) : m.op, role: 'measure', type: valueType, op: m.op, ...(m.field ? { field: m.field } : {}), ...(valueType === 'money' && cf ? { currency: cf } : {}) };
    }),
  ];
  const buckets = new Map<string, { key: ReportValue[]; rows: ReportRow[] }>();
  for (const r of kept) {
    const key = groups.map((g): ReportValue => {
      const v = r[g.field];
      if (isEmpty(v)) return null;
      if (g.bucket) {
        const t = timeOf(v);
        return Number.isNaN(t) ? null : bucketOf(t, g.bucket, timeZone);
      }
      return v as ReportValue;
    });
    const id = JSON.stringify(key);
    let b = buckets.get(id);
    if (!b) {
      b = { key, rows: [] };
      buckets.set(id, b);
    }
    b.rows.push(r);
  }
  if (groups.length === 0 && buckets.size === 0) buckets.set('[]', { key: [], rows: [] });
  const out: Record<string, ReportValue>[] = [];
  for (const b of buckets.values()) {
    const row: Record<string, ReportValue> = {};
    groups.forEach((g, i) => (row[groupKey(g)] = b.key[i] ?? null));
    for (const m of measures) row[measureKey(m)] = measure(m, m.field ? type.fields[m.field]?.type : undefined, b.rows);
    out.push(row);
  }
  const sort = definition.sort?.length ? definition.sort : groups.map((g) => ({ key: groupKey(g), dir: 'asc' as const }));
  out.sort((a, b) => {
    for (const s of sort) {
      const c = compare(a[s.key] ?? null, b[s.key] ?? null);
      if (c !== 0) return s.dir === 'desc' ? -c : c;
    }
    return 0;
  });
  return { type: type.id, columns, rows: definition.limit !== undefined ? out.slice(0, definition.limit) : out, timeZone };
}
