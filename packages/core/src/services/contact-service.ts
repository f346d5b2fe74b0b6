import type { Runtime } from '../runtime.js';
import { handleKeys, type Handles } from '../handles.js';
import { emailKey, phoneKey } from '../phone.js';
import { ContactInputSchema, type Contact, type ContactInput } from '../schemas/contact.js';
import { canAccess, type Actor } from './actor.js';
import type { StoreOps } from '../store/store.js';
import type { AnyRecord } from '../hooks/hook-map.js';
import { normalizeWebsite } from './input-cleaning.js';
import { diffRecords } from './record-diff.js';
import { RecordService, type RecordSpec } from './record-service.js';

/** Merges `phone`/`email` shorthands into the lists and makes a bare website an https URL. @internal */
export function expandShorthands(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  for (const [one, many] of [['phone', 'phones'], ['email', 'emails']] as const) {
    if (out[one] !== undefined) {
      const list = Array.isArray(out[many]) ? (out[many] as unknown[]) : [];
      out[many] = list.includes(out[one]) ? list : [out[one], ...list];
      delete out[one];
    }
  }
  if (out['website'] !== undefined) out['website'] = normalizeWebsite(out['website']);
  return out;
}

/** Duplicate-control keys of a person or company: normalised phones, emails and messenger handles. @internal */
export function dupKeysOf(rt: Runtime, phones: readonly string[], emails: readonly string[], handles?: Readonly<Handles>): string[] {
  return [...new Set([...phones.map((p) => phoneKey(p, rt.phoneCountry)), ...emails.map(emailKey), ...handleKeys(handles)])];
}

/** Adds what `incoming` knows to `target` without overwriting anything `target` has. @internal */
export function mergeContact(target: Contact, incoming: Contact): void {
  target.phones = [...new Set([...target.phones, ...incoming.phones])];
  target.emails = [...new Set([...target.emails, ...incoming.emails])];
  target.tags = [...new Set([...target.tags, ...incoming.tags])];
  if (incoming.handles) target.handles = { ...incoming.handles, ...target.handles };
  for (const k of ['position', 'city', 'website', 'note', 'companyId', 'source'] as const) {
    if (target[k] === undefined && incoming[k] !== undefined) (target as Record<string, unknown>)[k] = incoming[k];
  }
  target.custom = { ...incoming.custom, ...target.custom };
}

function contactSpec(rt: Runtime): RecordSpec<Contact> {
  return {
    type: 'contact',
    table: 'contacts',
    inputSchema: ContactInputSchema,
    immutable: { id: '', createdAt: '', dupKeys: '' },
    required: ['name'],
    links: { companyId: 'companies' },
    referencedBy: [
      { table: 'deals', type: 'deal', field: 'contactIds', index: 'contactIds' },
      { table: 'leads', type: 'lead', field: 'contactId', index: 'contactId' },
    ],
    build(input, base) {
      const phones = (input['phones'] as string[] | undefined) ?? [];
      const emails = (input['emails'] as string[] | undefined) ?? [];
      const { phone: _p, email: _e, ...rest } = input;
      return { ...rest, ...base, name: input['name'] as string, phones, emails, tags: (input['tags'] as string[] | undefined) ?? [], dupKeys: dupKeysOf(rt, phones, emails, input['handles'] as Handles | undefined) } as Contact;
    },
    patch(current, set, unset) {
      const next = { ...current, ...set, custom: { ...current.custom, ...((set['custom'] as object) ?? {}) } } as Contact & Record<string, unknown>;
      for (const k of unset) {
        if (k === 'phones' || k === 'emails' || k === 'tags') next[k] = [];
        else delete next[k];
      }
      next.dupKeys = dupKeysOf(rt, next.phones, next.emails, next.handles);
      return next;
    },
    searchText: (c) => [c.name, ...c.phones, ...c.emails, ...Object.values(c.handles ?? {}), c.city ?? '', c.position ?? ''].join(' '),
  };
}

/**
 * `crm.contacts`: people. A new contact whose normalised phone or email
 * matches an existing one the user may see is not duplicated: `create`
 * returns the existing contact, with any new phones, emails and empty fields
 * filled in. A match the user may not see (a colleague's contact) is never
 * returned or merged into: the new contact is created and flagged with
 * `duplicateOf` (also in its `created` history entry) for a head to review.
 */
export class ContactService extends RecordService<Contact, ContactInput> {
  /** @internal */
  constructor(rt: Runtime, actorOf: () => Actor) {
    super(rt, contactSpec(rt), actorOf);
  }

  /** @internal */
  protected override preprocess(input: Record<string, unknown>): Record<string, unknown> {
    return expandShorthands(input);
  }

