import { ConflictError, NotFoundError, StageTransitionError, ValidationError } from '../errors.js';
import { validationMessage } from '../i18n/validation-messages.js';
import { newId } from '../ids.js';
import { handleKeys } from '../handles.js';
import { emailKey, phoneKey } from '../phone.js';
import type { Runtime } from '../runtime.js';
import type { Activity } from '../schemas/activity.js';
import type { Company } from '../schemas/company.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal, DealInput } from '../schemas/deal.js';
import type { HistoryEntry } from '../schemas/history.js';
import { LeadFieldsSchema, LeadInputSchema, type Lead, type LeadInput } from '../schemas/lead.js';
import type { Stage } from '../schemas/pipeline.js';
import { assertAccess, canAccess, type Actor } from './actor.js';
import type { CompanyService } from './company-service.js';
import type { ContactService } from './contact-service.js';
import type { DealService } from './deal-service.js';
import { FunnelService, type MoveOptions, type NextStepInput } from './funnel-service.js';
import { checkNextStep } from './stage-rules.js';
import type { RecordSpec } from './record-service.js';
import { withImportEntry } from './import-history.js';

/** Options of `crm.leads.convert`. */
export interface ConvertOptions {
  /** Deal pipeline; default: the first deal pipeline (`sales`). */
  pipelineId?: string;
  /** Deal title; default: the company name, else the lead's name, else its phone/email. */
  title?: string;
  /** Deal amount. */
  amount?: number;
  /** Deal currency. */
  currency?: string;
  /** Create (or reuse) a company from the lead's company name; default true when it has one. */
  createCompany?: boolean;
  /** Extra deal fields (custom fields, expected close date). */
  deal?: Partial<DealInput>;
  /** The lead version the caller last saw. */
  version?: number;
  /** The deal's next step, scheduled in the same write (the lead's pending steps move to the deal too). */
  nextStep?: NextStepInput;
}

/** What `convert` produced. */
export interface ConversionResult {
  /** The lead, now in its won stage. */
  lead: Lead;
  /** The new deal. */
  deal: Deal;
  /** The contact: the one the lead matched, or a new one. */
  contact: Contact;
  /** The company, when the lead named one. */
  company?: Company;
}

/** Options of `crm.leads.close`. */
export interface CloseOptions {
  /** Loss reason id from the lead pipeline's list. */
  reason: string;
  /** Required for reasons such as "other". */
  comment?: string;
  /** The version the caller last saw. */
  version?: number;
}

function leadDupKeys(rt: Runtime, lead: { phone?: string; email?: string; handles?: Record<string, string> }): string[] {
  return [...(lead.phone ? [phoneKey(lead.phone, rt.phoneCountry)] : []), ...(lead.email ? [emailKey(lead.email)] : []), ...handleKeys(lead.handles)];
}

function leadSpec(rt: Runtime): RecordSpec<Lead> {
  return {
    type: 'lead',
    table: 'leads',
    inputSchema: LeadInputSchema,
    fieldsSchema: LeadFieldsSchema,
    immutable: { id: '', createdAt: '', stageId: 'moveToStage', status: 'moveToStage, convert or close', pipelineId: '', convertedTo: 'convert', contactId: '', dupKeys: '' },
    required: [],
    build(input, base) {
      const pipelineId = (input['pipelineId'] as string | undefined) ?? rt.pipelines.defaultFor('lead').id;
      const pipeline = rt.pipelines.list('lead').find((p) => p.id === pipelineId);
      if (!pipeline) throw new ValidationError([{ path: ['pipelineId'], code: 'invalid_option', message: `No lead pipeline "${pipelineId}"` }], 'lead');
      const lead = { ...input, ...base, pipelineId, stageId: rt.pipelines.firstOpenStage(pipelineId).id, status: 'open' } as Lead;
      lead.dupKeys = leadDupKeys(rt, lead);
      return lead;
    },
    patch(current, set, unset) {
      const next = { ...current, ...set, custom: { ...current.custom, ...((set['custom'] as object) ?? {}) } } as Lead & Record<string, unknown>;
      for (const k of unset) delete next[k];
      next.dupKeys = leadDupKeys(rt, next);
      return next;
    },
    searchText: (l) => [l.name ?? '', l.phone ?? '', l.email ?? '', ...Object.values(l.handles ?? {}), l.companyName ?? '', l.message ?? ''].join(' '),
  };
}

