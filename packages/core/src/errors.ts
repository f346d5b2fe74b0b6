/**
 * crmkit's error classes. Each has a stable `code` that callers can switch on
 * (messages are for people and may be localised; codes never change).
 */

/**
 * Base class of every error crmkit throws. Each class sets `name` to a string
 * literal, not `new.target.name`: a minifier renames classes, and logs must
 * still read `ValidationError: …`, not `i: …`.
 */
export class CrmError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CrmError';
    this.code = code;
  }
}

/** One problem with one input field. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['emails', 0]` or `['custom', 'invoiceNo']`. */
  path: (string | number)[];
  /** Stable code: `required`, `invalid_type`, `too_short`, `too_long`, `invalid_email`, `invalid_phone`, `invalid_url`, `invalid_option`, `invalid_date`, `phone_or_email`, `too_small`, `too_big`, `invalid`. */
  code: string;
  /** A human message in the requested locale. */
  message: string;
}

/** Input failed validation; `issues` has one entry per offending field. */
export class ValidationError extends CrmError {
  /** One issue per field. */
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], what = 'input') {
    super('validation', `Invalid ${what}: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** A record (or pipeline, stage, user) does not exist. */
export class NotFoundError extends CrmError {
  /** What was looked for, e.g. `deal`. */
  readonly entity: string;
  /** The id that was not found. */
  readonly id: string;
  constructor(entity: string, id: string) {
    super('not_found', `${entity} "${id}" not found`);
    this.name = 'NotFoundError';
    this.entity = entity;
    this.id = id;
  }
}

/** An update was based on a stale `version`: someone else changed the record meanwhile. */
export class ConflictError extends CrmError {
  /** The version the caller expected. */
  readonly expectedVersion: number;
  /** The version currently stored. */
  readonly actualVersion: number;
  constructor(entity: string, id: string, expectedVersion: number, actualVersion: number) {
    super('conflict', `${entity} "${id}" was changed by someone else (you have version ${expectedVersion}, stored is ${actualVersion})`);
    this.name = 'ConflictError';
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** A guard refused an operation (`record:beforeRemove` and other guard hooks). */
export class OperationRefusedError extends CrmError {
  /** The human reason the guard gave. */
  readonly reason: string;
  /** The plugin whose guard refused (`config` for a stage's declarative guard). */
  readonly plugin: string;
  constructor(reason: string, plugin: string, code = 'refused') {
    super(code, reason);
    this.name = 'OperationRefusedError';
    this.reason = reason;
    this.plugin = plugin;
  }
}

/** A stage move was refused: by a guard, or because the move itself is invalid (unknown stage, missing loss reason). */
export class StageTransitionError extends OperationRefusedError {
  /** Stage the record was in. */
  readonly from: string;
  /** Stage it was to enter. */
  readonly to: string;
  constructor(reason: string, plugin: string, from: string, to: string) {
    super(reason, plugin, 'stage_transition');
    this.name = 'StageTransitionError';
    this.from = from;
    this.to = to;
  }
}

/** A plugin hook or robot threw, or missed its deadline. */
export class PluginError extends CrmError {
  /** The plugin's name (`app` for hooks registered outside a plugin). */
  readonly plugin: string;
  /** The hook name, or `robot:<type>` for robots, or `setup`. */
  readonly hook: string;
  constructor(plugin: string, hook: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('plugin', `Plugin "${plugin}" failed in ${hook}: ${why}`, { cause });
    this.name = 'PluginError';
    this.plugin = plugin;
    this.hook = hook;
  }
}

/** The current user may not do this (managers see and change only their own records). */
export class ForbiddenError extends CrmError {
  /** The user who tried. */
  readonly userId: string;
  constructor(userId: string, message: string) {
    super('forbidden', message);
    this.name = 'ForbiddenError';
    this.userId = userId;
  }
}

/** The storage failed: quota exceeded, database unavailable or closed. */
export class StorageError extends CrmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage', message, options);
    this.name = 'StorageError';
  }
}

/**
 * Something failed that crmkit did not expect — a bug in crmkit or in code it
 * called. The public API turns any such failure into this error, so callers
 * only ever meet `CrmError`s; `cause` holds the original error for the log.
 */
export class InternalError extends CrmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
    this.name = 'InternalError';
  }
}

/**
 * The next-step rule (`createCrm({ nextStep: 'required' })`) refused a change
 * that would leave an open lead or deal without a pending next step. Schedule
 * one in the same call (`nextStep` option) or close the record.
 */
export class NextStepRequiredError extends CrmError {
  /** `lead` or `deal`. */
  readonly recordType: string;
  /** The record left without a next step (empty for a record not yet created). */
  readonly recordId: string;
  /** For an import row refused by the rule: the row's index in the batch (0-based; the message counts from 1). */
  readonly row?: number;
  constructor(recordType: string, recordId: string, row?: number) {
    super(
      'next_step_required',
      row === undefined
        ? `${recordType} "${recordId}" would have no pending next step: schedule one in the same call (nextStep) or close it`
        : `Row ${row + 1}: the imported ${recordType} would have no pending next step: give the row a next step (nextStep) or import it into a closed stage`,
    );
    if (row !== undefined) this.row = row;
    this.name = 'NextStepRequiredError';
    this.recordType = recordType;
    this.recordId = recordId;
  }
}

/** crmkit's error classes by their stable `code`. */
export interface CrmErrorByCode {
  /** Bad input. */
  validation: ValidationError;
  /** Missing record, pipeline, stage or user. */
  not_found: NotFoundError;
  /** Stale version. */
  conflict: ConflictError;
  /** A stage move was refused. */
  stage_transition: StageTransitionError;
  /** A guard refused another operation. */
  refused: OperationRefusedError;
  /** A plugin failed. */
  plugin: PluginError;
  /** The user's role does not allow it. */
  forbidden: ForbiddenError;
  /** The store failed. */
  storage: StorageError;
  /** An unexpected failure. */
  internal: InternalError;
  /** The next-step rule refused a change. */
  next_step_required: NextStepRequiredError;
}

/**
 * True when `error` is a crmkit error with this `code`. Prefer it to
 * `instanceof` in code that may meet errors from another copy of the core
 * (a page that loads the widgets' bundle and its own core), where the
 * classes differ but the codes do not.
 */
export function isCrmError<C extends keyof CrmErrorByCode>(error: unknown, code: C): error is CrmErrorByCode[C] {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}
