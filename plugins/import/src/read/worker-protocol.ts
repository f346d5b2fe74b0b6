import type { ReadTableOptions, Table, TableSource } from './table.js';

/** Rows per message from the worker: small enough that taking one in stays a short task. @internal */
export const ROWS_PER_MESSAGE = 2000;

/** What the page asks the worker. @internal */
export interface WorkerRequest {
  source: Exclude<TableSource, string> | string;
  options: ReadTableOptions;
}

/** What the worker answers: slices of rows, then the rest of the table, or an error. @internal */
export type WorkerReply =
  | { kind: 'rows'; rows: string[][]; rowNumbers: number[] | undefined }
  | { kind: 'table'; table: Omit<Table, 'rows' | 'rowNumbers'> }
  | { kind: 'error'; name: string; message: string; reason?: string };
