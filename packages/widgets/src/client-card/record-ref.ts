import type { RecordType } from '@crmkit/core';

/** Which record a client card shows: the parsed `record` attribute (`contact:ID`, `company:ID`, `lead:ID`, `deal:ID`). */
export interface RecordRef {
  /** `contact`, `company`, `lead` or `deal`. */
  type: RecordType;
  /** The record id. */
  id: string;
}

const TYPES: readonly RecordType[] = ['contact', 'company', 'lead', 'deal'];

/** Parses `type:id`; `undefined` when the type is unknown or the id is empty. */
export function parseRecordRef(value: string | null | undefined): RecordRef | undefined {
  if (!value) return undefined;
  const at = value.indexOf(':');
  if (at < 0) return undefined;
  const type = value.slice(0, at).trim() as RecordType;
  const id = value.slice(at + 1).trim();
  return TYPES.includes(type) && id ? { type, id } : undefined;
}
