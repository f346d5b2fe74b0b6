import type { $ZodType } from 'zod/v4/core';
import { ConflictError, ForbiddenError, NotFoundError, OperationRefusedError, ValidationError, type ValidationIssue } from '../errors.js';
import type { AnyRecord } from '../hooks/hook-map.js';
import { localize } from '../i18n/locale.js';
import { validationMessage } from '../i18n/validation-messages.js';
import { newId } from '../ids.js';
import type { Runtime } from '../runtime.js';
import type { RecordType } from '../schemas/activity.js';
import type { RecordBase } from '../schemas/common.js';
import type { HistoryEntry } from '../schemas/history.js';
import { putIfUnchanged } from '../store/checked-put.js';
import type { StoredRow, StoreOps, TableName } from '../store/store.js';
import { validate } from '../validate.js';
import { liveQuery, type LiveChange, type LiveQuerySource } from '../live/live-query.js';
import { assertAccess, canAccess, type Actor } from './actor.js';
import type { ImportBatchHost, ImportBatchOptions, ImportBatchRow, ImportRowOutcome } from './bulk-import.js';
import { cleanInput, splitPatch } from './input-cleaning.js';
import type { ReadSetOps } from './read-set-ops.js';
import { diffRecords } from './record-diff.js';
import { compareBy, hasListIndex, INDEX_ORDER, partialOf } from './record-query.js';
import type { ExtraWrite, ListQuery, RecordSpec, UpdateOptions } from './record-spec.js';
import { isAfter, scanList } from './list-window.js';
import { checkLinks, keepProtected, pickProtected, transformNew } from './record-rules.js';
import { stepsFollowOwner } from './step-hand-over.js';

export { PROTECTED_FIELDS } from './record-rules.js';
import type { ListOptions, WatchOptions } from './watch-options.js';

export type { ListOptions, WatchOptions } from './watch-options.js';

export type { ListQuery, UpdateOptions, RecordSpec, ExtraWrite } from './record-spec.js';
export type { ListCursor } from './list-window.js';


/**
 * The operations every entity service has: `create`, `get`, `update`,
 * `remove`, `list` and `watch`, with validation, roles, optimistic
 * concurrency, history and hooks.
 */
export class RecordService<T extends RecordBase & StoredRow, I = Record<string, unknown>> {
  /** @internal */
  protected readonly patchSchema: $ZodType;

  /** @internal */
  constructor(
    protected readonly rt: Runtime,
    protected readonly spec: RecordSpec<T>,
    protected readonly actorOf: () => Actor,
  ) {
    this.patchSchema = partialOf(spec.fieldsSchema ?? spec.inputSchema);
  }

  /** Creates a record. Throws `ValidationError` naming each bad field, `ForbiddenError`, or `PluginError`. */
  async create(input: I): Promise<T> {
    const actor = this.actorOf();
    const record = await this.prepareCreate(actor, input as Record<string, unknown>);
    const created = await this.rt.store.transaction([this.spec.table, 'history'], async (tx) => this.commitCreate(tx, record, actor));
    await this.rt.hooks.emit('record:created', { type: this.spec.type, record: created as unknown as AnyRecord });
    return this.afterCreate(created);
  }

  /** @internal Runs after a record is stored and announced (funnels run the first stage's robots); returns it as stored then. */
  async afterCreate(record: T): Promise<T> {
    return record;
  }

  /**
   * Creates many records in one write — the way to import. Every input is
   * validated first; if any is invalid, nothing is written and the
   * `ValidationError` has one issue per bad field, its path starting with
   * the input's index (`[41, 'email']`).
   */
  async createMany(inputs: readonly I[]): Promise<T[]> {
    const actor = this.actorOf();
    const records = await this.prepareMany(actor, inputs);
    return this.commitMany(actor, records);
  }

