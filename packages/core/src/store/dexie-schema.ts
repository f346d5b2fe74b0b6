import type { Transaction } from 'dexie';
import { emailKey, phoneKey } from '../phone.js';
import type { TableName } from './store.js';

/**
 * The IndexedDB schema of `dexieStore`, one entry per version, oldest
 * first. Dexie applies each entry in order and runs the `upgrade` of every
 * version newer than the database on disk, inside the version-change
 * transaction, so an upgrade either completes or leaves the old data as it was.
 *
 * Released versions are frozen: never edit an entry that has shipped (its
 * strings are literal on purpose, not derived from `STORE_INDEXES`). To change
 * the schema, append a version:
 *
 * 1. Copy the last entry's `stores`, bump `version` by one and edit the
 *    strings: `id` first (primary key), then the indexes; `*field` is a
 *    multi-entry index. Keep every table listed.
 * 2. If existing rows need new or reshaped fields, add an `upgrade` that
 *    rewrites them with `tx.table(name).toCollection().modify(...)`. Only await
 *    Dexie operations inside it, and keep the old fields unless they are
 *    truly obsolete: migrations must lose nothing.
 * 3. Update `STORE_INDEXES` in `store.ts` to match (a test checks that the last
 *    version and `STORE_INDEXES` agree), and add a migration test that writes
 *    rows in the previous version's shape and reads them back after opening.
 */
export interface DexieSchemaVersion {
  /** Dexie version number (integer, increasing). */
  version: number;
  /** Dexie `stores()` spec for every table: `'id, index, *multiEntry'`. */
  stores: Record<TableName, string>;
  /** Rewrites existing rows when upgrading from an older version. */
  upgrade?: (tx: Transaction) => Promise<void>;
  /** The adapter's own tables (not crmkit tables, no `StoredRow`s), e.g. the change log. */
  internal?: Record<string, string>;
}

/** The adapter's change log table: one row per commit, `{ seq, changes: [{ table, type, id }] }`. */
export const CHANGE_LOG_TABLE = '_changes';

/** Every schema version, oldest first; the last one matches `STORE_INDEXES`. */
export const DEXIE_VERSIONS: readonly DexieSchemaVersion[] = [
  {
    version: 1,
    stores: {
      contacts: 'id, ownerId, companyId, *dupKeys',
      companies: 'id, ownerId, nameKey',
      leads: 'id, ownerId, pipelineId, stageId, status, contactId',
      deals: 'id, ownerId, pipelineId, stageId, status, companyId, *contactIds',
      activities: 'id, recordId, assigneeId',
      history: 'id, recordId',
      jobs: 'id, state',
      meta: 'id',
    },
  },
  {
    // Leads get duplicate-control keys; activities get `state` beside the old boolean `done`.
    version: 2,
    stores: {
      contacts: 'id, ownerId, companyId, *dupKeys',
      companies: 'id, ownerId, nameKey',
      leads: 'id, ownerId, pipelineId, stageId, status, contactId, *dupKeys',
      deals: 'id, ownerId, pipelineId, stageId, status, companyId, *contactIds',
      activities: 'id, recordId, assigneeId, state',
      history: 'id, recordId',
      jobs: 'id, state',
      meta: 'id',
    },
    async upgrade(tx) {
      await tx
        .table('activities')
        .toCollection()
        .modify((activity: Record<string, unknown>) => {
          if (typeof activity.state !== 'string') activity.state = activity.done ? 'done' : 'pending';
        });
      await tx
        .table('leads')
        .toCollection()
        .modify((lead: Record<string, unknown>) => {
          lead.dupKeys = leadDupKeys(lead);
        });
    },
  },
  {
    // A persisted change log (one row per commit, auto-increment `seq`), so derived data kept across
    // sessions can catch up on what changed while it was not running. Starts empty: nothing to migrate.
    version: 3,
    stores: {
      contacts: 'id, ownerId, companyId, *dupKeys',
      companies: 'id, ownerId, nameKey',
      leads: 'id, ownerId, pipelineId, stageId, status, contactId, *dupKeys',
      deals: 'id, ownerId, pipelineId, stageId, status, companyId, *contactIds',
      activities: 'id, recordId, assigneeId, state',
      history: 'id, recordId',
      jobs: 'id, state',
      meta: 'id',
    },
    internal: { [CHANGE_LOG_TABLE]: '++seq' },
  },
  {
    // Bulk writes of contacts and companies are stored many rows to a record (IndexedDB's cost is per record):
    // chunk stores indexed by their rows' ids and index values, and the chunks' duplicate-key lists. Existing rows
    // stay one record each: nothing to migrate.
    version: 4,
    stores: {
      contacts: 'id, ownerId, companyId, *dupKeys',
      companies: 'id, ownerId, nameKey',
      leads: 'id, ownerId, pipelineId, stageId, status, contactId, *dupKeys',
      deals: 'id, ownerId, pipelineId, stageId, status, companyId, *contactIds',
      activities: 'id, recordId, assigneeId, state',
      history: 'id, recordId',
      jobs: 'id, state',
      meta: 'id',
    },
    internal: {
      [CHANGE_LOG_TABLE]: '++seq',
      contactsChunks: 'id, *ids, *ownerId, *companyId',
      companiesChunks: 'id, *ids, *ownerId, *nameKey',
      _chunkKeys: 'id',
    },
  },
];

/** The duplicate-control keys of a version-1 lead: its phone's and email's keys, plus any it already had. */
function leadDupKeys(lead: Record<string, unknown>): string[] {
  const keys = Array.isArray(lead.dupKeys) ? lead.dupKeys.filter((key): key is string => typeof key === 'string') : [];
  if (typeof lead.phone === 'string' && /\d/.test(lead.phone)) keys.push(phoneKey(lead.phone));
  if (typeof lead.email === 'string' && lead.email.trim() !== '') keys.push(emailKey(lead.email));
  return [...new Set(keys)];
}
