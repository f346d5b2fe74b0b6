import type { CrmError} from '@crmkit/core';
import { ForbiddenError, indexDuplicateKeys, StageTransitionError, ValidationError, type Crm, type DuplicateKeyIndex, type ImportBatchRow, type ImportRowOutcome } from '@crmkit/core';
import type { ImportEntity } from '../mapping/fields.js';
import type { Table } from '../read/table.js';
import type { ImportError, ImportOptions, ImportResult } from './import-types.js';
import { planColumns, rowToInput, RowContext, type ColumnPlan, type RowInput } from './row-to-input.js';

type Importer = { importBatch(rows: readonly ImportBatchRow[], options: Parameters<Crm['contacts']['importBatch']>[1]): Promise<ImportRowOutcome[]> };

function serviceFor(crm: Crm, entity: ImportEntity): Importer {
  return { contact: crm.contacts, company: crm.companies, lead: crm.leads, deal: crm.deals }[entity];
}

/**
 * Rows per batch unless the caller says otherwise: one store transaction each. Each transaction costs a fixed
 * few round trips and a commit on top of its rows, so fewer, larger ones are faster; the core checks a batch's rows
 * in slices of ~10 ms and the Dexie store serialises them in chunks of at most 500 rows, so a larger batch makes
 * no longer task on the page.
 */
const DEFAULT_BATCH_SIZE = 1000;

/** From this many rows on, duplicates are looked up in memory (`indexDuplicateKeys`) rather than per batch in the store. */
const KEY_INDEX_FROM = 1000;

/**
 * Batches handed to the core ahead of the one being written. The core checks them in background-priority slices
 * while that one is written, so the page always has rows to check while it waits for the database; with one
 * batch ahead it ran dry (50,000 rows: 9.6 s against 8.4 s with four, same run). A batch of 1,000 rows is a few
 * hundred kilobytes, so four ahead cost little memory.
 */
const BATCHES_AHEAD = 4;

/** The in-memory duplicate-key index of an entity's table, for entities with duplicate control. */
function keyIndex(crm: Crm, entity: ImportEntity, linked = false): Promise<DuplicateKeyIndex> | undefined {
  const table = ({ contact: 'contacts', company: 'companies', lead: 'leads' } as const)[entity as 'contact' | 'company' | 'lead'];
  // Companies a company column links to are only looked up (never updated): their rows are kept in memory, not re-read every batch.
  return table ? indexDuplicateKeys(crm.store, table, { keepRows: linked }) : undefined;
}

/** Lets the page paint and handle input between batches (`scheduler.yield` where there is one: a nested `setTimeout` waits at least 4 ms). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : new Promise<void>((resolve) => setTimeout(resolve, 0));
}

/** The errors of a row's failed outcome, each naming the column it came from. */
function errorsOf(error: CrmError, plan: ColumnPlan): Omit<ImportError, 'row'>[] {
  if (error instanceof ValidationError) {
    return error.issues.map((issue) => {
      const field = issue.path[0] === 'custom' ? `custom.${String(issue.path[1])}` : String(issue.path[0] ?? '');
      const column = plan.columnOf.get(field);
      return { ...(column ? { column } : {}), ...(field ? { field } : {}), code: issue.code, message: issue.message };
    });
  }
  const field = error instanceof ForbiddenError ? 'ownerId' : error instanceof StageTransitionError ? 'stageId' : undefined;
  const column = field ? plan.columnOf.get(field) : undefined;
  const code = error instanceof StageTransitionError ? 'stage_refused' : error.code;
  return [{ ...(column ? { column } : {}), ...(field ? { field } : {}), code, message: error.message }];
}

/** Names linked for one batch of rows: name → id (or why not), and the ids created for it. */
interface Linked {
  kind: 'company' | 'contact';
  ids: Map<string, string | CrmError>;
  created: Set<string>;
}

