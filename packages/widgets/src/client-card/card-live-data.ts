import { isCrmError, type Activity, type Company, type Contact, type Crm, type Deal, type HistoryEntry, type Lead, type LiveChange, type ListQuery } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';
import { LiveQueryController } from '../live/live-query-controller.js';
import { readRecord, type CardData, type CardRecord } from './card-data.js';
import type { RecordRef } from './record-ref.js';

/** Where a card stands: no CRM, a malformed `record`, reading, shown, or why it cannot be shown. */
export type CardStatus = 'idle' | 'invalid' | 'loading' | 'ready' | 'not-found' | 'forbidden' | 'error';

/** What the card watches around its record: a list query per related kind, or nothing. */
interface RelatedQueries {
  company?: string;
  contacts?: ListQuery;
  deals?: ListQuery;
  leads?: ListQuery;
}

type Watch<T> = (listener: (rows: T[], change: LiveChange<T>) => void, onError: (error: unknown) => void) => (() => void) | undefined;

/** A query that has nothing to watch (a contact without a company): an empty result, delivered like a live one. */
function noRows<T>(listener: (rows: T[], change: LiveChange<T>) => void): () => void {
  let stopped = false;
  queueMicrotask(() => {
    if (!stopped) listener([], { initial: true, upserted: [], removed: [] });
  });
  return () => {
    stopped = true;
  };
}

/** The related records a record's card shows, as list queries derived from the record's links. */
function relatedQueries(type: RecordRef['type'], record: CardRecord): RelatedQueries {
  switch (type) {
    case 'contact': {
      const c = record as Contact;
      return { ...(c.companyId ? { company: c.companyId } : {}), deals: { contactId: c.id }, leads: { contactId: c.id } };
    }
    case 'company':
      return { contacts: { companyId: record.id, sort: 'createdAt' }, deals: { companyId: record.id } };
    case 'deal': {
      const d = record as Deal;
      return {
        ...(d.companyId ? { company: d.companyId } : {}),
        ...(d.contactIds.length ? { contacts: { ids: d.contactIds, sort: 'createdAt' } } : {}),
        ...(d.leadId ? { leads: { ids: [d.leadId] } } : {}),
      };
    }
    case 'lead': {
      const l = record as Lead;
      const contactIds = [...new Set([l.contactId, l.convertedTo?.contactId].filter((x): x is string => Boolean(x)))];
      return {
        ...(l.convertedTo?.companyId ? { company: l.convertedTo.companyId } : {}),
        ...(contactIds.length ? { contacts: { ids: contactIds } } : {}),
        ...(l.convertedTo ? { deals: { ids: [l.convertedTo.dealId] } } : {}),
      };
    }
  }
}

/**
 * The client card's data on the core's live queries: the record, its
 * pending next steps, its timeline and each related list is one live query
 * ({@link LiveQueryController}), so a change elsewhere arrives as the changed
 * row — nothing is re-read, and a change to an unrelated record costs
 * nothing. The related queries follow the record's links (a deal given a
 * company starts watching that company). @internal
 */
