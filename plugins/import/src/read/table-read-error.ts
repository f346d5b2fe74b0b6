import { CrmError } from '@crmkit/core';

/** A file could not be read as a table; `reason` says why in a stable word. */
export class TableReadError extends CrmError {
  /** `empty`, `encoding`, `xlsx`, `sheet`, or `format`. */
  readonly reason: 'empty' | 'encoding' | 'xlsx' | 'sheet' | 'format';
  constructor(reason: TableReadError['reason'], message: string, options?: { cause?: unknown }) {
    super('table_read', message, options);
    this.reason = reason;
  }
}
