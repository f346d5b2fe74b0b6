import { localize, type Crm, type Pipeline } from '@crmkit/core';
import type { ReportFieldRef, ReportType } from './report-type.js';
import type { ReportResult } from './run-report.js';

/** The pipelines whose stages and reasons a report type's ids may name. */
function pipelinesFor(crm: Crm, type: ReportType): Pipeline[] {
  const all = crm.pipelines.list();
  const own = all.filter((p) => p.entity === type.entity);
  return own.length ? own : all;
}

/** One name per id; an id named differently in several pipelines gets its names joined (`Won / Paid`). */
function byId(pairs: Iterable<[string, string]>): Map<string, string> {
  const names = new Map<string, string[]>();
  for (const [id, name] of pairs) {
    const list = names.get(id) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(id, list);
  }
  return new Map([...names].map(([id, list]) => [id, list.join(' / ')]));
}

/** Names of `ids` of the kind `ref`, as `crm`'s acting user may see them (ids it may not see keep no name). */
async function namesOf(crm: Crm, type: ReportType, ref: ReportFieldRef, ids: readonly string[], locale: string): Promise<Map<string, string>> {
  switch (ref) {
    case 'user':
      return new Map(crm.users.list().map((u) => [u.id, u.name]));
    case 'pipeline':
      return new Map(crm.pipelines.list().map((p) => [p.id, localize(p.name, locale)]));
    case 'stage':
      return byId(pipelinesFor(crm, type).flatMap((p) => p.stages.map((s): [string, string] => [s.id, localize(s.name, locale)])));
    case 'reason':
      return byId(pipelinesFor(crm, type).flatMap((p) => p.lossReasons.map((r): [string, string] => [r.id, localize(r.name, locale)])));
    case 'company':
      // Through the service: a company the reader may not see keeps its id, its name is not shown.
      return new Map((await crm.companies.list({ ids })).map((c) => [c.id, c.name]));
  }
}

/**
 * Adds to each group column whose field names ids (`ReportField.ref`) the
 * display names of the values it holds (`ReportColumn.labels`): users'
 * names, pipeline, stage and reason names in `locale`, company names.
 */
export async function labelColumns(result: ReportResult, type: ReportType, crm: Crm, locale = crm.locale): Promise<ReportResult> {
  const columns = await Promise.all(
    result.columns.map(async (c) => {
      const ref = c.role === 'group' && !c.bucket && c.field ? type.fields[c.field]?.ref : undefined;
      if (!ref) return c;
      const ids = [...new Set(result.rows.map((r) => r[c.key]).filter((v): v is string => typeof v === 'string' && v !== ''))];
      if (ids.length === 0) return c;
      const names = await namesOf(crm, type, ref, ids, locale);
      const labels: Record<string, string> = {};
      for (const id of ids) {
        const name = names.get(id);
        if (name) labels[id] = name;
      }
      return Object.keys(labels).length ? { ...c, labels } : c;
    }),
  );
  return { ...result, columns };
}