/** `crm.leads`: the lead funnel. A lead ends converted (deal + contact + company) or closed as junk with a reason. */
export class LeadService extends FunnelService<Lead, LeadInput> {
  /** @internal */
  related!: { contacts: ContactService; companies: CompanyService; deals: DealService };

  /** @internal */
  constructor(rt: Runtime, actorOf: () => Actor) {
    super(rt, leadSpec(rt), actorOf);
  }

  /**
   * @internal Duplicate control: a lead whose phone or email matches a
   * contact its owner may see is linked to it (`contactId`); a match the
   * owner may not see is only flagged (`duplicateOf`, in the `created`
   * history entry) for a head to review, never linked or shown.
   */
  protected override async linkOnCreate(_actor: Actor, lead: Lead): Promise<void> {
    const matches = await this.related.contacts.findByKeys(lead.dupKeys);
    const owner = this.actorFor(lead.ownerId);
    const visible = matches.find((c) => canAccess(owner, c.ownerId));
    if (visible) lead.contactId = visible.id;
    else if (matches[0]) lead.duplicateOf = matches[0].id;
  }

  /** @internal The actor a record's owner acts as. */
  actorFor(userId: string): Actor {
    const user = this.rt.users.get(userId);
    return user ? { id: user.id, role: user.role } : { id: userId, role: userId === 'system' || this.rt.users.size === 0 ? 'system' : 'manager' };
  }

  /** Creates many leads in one write, each linked to the contact it matches (see `createMany` of records). */
  override async createMany(inputs: readonly LeadInput[]): Promise<Lead[]> {
    const actor = this.actorOf();
    const leads = await this.prepareMany(actor, inputs);
    for (const lead of leads) await this.linkOnCreate(actor, lead);
    return this.commitMany(actor, leads);
  }

  /** @internal */
  protected override createdData(record: Lead): Record<string, unknown> {
    return { stage: record.stageId, pipelineId: record.pipelineId, source: record.source, contactId: record.contactId, ...(record.duplicateOf ? { duplicateOf: record.duplicateOf } : {}) };
  }

  /** @internal A lead must stay reachable, and keep what its stage's guards require. */
  protected override checkChanged(next: Lead): void {
    super.checkChanged(next);
    if (!next.phone && !next.email) {
      throw new ValidationError([{ path: ['phone'], code: 'phone_or_email', message: validationMessage('phone_or_email', this.rt.locale) }], 'lead');
    }
  }

  /** @internal A converted lead is final: it cannot be closed, reopened or moved. */
  protected override assertMovable(lead: Lead, to: Stage): void {
    if (lead.status === 'won' && to.id !== lead.stageId) {
      throw new StageTransitionError(`Lead "${lead.id}" is converted: that is final, work its deal "${lead.convertedTo?.dealId ?? ''}" instead`, 'core', lead.stageId, to.id);
    }
  }

  /** @internal */
  protected override applyOutcome(record: Lead & Record<string, unknown>, to: Stage, options: MoveOptions): void {
    if (to.kind === 'lost') {
      record.closeReason = options.reason;
      if (options.comment) record.closeComment = options.comment;
      else delete record.closeComment;
    } else {
      delete record.closeReason;
      delete record.closeComment;
    }
  }

