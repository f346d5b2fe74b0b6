import { ValidationError, type Crm, type Pipeline, type User } from '@crmkit/core';
import { isImportTarget, type ImportEntity, type Mapping } from '../mapping/fields.js';
import { parseDate, type DateOrder } from '../values/parse-date.js';
import { parseNumber } from '../values/parse-number.js';
import { unneutralizeCell } from '../export/neutralize.js';
import type { ImportError } from './import-types.js';

/** One mapped column. @internal */
interface PlannedColumn {
  index: number;
  header: string;
  target: string;
}

/** How the table's columns become record fields. @internal */
export interface ColumnPlan {
  entity: ImportEntity;
  columns: PlannedColumn[];
  /** Field → the column it came from, to name columns in errors. */
  columnOf: Map<string, string>;
}

/** A row turned into a record input, with what must be linked and the problems found. @internal */
export interface RowInput {
  input: Record<string, unknown>;
  id?: string;
  company?: string;
  contacts?: string[];
  /** Set only when the row creates a record. */
  defaults?: Record<string, unknown>;
  errors: Omit<ImportError, 'row'>[];
}

const FIELD_OF: Readonly<Record<string, string>> = { phone: 'phones', email: 'emails', closeDate: 'expectedCloseDate', owner: 'ownerId', company: 'companyId', contact: 'contactIds', pipeline: 'pipelineId', stage: 'stageId' };

/** Checks the mapping and plans the columns; throws `ValidationError` naming each bad column. @internal */
export function planColumns(headers: readonly string[], mapping: Mapping, entity: ImportEntity): ColumnPlan {
  const issues = Object.entries(mapping)
    .filter(([header, target]) => target && (!headers.includes(header) || !isImportTarget(entity, target)))
    .map(([header, target]) => ({ path: ['mapping', header], code: 'invalid_option', message: headers.includes(header) ? `"${target}" is not a ${entity} field` : `There is no column "${header}"` }));
  if (issues.length) throw new ValidationError(issues, 'import mapping');
  const columns = headers.flatMap((header, index) => (mapping[header] ? [{ index, header, target: mapping[header] as string }] : []));
  const columnOf = new Map<string, string>();
  for (const c of columns) {
    const base = c.target.startsWith('name.') ? 'name' : c.target;
    for (const field of [base, FIELD_OF[base] ?? base, entity === 'lead' && base === 'company' ? 'companyName' : '', entity === 'lead' && base === 'phone' ? 'phone' : '', entity === 'lead' && base === 'email' ? 'email' : '']) {
      if (field && !columnOf.has(field)) columnOf.set(field, c.header);
    }
  }
  return { entity, columns, columnOf };
}

const CURRENCY_SIGNS: Readonly<Record<string, string>> = { '₽': 'RUB', 'руб': 'RUB', 'р': 'RUB', '$': 'USD', '€': 'EUR', '¥': 'CNY', '元': 'CNY', '₮': 'MNT', 'төг': 'MNT', 'сўм': 'UZS', "so'm": 'UZS', 'сум': 'UZS', '£': 'GBP' };

function currencyOf(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^[a-z]{3}$/.test(t)) return t.toUpperCase();
  return CURRENCY_SIGNS[t] ?? Object.entries(CURRENCY_SIGNS).find(([sign]) => t.includes(sign))?.[1];
}

/** Users, pipelines and stages by id or name, for one import. @internal */
export class RowContext {
  private readonly users = new Map<string, string>();
  constructor(
    crm: Crm,
    readonly entity: ImportEntity,
    readonly dateOrder: DateOrder,
  ) {
    for (const u of crm.users.list() as User[]) {
      this.users.set(u.id.toLowerCase(), u.id);
      this.users.set(u.name.toLowerCase(), u.id);
    }
    this.pipelines = entity === 'deal' || entity === 'lead' ? crm.pipelines.list(entity) : [];
  }
  readonly pipelines: readonly Pipeline[];

  userId(text: string): string | undefined {
    return this.users.get(text.trim().toLowerCase());
  }

  pipeline(text: string): Pipeline | undefined {
    return this.pipelines.find((p) => p.id === text || names(p.name).includes(text.trim().toLowerCase()));
  }
}

function names(name: unknown): string[] {
  if (typeof name === 'string') return [name.trim().toLowerCase()];
  return Object.values((name ?? {}) as Record<string, string>).map((n) => n.trim().toLowerCase());
}

const split = (text: string, re: RegExp) => text.split(re).map((s) => s.trim()).filter(Boolean);

