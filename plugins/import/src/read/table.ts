/** The file shapes `readTable` understands. `html` is the HTML table some CRMs save as ".xls". */
export type TableFormat = 'csv' | 'tsv' | 'xlsx' | 'html';

/** Why `readTable` wants the user to look twice; none of these stop the import. */
export type TableWarningCode =
  | 'encoding-guessed'
  | 'delimiter-guessed'
  | 'ragged-row'
  | 'blank-header'
  | 'duplicate-header'
  | 'empty-rows-skipped'
  | 'other-sheets';

/** One warning about the file, with the spreadsheet row (header is 1) when it is about one row. */
export interface TableWarning {
  /** Stable code. */
  code: TableWarningCode;
  /** Human message (English; widgets translate by `code`). */
  message: string;
  /** Spreadsheet row number, header is 1. */
  row?: number;
}

/** A file read into rows of text, with every guess that was made. */
export interface Table {
  /** What the file is. */
  format: TableFormat;
  /** Text encoding used (`utf-8` for XLSX, whose XML is always Unicode). */
  encoding: string;
  /** Whether the text started with a byte-order mark. */
  bom: boolean;
  /** Column delimiter (`''` for XLSX and HTML). */
  delimiter: string;
  /** Column titles from the first row (blank ones become `Column 3`, repeated ones `Phone (2)`). */
  headers: string[];
  /** The data rows, each exactly `headers.length` cells of text. */
  rows: string[][];
  /** The spreadsheet row number (header is 1) of each data row; blank rows were skipped, so `rows[i]` is row `rowNumbers[i]`. Absent: row `i + 2`. */
  rowNumbers?: number[];
  /** What was guessed or repaired. */
  warnings: TableWarning[];
  /** The XLSX sheet that was read. */
  sheet?: string;
}

/** Options of `readTable`; each one overrides a guess. */
export interface ReadTableOptions {
  /** The file's name; its extension is a hint only (the bytes decide). */
  fileName?: string;
  /** Text encoding, e.g. `windows-1251`, `gb18030`, `utf-16le` (default: detected). */
  encoding?: string;
  /** Column delimiter, e.g. `;` (default: detected among `,` `;` tab `|`). */
  delimiter?: string;
  /** Force a format (default: from the first bytes). */
  format?: TableFormat;
  /** XLSX sheet name or 1-based number (default: the first). */
  sheet?: string | number;
}

/** What `readTable` accepts: a `File`/`Blob`, raw bytes, or already decoded text. */
export type TableSource = Blob | ArrayBuffer | Uint8Array | string;
