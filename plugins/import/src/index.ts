/**
 * @crmkit/plugin-import — CSV, TSV and XLSX in (any common encoding, other
 * CRMs' exports), validated batch import with undo, formula-safe export.
 *
 * @packageDocumentation
 */

export { readTable } from './read/read-table.js';
export { readTableOffThread, type ReadOffThreadOptions } from './read/read-off-thread.js';
export { TableReadError } from './read/table-read-error.js';
export type { Table, TableFormat, TableSource, TableWarning, TableWarningCode, ReadTableOptions } from './read/table.js';
export { parseNumber } from './values/parse-number.js';
export { parseDate, excelSerialToIso, type DateOrder } from './values/parse-date.js';
export { suggestMapping, importTargets, type SuggestMappingOptions } from './mapping/suggest-mapping.js';
export { saveMapping, loadMapping, type MappingKey } from './mapping/saved-mappings.js';
export { IMPORT_TARGETS, MULTI_VALUE_TARGETS, isImportTarget, type ImportEntity, type ImportTarget, type Mapping } from './mapping/fields.js';
export { importRecords } from './write/import-records.js';
export { undoImport } from './write/undo-import.js';
export type { ImportOptions, ImportResult, ImportError, ImportProgress } from './write/import-types.js';
export { exportRecords, type ExportOptions } from './export/export-records.js';
export { neutralizeCell } from './export/neutralize.js';