  /**
   * Imports rows in one write, each row on its own: validated like `create`,
   * a bad row fails alone (its outcome carries the error); duplicates (same
   * `id`, normalised phone/email, company name) found with one query for the
   * whole batch and skipped, updated or created per `duplicates`. Every
   * record and history entry written carries `batchId`; `undoImportBatch`
   * reverts the batch.
   */
  async importBatch(rows: readonly ImportBatchRow[], options: ImportBatchOptions): Promise<ImportRowOutcome[]> {
    // Loaded on first use: a page that never imports (a board, a card) does not download the import path.
    const { importBatch } = await import('./bulk-import.js');
    return importBatch(this.importHost(), rows, options);
  }

  /** @internal What `importBatch` needs of this service. */
  protected importHost(): ImportBatchHost<T> {
    const validatePatch = (set: Record<string, unknown>) => validate(this.patchSchema, set, this.rt.locale, this.spec.type) as Record<string, unknown>;
    return { rt: this.rt, spec: this.spec, actor: this.actorOf(), prepare: (a, i, w, now) => this.prepareCreate(a, i, w, now), preprocess: (i) => this.preprocess(i), validatePatch, checkOwner: (a, o, w) => this.checkOwner(a, o, w), checkLinks: (a, v) => checkLinks(this.rt, this.spec, v, a), checkChanged: (n) => this.checkChanged(n), createdData: (r) => this.createdData(r), afterCreate: (r) => this.afterCreate(r) };
  }

