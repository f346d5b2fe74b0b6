import { CrmError, ForbiddenError, OperationRefusedError } from '../errors.js';
import type { AnyRecord } from '../hooks/hook-map.js';
import type { Runtime } from '../runtime.js';
import type { RecordBase } from '../schemas/common.js';
import type { Activity, ActivityInput } from '../schemas/activity.js';
import type { HistoryEntry } from '../schemas/history.js';
import type { StoredRow, TableName } from '../store/store.js';
import { canAccess, type Actor } from './actor.js';
import { keptMatches, keysOf, UNKNOWN, type DuplicateKeyIndex } from './duplicate-key-index.js';
import { linkableIds } from './import-links.js';
import { yieldEvery, yieldToHost } from './yield-to-host.js';
import { importTurn } from './import-turn.js';
import { rememberDryRun } from './dry-run-ids.js';
import { splitPatch } from './input-cleaning.js';
import { stepsFollowOwner, type ReassignedStep } from './step-hand-over.js';
import { diffRecords } from './record-diff.js';
import { IMPORT_ENTRY_FIELD, importBatchEntry } from './import-history.js';
import type { RecordSpec } from './record-service.js';

/** One row of an import batch. */
export interface ImportBatchRow {
  /** The record, as `create` takes it. */
  input: Record<string, unknown>;
  /** The id of an existing record this row stands for (the id column of an export): that record is its duplicate. */
  id?: string;
  /** Fields set only when the row creates a record (e.g. `source: { channel: 'import' }`), never written into an existing one. */
  defaults?: Record<string, unknown>;
  /**
   * Leads and deals: the next step to schedule on the record the row creates
   * or updates, in the batch's write (an import's "next step" columns). With
   * `nextStep: 'required'`, a row that creates an open lead or deal needs one
   * (or a stage whose robot schedules one); without it the row fails with
   * `NextStepRequiredError` carrying the row's index.
   */
  nextStep?: Omit<ActivityInput, 'recordType' | 'recordId'>;
}

/** What to do with a row that duplicates an existing record (same id, normalised phone or email, or company name). */
export type DuplicateMode = 'skip' | 'update' | 'create';

/** Options of `importBatch`. */
export interface ImportBatchOptions {
  /** Tags every record and history entry written, and names the batch for `undoImportBatch`. */
  batchId: string;
  /** `skip` leaves the existing record alone, `update` writes the row's values into it, `create` adds a new record anyway. */
  duplicates: DuplicateMode;
  /** Check and match everything, write nothing. */
  dryRun?: boolean;
  /** Ids of records a dry run would create that rows may link to (the companies a dry-run import would make). Stored ids listed here are still read and checked: only records the actor may see are linked. */
  linking?: readonly string[];
  /**
   * Cancels the batch if aborted before its turn to write comes: it then writes nothing and rejects with an
   * `OperationRefusedError` of code `cancelled`. Batches of one table match and write one at a time (each after the one before has returned,
   * so it finds that one's records as duplicates); their rows are checked one batch after another, in the order
   * the batches came, without waiting for any write, so a caller may start batches while earlier ones are still
   * being written, and the two overlap.
   */
  signal?: AbortSignal;
  /**
   * The batch matches and writes only once this has settled (then in its turn): typically the caller's handling of
   * the batch before (counting it, reporting progress), so that a cancel there stops this batch before it writes,
   * while its rows were already being checked.
   */
  writeAfter?: PromiseLike<unknown>;
  /**
   * Indexes of the tables rows link to (`indexDuplicateKeys` with `keepRows`, e.g. the companies an import links
   * by name): a linked record they hold current is checked there (exists, the actor may see it) instead of read
   * from the store. Only indexes the core made over this CRM's store count; for any other, the record is read.
   */
  linked?: readonly DuplicateKeyIndex[];
  /** The table's duplicate keys held in memory (`indexDuplicateKeys`): a large import finds duplicates there instead of querying the store for every key of every batch. */
  keys?: DuplicateKeyIndex;
}

/** What happened to one row. `skipped` rows duplicate `id` (or would change nothing in it). */
export type ImportRowOutcome =
  | { status: 'created'; id: string }
  | { status: 'updated'; id: string }
  | { status: 'skipped'; id: string }
  | { status: 'failed'; error: CrmError };