  /** Moves the lead; entering the won stage converts it with default options. */
  override async moveToStage(id: string, stageId: string, options: MoveOptions = {}): Promise<Lead> {
    const actor = this.actorOf();
    const lead = await this.get(id);
    if (lead.status !== 'won' && this.pipelineOf(lead).stages.find((s) => s.id === stageId)?.kind === 'won') {
      return (await this.convertKnown(actor, lead, { ...(options.version !== undefined ? { version: options.version } : {}), ...(options.nextStep ? { nextStep: options.nextStep } : {}) })).lead;
    }
    return this.move(actor, id, stageId, options, lead);
  }

  /** Closes the lead as junk with a reason from the pipeline's list. A converted lead cannot be closed. */
  async close(id: string, options: CloseOptions): Promise<Lead> {
    const lead = await this.get(id);
    return this.move(this.actorOf(), id, this.rt.pipelines.lostStage(lead.pipelineId).id, options, lead);
  }

  /**
   * Converts a lead: reuses the contact it matched or creates one, finds or
   * creates the company it names, creates a deal, moves the lead to its won
   * stage, carries its history and pending next steps over to the deal, and
   * fires `lead:converted`. Everything is validated first and written in one
   * transaction: a failure leaves the store unchanged.
   */
  async convert(id: string, options: ConvertOptions = {}): Promise<ConversionResult> {
    const actor = this.actorOf();
    return this.convertKnown(actor, await this.get(id), options);
  }