  /** Existing contacts that share a normalised phone, email or messenger handle with `input`. */
  async findDuplicates(input: { phone?: string; phones?: string[]; email?: string; emails?: string[]; handles?: Handles }): Promise<Contact[]> {
    const phones = [...(input.phones ?? []), ...(input.phone ? [input.phone] : [])];
    const emails = [...(input.emails ?? []), ...(input.email ? [input.email] : [])];
    const actor = this.actorOf();
    return (await this.findByKeys(dupKeysOf(this.rt, phones, emails, input.handles))).filter((c) => canAccess(actor, c.ownerId));
  }

  /** @internal Every contact sharing a key, oldest first (no role filter: callers apply the duplicate policy). */
  async findByKeys(keys: readonly string[], ops: StoreOps = this.rt.store): Promise<Contact[]> {
    const seen = new Map<string, Contact>();
    for (const key of keys) {
      for (const c of await ops.query<Contact>('contacts', { index: 'dupKeys', equals: key })) seen.set(c.id, c);
    }
    return [...seen.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  /** @internal */
  protected override createdData(record: Contact): Record<string, unknown> {
    return record.duplicateOf ? { duplicateOf: record.duplicateOf } : {};
  }

  /**
   * Creates a contact, or returns the existing one it duplicates (merged,
   * never losing what either had). The duplicate lookup and the write are one
   * transaction, so two concurrent creates with one phone make one contact.
   */
  override async create(input: ContactInput): Promise<Contact> {
    const actor = this.actorOf();
    const prepared = await this.prepareCreate(actor, input as Record<string, unknown>);
    const outcome = await this.rt.store.transaction(['contacts', 'history'], async (tx) => {
      const matches = await this.findByKeys(prepared.dupKeys, tx);
      const existing = matches.find((c) => canAccess(actor, c.ownerId));
      if (!existing) {
        if (matches[0]) prepared.duplicateOf = matches[0].id;
        return { created: await this.commitCreate(tx, prepared, actor) };
      }
      const next: Contact = structuredClone(existing);
      mergeContact(next, prepared);
      next.dupKeys = dupKeysOf(this.rt, next.phones, next.emails, next.handles);
      const changes = diffRecords(existing, next);
      if (Object.keys(changes).length === 0) return { merged: existing };
      next.version = existing.version + 1;
      next.updatedAt = this.rt.nowIso();
      await tx.put('contacts', next);
      await this.rt.appendHistory(tx, [this.rt.historyEntry('contact', next.id, 'field_changed', actor.id, { changes, reason: 'duplicate merged' })]);
      return { merged: next, previous: existing, changes };
    });
    if (outcome.created) {
      await this.rt.hooks.emit('record:created', { type: 'contact', record: outcome.created });
      return outcome.created;
    }
    if (outcome.previous) await this.rt.hooks.emit('record:updated', { type: 'contact', record: outcome.merged as AnyRecord, previous: outcome.previous, changes: outcome.changes });
    return outcome.merged;
  }

  /**
   * Creates many contacts in one write. Duplicates are merged, not created:
   * into the existing contact they match, or into an earlier row of the same
   * batch. The result lines up with `inputs` (duplicates return the contact
   * they were merged into).
   */
  override async createMany(inputs: readonly ContactInput[]): Promise<Contact[]> {
    const actor = this.actorOf();
    const prepared = await this.prepareMany(actor, inputs);
    const result: Contact[] = [];
    const fresh: Contact[] = [];
    const byKey = new Map<string, Contact>();
    for (const c of prepared) {
      const inBatch = c.dupKeys.map((k) => byKey.get(k)).find(Boolean);
      if (inBatch) {
        mergeContact(inBatch, c);
        inBatch.dupKeys = dupKeysOf(this.rt, inBatch.phones, inBatch.emails, inBatch.handles);
        for (const k of inBatch.dupKeys) byKey.set(k, inBatch);
        result.push(inBatch);
        continue;
      }
      const matches = await this.findByKeys(c.dupKeys);
      const existing = matches.find((m) => canAccess(actor, m.ownerId));
      if (existing) {
        result.push(await this.mergeInto(actor, existing, c));
        continue;
      }
      if (matches[0]) c.duplicateOf = matches[0].id;
      for (const k of c.dupKeys) byKey.set(k, c);
      fresh.push(c);
      result.push(c);
    }
    await this.commitMany(actor, fresh);
    return result;
  }

  /** @internal Fills the existing contact with what the duplicate adds. */
  async mergeInto(actor: Actor, existing: Contact, incoming: Contact): Promise<Contact> {
    return this.commitUpdate({ ...actor, role: 'system' }, existing.id, undefined, (fresh) => {
      const next = { ...fresh };
      mergeContact(next, incoming);
      next.dupKeys = dupKeysOf(this.rt, next.phones, next.emails, next.handles);
      return next;
    });
  }
}
