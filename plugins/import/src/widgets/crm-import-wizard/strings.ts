import type { TableWarningCode } from '../../read/table.js';

/** Every string `<crm-import-wizard>` shows (namespace {@link IMPORT_WIZARD_NAMESPACE}; the tables are in `src/locales/`). */
export interface ImportWizardStrings {
  /** Heading, per entity. */
  title: Record<'contact' | 'company' | 'lead' | 'deal', string>;
  /** Step names for the step list. */
  steps: [string, string, string, string];
  dropHint: string;
  chooseFile: string;
  reading: string;
  /** The file could not be read (`reason`: the error). */
  readFailed: (reason: string) => string;
  fileLabel: string;
  /** How many data rows the file has (formatted number). */
  rowsInFile: (n: string) => string;
  encoding: string;
  delimiter: string;
  delimiters: { comma: string; semicolon: string; tab: string; bar: string };
  duplicates: string;
  duplicateModes: { skip: string; update: string; create: string };
  columns: string;
  column: string;
  example: string;
  target: string;
  ignore: string;
  /** Field names of the mapping targets. */
  targets: Record<string, string>;
  /** A custom field target. */
  custom: (name: string) => string;
  warningsTitle: string;
  /** What `readTable` warns about, by code (`row`: the spreadsheet row, when about one). */
  warnings: Record<TableWarningCode, (row?: number) => string>;
  nothingMapped: string;
  check: string;
  /** Dry-run progress (formatted numbers). */
  checking: (done: string, total: string) => string;
  back: string;
  previewTitle: string;
  /** What the import would do (formatted counts). */
  wouldDo: (created: string, updated: string, skipped: string, failed: string) => string;
  previewCaption: string;
  row: string;
  problems: string;
  ok: string;
  errorsTitle: string;
  /** Where an error is: spreadsheet row and column title. */
  errorAt: (row: string, column: string) => string;
  /** Where an error is, when it is about the whole row. */
  errorInRow: (row: string) => string;
  /** Errors not listed. */
  moreErrors: (n: string) => string;
  /** The import button (rows that would be written). */
  importRows: (n: string) => string;
  importing: string;
  /** Import progress (formatted numbers). */
  progress: (done: string, total: string) => string;
  cancel: string;
  doneTitle: string;
  cancelled: string;
  created: string;
  updated: string;
  skipped: string;
  failed: string;
  undo: string;
  undoing: string;
  /** What undo did (formatted counts). */
  undone: (removed: string, restored: string) => string;
  /** Records undo left alone because they changed after the import. */
  keptAfterUndo: (n: string) => string;
  another: string;
  /** A step failed (`reason`: the error). */
  failedAction: (reason: string) => string;
}

/** The translation registry namespace of these strings (the tables are in `src/locales/`). */
export const IMPORT_WIZARD_NAMESPACE = 'crm-import-wizard';
