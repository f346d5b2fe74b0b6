import { localize, type Crm, type Pipeline } from '@crmkit/core';
import type { ImportEntity } from '../mapping/fields.js';

/** One exported column: its title and how a record gives its cell. @internal */
export interface ExportColumn {
  title: string;
  value(record: Record<string, unknown>): string | number | undefined;
}

/** Names of what records point at, as the current user may see them. @internal */
export interface ExportLookups {
  companies: Map<string, string>;
  contacts: Map<string, string>;
  users: Map<string, string>;
  pipelines: readonly Pipeline[];
  locale: string;
}

const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : undefined);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The columns of an export: titles `suggestMapping` maps back, so an export imports without any mapping work. @internal */
export function exportColumns(entity: ImportEntity, customNames: readonly string[], lk: ExportLookups): ExportColumn[] {
  const field = (title: string, key: string): ExportColumn => ({ title, value: (r) => str(r[key]) });
  const owner: ExportColumn = { title: 'Owner', value: (r) => lk.users.get(r['ownerId'] as string) ?? str(r['ownerId']) };
  const pipeline: ExportColumn = { title: 'Pipeline', value: (r) => str(r['pipelineId']) };
  const stage: ExportColumn = {
    title: 'Stage',
    value: (r) => {
      const s = lk.pipelines.find((p) => p.id === r['pipelineId'])?.stages.find((x) => x.id === r['stageId']);
      return s ? localize(s.name, lk.locale) : str(r['stageId']);
    },
  };
  const id: ExportColumn = { title: 'crmkit ID', value: (r) => str(r['id']) };
  const company: ExportColumn = { title: 'Company', value: (r) => lk.companies.get(r['companyId'] as string) };
  const columns: Record<ImportEntity, ExportColumn[]> = {
    contact: [id, field('Name', 'name'), { title: 'Phone', value: (r) => list(r['phones']) }, { title: 'Email', value: (r) => list(r['emails']) }, field('Position', 'position'), field('City', 'city'), field('Website', 'website'), company, { title: 'Tags', value: (r) => list(r['tags']) }, owner, field('Note', 'note')],
    company: [id, field('Name', 'name'), { title: 'Phone', value: (r) => list(r['phones']) }, { title: 'Email', value: (r) => list(r['emails']) }, field('Website', 'website'), field('City', 'city'), field('Address', 'address'), owner, field('Note', 'note')],
    lead: [id, field('Name', 'name'), field('Phone', 'phone'), field('Email', 'email'), { title: 'Company', value: (r) => str(r['companyName']) }, field('Message', 'message'), { title: 'Source', value: (r) => str((r['source'] as { channel?: string } | undefined)?.channel) }, pipeline, stage, owner],
    deal: [
      id, field('Deal name', 'title'), { title: 'Amount', value: (r) => (typeof r['amount'] === 'number' ? r['amount'] : undefined) }, field('Currency', 'currency'), pipeline, stage, company,
      { title: 'Contact person', value: (r) => ((r['contactIds'] as string[] | undefined) ?? []).map((c) => lk.contacts.get(c)).filter(Boolean).join('; ') || undefined },
      { title: 'Expected close date', value: (r) => str(r['expectedCloseDate'])?.slice(0, 10) }, owner,
    ],
  };
  return [...columns[entity], ...customNames.map((name) => ({ title: name, value: (r: Record<string, unknown>) => {
    const v = (r['custom'] as Record<string, unknown> | undefined)?.[name];
    return v === undefined || v === null ? undefined : Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? v : String(v);
  } }))];
}

/** Loads the names an export shows instead of ids (only what the current user may see). @internal */
export async function exportLookups(crm: Crm, entity: ImportEntity): Promise<ExportLookups> {
  const companies = entity === 'contact' || entity === 'deal' ? await crm.companies.list() : [];
  const contacts = entity === 'deal' ? await crm.contacts.list() : [];
  return {
    companies: new Map(companies.map((c) => [c.id, c.name])),
    contacts: new Map(contacts.map((c) => [c.id, c.name])),
    users: new Map(crm.users.list().map((u) => [u.id, u.name])),
    pipelines: entity === 'deal' || entity === 'lead' ? crm.pipelines.list(entity) : [],
    locale: crm.locale,
  };
}
