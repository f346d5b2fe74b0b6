import type { CrmError} from '../errors.js';
import { ConflictError, ForbiddenError, InternalError, NextStepRequiredError, NotFoundError, OperationRefusedError, PluginError, StageTransitionError, StorageError, ValidationError, type ValidationIssue } from '../errors.js';

/** The JSON error body of a crmkit server (`{ error: { code, message, issues?, … } }`). */
interface ErrorBody {
  code?: unknown;
  message?: unknown;
  issues?: unknown;
  [field: string]: unknown;
}

/** The server could not be reached (no network, DNS, refused connection): the write is queued, the read served from the cache. */
export class NetworkDownError extends StorageError {
  constructor(cause: unknown) {
    super('The crmkit server cannot be reached', { cause });
    this.name = 'NetworkDownError';
  }
}

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function issuesOf(value: unknown): ValidationIssue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    .map((i) => ({
      path: Array.isArray(i['path']) ? (i['path'] as unknown[]).filter((p): p is string | number => typeof p === 'string' || typeof p === 'number') : [],
      code: text(i['code'], 'invalid'),
      message: text(i['message'], 'Invalid'),
    }));
}

/**
 * The core's typed error for a server's error answer, so code written
 * against a local CRM handles a remote one the same way: 412 (stale
 * `If-Match`) and 409 `conflict` become `ConflictError`, 422 a
 * `ValidationError` with the server's field paths and messages, 403 a
 * `ForbiddenError`, 404 a `NotFoundError`, and so on.
 */
export function errorFromResponse(status: number, payload: unknown, what: { entity?: string; id?: string } = {}): CrmError {
  const body: ErrorBody = (typeof payload === 'object' && payload !== null && typeof (payload as { error?: unknown }).error === 'object' ? (payload as { error: ErrorBody }).error : {}) ?? {};
  const code = text(body.code);
  const message = text(body.message, `The server answered ${status}`);
  const entity = text(body['entity'], what.entity ?? 'record');
  const id = text(body['id'], what.id ?? '');
  if (status === 412 || code === 'conflict' || code === 'precondition_failed') {
    const error = new ConflictError(entity, id, Number(body['expectedVersion'] ?? -1), Number(body['actualVersion'] ?? -1));
    error.message = message;
    return error;
  }
  if (code === 'validation' || status === 422 || (status === 400 && issuesOf(body.issues).length > 0)) {
    const issues = issuesOf(body.issues);
    const error = new ValidationError(issues.length ? issues : [{ path: [], code: code || 'invalid', message }]);
    error.message = message;
    return error;
  }
  if (code === 'not_found' || status === 404) return new NotFoundError(entity, id);
  if (code === 'forbidden' || status === 403 || status === 401) {
    const error = new ForbiddenError(text(body['userId']), message);
    if (status === 401) Object.defineProperty(error, 'status', { value: 401 });
    return error;
  }
  if (code === 'stage_transition') return new StageTransitionError(message, text(body['plugin'], 'server'), text(body['from']), text(body['to']));
  if (code === 'next_step_required') return new NextStepRequiredError(text(body['recordType'], entity), text(body['recordId'], id));
  if (code === 'refused' || code === 'operation_refused') return new OperationRefusedError(message, text(body['plugin'], 'server'));
  if (code === 'plugin') return new PluginError(text(body['plugin'], 'server'), text(body['hook'], 'unknown'), new Error(message));
  if (code === 'storage' || status === 503) return new StorageError(message);
  return new InternalError(message);
}