/** The undo log of one committed batch part, kept in the `meta` table. @internal */
export interface ImportLogRow extends StoredRow {
  kind: 'import-batch';
  batchId: string;
  table: TableName;
  by: string;
  at: string;
  /** Order of the parts of one batch (undone last first). */
  seq: number;
  /** The part's one history entry for the records it created (see `importBatchEntry`). */
  entryId?: string;
  /** Created records with the version the import left them at. */
  created: { id: string; version: number }[];
  /** Updated records as they were before, with the version the import left them at. */
  updated: { before: StoredRow; version: number; historyId: string }[];
  /** Next steps rows scheduled on records the batch updated, with their history entries (those of created records go with them). */
  steps?: { activityId: string; historyId: string }[];
  /** Steps handed to the new owner of a record the batch gave to someone else, as they were before. */
  reassigned?: ReassignedStep[];
}

/** What a record service lends `importBatch`. @internal */
export interface ImportBatchHost<T extends RecordBase & StoredRow> {
  rt: Runtime;
  spec: RecordSpec<T>;
  actor: Actor;
  /** Checks and builds a new record; `now` is its `createdAt` (one time for a whole batch). */
  prepare(actor: Actor, input: Record<string, unknown>, creatingWith: ReadonlySet<string>, now: string): Promise<T>;
  /** Rules a new record must meet beyond its fields (a lead's or deal's required next step) in the stage it will end in. */
  checkNew?(actor: Actor, record: T, row: number, stageId: string | undefined, hasStep: boolean): void;
  /** Leads and deals: validates a row's next step for `record` (throws `ValidationError` naming `nextStep.*`). */
  prepareStep?(actor: Actor, step: NonNullable<ImportBatchRow['nextStep']>, record: T): Promise<Activity>;
  preprocess(input: Record<string, unknown>): Record<string, unknown>;
  validatePatch(set: Record<string, unknown>): Record<string, unknown>;
  checkOwner(actor: Actor, ownerId: string, action: string): void;
  checkLinks(actor: Actor, values: Record<string, unknown>): Promise<void> | undefined;
  checkChanged(next: T): void;
  createdData(record: T): Record<string, unknown>;
  afterCreate(record: T): Promise<unknown>;
  /** Leads and deals: moves a stored record to a stage through the move path. */
  move?(actor: Actor, id: string, stageId: string, batchId: string): Promise<T>;
}

const LIST_FIELDS = ['phones', 'emails', 'tags', 'contactIds'];
const NEVER_UPDATED = new Set(['id', 'createdAt', 'updatedAt', 'version', 'pipelineId', 'stageId', 'status', 'dupKeys', 'nameKey']);

/** The fields a row sets on an existing record: what it gave (after `record:beforeUpdate` transforms), lists merged, nothing cleared. */
async function updateOf<T extends RecordBase & StoredRow>(host: ImportBatchHost<T>, existing: T, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { patch } = await host.rt.hooks.transform('record:beforeUpdate', { type: host.spec.type, record: existing as unknown as AnyRecord, patch: input });
  const { set } = splitPatch(host.preprocess(patch));
  for (const key of Object.keys(set)) if (NEVER_UPDATED.has(key)) delete set[key];
  const custom = set['custom'] as Record<string, unknown> | undefined;
  delete set['custom'];
  const valid = host.validatePatch(set);
  for (const key of LIST_FIELDS) {
    if (Array.isArray(valid[key])) valid[key] = [...new Set([...((existing[key] as unknown[]) ?? []), ...(valid[key] as unknown[])])];
  }
  if (custom) valid['custom'] = { ...existing.custom, ...host.rt.validateCustom(host.spec.type, custom, false) };
  await host.checkLinks(host.actor, valid);
  return valid;
}

function failure(e: unknown): CrmError {
  if (e instanceof CrmError) return e;
  throw e;
}

/**
 * Imports many rows into one table in one transaction: each row validated
 * like `create` (schemas, custom fields, `record:beforeCreate` transforms,
 * roles), duplicates found with ONE store query for the whole batch (by the
 * duplicate keys, and one by id), earlier rows of the batch counted as
 * existing. A bad row fails alone. Every record and history entry written
 * carries `batchId`; the records the batch creates share one `created`
 * history entry (`importBatchEntry`) from which each one's timeline derives
 * its own; an undo log goes into `meta` in the same transaction. @internal Used through `RecordService.importBatch`.
 */
