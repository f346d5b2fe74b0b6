import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { CrmError, InternalError, StorageError, ValidationError, type ValidationIssue } from './errors.js';
import { expectedArgumentMessage as expectedMessage, type ExpectedArgument, type ExpectedNoun } from './i18n/expected.js';
import { validate } from './validate.js';

/**
 * The error contract at the public API: every call on a `Crm` and its
 * services either succeeds or fails with a `CrmError` carrying a stable
 * `code`. Arguments are checked against the small signature tables below
 * before a service sees them (a missing id, `null` options, a string where an
 * object belongs become a `ValidationError` naming the argument and what was
 * expected), and whatever still escapes as a raw error is translated: storage
 * failures become `StorageError`, values that cannot be stored a
 * `ValidationError`, anything else an `InternalError` with the original as
 * `cause`. Internal calls between services do not pass through here.
 */

/** How one argument is checked: a kind, or a zod schema. `?` makes `undefined` acceptable. */
type ArgKind = 'id' | 'id?' | 'text' | 'object' | 'object?' | 'list' | 'function';
type ArgSpec = readonly [name: string, kind: ArgKind | $ZodType];
type Signatures = Readonly<Record<string, readonly ArgSpec[]>>;

const ID: ArgSpec = ['id', 'id'];
const key = () => z.optional(z.string().check(z.minLength(1), z.maxLength(200)));
/** A `ListQuery` (only its shape; the services read it). */
const ListQueryShape = z.optional(
  z.object({
    ownerId: key(),
    pipelineId: key(),
    stageId: key(),
    status: z.optional(z.enum(['open', 'won', 'lost'])),
    companyId: key(),
    contactId: key(),
    text: z.optional(z.string()),
    ids: z.optional(z.array(z.string())),
    sort: z.optional(z.enum(['createdAt', '-createdAt', 'updatedAt', '-updatedAt'])),
    offset: z.optional(z.number().check(z.int(), z.gte(0))),
    limit: z.optional(z.number().check(z.int(), z.gte(0))),
  }),
);
const HistoryQueryShape = z.object({ recordType: z.enum(['contact', 'company', 'lead', 'deal']), recordId: z.string().check(z.minLength(1), z.maxLength(200)) });
const RECORDS: Signatures = {
  get: [ID],
  find: [ID],
  create: [['input', 'object']],
  createMany: [['inputs', 'list']],
  update: [ID, ['patch', 'object'], ['options', 'object?']],
  remove: [ID],
  list: [['query', ListQueryShape]],
  watch: [['query', ListQueryShape], ['listener', 'function'], ['options', 'object?']],
  summary: [['query', 'object?']],
};
const FUNNEL: Signatures = {
  ...RECORDS,
  moveToStage: [ID, ['stageId', 'id'], ['options', 'object?']],
  win: [ID, ['options', 'object?']],
  lose: [ID, ['options', 'object']],
  close: [ID, ['options', 'object']],
  convert: [ID, ['options', 'object?']],
};

/** Argument signatures by `crm` property, then method. Methods not listed are still covered by the error translation. */
const SIGNATURES: Readonly<Record<string, Signatures>> = {
  crm: { as: [['userId', 'id']], setCurrentUser: [['userId', 'id?']], on: [['event', 'text'], ['listener', 'function']] },
  contacts: { ...RECORDS, findDuplicates: [['input', 'object']], findByKeys: [['keys', 'list']] },
  companies: { ...RECORDS, findByName: [['name', 'text']] },
  leads: FUNNEL,
  deals: FUNNEL,
  activities: { ...RECORDS, list: [['query', 'object?']], watch: [['query', 'object?'], ['listener', 'function'], ['options', 'object?']], schedule: [['input', 'object']], complete: [ID, ['options', 'object?']] },
  history: { list: [['query', HistoryQueryShape]], watch: [['query', HistoryQueryShape], ['listener', 'function'], ['options', 'object?']], add: [['input', 'object']], addNote: [['recordType', HistoryQueryShape.shape.recordType], ['recordId', 'id'], ['text', 'text']] },
  pipelines: { get: [ID], stage: [['pipelineId', 'id'], ['stageId', 'id']], firstOpenStage: [['pipelineId', 'id']], wonStage: [['pipelineId', 'id']], lostStage: [['pipelineId', 'id']] },
  channels: { send: [['channel', 'id'], ['message', 'object']], receive: [['channel', 'id'], ['message', 'object']] },
  users: { get: [ID] },
  automation: {},
  hooks: { on: [['name', 'id'], ['handler', 'function']], declare: [['name', 'id'], ['kind', 'id']] },
};

/** The services of a `Crm` that get a boundary (properties of the `crm` object). */
const GUARDED = new Set(Object.keys(SIGNATURES).filter((k) => k !== 'crm'));

const NOUN: Record<Exclude<ArgKind, `${string}?`>, ExpectedNoun | ExpectedArgument> = { id: 'id', text: 'text', object: 'object', list: 'list', function: 'function' };

function isPlainObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function argIssue(value: unknown, [name, kind]: ArgSpec, locale: string): ValidationIssue | ValidationIssue[] | undefined {
  if (typeof kind !== 'string') {
    try {
      validate(kind, value, locale, name);
      return undefined;
    } catch (e) {
      return e instanceof ValidationError ? e.issues.map((i) => ({ ...i, path: [name, ...i.path] })) : undefined;
    }
  }
  const optional = kind.endsWith('?');
  if (optional && value === undefined) return undefined;
  const base = kind.replace('?', '') as Exclude<ArgKind, `${string}?`>;
  const ok =
    base === 'id' ? typeof value === 'string' && value.trim() !== '' && value.length <= 200
    : base === 'text' ? typeof value === 'string'
    : base === 'object' ? isPlainObject(value)
    : base === 'list' ? Array.isArray(value)
    : typeof value === 'function';
  if (ok) return undefined;
  const code = value === undefined || value === null || value === '' ? 'required' : 'invalid_type';
  return { path: [name], code, message: expectedMessage(NOUN[base], locale) };
}

/** Arguments holding record data, checked for values no store can keep (functions, symbols, class instances). */
const DATA_ARGS = new Set(['input', 'patch', 'inputs', 'message']);

/** Paths inside `value` that hold something a store cannot keep: IndexedDB would throw `DataCloneError` there. */
function unstorablePaths(value: unknown, path: (string | number)[], out: (string | number)[][], seen: Set<object>): void {
  if (value === null || value === undefined || ['string', 'number', 'boolean', 'bigint'].includes(typeof value)) return;
  if (typeof value !== 'object') {
    out.push(path);
    return;
  }
  if (value instanceof Date || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => unstorablePaths(v, [...path, i], out, seen));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) unstorablePaths(v, [...path, k], out, seen);
  else out.push(path);
}

/** Throws a `ValidationError` when the arguments of `service.method` do not fit its signature. */
function checkArgs(service: string, method: string, args: readonly unknown[], locale: string): void {
  const specs = SIGNATURES[service]?.[method];
  if (!specs) return;
  const issues = specs.flatMap((spec, i) => argIssue(args[i], spec, locale) ?? []);
  specs.forEach(([name], i) => {
    if (!DATA_ARGS.has(name) || typeof args[i] !== 'object' || args[i] === null) return;
    const paths: (string | number)[][] = [];
    unstorablePaths(args[i], [], paths, new Set());
    for (const path of paths) issues.push({ path, code: 'invalid_type', message: expectedMessage('storable', locale) });
  });
  if (issues.length) throw new ValidationError(issues, `arguments of ${service === 'crm' ? 'crm' : `crm.${service}`}.${method}()`);
}

const STORAGE_ERROR_NAMES = new Set([
  'QuotaExceededError', 'AbortError', 'DatabaseClosedError', 'OpenFailedError', 'InvalidStateError', 'TransactionInactiveError',
  'VersionError', 'UnknownError', 'TimeoutError', 'ReadOnlyError', 'MissingAPIError', 'NoSuchDatabaseError', 'UpgradeError', 'PrematureCommitError',
]);

/** Turns whatever escaped a public call into a `CrmError` (unchanged when it already is one). */
export function toCrmError(error: unknown, where: string, locale: string): CrmError {
  if (error instanceof CrmError) return error;
  const name = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as { name?: unknown }).name ?? '') : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'DataCloneError') {
    return new ValidationError([{ path: [], code: 'invalid_type', message: expectedMessage('storable', locale) }], `input of ${where}`);
  }
  if (STORAGE_ERROR_NAMES.has(name)) return new StorageError(`${where}: the store failed (${name}: ${detail})`, { cause: error });
  return new InternalError(`${where} failed unexpectedly: ${detail}`, { cause: error });
}

function wrapMethod(fn: (...args: unknown[]) => unknown, self: object, service: string, method: string, locale: () => string): (...args: unknown[]) => unknown {
  const where = `${service === 'crm' ? 'crm' : `crm.${service}`}.${method}()`;
  return (...args: unknown[]) => {
    try {
      checkArgs(service, method, args, locale());
      const result = fn.apply(self, args);
      if (result instanceof Promise) return result.catch((e: unknown) => Promise.reject(toCrmError(e, where, locale())));
      return result;
    } catch (e) {
      throw toCrmError(e, where, locale());
    }
  };
}

/**
 * Puts the error boundary around a `Crm` view: its methods and every
 * service's methods check their arguments and fail only with `CrmError`s.
 * Services are wrapped once per view; their own properties stay writable.
 */
export function withErrorBoundary<C extends object>(crm: C, locale: () => string): C {
  const services = new Map<PropertyKey, object>();
  const wrap = (target: object, service: string) => {
    // Keyed by the function itself, so a method replaced on the service (a test spy, a plugin's patch) is wrapped afresh.
    const methods = new WeakMap<object, (...args: unknown[]) => unknown>();
    return new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj) as unknown;
        if (service === 'crm' && typeof prop === 'string' && GUARDED.has(prop) && typeof value === 'object' && value !== null) {
          if (!services.has(prop)) services.set(prop, wrap(value, prop));
          return services.get(prop);
        }
        if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
        let wrapped = methods.get(value);
        if (!wrapped) {
          wrapped = wrapMethod(value as (...args: unknown[]) => unknown, obj, service, prop, locale);
          methods.set(value, wrapped);
        }
        return wrapped;
      },
    });
  };
  return wrap(crm, 'crm') as C;
}
