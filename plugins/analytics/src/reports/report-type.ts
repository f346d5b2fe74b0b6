import type { Crm, LocalizedText, TableName } from '@crmkit/core';

/** The kind of value a report field holds. */
export type ReportFieldType = 'string' | 'number' | 'money' | 'date' | 'boolean';

/**
 * What a field's values are ids of, so a report shows their names: users'
 * names, pipeline and stage names (in the CRM's locale), loss or junk
 * reasons from the pipelines, company names the reader may see.
 */
export type ReportFieldRef = 'user' | 'pipeline' | 'stage' | 'reason' | 'company';

/** One field a report may filter, group or measure by. */
export interface ReportField {
  /** Column header. */
  label: LocalizedText;
  /** Its kind: `date` fields can be bucketed, `number`/`money` fields summed. */
  type: ReportFieldType;
  /** For `money` fields: the field holding the ISO 4217 currency (sums are kept per currency). */
  currencyField?: string;
  /** What the values are ids of; group cells then show names (`ReportColumn.labels`). */
  ref?: ReportFieldRef;
}

/** A row of a report type: field name → value (`null` or absent when empty; dates as ISO strings). */
export type ReportRow = Readonly<Record<string, unknown>>;

/**
 * A report type, as data: an entity, the related entities joined into each
 * row, the fields a report may use, and how to read the rows the acting user
 * may see. Plugins add their own with `analyticsPlugin({ reportTypes })` or
 * `registerReportType`.
 */
export interface ReportType {
  /** Id used in a definition's `type`, e.g. `deals`. */
  id: string;
  /** Name shown in report pickers. */
  label: LocalizedText;
  /** The primary entity, e.g. `deal`. */
  entity: string;
  /** Related entities joined into the rows, e.g. `[{ name: 'contact', entity: 'contact' }]` (fields `contact.*`). */
  related?: readonly { name: string; entity: string; label: LocalizedText }[];
  /** The fields, by name. */
  fields: Readonly<Record<string, ReportField>>;
  /** Store tables whose changes make cached rows stale. */
  tables: readonly TableName[];
  /** Reads the rows `crm`'s acting user may see (through the CRM's services, so roles apply). */
  rows(crm: Crm): Promise<readonly ReportRow[]>;
}