export async function importBatch<T extends RecordBase & StoredRow>(host: ImportBatchHost<T>, rows: readonly ImportBatchRow[], options: ImportBatchOptions): Promise<ImportRowOutcome[]> {
  const { rt, spec, actor } = host;
  const { batchId } = options;
  const outcomes: ImportRowOutcome[] = new Array(rows.length);
  const prepared: (T | undefined)[] = [];
  const stages = new Map<number, string>();
  const linking = await linkableIds(host, rows, options);
  // Validating a row takes a fraction of a millisecond; a batch of hundreds yields to the page now and then.
  const pause = yieldEvery(10);
  // Checking goes on in background-priority slices: a caller overlapping batches (an import checks the next ones
  // while one is written) gets the database's answers to the batch being written handled first. Short slices: each
  // answer waits for the slice running when it comes, and a batch's write is a chain of several answers (50,000
  // contacts: 3 ms slices took ~8 % off the import against 10 ms, `npm run bench import`).
  const checkPause = yieldEvery(3, true);
  // The records a batch creates share one creation time (reading the clock per row was ~2 % of an import's time).
  const checkedAt = rt.nowIso();
  // Batches of one table check their rows in the order they came (see `importTurn`).
  const endCheck = await importTurn(rt, spec.table, 'check');
  try {
    for (const [i, row] of rows.entries()) {
      // Awaited only when it yields: an await per row is a turn of the microtask queue per row.
      const paused = checkPause();
      if (paused) await paused;
      try {
        let input = row.defaults ? { ...row.defaults, ...row.input } : row.input;
        if (host.move && typeof input['stageId'] === 'string') {
          // Created in the first stage, then moved through the move path (guards, history, robots).
          const { stageId, ...rest } = input;
          stages.set(i, stageId as string);
          input = rest;
        }
        const record = await host.prepare(actor, input, linking, checkedAt);
        // The step is checked now, so a bad one fails its row before anything is written.
        if (row.nextStep && host.prepareStep) await host.prepareStep(actor, row.nextStep, record);
        prepared.push(record);
      } catch (e) {
        outcomes[i] = { status: 'failed', error: failure(e) };
        prepared.push(undefined);
      }
    }
  } finally {
    endCheck();
  }
  // Batches of one table match and write in turn (so each finds what earlier ones wrote, and a cancelled one is
  // stopped here); the checking above ran meanwhile, overlapping the previous batch's write.
  if (options.writeAfter) await options.writeAfter.then(
    () => undefined,
    () => undefined,
  );
  const endTurn = await importTurn(rt, spec.table);
  try {
    // Cancelled while it waited: the batch writes nothing (earlier ones stay written, and undoable).
    if (options.signal?.aborted) throw new OperationRefusedError(`The ${spec.type} import batch was cancelled before it was written; nothing of it was stored`, 'caller', 'cancelled');
    // One lookup by duplicate keys and one by id, for the whole batch.
    const keyed = keysOf(spec.table, {} as StoredRow);
    const allKeys = new Set<string>();
    if (keyed && options.duplicates !== 'create') for (const r of prepared) if (r) for (const k of keysOf(spec.table, r)?.keys ?? []) allKeys.add(k);
    const ids = [...new Set(rows.map((r) => r.id).filter((id): id is string => !!id))];
    // Skipping only reads the rows matched (id, owner): an index keeping rows (companies linked by name) lends them, uncopied.
    const lent = options.duplicates === 'skip' && options.keys?.table === spec.table && allKeys.size ? keptMatches(options.keys, rt.store, spec.table, [...allKeys]) : UNKNOWN;
    const [byKeyRows, byIdRows] = await Promise.all([
      keyed && allKeys.size
        ? lent !== UNKNOWN
          ? Promise.resolve(lent as T[])
          : options.keys?.table === spec.table
            ? options.keys.find<T>([...allKeys])
            : rt.store.query<T>(spec.table, { index: keyed.index, anyOf: [...allKeys] })
        : Promise.resolve([] as T[]),
      ids.length && options.duplicates !== 'create' ? rt.store.query<T>(spec.table, { index: 'id', anyOf: ids }) : Promise.resolve([] as T[]),
    ]);
    const byId = new Map<string, T>(byIdRows.map((r) => [r.id, r]));
    const byKey = new Map<string, T>();
    for (const r of [...byKeyRows].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))) for (const k of keysOf(spec.table, r)?.keys ?? []) byKey.set(k, r);

    const created = new Map<string, T>();
    const updated = new Map<string, { before: T; after: T }>();
    const steps: { step: Activity; onCreated: boolean }[] = [];
    const stepFor = async (i: number, record: T, onCreated: boolean): Promise<void> => {
      const nextStep = (rows[i] as ImportBatchRow).nextStep;
      if (!nextStep || !host.prepareStep) return;
      const step = await host.prepareStep(actor, nextStep, record);
      const stageId = stages.get(i);
      if (onCreated && stageId) step.stageId = stageId;
      steps.push({ step, onCreated });
    };
    const at = rt.nowIso();
    for (const [i, record] of prepared.entries()) {
      if (!record) continue;
      const paused = pause();
      if (paused) await paused;
      const row = rows[i] as ImportBatchRow;
      const keys = keysOf(spec.table, record)?.keys ?? [];
      const match = options.duplicates === 'create' ? undefined : ((row.id ? byId.get(row.id) : undefined) ?? keys.map((k) => byKey.get(k)).find(Boolean));
      if (!match) {
        // Rules for a new record (the next-step rule) apply to rows that create one, not to duplicates.
        try {
          host.checkNew?.(actor, record, i, stages.get(i), Boolean(row.nextStep && host.prepareStep));
        } catch (e) {
          outcomes[i] = { status: 'failed', error: failure(e) };
          continue;
        }
        (record as StoredRow)['importBatchId'] = batchId;
        created.set(record.id, record);
        for (const k of keys) byKey.set(k, record);
        if (row.id) byId.set(row.id, record);
        outcomes[i] = { status: 'created', id: record.id };
        if (row.nextStep) await stepFor(i, record, true);
        continue;
      }
      // A row matching a record the user may not see fails without naming that record (its id, its owner) in either mode.
      if (!canAccess(actor, match.ownerId)) {
        outcomes[i] = { status: 'failed', error: new ForbiddenError(actor.id, `Row ${i + 1} duplicates a ${spec.type} of another user (same id, phone, email or name) and was not imported: ask a head to merge it`) };
        continue;
      }
      if (options.duplicates === 'skip') {
        outcomes[i] = { status: 'skipped', id: match.id };
        continue;
      }
      try {
        const set = await updateOf(host, match, row.input);
        if (typeof set['ownerId'] === 'string' && set['ownerId'] !== match.ownerId) host.checkOwner(actor, set['ownerId'], 'reassign');
        const next = spec.patch(structuredClone(match), set, []);
        if (set['custom']) next.custom = set['custom'] as Record<string, unknown>;
        host.checkChanged(next);
        // The row's next step goes onto the record it updates (also when its fields change nothing).
        await stepFor(i, next, created.has(match.id));
        if (Object.keys(diffRecords(match, next)).length === 0) {
          outcomes[i] = { status: 'skipped', id: match.id };
          continue;
        }
        (next as StoredRow)['importBatchId'] = batchId;
        next.updatedAt = at;
        if (created.has(match.id)) created.set(match.id, next);
        else {
          next.version = (updated.get(match.id)?.before.version ?? match.version) + 1;
          updated.set(match.id, { before: updated.get(match.id)?.before ?? match, after: next });
        }
        for (const k of keysOf(spec.table, next)?.keys ?? []) byKey.set(k, next);
        byId.set(match.id, next);
        outcomes[i] = { status: 'updated', id: match.id };
      } catch (e) {
        outcomes[i] = { status: 'failed', error: failure(e) };
      }
    }
    if (options.dryRun) {
      if (created.size) rememberDryRun(rt, batchId, spec.table, created.keys());
      return outcomes;
    }
    if (created.size === 0 && updated.size === 0 && steps.length === 0) return outcomes;
    // The write starts in a task of its own (its first slice of rows is serialised right away).
    await yieldToHost();

    const history: HistoryEntry[] = [];
    const log: ImportLogRow = { id: `import:${batchId}:${spec.table}:${rt.nowIso()}:${Math.random().toString(36).slice(2, 10)}`, kind: 'import-batch', batchId, table: spec.table, by: actor.id, at, seq: 0, created: [], updated: [] };
    if (created.size) {
      // One entry for every record the part creates; each record's timeline derives its `created` entry from it.
      const entry = importBatchEntry(rt, spec.type, batchId, actor.id, at, [...created.values()].map((r) => ({ id: r.id, data: host.createdData(r) })));
      for (const r of created.values()) (r as StoredRow)[IMPORT_ENTRY_FIELD] = entry.id;
      history.push(entry);
      log.entryId = entry.id;
    }
    for (const { before, after } of updated.values()) {
      const entry = rt.historyEntry(spec.type, after.id, 'field_changed', actor.id, { changes: diffRecords(before, after), batchId }, at);
      history.push(entry);
      log.updated.push({ before, version: after.version, historyId: entry.id });
    }
    for (const { step, onCreated } of steps) {
      const entry = rt.historyEntry(step.recordType, step.recordId, 'activity_scheduled', actor.id, { activityId: step.id, type: step.type, title: step.title, dueAt: step.dueAt, assigneeId: step.assigneeId, batchId }, at);
      history.push(entry);
      if (!onCreated) (log.steps ??= []).push({ activityId: step.id, historyId: entry.id });
    }
    log.seq = history[history.length - 1]?.seq ?? 0;
    log.created = [...created.values()].map((r) => ({ id: r.id, version: r.version }));
    const reowned = [...updated.values()].filter((u) => u.after.ownerId !== u.before.ownerId);
    await rt.store.transaction(steps.length || reowned.length ? [spec.table, 'history', 'meta', 'activities'] : [spec.table, 'history', 'meta'], async (tx) => {
      // Records, history and (when nothing below adds to it) the undo log asked for at once: in IndexedDB each awaited
      // request is a round trip through the page's event loop, which an import keeps busy checking the next batch.
      // Records made here and given away: the change feed may pass them on without a copy of each.
      const records = tx.bulkPut(spec.table, [...created.values(), ...[...updated.values()].map((u) => u.after)], { handOver: true });
      const entries = rt.appendHistory(tx, history);
      if (!steps.length && !reowned.length) {
        await Promise.all([records, entries, tx.put('meta', log)]);
        return;
      }
      await Promise.all([records, entries]);
      for (const u of reowned) {
        const handed = await stepsFollowOwner(rt, tx, actor, u.after.id, u.after.ownerId, at);
        if (handed.length) (log.reassigned ??= []).push(...handed);
      }
      if (steps.length) await tx.bulkPut('activities', steps.map((s) => s.step as unknown as StoredRow));
      await tx.put('meta', log);
    });
    if (rt.hooks.has('record:created')) for (const r of created.values()) await rt.hooks.emit('record:created', { type: spec.type, record: r as unknown as AnyRecord });
    if (rt.hooks.has('record:updated')) {
      for (const { before, after } of updated.values()) {
        await rt.hooks.emit('record:updated', { type: spec.type, record: after as unknown as AnyRecord, previous: before as unknown as AnyRecord, changes: diffRecords(before, after) });
      }
    }
    for (const r of created.values()) await host.afterCreate(r);
    if (stages.size && host.move) await moveCreated(host, outcomes, stages, created, log);
    return outcomes;
  } finally {
    endTurn();
  }
}

