import type { Company } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal, DealInput } from '../schemas/deal.js';
import type { Lead, LeadInput } from '../schemas/lead.js';
import type { LoseOptions } from '../services/deal-service.js';
import type { CloseOptions, ConversionResult, ConvertOptions } from '../services/lead-service.js';
import { RemoteFunnel, RemoteRecords } from './remote-records.js';
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
  /** Closes a lead as junk or lost (`POST /leads/{id}/close`). */
  close(id: string, options: CloseOptions): Promise<Lead> {
    const body = { reason: options.reason, ...(options.comment ? { comment: options.comment } : {}) };
    return this.action(id, 'close', body, options.version, (l) => ({ stageId: this.ctx.pipelines.lostStage(l.pipelineId).id, pipelineId: l.pipelineId, reason: options.reason, comment: options.comment }));
  }

  /**
   * Converts a lead into a deal, contact and company. It creates three
   * records the server links, so it needs the server: offline it fails with
   * a `StorageError` instead of being queued.
   */
  async convert(id: string, options: ConvertOptions = {}): Promise<ConversionResult> {
    const { ctx } = this;
    await ctx.needServer();
    const { version, ...body } = options;
    const result = await ctx.http.send<ConversionResult>({ method: 'POST', path: `/leads/${encodeURIComponent(id)}/convert`, body, what: { entity: 'lead', id }, ...(version !== undefined ? { ifMatch: version } : {}) });
    await ctx.remember('leads', [result.lead]);
    await ctx.remember('deals', [result.deal]);
    await ctx.remember('contacts', [result.contact as Contact]);
    if (result.company) await ctx.remember('companies', [result.company as Company]);
    return result;
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
