import type { Company } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal, DealInput } from '../schemas/deal.js';
import type { Lead, LeadInput } from '../schemas/lead.js';
import type { LoseOptions } from '../services/deal-service.js';
import type { CloseOptions, ConversionResult, ConvertOptions } from '../services/lead-service.js';
import { RemoteFunnel, RemoteRecords, type CollectionSpec } from './remote-records.js';
import { QUEUED, type RemoteContext } from './remote-context.js';
import { ValidationError } from '../errors.js';
import type { RecordBase } from '../schemas/common.js';
import type { StoredRow } from '../store/store.js';
import type { ContactInput } from '../schemas/contact.js';
import type { CompanyInput } from '../schemas/company.js';
import type { Handles } from '../handles.js';

/** `crm.deals` over the team server. @internal */
export class RemoteDeals extends RemoteFunnel<Deal, DealInput> {
  /** Wins a deal (`POST /deals/{id}/win`); offline, queued and shown won meanwhile. */
  win(id: string, options: { version?: number } = {}): Promise<Deal> {
    return this.action(id, 'win', undefined, options.version, (d) => ({ stageId: this.ctx.pipelines.wonStage(d.pipelineId).id, pipelineId: d.pipelineId }));
  }

  /** Loses a deal with a reason (`POST /deals/{id}/lose`). */
  lose(id: string, options: LoseOptions): Promise<Deal> {
    const body = { reason: options.reason, ...(options.comment ? { comment: options.comment } : {}) };
    return this.action(id, 'lose', body, options.version, (d) => ({ stageId: this.ctx.pipelines.lostStage(d.pipelineId).id, pipelineId: d.pipelineId, reason: options.reason, comment: options.comment }));
  }
}

/** `crm.leads` over the team server. @internal */
export class RemoteLeads extends RemoteFunnel<Lead, LeadInput> {
  constructor(
    ctx: RemoteContext,
    spec: CollectionSpec<Lead>,
    /** How the records a conversion creates look offline until the server has them. */
    private readonly drafts: { contacts: CollectionSpec<Contact>; companies: CollectionSpec<Company>; deals: CollectionSpec<Deal> },
  ) {
    super(ctx, spec);
  }

  /** Closes a lead as junk or lost (`POST /leads/{id}/close`). */
  close(id: string, options: CloseOptions): Promise<Lead> {
    const body = { reason: options.reason, ...(options.comment ? { comment: options.comment } : {}) };
    return this.action(id, 'close', body, options.version, (l) => ({ stageId: this.ctx.pipelines.lostStage(l.pipelineId).id, pipelineId: l.pipelineId, reason: options.reason, comment: options.comment }));
  }

  /**
   * Converts a lead into a deal, contact and company (`POST
   * /leads/{id}/convert`, `If-Match` the lead's version). Offline it is
   * queued like any write: the lead shows converted at once, with the deal
   * (and a new contact and company, unless the lead's own contact or a cached
   * company of that name is reused) under provisional ids that the server's
   * ids replace when the conversion lands; the replay carries its
   * `Idempotency-Key`, so it converts once. If someone changed or converted
   * the lead meanwhile, the replay is a conflict (`sync:failed`), and the
   * provisional records are dropped.
   */
  async convert(id: string, options: ConvertOptions = {}): Promise<ConversionResult> {
    const { ctx } = this;
    const { version, ...body } = options;
    const lead = await this.get(id);
    if (lead.status === 'won') throw new ValidationError([{ path: ['status'], code: 'invalid', message: `Lead "${id}" is already converted` }], 'lead');
    const plan = await this.conversionPlan(lead, options);
    const answer = await ctx.write<ConversionResult>({
      method: 'POST',
      path: `/leads/${encodeURIComponent(id)}/convert`,
      body,
      table: 'leads',
      recordId: id,
      what: { entity: 'lead', id },
      provisionalIds: plan.provisionalIds,
      ifMatch: version ?? lead.version,
    });
    if (answer !== QUEUED) {
      await ctx.remember('leads', [answer.lead]);
      await ctx.remember('deals', [answer.deal]);
      await ctx.remember('contacts', [answer.contact as Contact]);
      if (answer.company) await ctx.remember('companies', [answer.company as Company]);
      return answer;
    }
    if (plan.provisionalIds['company']) await ctx.provisional('companies', plan.company as Company);
    if (plan.provisionalIds['contact']) await ctx.provisional('contacts', plan.contact);
    await ctx.provisional('deals', plan.deal);
    const at = ctx.now().toISOString();
    const converted: Record<string, unknown> = {
      ...lead,
      stageId: ctx.pipelines.wonStage(lead.pipelineId).id,
      status: 'won',
      contactId: plan.contact.id,
      convertedTo: { dealId: plan.deal.id, contactId: plan.contact.id, ...(plan.company ? { companyId: plan.company.id } : {}) },
      closedAt: at,
      updatedAt: at,
    };
    delete converted['closeReason'];
    delete converted['closeComment'];
    await ctx.provisional('leads', converted as unknown as Lead);
    return { lead: converted as unknown as Lead, deal: plan.deal, contact: plan.contact, ...(plan.company ? { company: plan.company } : {}) };
  }

