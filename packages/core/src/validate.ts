import * as z from 'zod/mini';
import type { $ZodIssue, $ZodType } from 'zod/v4/core';
import { safeParse } from 'zod/v4/core';
import { ValidationError, type ValidationIssue } from './errors.js';
import { validationMessage } from './i18n/validation-messages.js';
import { expectedMessage, expectedOneOfMessage, expectedShapeMessage, type ExpectedNoun } from './i18n/expected.js';

let jitlessSet = false;

/**
 * zod 4 compiles object validators with `new Function`, which a strict
 * Content-Security-Policy forbids (and reports as a violation even though
 * zod falls back). crmkit runs on other people's pages, so it always asks
 * zod to interpret instead.
 */
export function ensureJitless(): void {
  if (jitlessSet) return;
  z.config({ jitless: true });
  jitlessSet = true;
}

/** zod's `expected` names → the nouns crmkit's messages use. */
const NOUNS: Readonly<Record<string, ExpectedNoun>> = { string: 'text', number: 'number', int: 'number', nan: 'number', bigint: 'number', boolean: 'boolean', date: 'date', array: 'list', tuple: 'list', set: 'list', object: 'object', record: 'object', map: 'object' };

type Def = { type: string; innerType?: $ZodType; in?: $ZodType; shape?: Record<string, $ZodType>; element?: $ZodType; valueType?: $ZodType };
const defOf = (schema: $ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional/nullable/default/pipe wrappers. */
function unwrap(schema: $ZodType): $ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The schema that checks the value at `path` inside `schema`, when the path leads through objects, arrays and records. */
function schemaAt(schema: $ZodType | undefined, path: readonly PropertyKey[]): $ZodType | undefined {
  let current = schema;
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    current = def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
  }
  return current && unwrap(current);
}

/** "Expected a number", or for an object with a known shape "Expected { id, name }". */
function wrongTypeMessage(expected: string, at: $ZodType | undefined, locale: string): string | undefined {
  if (expected === 'object' && at) {
    const def = defOf(at);
    if (def.type === 'object' && def.shape) return expectedShapeMessage(Object.keys(def.shape), locale);
  }
  const noun = NOUNS[expected];
  return noun ? expectedMessage(noun, locale) : undefined;
}

/**
 * Maps one zod issue to crmkit's code + localised message. With `schema` (the
 * schema that was parsed), an object of the wrong type is described by its
 * fields ("Expected { id, name }").
 */
export function toValidationIssue(issue: $ZodIssue, locale: string, basePath: (string | number)[] = [], schema?: $ZodType): ValidationIssue[] {
  const path = [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const custom = (issue as { params?: { code?: string } }).params?.code;
  let code = 'invalid';
  let n: number | bigint | undefined;
  let message: string | undefined;
  switch (issue.code) {
    case 'invalid_type':
      code = issue.input === undefined || issue.input === null ? 'required' : 'invalid_type';
      if (code === 'invalid_type') message = wrongTypeMessage(issue.expected, schemaAt(schema, path), locale);
      break;
    case 'too_small':
      n = issue.minimum as number;
      if (issue.origin === 'string') code = n === 1 ? 'required' : 'too_short';
      else code = 'too_small';
      break;
    case 'too_big':
      n = issue.maximum as number;
      code = issue.origin === 'string' ? 'too_long' : 'too_big';
      break;
    case 'invalid_format':
      code = custom ?? (issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid');
      break;
    case 'invalid_value':
      code = 'invalid_option';
      if (issue.values.length > 0 && issue.values.length <= 20) message = expectedOneOfMessage(issue.values, locale);
      break;
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], code: 'unknown_field', message: `Unknown field "${key}"` }));
    case 'invalid_union': {
      // Report the branch that got furthest (e.g. a string date that is not a date).
      const branch = issue.errors.find((errs) => errs.every((e) => e.code !== 'invalid_type')) ?? issue.errors[0];
      if (branch && branch.length > 0) return branch.flatMap((e) => toValidationIssue(e, locale, path));
      break;
    }
    case 'custom':
      code = custom ?? 'invalid';
      break;
    default:
      code = custom ?? 'invalid';
  }
  if (custom) {
    code = custom;
    message = undefined;
  }
  // A message set in the schema (e.g. pipeline rules) wins for `invalid`; localised table otherwise.
  message ??= code === 'invalid' && issue.message && !issue.message.startsWith('Invalid') ? issue.message : validationMessage(code, locale, n);
  return [{ path, code, message }];
}

/** Keeps the first issue per field path, so a field shows one clear message. */
function onePerField(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = i.path.join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates `input` against `schema`. Returns the parsed value or throws
 * `ValidationError` with one localised issue per field.
 */
export function validate<S extends $ZodType>(schema: S, input: unknown, locale = 'en', what = 'input'): z.output<S> {
  ensureJitless();
  const result = safeParse(schema, input, { reportInput: true });
  if (result.success) return result.data as z.output<S>;
  throw new ValidationError(onePerField(result.error.issues.flatMap((i) => toValidationIssue(i, locale, [], schema))), what);
}

/** Like {@link validate} but returns issues instead of throwing (for forms validating as the user types). */
export function check<S extends $ZodType>(schema: S, input: unknown, locale = 'en'): { ok: true; value: z.output<S> } | { ok: false; issues: ValidationIssue[] } {
  ensureJitless();
  const result = safeParse(schema, input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data as z.output<S> };
  return { ok: false, issues: onePerField(result.error.issues.flatMap((i) => toValidationIssue(i, locale, [], schema))) };
}