/** Finds or creates (through `importBatch`, same batch) the companies or contacts rows name. */
async function link(crm: Crm, kind: 'company' | 'contact', names: Set<string>, batchId: string, dryRun: boolean, keys?: DuplicateKeyIndex): Promise<Linked> {
  const out: Linked = { kind, ids: new Map(), created: new Set() };
  if (names.size === 0) return out;
  let wanted = [...names];
  if (kind === 'contact') {
    const known = new Map((await crm.contacts.list()).map((c) => [c.name.trim().toLowerCase(), c.id]));
    for (const n of wanted) if (known.has(n.toLowerCase())) out.ids.set(n, known.get(n.toLowerCase()) as string);
    wanted = wanted.filter((n) => !out.ids.has(n));
  }
  const service = kind === 'company' ? crm.companies : crm.contacts;
  const outcomes = await service.importBatch(wanted.map((name) => ({ input: { name } })), { batchId, duplicates: 'skip', dryRun, ...(keys ? { keys } : {}) });
  wanted.forEach((name, i) => {
    const o = outcomes[i] as ImportRowOutcome;
    out.ids.set(name, o.status === 'failed' ? o.error : o.id);
    if (o.status === 'created') out.created.add(o.id);
  });
  return out;
}

/** The companies and contacts rows link to that the rows written use (their `companyId`, `contactIds`). */
function markUsed(used: Set<unknown>, outcomes: readonly ImportRowOutcome[], batch: readonly ImportBatchRow[]): void {
  outcomes.forEach((o, k) => {
    if (o.status !== 'created' && o.status !== 'updated') return;
    const input = (batch[k] as ImportBatchRow).input;
    used.add(input['companyId']);
    for (const id of (input['contactIds'] as string[] | undefined) ?? []) used.add(id);
  });
}

/**
 * Removes the linked records the import made that no written row uses (made for rows that then failed, were skipped
 * or cancelled), so a failed row leaves nothing behind. Run once at the end: a company made for one batch may be
 * linked by a later one.
 */
async function dropUnused(crm: Crm, linked: readonly Linked[], used: ReadonlySet<unknown>): Promise<void> {
  for (const { kind, created } of linked) {
    for (const id of created) if (!used.has(id)) await (kind === 'company' ? crm.companies : crm.contacts).remove(id);
  }
}

/**
 * Imports a table's rows as contacts, companies, leads or deals, in batches
 * of one store transaction each. Every row is checked by the core's schemas
 * and rules; a bad row is reported (spreadsheet row number, column, field,
 * code, message) and left out while the others go in. Duplicates are found
 * by the core's duplicate keys with one lookup per batch. A company column
 * links the company of that name or creates it; a deal's pipeline and stage
 * may be given by id or name. Everything written carries `batchId`:
 * `undoImport(crm, batchId)` reverts it. Throws `ValidationError` for a
 * mapping that names a missing column or an unknown field.
 */