/** Moves created leads/deals to the stage their row asked for; a refused move undoes that row's record. */
async function moveCreated<T extends RecordBase & StoredRow>(host: ImportBatchHost<T>, outcomes: ImportRowOutcome[], stages: Map<number, string>, created: Map<string, T>, log: ImportLogRow): Promise<void> {
  const { rt, actor } = host;
  const move = host.move as NonNullable<ImportBatchHost<T>['move']>;
  for (const [i, stageId] of stages) {
    const outcome = outcomes[i];
    if (outcome?.status !== 'created') continue;
    const record = created.get(outcome.id) as T;
    if (record['stageId'] === stageId) continue;
    try {
      const moved = await move(actor, record.id, stageId, log.batchId);
      const entry = log.created.find((c) => c.id === record.id);
      if (entry) entry.version = moved.version;
    } catch (e) {
      outcomes[i] = { status: 'failed', error: failure(e) };
      log.created = log.created.filter((c) => c.id !== record.id);
      await rt.store.transaction([host.spec.table, 'history', 'activities'], async (tx) => {
        await tx.delete(host.spec.table, record.id);
        for (const table of ['history', 'activities'] as const) {
          for (const row of await tx.query(table, { index: 'recordId', equals: record.id })) await tx.delete(table, row.id);
        }
      });
    }
  }
  await rt.store.put('meta', log);
}
