import type { Runtime } from '../runtime.js';
import { CompanyInputSchema, type Company, type CompanyInput } from '../schemas/company.js';
import { canAccess, type Actor } from './actor.js';
import { expandShorthands } from './contact-service.js';
import { RecordService, type RecordSpec } from './record-service.js';

/** The lookup key of a company name: trimmed, lower-cased, spaces collapsed. @internal */
export function companyNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

const companySpec: RecordSpec<Company> = {
  type: 'company',
  table: 'companies',
  inputSchema: CompanyInputSchema,
  immutable: { id: '', createdAt: '', nameKey: '' },
  required: ['name'],
  referencedBy: [
    { table: 'contacts', type: 'contact', field: 'companyId', index: 'companyId' },
    { table: 'deals', type: 'deal', field: 'companyId', index: 'companyId' },
  ],
  build(input, base) {
    const { phone: _p, email: _e, ...rest } = input;
    const name = input['name'] as string;
    return { ...rest, ...base, name, nameKey: companyNameKey(name), phones: (input['phones'] as string[] | undefined) ?? [], emails: (input['emails'] as string[] | undefined) ?? [] } as Company;
  },
  patch(current, set, unset) {
    const next = { ...current, ...set, custom: { ...current.custom, ...((set['custom'] as object) ?? {}) } } as Company & Record<string, unknown>;
    for (const k of unset) {
      if (k === 'phones' || k === 'emails') next[k] = [];
      else delete next[k];
    }
    next.nameKey = companyNameKey(next.name);
    return next;
  },
  searchText: (c) => [c.name, ...c.phones, ...c.emails, c.city ?? ''].join(' '),
};

/** `crm.companies`: business clients, each with several contact persons (`crm.contacts.list({ companyId })`). */
export class CompanyService extends RecordService<Company, CompanyInput> {
  /** @internal */
  constructor(rt: Runtime, actorOf: () => Actor) {
    super(rt, companySpec, actorOf);
  }

  /** @internal */
  protected override preprocess(input: Record<string, unknown>): Record<string, unknown> {
    return expandShorthands(input);
  }

  /** Companies whose name equals `name`, ignoring case and extra spaces. */
  async findByName(name: string): Promise<Company[]> {
    return (await this.rt.store.query<Company>('companies', { index: 'nameKey', equals: companyNameKey(name) })).filter((c) => canAccess(this.actorOf(), c.ownerId));
  }
}
