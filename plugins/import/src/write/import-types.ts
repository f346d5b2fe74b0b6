import type { DuplicateMode } from '@crmkit/core';
import type { ImportEntity, Mapping } from '../mapping/fields.js';
import type { DateOrder } from '../values/parse-date.js';

/** Progress of `importRecords`, after each batch of rows. */
export interface ImportProgress {
  /** Rows handled so far. */
  done: number;
  /** Rows in the table. */
  total: number;
  /** Counts so far. */
  created: number;
  /** Counts so far. */
  updated: number;
  /** Counts so far. */
  skipped: number;
  /** Counts so far. */
  failed: number;
}

/** Options of `importRecords`. */
export interface ImportOptions {
  /** What the rows become. */
  entity: ImportEntity;
  /** Column title → target (`suggestMapping` proposes one). */
  mapping: Mapping;
  /** A row matching an existing record (by id column, normalised phone/email, company name): `skip` (default), `update` it, or `create` anyway. */
  duplicates?: DuplicateMode;
  /** Check every row and report what would happen; write nothing. */
  dryRun?: boolean;
  /** Called after each batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Stops after the batch in progress; what was written stays (and can be undone). */
  signal?: AbortSignal;
  /** Rows per batch (one store transaction each; progress is reported and a cancel takes effect per batch). Default 1,000. */
  batchSize?: number;
  /** How to read `03/04/2025`: day first (default) or month first. */
  dateOrder?: DateOrder;
  /** The batch id (default: a new one). */
  batchId?: string;
}

/** One problem with one row. */
export interface ImportError {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  /** The column title, when the problem is in one column. */
  column?: string;
  /** The record field (`emails`, `name`, `custom.invoiceNo`…), when known. */
  field?: string;
  /** Stable code: a validation code (`required`, `invalid_email`, `invalid_phone`…), `invalid_number`, `invalid_date`, `unknown_user`, `unknown_stage`, `unknown_pipeline`, `forbidden`, `stage_refused`, … */
  code: string;
  /** Human message. */
  message: string;
}

/** What `importRecords` did (or, with `dryRun`, would do). */
export interface ImportResult {
  /** Pass to `undoImport` to revert. */
  batchId: string;
  /** True when nothing was written. */
  dryRun: boolean;
  /** Rows that became new records. */
  created: number;
  /** Rows that updated an existing record. */
  updated: number;
  /** Rows that duplicated a record and were left out (or changed nothing). */
  skipped: number;
  /** Rows with errors; nothing of them was written. */
  failed: number;
  /** Every problem, row by row. */
  errors: ImportError[];
  /** True when `signal` stopped the import before the end; the counts cover the rows handled. */
  cancelled: boolean;
}