/** Turns one row's cells into a record input for `entity`. @internal */
export function rowToInput(cells: readonly string[], plan: ColumnPlan, ctx: RowContext): RowInput {
  const out: RowInput = { input: {}, errors: [] };
  const input = out.input;
  const parts: Record<string, string> = {};
  const phones: string[] = [];
  const emails: string[] = [];
  const notes: string[] = [];
  let stageText: { text: string; column: string } | undefined;
  let pipelineText: { text: string; column: string } | undefined;
  let currencyHint: string | undefined;
  const error = (column: string, field: string, code: string, message: string) => out.errors.push({ column, field, code, message });
  for (const { index, header, target } of plan.columns) {
    const value = unneutralizeCell((cells[index] ?? '').trim());
    if (value === '') continue;
    if (target.startsWith('name.')) parts[target.slice(5)] = [parts[target.slice(5)], value].filter(Boolean).join(' ');
    else if (target.startsWith('custom.')) input['custom'] = { ...(input['custom'] as object), [target.slice(7)]: value };
    else if (target === 'phone') phones.push(...split(value, /[,;\n]+/));
    else if (target === 'email') emails.push(...split(value, /[,;\s]+/));
    else if (target === 'tags') input['tags'] = [...((input['tags'] as string[]) ?? []), ...split(value, /[,;\n]+/)];
    else if (target === 'note' || target === 'message') notes.push(value);
    else if (target === 'id') out.id = value;
    else if (target === 'owner') {
      const id = ctx.userId(value);
      if (id) input['ownerId'] = id;
      else error(header, 'ownerId', 'unknown_user', `No user "${value}"`);
    } else if (target === 'company') {
      if (plan.entity === 'lead') input['companyName'] = value;
      else out.company = value;
    } else if (target === 'contact') out.contacts = [...(out.contacts ?? []), ...split(value, /[;\n]+/)];
    else if (target === 'source') input['source'] = { channel: value.slice(0, 60) };
    else if (target === 'amount') {
      const n = parseNumber(value);
      if (n === undefined) error(header, 'amount', 'invalid_number', `"${value}" is not a number`);
      else input['amount'] = n;
      currencyHint = currencyOf(value.replace(/[\d\s.,'()+\-−\u00a0\u202f]/g, ''));
    } else if (target === 'currency') {
      const c = currencyOf(value);
      if (c) input['currency'] = c;
      else error(header, 'currency', 'invalid_option', `"${value}" is not a currency`);
    } else if (target === 'closeDate') {
      const d = parseDate(value, ctx.dateOrder);
      if (d) input['expectedCloseDate'] = d;
      else error(header, 'expectedCloseDate', 'invalid_date', `"${value}" is not a date`);
    } else if (target === 'pipeline') pipelineText = { text: value, column: header };
    else if (target === 'stage') stageText = { text: value, column: header };
    else input[target] = value;
  }
  const name = [parts['first'], parts['middle'], parts['last']].filter(Boolean).join(' ');
  if (name && !input['name']) input['name'] = name;
  if (plan.entity === 'deal' && input['name'] !== undefined) {
    input['title'] = input['name'];
    delete input['name'];
  }
  if (plan.entity === 'lead') {
    if (phones[0]) input['phone'] = phones[0];
    if (emails[0]) input['email'] = emails[0];
    const extra = [...phones.slice(1), ...emails.slice(1)];
    if (extra.length) notes.push(`+ ${extra.join(', ')}`);
    if (notes.length) input['message'] = notes.join('\n');
  } else {
    if (phones.length) input['phones'] = [...new Set(phones)];
    if (emails.length) input['emails'] = [...new Set(emails)];
    if (notes.length) input['note'] = notes.join('\n');
  }
  if (currencyHint && !input['currency'] && plan.entity === 'deal') input['currency'] = currencyHint;
  if (plan.entity === 'contact' || plan.entity === 'lead') out.defaults = { source: { channel: 'import' } };
  resolveStage(out, ctx, pipelineText, stageText);
  return out;
}

function resolveStage(out: RowInput, ctx: RowContext, pipelineText?: { text: string; column: string }, stageText?: { text: string; column: string }): void {
  if (!pipelineText && !stageText) return;
  let pipeline = ctx.pipelines[0];
  if (pipelineText) {
    pipeline = ctx.pipeline(pipelineText.text);
    if (!pipeline) {
      out.errors.push({ column: pipelineText.column, field: 'pipelineId', code: 'unknown_pipeline', message: `No ${ctx.entity} pipeline "${pipelineText.text}" (${ctx.pipelines.map((p) => p.id).join(', ')})` });
      return;
    }
    out.input['pipelineId'] = pipeline.id;
  }
  if (!stageText || !pipeline) return;
  const wanted = stageText.text.trim().toLowerCase();
  const stage = pipeline.stages.find((s) => s.id === stageText.text || names(s.name).includes(wanted));
  if (!stage) {
    out.errors.push({ column: stageText.column, field: 'stageId', code: 'unknown_stage', message: `Pipeline "${pipeline.id}" has no stage "${stageText.text}"` });
  } else if (ctx.entity === 'lead' && stage.kind !== 'open') {
    out.errors.push({ column: stageText.column, field: 'stageId', code: 'stage_refused', message: `Leads are imported into open stages only; "${stageText.text}" closes the lead` });
  } else out.input['stageId'] = stage.id;
}