export class CardLiveData {
  private readonly record: LiveQueryController<CardRecord>;
  private readonly pending: LiveQueryController<Activity>;
  private readonly history: LiveQueryController<HistoryEntry>;
  private readonly company: LiveQueryController<Company>;
  private readonly contacts: LiveQueryController<Contact>;
  private readonly deals: LiveQueryController<Deal>;
  private readonly leads: LiveQueryController<Lead>;
  /** Why the record is missing from its live query (not found, forbidden), once asked. */
  private missing: { key: string; status: CardStatus } | undefined;
  /** A fresher copy than the live query has delivered yet (after the card's own save). */
  private fresher: CardRecord | undefined;
  private shown: CardData | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly inputs: () => { crm: Crm | undefined; ref: RecordRef | undefined },
  ) {
    const own = <T>(watch: (crm: Crm, ref: RecordRef) => Watch<T>): LiveQueryController<T> =>
      new LiveQueryController<T>(host, {
        deps: () => [this.inputs().crm, this.inputs().ref?.type, this.inputs().ref?.id],
        watch: (listener, onError) => {
          const { crm, ref } = this.inputs();
          return crm && ref ? watch(crm, ref)(listener, onError) : undefined;
        },
      });
    this.record = own<CardRecord>((crm, ref) => (listener, onError) => {
      const service = { contact: crm.contacts, company: crm.companies, lead: crm.leads, deal: crm.deals }[ref.type] as { watch: Crm['deals']['watch'] };
      return service.watch({ ids: [ref.id] }, listener as unknown as (rows: Deal[], change: LiveChange<Deal>) => void, { onError });
    });
    this.pending = own<Activity>((crm, ref) => (listener, onError) => crm.activities.watch({ recordType: ref.type, recordId: ref.id, state: 'pending' }, listener, { onError }));
    this.history = own<HistoryEntry>((crm, ref) => (listener, onError) => crm.history.watch({ recordType: ref.type, recordId: ref.id }, listener, { onError }));
    const related = <T>(pick: (q: RelatedQueries) => ListQuery | undefined, watch: (crm: Crm, query: ListQuery) => Watch<T>): LiveQueryController<T> =>
      new LiveQueryController<T>(host, {
        deps: () => [this.inputs().crm, JSON.stringify(this.relatedQuery(pick) ?? null)],
        watch: (listener, onError) => {
          const crm = this.inputs().crm;
          if (!crm) return undefined;
          const query = this.relatedQuery(pick);
          return query ? watch(crm, query)(listener, onError) : noRows(listener);
        },
      });
    this.company = related<Company>((q) => (q.company ? { ids: [q.company] } : undefined), (crm, query) => (l, onError) => crm.companies.watch(query, l, { onError }));
    this.contacts = related<Contact>((q) => q.contacts, (crm, query) => (l, onError) => crm.contacts.watch(query, l, { onError }));
    this.deals = related<Deal>((q) => q.deals, (crm, query) => (l, onError) => crm.deals.watch(query, l, { onError }));
    this.leads = related<Lead>((q) => q.leads, (crm, query) => (l, onError) => crm.leads.watch(query, l, { onError }));
  }

  private relatedQuery(pick: (q: RelatedQueries) => ListQuery | undefined): ListQuery | undefined {
    const ref = this.inputs().ref;
    const record = this.record.status === 'ready' ? this.record.rows[0] : undefined;
    return ref && record ? pick(relatedQueries(ref.type, record)) : undefined;
  }

  private get key(): string {
    const { ref } = this.inputs();
    return ref ? `${ref.type}:${ref.id}` : '';
  }

  /** Where the card stands. */
  get status(): CardStatus {
    const { crm, ref } = this.inputs();
    if (!crm) return 'idle';
    if (!ref) return 'invalid';
    if (this.record.status === 'error') return this.statusOf(this.record.error);
    if (this.record.status !== 'ready') return 'loading';
    if (!this.record.rows[0]) {
      if (this.missing?.key === this.key) return this.missing.status;
      this.explainMissing(crm, ref);
      return 'loading';
    }
    const parts = [this.pending, this.history, this.company, this.contacts, this.deals, this.leads];
    const failed = parts.find((p) => p.status === 'error');
    if (failed) return this.statusOf(failed.error);
    // Once shown, the card stays up while a related list follows a changed link.
    if (this.shown?.record.id === ref.id) return 'ready';
    return parts.every((p) => p.status === 'ready') ? 'ready' : 'loading';
  }

  private statusOf(error: unknown): CardStatus {
    return isCrmError(error, 'not_found') ? 'not-found' : isCrmError(error, 'forbidden') ? 'forbidden' : 'error';
  }

  /** The record is not in its live query: ask once why (deleted, never existed, or not this user's to see). */
  private explainMissing(crm: Crm, ref: RecordRef): void {
    const key = this.key;
    if (this.missing?.key === key) return;
    this.missing = { key, status: 'loading' };
    readRecord(crm, ref).then(
      () => (this.missing = { key, status: 'error' }),
      (error: unknown) => (this.missing = { key, status: this.statusOf(error) }),
    ).finally(() => this.host.requestUpdate());
  }

  /** What the card shows now; `undefined` unless `status` is `ready`. */
  get data(): CardData | undefined {
    const { crm, ref } = this.inputs();
    const live = this.record.rows[0];
    if (!crm || !ref || !live || this.status !== 'ready') return (this.shown = undefined);
    const fresher = this.fresher;
    const record = fresher && fresher.id === live.id && fresher.version > live.version ? fresher : live;
    const data: CardData = {
      type: ref.type,
      record,
      contacts: this.contacts.rows,
      deals: this.deals.rows,
      leads: this.leads.rows,
      pending: this.pending.rows,
      history: this.history.rows,
    };
    const company = this.company.rows[0];
    if (company) data.company = company;
    if (ref.type === 'lead' || ref.type === 'deal') {
      const funnel = record as Lead | Deal;
      const pipeline = crm.pipelines.list().find((p) => p.id === funnel.pipelineId);
      if (pipeline) {
        data.pipeline = pipeline;
        const stage = pipeline.stages.find((s) => s.id === funnel.stageId);
        if (stage) data.stage = stage;
      }
    }
    const prev = this.shown;
    // Keep the same object while nothing changed, so the parts can compare by identity.
    if (prev && (Object.keys(data) as (keyof CardData)[]).every((k) => prev[k] === data[k]) && Object.keys(prev).length === Object.keys(data).length) return prev;
    return (this.shown = data);
  }

  /** Shows a fresher copy of the record (the card's own save) until the live query catches up. */
  setRecord(record: CardRecord): void {
    if (this.record.rows[0]?.id === record.id) {
      this.fresher = record;
      this.host.requestUpdate();
    }
  }

  /** Starts every query again (Retry, or `reload()`). */
  restart(): void {
    this.missing = undefined;
    this.fresher = undefined;
    this.shown = undefined;
    for (const q of [this.record, this.pending, this.history, this.company, this.contacts, this.deals, this.leads]) q.restart();
    this.host.requestUpdate();
  }
}
