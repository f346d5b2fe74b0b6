import { parseLocaleNumber, type NumberInputProblem } from '../shared/locale-number.js';
import type { RecordType } from '@crmkit/core';
import type { CardRecord } from './card-data.js';

/** How a field is shown and edited. */
export type FieldKind = 'text' | 'multiline' | 'phones' | 'emails' | 'phone' | 'email' | 'url' | 'amount' | 'currency' | 'date' | 'custom';

/** A built-in field the card shows (and edits) for a record type. */
export type FieldKey =
  | 'name'
  | 'title'
  | 'phones'
  | 'emails'
  | 'phone'
  | 'email'
  | 'position'
  | 'companyName'
  | 'city'
  | 'address'
  | 'website'
  | 'amount'
  | 'currency'
  | 'expectedCloseDate'
  | 'message'
  | 'note';

/** One editable field of the card: a built-in one, or `custom:<name>` for a custom field. */
export interface FieldDef {
  /** `name`, `phones`, … or `custom:<name>`. */
  id: string;
  /** How it is shown and edited. */
  kind: FieldKind;
}

const KIND: Record<FieldKey, FieldKind> = {
  name: 'text',
  title: 'text',
  phones: 'phones',
  emails: 'emails',
  phone: 'phone',
  email: 'email',
  position: 'text',
  companyName: 'text',
  city: 'text',
  address: 'text',
  website: 'url',
  amount: 'amount',
  currency: 'currency',
  expectedCloseDate: 'date',
  message: 'multiline',
  note: 'multiline',
};

const FIELDS: Record<RecordType, readonly FieldKey[]> = {
  contact: ['name', 'phones', 'emails', 'position', 'city', 'website', 'note'],
  company: ['name', 'phones', 'emails', 'website', 'city', 'address', 'note'],
  lead: ['name', 'phone', 'email', 'companyName', 'message'],
  deal: ['title', 'amount', 'currency', 'expectedCloseDate'],
};

/** The fields the card shows for a record: the built-in ones of its type, then its custom fields (text, numbers and yes/no values). */
export function fieldsOf(type: RecordType, record: CardRecord): FieldDef[] {
  const builtIn = FIELDS[type].map((key) => ({ id: key, kind: KIND[key] }));
  const custom = Object.entries(record.custom ?? {})
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
    .map(([name]) => ({ id: `custom:${name}`, kind: 'custom' as const }));
  return [...builtIn, ...custom];
}

/** The name of a custom field (`custom:<name>`), or `undefined` for a built-in one. */
export function customName(id: string): string | undefined {
  return id.startsWith('custom:') ? id.slice(7) : undefined;
}

/** A field's stored value. */
export function valueOf(def: FieldDef, record: CardRecord): unknown {
  const custom = customName(def.id);
  return custom !== undefined ? record.custom?.[custom] : (record as unknown as Record<string, unknown>)[def.id];
}

/** What the editor starts with: lists joined with commas, dates as `YYYY-MM-DD`. */
export function draftOf(def: FieldDef, record: CardRecord): string {
  const v = valueOf(def, record);
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (def.kind === 'date' && typeof v === 'string') return v.slice(0, 10);
  return String(v);
}

/** Splits a comma-, semicolon- or line-separated list a person typed. */
export function splitList(draft: string): string[] {
  return draft
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The `update` patch for an edited field. An empty value clears the field
 * (the core refuses to clear a required one and says so on the field).
 */
export function patchOf(def: FieldDef, draft: string, record: CardRecord, locale: string): Record<string, unknown> {
  const custom = customName(def.id);
  const text = draft.trim();
  if (custom !== undefined) {
    const before = record.custom?.[custom];
    let value: unknown = text;
    if (typeof before === 'number' && text !== '') value = numberOf(text, locale);
    else if (typeof before === 'boolean') value = /^(true|1|yes|да|是|тийм|ha)$/i.test(text);
    return { custom: { [custom]: value } };
  }
  switch (def.kind) {
    case 'phones':
    case 'emails':
      return { [def.id]: splitList(draft) };
    case 'amount':
      return { amount: text === '' ? null : numberOf(text, locale) };
    default:
      return { [def.id]: text === '' ? null : text };
  }
}

/** A number typed in the card's locale that was refused (not a number, or one that reads two ways). */
export class NumberInputError extends Error {
  constructor(
    readonly problem: NumberInputProblem,
    readonly input: string,
  ) {
    super(`"${input}" is ${problem === 'ambiguous' ? 'ambiguous' : 'not a number'}`);
    this.name = 'NumberInputError';
  }
}

function numberOf(text: string, locale: string): number {
  const parsed = parseLocaleNumber(text, locale);
  if (!parsed.ok) throw new NumberInputError(parsed.problem, text);
  return parsed.value;
}

/** Which field a validation issue belongs to (`['emails', 1]` → `emails`, `['custom', 'x']` → `custom:x`). */
export function fieldOfIssuePath(path: readonly (string | number)[]): string {
  const [first, second] = path;
  if (first === 'custom' && second !== undefined) return `custom:${second}`;
  return String(first ?? '');
}