export async function importRecords(crm: Crm, table: Table, options: ImportOptions): Promise<ImportResult> {
  const { entity, signal, onProgress } = options;
  const plan = planColumns(table.headers, options.mapping, entity);
  const ctx = new RowContext(crm, entity, options.dateOrder ?? 'dmy');
  const batchId = options.batchId ?? `import-${crypto.randomUUID()}`;
  const dryRun = options.dryRun ?? false;
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const service = serviceFor(crm, entity);
  const result: ImportResult = { batchId, dryRun, created: 0, updated: 0, skipped: 0, failed: 0, errors: [], cancelled: false };
  const total = table.rows.length;
  const rowNumber = (i: number) => table.rowNumbers?.[i] ?? i + 2;
  // A large file: each table's duplicate keys are read once and kept in memory, instead of asking the store for every key of every batch.
  const [own, company] = total >= KEY_INDEX_FROM ? await Promise.all([keyIndex(crm, entity), plan.columnOf.has('companyId') ? keyIndex(crm, 'company', true) : undefined]) : [];
  const made: Linked[] = [];
  const used = new Set<unknown>();
  /** The batch being written: the next one is checked meanwhile (the core lets it write once this one returned). */
  let writing: Promise<void> | undefined;
  /** Every batch's handling, in order: the loop runs at most `BATCHES_AHEAD` batches ahead of the one being written. */
  const handled: Promise<void>[] = [];
  /** Aborts the batches already handed to the core once the caller cancels. */
  const stop = new AbortController();
  /** Every batch handed to the core. */
  const inCore: Promise<unknown>[] = [];
  const cancel = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', cancel);
  /** Whatever happened: no batch is left running, and nothing made for rows that were not written stays behind. */
  const finish = async () => {
    signal?.removeEventListener('abort', cancel);
    await writing?.catch(() => undefined);
    // Batches handed to the core after one that failed are refused there (or written): either way, settled first.
    await Promise.allSettled(inCore);
    own?.stop();
    company?.stop();
    if (!dryRun) await dropUnused(crm, made, used);
  };
  try {
    for (let start = 0; start < total; start += size) {
      if (signal?.aborted) {
        result.cancelled = true;
        break;
      }
      const converted: RowInput[] = table.rows.slice(start, start + size).map((cells) => rowToInput(cells, plan, ctx));
      const companies = await link(crm, 'company', new Set(converted.flatMap((r) => (r.errors.length === 0 && r.company ? [r.company] : []))), batchId, dryRun, company);
      const contacts = await link(crm, 'contact', new Set(converted.flatMap((r) => (r.errors.length === 0 ? (r.contacts ?? []) : []))), batchId, dryRun);
      made.push(companies, contacts);
      const sent: number[] = [];
      const batch: ImportBatchRow[] = [];
      const rowErrors: ImportError[] = [];
      let rowsFailed = 0;
      converted.forEach((r, k) => {
        if (!r.errors.length && r.company) {
          const linked = companies.ids.get(r.company);
          if (typeof linked === 'string') r.input['companyId'] = linked;
          else if (linked) r.errors.push(...errorsOf(linked, plan).map((e) => ({ ...e, column: plan.columnOf.get('companyId'), field: 'companyId' })));
        }
        for (const name of r.errors.length ? [] : (r.contacts ?? [])) {
          const linked = contacts.ids.get(name);
          if (typeof linked === 'string') r.input['contactIds'] = [...((r.input['contactIds'] as string[]) ?? []), linked];
          else if (linked) r.errors.push(...errorsOf(linked, plan).map((e) => ({ ...e, column: plan.columnOf.get('contactIds'), field: 'contactIds' })));
        }
        if (r.errors.length) {
          rowsFailed++;
          rowErrors.push(...r.errors.map((e) => ({ row: rowNumber(start + k), ...e })));
          return;
        }
        sent.push(start + k);
        batch.push({ input: r.input, ...(r.id ? { id: r.id } : {}), ...(r.defaults ? { defaults: r.defaults } : {}) });
      });
      // Ids a dry run would create, for the rows linking them; the core checks every stored one itself (in the
      // companies' index it made, which holds them current, else by reading them).
      const linking = [...companies.ids.values(), ...contacts.ids.values()].filter((id): id is string => typeof id === 'string');
      const before = writing;
      // Handed to the core now: it checks these rows while the batch before is written, and writes them only once
      // that one has been counted here (so a cancel in its progress event stops this one).
      const outcomes = batch.length
        ? service.importBatch(batch, { batchId, duplicates: options.duplicates ?? 'skip', dryRun, linking, signal: stop.signal, ...(before ? { writeAfter: before } : {}), ...(own ? { keys: own } : {}), ...(company ? { linked: [company] } : {}) })
        : Promise.resolve([]);
      // Settled below, in order (or abandoned when cancelled): never an unhandled rejection.
      outcomes.catch(() => undefined);
      inCore.push(outcomes);
      const done = Math.min(start + size, total);
      writing = (async () => {
        await before;
        let written: ImportRowOutcome[];
        try {
          written = await outcomes;
        } catch (error) {
          // Cancelled before its turn to write: nothing of this batch was written or counted.
          if (signal?.aborted && stop.signal.aborted) {
            result.cancelled = true;
            return;
          }
          throw error;
        }
        // Counted the moment the core returns, before it lets the next batch write, so a cancel here stops that one.
        result.failed += rowsFailed;
        result.errors.push(...rowErrors);
        markUsed(used, written, batch);
        written.forEach((o, k) => {
          if (o.status !== 'failed') {
            result[o.status]++;
            return;
          }
          result.failed++;
          result.errors.push(...errorsOf(o.error, plan).map((e) => ({ row: rowNumber(sent[k] as number), ...e })));
        });
        onProgress?.({ done, total, created: result.created, updated: result.updated, skipped: result.skipped, failed: result.failed });
      })();
      // A batch that fails (the store) stops the ones after it from writing.
      writing.catch((error: unknown) => stop.abort(error));
      handled.push(writing);
      // At most BATCHES_AHEAD + 1 batches at a time: these being checked while the oldest is written.
      await handled[handled.length - 1 - BATCHES_AHEAD];
      await nextTask();
    }
    await writing;
  } catch (error) {
    // A failed import (a broken store) reports its own error, not one of the clean-up's.
    await finish().catch(() => undefined);
    throw error;
  }
  await finish();
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
