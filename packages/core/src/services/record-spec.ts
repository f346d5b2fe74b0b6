import type { ListCursor } from './list-window.js';
import type { $ZodType } from 'zod/v4/core';
import type { RecordType } from '../schemas/activity.js';
import type { RecordBase } from '../schemas/common.js';
import type { StoredRow, StoreOps, TableName } from '../store/store.js';

/** Filters for `list` and `watch`. Every given field must match. */
export interface ListQuery {
  /** Only records owned by this user. */
  ownerId?: string;
  /** Leads/deals in this pipeline. */
  pipelineId?: string;
  /** Leads/deals in this stage. */
  stageId?: string;
  /** Leads/deals with this outcome state. */
  status?: 'open' | 'won' | 'lost';
  /** Contacts/deals of this company. */
  companyId?: string;
  /** Deals with this contact; leads linked to it. */
  contactId?: string;
  /** Case-insensitive text search over the record's names, phones, emails. */
  text?: string;
  /** Only these ids. */
  ids?: readonly string[];
  /** Sort order; default newest first (`-createdAt`). */
  sort?: 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';
  /** Keyset paging: only records after this position (the last record of the previous page) in the list's order. */
  after?: ListCursor;
  /** Skip this many (after sorting). */
  offset?: number;
  /** Return at most this many. */
  limit?: number;
}

/** Options of `update`. */
export interface UpdateOptions {
  /** The version the caller last saw; a different stored version throws `ConflictError`. */
  version?: number;
}


/** How one entity kind is built, patched and searched. @internal */
export interface RecordSpec<T extends RecordBase & StoredRow> {
  type: RecordType;
  table: TableName;
  inputSchema: $ZodType;
  /** The plain object schema patches are checked against (as partial); default `inputSchema`. */
  fieldsSchema?: $ZodType;
  /** Fields `update` may not touch (with the method to use instead). */
  immutable: Readonly<Record<string, string>>;
  /** Fields that cannot be cleared. */
  required: readonly string[];
  /** Builds a new record from validated input. */
  build(input: Record<string, unknown>, base: RecordBase): T;
  /** Applies a validated patch. */
  patch(current: T, set: Record<string, unknown>, unset: readonly string[]): T;
  /** Strings searched by `text` queries. */
  searchText(record: T): string;
  /** Extra owners who may access (none by default). */
  shorthand?: Readonly<Record<string, string>>;
  /** Fields holding ids of other records (field → table), which must exist. */
  links?: Readonly<Record<string, TableName>>;
  /** Where other records point at this kind (unlinked when one is removed). */
  referencedBy?: readonly { table: TableName; type: RecordType; field: string; index: string }[];
}


/** Extra writes a caller of `commitUpdate` adds to its transaction. @internal */
export interface ExtraWrite {
  /** Every table written (the record's own and `history` included). */
  tables: TableName[];
  /** Runs inside the transaction after the record is written. */
  write: (tx: StoreOps) => Promise<void>;
}
