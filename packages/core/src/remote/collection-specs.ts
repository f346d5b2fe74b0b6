import type { Crm } from '../crm.js';
import type { Company } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead } from '../schemas/lead.js';
import type { RemoteContext } from './remote-context.js';
import type { CollectionSpec } from './remote-records.js';

function list(input: Record<string, unknown>, many: string, one: string): string[] {
  const values = Array.isArray(input[many]) ? (input[many] as unknown[]) : [];
  const single = input[one];
  return [...values, ...(single !== undefined && single !== null && single !== '' ? [single] : [])].filter((v): v is string => typeof v === 'string');
}

function omit(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...input };
  for (const k of keys) delete out[k];
  return out;
}

/** How each collection maps onto the REST API, and what an offline create shows until the server has it. @internal */
export function collectionSpecs(ctx: RemoteContext, local: Crm): { contacts: CollectionSpec<Contact>; companies: CollectionSpec<Company>; leads: CollectionSpec<Lead>; deals: CollectionSpec<Deal> } {
  const funnel = (input: Record<string, unknown>, entity: 'lead' | 'deal') => {
    const pipelineId = typeof input['pipelineId'] === 'string' ? input['pipelineId'] : ctx.pipelines.defaultFor(entity).id;
    const stageId = typeof input['stageId'] === 'string' ? input['stageId'] : ctx.pipelines.firstOpenStage(pipelineId).id;
    return { pipelineId, stageId, status: ctx.pipelines.stage(pipelineId, stageId).kind };
  };
  return {
    contacts: {
      table: 'contacts',
      path: '/contacts',
      entity: 'contact',
      draft: (input, base) => ({ ...omit(input, ['phone', 'email']), ...base, phones: list(input, 'phones', 'phone'), emails: list(input, 'emails', 'email'), dupKeys: [] }) as unknown as Contact,
      local: () => local.contacts,
    },
    companies: {
      table: 'companies',
      path: '/companies',
      entity: 'company',
      draft: (input, base) => ({ ...omit(input, ['phone', 'email']), ...base, phones: list(input, 'phones', 'phone'), emails: list(input, 'emails', 'email') }) as unknown as Company,
      local: () => local.companies,
    },
    leads: {
      table: 'leads',
      path: '/leads',
      entity: 'lead',
      draft: (input, base) => ({ ...input, ...base, ...funnel(input, 'lead'), dupKeys: [] }) as unknown as Lead,
      local: () => local.leads,
    },
    deals: {
      table: 'deals',
      path: '/deals',
      entity: 'deal',
      draft: (input, base) => ({ currency: 'USD', contactIds: [], ...input, ...base, ...funnel(input, 'deal') }) as unknown as Deal,
      local: () => local.deals,
    },
  };
}