  /** What a conversion will show offline: the lead's own (cached) contact or a new one, a cached company of its name or a new one, and the deal. */
  private async conversionPlan(lead: Lead, options: ConvertOptions): Promise<{ deal: Deal; contact: Contact; company?: Company; provisionalIds: Record<string, string> }> {
    const { ctx } = this;
    const at = ctx.now().toISOString();
    const ownerId = lead.ownerId === 'system' ? ctx.actor.id : lead.ownerId;
    const base = (id: string) => ({ id, createdAt: at, updatedAt: at, version: 1, ownerId, custom: {} }) as RecordBase;
    const provisionalIds: Record<string, string> = {};
    const label = lead.name ?? lead.phone ?? lead.email ?? Object.values(lead.handles ?? {})[0] ?? 'Client';
    const wantCompany = (options.createCompany ?? Boolean(lead.companyName)) && Boolean(lead.companyName);
    let company = wantCompany ? (await ctx.local.companies.findByName(lead.companyName!))[0] : undefined;
    if (wantCompany && !company) company = this.drafts.companies.draft({ name: lead.companyName }, base((provisionalIds['company'] = ctx.provisionalId())));
    let contact = lead.contactId ? await ctx.cache.get<Contact & StoredRow>('contacts', lead.contactId) : undefined;
    contact ??= this.drafts.contacts.draft(
      { name: label, ...(lead.phone ? { phone: lead.phone } : {}), ...(lead.email ? { email: lead.email } : {}), ...(lead.handles ? { handles: lead.handles } : {}), ...(company ? { companyId: company.id } : {}), ...(lead.source ? { source: lead.source } : {}) },
      base((provisionalIds['contact'] = ctx.provisionalId())),
    );
    const deal = this.drafts.deals.draft(
      {
        ...options.deal,
        title: options.title ?? lead.companyName ?? label,
        ...((options.amount ?? options.deal?.amount) !== undefined ? { amount: options.amount ?? options.deal?.amount } : {}),
        ...((options.currency ?? options.deal?.currency) !== undefined ? { currency: options.currency ?? options.deal?.currency } : {}),
        ...((options.pipelineId ?? options.deal?.pipelineId) !== undefined ? { pipelineId: options.pipelineId ?? options.deal?.pipelineId } : {}),
        ...(company ? { companyId: company.id } : {}),
        contactIds: [contact.id],
        leadId: lead.id,
      },
      base((provisionalIds['deal'] = ctx.provisionalId())),
    );
    return { deal, contact, ...(company ? { company } : {}), provisionalIds };
  }
}

/** `crm.contacts` over the team server. @internal */
export class RemoteContacts extends RemoteRecords<Contact, ContactInput> {
  /** Contacts the signed-in user may see whose normalised phone, email or messenger handle matches (read fresh from the server when it can be reached). */
  async findDuplicates(input: { phone?: string; phones?: string[]; email?: string; emails?: string[]; handles?: Handles }): Promise<Contact[]> {
    await this.list();
    return this.ctx.local.contacts.findDuplicates(input);
  }
}

/** `crm.companies` over the team server. @internal */
export class RemoteCompanies extends RemoteRecords<Company, CompanyInput> {
  /** Companies the signed-in user may see with this name (case and spacing aside). */
  async findByName(name: string): Promise<Company[]> {
    await this.list();
    return this.ctx.local.companies.findByName(name);
  }
}