  /** @internal Prepares every input, collecting all validation issues with the row index in front. */
  protected async prepareMany(actor: Actor, inputs: readonly I[]): Promise<T[]> {
    const records: T[] = [];
    const issues: ValidationIssue[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        records.push(await this.prepareCreate(actor, input as Record<string, unknown>));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        issues.push(...e.issues.map((iss) => ({ ...iss, path: [i, ...iss.path] })));
      }
    }
    if (issues.length) throw new ValidationError(issues, `${this.spec.type} batch`);
    return records;
  }

  /** @internal Writes prepared records and their history in one transaction, then fires `record:created`. */
  protected async commitMany(actor: Actor, records: T[]): Promise<T[]> {
    if (records.length === 0) return records;
    await this.rt.store.transaction([this.spec.table, 'history'], async (tx) => {
      await tx.bulkPut(this.spec.table, records);
      await this.rt.appendHistory(tx, records.map((r) => this.rt.historyEntry(this.spec.type, r.id, 'created', actor.id, this.createdData(r), r.createdAt)));
    });
    if (this.rt.hooks.has('record:created')) {
      for (const record of records) await this.rt.hooks.emit('record:created', { type: this.spec.type, record: record as unknown as AnyRecord });
    }
    const out: T[] = [];
    for (const record of records) out.push(await this.afterCreate(record));
    return out;
  }

  /** @internal Validates and builds a record without storing it. */
  async prepareCreate(actor: Actor, input: Record<string, unknown>, creatingWith: ReadonlySet<string> = new Set(), now?: string): Promise<T> {
    const cleaned = this.preprocess(cleanInput(input));
    // No `record:beforeCreate` transform, no links left to look up: nothing here waits (an import prepares thousands).
    const transformed = this.rt.hooks.has('record:beforeCreate') ? await transformNew(this.rt, this.spec.type, cleaned) : cleaned;
    const parsed = validate(this.spec.inputSchema, transformed, this.rt.locale, this.spec.type) as Record<string, unknown>;
    const linking = checkLinks(this.rt, this.spec, parsed, actor, creatingWith);
    if (linking) await linking;
    const custom = this.rt.validateCustom(this.spec.type, parsed['custom'] as Record<string, unknown> | undefined, true);
    const ownerId = (parsed['ownerId'] as string | undefined) ?? this.defaultOwner(actor);
    this.checkOwner(actor, ownerId, 'create');
    const at = now ?? this.rt.nowIso();
    const base: RecordBase = { id: newId(), createdAt: at, updatedAt: at, version: 1, ownerId, custom };
    return this.spec.build(parsed, base);
  }

  /** @internal Checks a record after a change, inside the write (funnels: guarded fields stay set). */
  protected checkChanged(_next: T): void {}

  /** @internal Stores a prepared record with its `created` history entry. */
  async commitCreate(tx: StoreOps, record: T, actor: Actor, extraHistory: HistoryEntry[] = []): Promise<T> {
    await tx.put(this.spec.table, record);
    await this.rt.appendHistory(tx, [this.rt.historyEntry(this.spec.type, record.id, 'created', actor.id, this.createdData(record), record.createdAt), ...extraHistory]);
    return record;
  }

  /** @internal History data of the `created` entry. */
  protected createdData(_record: T): Record<string, unknown> {
    return {};
  }

  /** @internal Entity-specific input shaping before validation (shorthands). */
  protected preprocess(input: Record<string, unknown>): Record<string, unknown> {
    return input;
  }

  /** @internal The owner of a record created without `ownerId`. */
  protected defaultOwner(actor: Actor): string {
    if (actor.role !== 'system') return actor.id;
    const head = [...this.rt.users.values()].find((u) => u.role === 'head') ?? [...this.rt.users.values()].find((u) => u.role === 'admin');
    return head?.id ?? 'system';
  }

  /** @internal */
  protected checkOwner(actor: Actor, ownerId: string, action: string): void {
    if (this.rt.users.size > 0 && ownerId !== 'system' && !this.rt.users.has(ownerId)) {
      throw new ValidationError([{ path: ['ownerId'], code: 'invalid_option', message: `${validationMessage('invalid_option', this.rt.locale)}: unknown user "${ownerId}"` }], this.spec.type);
    }
    if (actor.role === 'manager' && ownerId !== actor.id) {
      throw new ForbiddenError(actor.id, `User "${actor.id}" (manager) cannot ${action} a ${this.spec.type} for "${ownerId}": managers work only their own records`);
    }
  }

  /** Reads one record. Throws `NotFoundError`, or `ForbiddenError` for a manager reading someone else's. */
  async get(id: string): Promise<T> {
    const record = await this.rt.store.get<T>(this.spec.table, id);
    if (!record) throw new NotFoundError(this.spec.type, id);
    assertAccess(this.actorOf(), `${this.spec.type} "${id}"`, record.ownerId, 'see');
    return record;
  }

  /** Reads one record, or `undefined` when it does not exist or is not visible. */
  async find(id: string): Promise<T | undefined> {
    const record = await this.rt.store.get<T>(this.spec.table, id);
    return record && canAccess(this.actorOf(), record.ownerId) ? record : undefined;
  }

  /**
   * Changes fields. `null` or `''` clears an optional field. Pass the
   * `version` you last saw (in the patch or options) to get `ConflictError`
   * instead of overwriting someone else's change.
   */
  async update(id: string, patch: Partial<I> & { version?: number }, options: UpdateOptions = {}): Promise<T> {
    const actor = this.actorOf();
    const current = await this.get(id);
    assertAccess(actor, `${this.spec.type} "${id}"`, current.ownerId, 'change');
    const { version: patchVersion, ...rest } = patch as Record<string, unknown> & { version?: number };
    const expected = options.version ?? patchVersion;
    const issues: ValidationIssue[] = [];
    for (const key of Object.keys(rest)) {
      const instead = this.spec.immutable[key];
      if (instead !== undefined) issues.push({ path: [key], code: 'invalid', message: `"${key}" cannot be changed with update${instead ? `; use ${instead}` : ''}` });
    }
    if (issues.length) throw new ValidationError(issues, this.spec.type);
    const kept = pickProtected(rest);
    const { patch: transformed } = await this.rt.hooks.transform('record:beforeUpdate', { type: this.spec.type, record: current as unknown as AnyRecord, patch: rest }, (payload, plugin) => ({
      ...payload,
      patch: keepProtected(this.rt, this.spec.type, payload.patch, kept, plugin, 'record:beforeUpdate'),
    }));
    const { set: rawSet, unset: rawUnset } = splitPatch(this.preprocess(transformed));
    // `custom` is merged field by field: `null` clears one field, `custom: null` clears them all (never a required one).
    const clearAllCustom = rawUnset.includes('custom');
    const unset = rawUnset.filter((k) => k !== 'custom');
    const customPatch = (rawSet['custom'] ?? {}) as Record<string, unknown>;
    delete rawSet['custom'];
    const set = validate(this.patchSchema, rawSet, this.rt.locale, this.spec.type) as Record<string, unknown>;
    for (const key of unset) {
      if (this.spec.required.includes(key)) issues.push({ path: [key], code: 'required', message: validationMessage('required', this.rt.locale) });
    }
    const customClear = Object.keys(customPatch).filter((k) => customPatch[k] === null || customPatch[k] === '');
    const customSet = this.rt.validateCustom(this.spec.type, Object.fromEntries(Object.entries(customPatch).filter(([k]) => !customClear.includes(k))), false);
    const clearing = clearAllCustom ? [...new Set([...Object.keys(current.custom ?? {}), ...this.rt.fields[this.spec.type].keys()])] : customClear;
    for (const key of clearing) {
      if (this.rt.isRequiredCustom(this.spec.type, key)) issues.push({ path: ['custom', key], code: 'required', message: validationMessage('required', this.rt.locale) });
    }
    if (issues.length) throw new ValidationError(issues, this.spec.type);
    await checkLinks(this.rt, this.spec, set, actor);
    const newOwner = typeof set['ownerId'] === 'string' && set['ownerId'] !== current.ownerId ? set['ownerId'] : undefined;
    if (newOwner !== undefined) this.checkOwner(actor, newOwner, 'reassign');
    // A record given to someone else takes its steps along (see `stepsFollowOwner`).
    const ownerWrite: ExtraWrite | undefined = newOwner === undefined ? undefined : { tables: [this.spec.table, 'history', 'activities'], write: async (tx) => void (await stepsFollowOwner(this.rt, tx, actor, id, newOwner, this.rt.nowIso())) };
    return this.commitUpdate(actor, id, expected, (fresh) => {
      const next = this.spec.patch(fresh, set, unset);
      const custom = clearAllCustom ? {} : { ...(fresh.custom ?? {}), ...customSet };
      for (const key of customClear) delete custom[key];
      next.custom = custom;
      this.checkChanged(next);
      return next;
    }, undefined, ownerWrite);
  }

  /** @internal Applies `change` to the freshly read record in one transaction, with version check and history. */
  async commitUpdate(actor: Actor, id: string, expected: number | undefined, change: (fresh: T) => T, extraHistory: (fresh: T, next: T) => HistoryEntry[] = () => [], extraWrite?: ExtraWrite): Promise<T> {
    const result = await this.rt.store.transaction(extraWrite?.tables ?? [this.spec.table, 'history'], (tx) => this.applyUpdate(tx, actor, id, expected, change, extraHistory, extraWrite));
    await this.emitUpdated(result);
    return result.next;
  }

  /**
   * @internal {@link commitUpdate} for a record (and rows) the caller read
   * outside a transaction: the same steps — version check, change, history,
   * `extraWrite` — run over those rows (`read`) and commit as one
   * conditional put (`Store.putIfUnchanged`), no transaction. Resolves to
   * `undefined` when a row read changed meanwhile: nothing was written, and
   * the caller reads again.
   */
  async commitRead(read: ReadSetOps, actor: Actor, id: string, expected: number, change: (fresh: T) => T, extraHistory: (fresh: T, next: T) => HistoryEntry[], extraWrite: ExtraWrite): Promise<T | undefined> {
    const result = await this.applyUpdate(read, actor, id, expected, change, extraHistory, extraWrite);
    if (result.next === result.previous) return result.next;
    const puts = read.checkedPuts();
    // A row without a version to condition on: the transaction does the same, under locks.
    if (!puts) return this.commitUpdate(actor, id, expected, change, extraHistory, extraWrite);
    if (!(await putIfUnchanged(this.rt.store, puts))) return undefined;
    await this.emitUpdated(result);
    return result.next;
  }

  /** The steps of an update over `tx`: the version check, the change, the record's and history's writes, then `extraWrite`. */
  private async applyUpdate(tx: StoreOps, actor: Actor, id: string, expected: number | undefined, change: (fresh: T) => T, extraHistory: (fresh: T, next: T) => HistoryEntry[], extraWrite?: ExtraWrite): Promise<{ previous: T; next: T; changes: Record<string, { from: unknown; to: unknown }> }> {
    const fresh = await tx.get<T>(this.spec.table, id);
    if (!fresh) throw new NotFoundError(this.spec.type, id);
    if (expected !== undefined && fresh.version !== expected) throw new ConflictError(this.spec.type, id, expected, fresh.version);
    const next = change(structuredClone(fresh));
    const changes = diffRecords(fresh, next);
    const extra = extraHistory(fresh, next);
    if (Object.keys(changes).length === 0 && extra.length === 0) return { previous: fresh, next: fresh, changes };
    next.version = fresh.version + 1;
    next.updatedAt = this.rt.nowIso();
    await tx.put(this.spec.table, next);
    const entries = Object.keys(changes).length ? [this.rt.historyEntry(this.spec.type, id, 'field_changed', actor.id, { changes })] : [];
    await this.rt.appendHistory(tx, [...entries, ...extra]);
    if (extraWrite) await extraWrite.write(tx);
    return { previous: fresh, next, changes };
  }

  private async emitUpdated(result: { previous: T; next: T; changes: Record<string, { from: unknown; to: unknown }> }): Promise<void> {
    if (result.next !== result.previous && Object.keys(result.changes).length > 0) {
      await this.rt.hooks.emit('record:updated', { type: this.spec.type, record: result.next as unknown as AnyRecord, previous: result.previous as unknown as AnyRecord, changes: result.changes });
    }
  }

  /** Removes a record and its pending next steps; its history stays. A `record:beforeRemove` guard may refuse. */
  async remove(id: string): Promise<void> {
    const actor = this.actorOf();
    const record = await this.get(id);
    assertAccess(actor, `${this.spec.type} "${id}"`, record.ownerId, 'remove');
    const refusal = await this.rt.hooks.guard('record:beforeRemove', { type: this.spec.type, record: record as unknown as AnyRecord });
    if (refusal) throw new OperationRefusedError(localize(refusal.cancel, this.rt.locale), refusal.plugin);
    const refs = this.spec.referencedBy ?? [];
    const tables = [...new Set<TableName>([this.spec.table, 'activities', 'history', ...refs.map((r) => r.table)])];
    const unlinked = await this.rt.store.transaction(tables, async (tx) => {
      await tx.delete(this.spec.table, id);
      for (const a of await tx.query('activities', { index: 'recordId', equals: id })) {
        if (a['state'] === 'pending') await tx.delete('activities', a.id);
      }
      const at = this.rt.nowIso();
      const entries = [this.rt.historyEntry(this.spec.type, id, 'removed', actor.id, { snapshot: record }, at)];
      const changed: { type: RecordType; previous: StoredRow; next: StoredRow; changes: Record<string, { from: unknown; to: unknown }> }[] = [];
      // Records pointing at the removed one are unlinked (never left dangling), each with a history entry.
      for (const ref of refs) {
        for (const row of await tx.query(ref.table, { index: ref.index, equals: id })) {
          const before = row[ref.field];
          const after = Array.isArray(before) ? before.filter((x) => x !== id) : undefined;
          const next: StoredRow = { ...row, version: (row['version'] as number) + 1, updatedAt: at };
          if (after === undefined) delete next[ref.field];
          else next[ref.field] = after;
          await tx.put(ref.table, next);
          const changes = { [ref.field]: { from: before, to: after ?? null } };
          entries.push(this.rt.historyEntry(ref.type, row.id, 'field_changed', actor.id, { changes, reason: 'unlinked', removed: { recordType: this.spec.type, recordId: id } }, at));
          changed.push({ type: ref.type, previous: row, next, changes });
        }
      }
      await this.rt.appendHistory(tx, entries);
      return changed;
    });
    await this.rt.hooks.emit('record:removed', { type: this.spec.type, record: record as unknown as AnyRecord });
    for (const u of unlinked) await this.rt.hooks.emit('record:updated', { type: u.type, record: u.next as unknown as AnyRecord, previous: u.previous as unknown as AnyRecord, changes: u.changes });
  }

  /** Records matching `query` that the current user may see (sorted by `query.sort` unless `options.unordered`). */
  async list(query: ListQuery = {}, options: ListOptions = {}): Promise<T[]> {
    const actor = this.actorOf();
    const store = this.rt.store;
    if (store.scan && !query.ids) return scanList(store as typeof store & Required<Pick<typeof store, 'scan'>>, this.spec.table, query, actor, (r: T) => this.matches(r, query, actor));
    let rows: T[];
    if (query.ids) {
      const found = await Promise.all(query.ids.map((id) => this.rt.store.get(this.spec.table, id)));
      rows = found.filter((r) => r !== undefined) as unknown as T[];
    } else {
      const indexed = INDEX_ORDER.find((k) => query[k] !== undefined && hasListIndex(this.spec.table, k));
      rows = indexed
        ? await this.rt.store.query<T>(this.spec.table, { index: indexed === 'contactId' && this.spec.table === 'deals' ? 'contactIds' : indexed, equals: query[indexed] as string })
        : await this.rt.store.query<T>(this.spec.table);
    }
    const after = query.after;
    const filtered = rows.filter((r) => this.matches(r, query, actor) && (!after || isAfter(r, query.sort, after)));
    if (options.unordered && query.offset === undefined && query.limit === undefined) return filtered;
    filtered.sort(compareBy(query.sort));
    const offset = query.offset ?? 0;
    return query.limit !== undefined ? filtered.slice(offset, offset + query.limit) : filtered.slice(offset);
  }

  /** @internal True when `record` passes `query`'s filters and `actor` may see it (the window is not applied). */
  matches(record: T, query: ListQuery, actor: Actor): boolean {
    if (!canAccess(actor, record.ownerId)) return false;
    if (query.ids && !query.ids.includes(record.id)) return false;
    for (const key of ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId'] as const) {
      if (query[key] !== undefined && record[key] !== query[key]) return false;
    }
    if (query.contactId !== undefined) {
      const ids = (record['contactIds'] as string[] | undefined) ?? (record['contactId'] !== undefined ? [record['contactId'] as string] : []);
      if (!ids.includes(query.contactId)) return false;
    }
    const text = query.text?.trim().toLowerCase();
    if (text && !this.spec.searchText(record).toLowerCase().includes(text)) return false;
    return true;
  }

  /**
   * Calls `listener` with the records matching `query` now and after every
   * change (also changes made in another tab on the same IndexedDB
   * database), with what changed as the second argument. Only changed rows
   * are read again; bursts of writes give one call; a record the current
   * user may not see never appears. Returns a function that stops watching.
   */
  watch(query: ListQuery, listener: (records: T[], change: LiveChange<T>) => void, options: WatchOptions = {}): () => void {
    const { offset, limit, after: _after, ...filter } = query;
    const unordered = options.unordered === true && offset === undefined && limit === undefined;
    const source: LiveQuerySource<T> = {
      table: this.spec.table,
      load: () => this.list(filter, { unordered }),
      accepts: (row) => this.matches(row, filter, this.actorOf()),
      ...(unordered ? {} : { compare: compareBy(filter.sort) }),
      loadsSorted: true,
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
    };
    return liveQuery(this.rt.store, source, listener, options).stop;
  }
}