  private async convertKnown(actor: Actor, lead: Lead, options: ConvertOptions): Promise<ConversionResult> {
    const id = lead.id;
    assertAccess(actor, `lead "${id}"`, lead.ownerId, 'convert');
    if (lead.status === 'won') throw new ValidationError([{ path: ['status'], code: 'invalid', message: `Lead "${id}" is already converted` }], 'lead');
    const pipeline = this.pipelineOf(lead);
    const from = this.stageOf(lead);
    const to = this.rt.pipelines.wonStage(pipeline.id);
    await this.checkEntry(actor, lead, from, to, pipeline, {});
    const ownerId = lead.ownerId === 'system' ? (actor.role === 'system' ? lead.ownerId : actor.id) : lead.ownerId;
    const contactLabel = lead.name ?? lead.phone ?? lead.email ?? Object.values(lead.handles ?? {})[0] ?? 'Client';

    // 1. Prepare everything (validation, hooks) before writing anything.
    // The contact must be one the deal's owner may see: a colleague's contact is never handed over; a new one is flagged as its duplicate.
    const owner = this.actorFor(ownerId);
    let duplicateOf: string | undefined;
    let contact = lead.contactId ? await this.rt.store.get<Contact>('contacts', lead.contactId) : undefined;
    if (contact && !canAccess(owner, contact.ownerId)) {
      duplicateOf = contact.id;
      contact = undefined;
    }
    if (!contact) {
      const matches = await this.related.contacts.findByKeys(lead.dupKeys);
      contact = matches.find((c) => canAccess(owner, c.ownerId));
      if (!contact) duplicateOf ??= matches[0]?.id;
    }
    let company: Company | undefined;
    const wantCompany = options.createCompany ?? Boolean(lead.companyName);
    if (wantCompany && lead.companyName) [company] = await this.related.companies.findByName(lead.companyName);
    const newCompany = wantCompany && lead.companyName && !company ? await this.related.companies.prepareCreate(actor, { name: lead.companyName, ownerId }) : undefined;
    company = company ?? newCompany;
    const newContact = contact
      ? undefined
      : await this.related.contacts.prepareCreate(actor, { name: contactLabel, phone: lead.phone, email: lead.email, handles: lead.handles, companyId: company?.id, ownerId, source: lead.source }, new Set(newCompany ? [newCompany.id] : []));
    if (newContact && duplicateOf) newContact.duplicateOf = duplicateOf;
    contact = contact ?? (newContact as Contact);
    const deal = await this.related.deals.prepareCreate(actor, {
      ...options.deal,
      title: options.title ?? lead.companyName ?? contactLabel,
      amount: options.amount ?? options.deal?.amount,
      currency: options.currency ?? options.deal?.currency,
      pipelineId: options.pipelineId ?? options.deal?.pipelineId,
      companyId: company?.id,
      contactIds: [contact.id],
      ownerId,
    }, new Set([...(newCompany ? [newCompany.id] : []), ...(newContact ? [newContact.id] : [])]));
    deal.leadId = lead.id;
    const step = options.nextStep ? await this.related.deals.activities.prepare(actor, { ...options.nextStep, recordType: 'deal', recordId: deal.id }, deal) : undefined;

    // 2. Write it all at once.
    const at = this.rt.nowIso();
    const leadHistory = await withImportEntry(this.rt.store, 'lead', lead.id, lead, (await this.rt.store.query<HistoryEntry>('history', { index: 'recordId', equals: lead.id })).filter((h) => h.recordType === 'lead'));
    const pendingSteps = (await this.rt.store.query<Activity>('activities', { index: 'recordId', equals: lead.id })).filter((a) => a.state === 'pending');
    checkNextStep(this.rt, actor, 'deal', deal.id, this.rt.pipelines.stage(deal.pipelineId, deal.stageId), pendingSteps, Boolean(step));
    const convertedTo = { dealId: deal.id, contactId: contact.id, ...(company ? { companyId: company.id } : {}) };
    const tables = ['leads', 'deals', 'contacts', 'companies', 'activities', 'history'] as const;
    const nextLead = await this.rt.store.transaction(tables, async (tx) => {
      const fresh = await tx.get<Lead>('leads', id);
      if (!fresh) throw new NotFoundError('lead', id);
      const expected = options.version ?? lead.version;
      if (fresh.version !== expected) throw new ConflictError('lead', id, expected, fresh.version);
      if (newCompany) await this.related.companies.commitCreate(tx, newCompany, actor);
      if (newContact) await this.related.contacts.commitCreate(tx, newContact, actor);
      const carried = leadHistory.map((h) => ({ ...h, id: newId('h'), recordType: 'deal' as const, recordId: deal.id, data: { ...h.data, carriedFrom: { recordType: 'lead', recordId: lead.id } } }));
      await this.related.deals.commitCreate(tx, deal, actor, carried);
      for (const a of pendingSteps) await tx.put('activities', { ...a, recordType: 'deal', recordId: deal.id, version: a.version + 1, updatedAt: at });
      if (step) await this.related.deals.activities.commit(tx, step, actor);
      const updated: Lead = { ...fresh, stageId: to.id, status: 'won', convertedTo, contactId: contact.id, version: fresh.version + 1, updatedAt: at };
      delete updated.closeReason;
      delete updated.closeComment;
      await tx.put('leads', updated);
      await this.rt.appendHistory(tx, [
        this.rt.historyEntry('lead', id, 'stage_changed', actor.id, { from: fresh.stageId, to: to.id, pipelineId: pipeline.id }, at),
        this.rt.historyEntry('lead', id, 'converted', actor.id, convertedTo, at),
        this.rt.historyEntry('lead', id, 'closed', actor.id, { outcome: 'won' }, at),
      ]);
      return updated;
    });
    const result: ConversionResult = { lead: nextLead, deal, contact, ...(company ? { company } : {}) };
    if (newCompany) await this.rt.hooks.emit('record:created', { type: 'company', record: newCompany });
    if (newContact) await this.rt.hooks.emit('record:created', { type: 'contact', record: newContact });
    await this.rt.hooks.emit('record:created', { type: 'deal', record: deal });
    await this.rt.hooks.emit('stage:changed', { type: 'lead', record: nextLead, from, to, pipeline });
    await this.rt.hooks.emit('lead:converted', result);
    result.lead = await this.enteredStage(nextLead, to, pipeline);
    result.deal = await this.related.deals.enteredStage(deal, this.rt.pipelines.stage(deal.pipelineId, deal.stageId), this.rt.pipelines.get(deal.pipelineId));
    return result;
  }
}
