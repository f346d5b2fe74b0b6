import { StorageError } from '../errors.js';

const QUOTA = ['QuotaExceededError'];
// PrematureCommitError: the transaction ended (was aborted) before the work inside it was done.
const ABORTED = ['AbortError', 'TransactionInactiveError', 'TimeoutError', 'PrematureCommitError'];
const VERSION = ['VersionError', 'VersionChangeError', 'UpgradeError'];
const UNAVAILABLE = ['DatabaseClosedError', 'OpenFailedError', 'MissingAPIError', 'InvalidStateError', 'UnknownError', 'NotReadableError'];

/** Maps IndexedDB/Dexie failures to `StorageError` (keeping the original as `cause`); other errors are returned as they are. @internal */
export function storageFailure(error: unknown, what: string): unknown {
  if (error instanceof StorageError) return error;
  const names: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, inner, cause } = e as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    e = inner ?? cause;
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (names.some((n) => QUOTA.includes(n))) return new StorageError(`Storage quota exceeded (${what}): ${detail}`, { cause: error });
  if (names.some((n) => VERSION.includes(n))) {
    return new StorageError(`Database version conflict or failed upgrade (${what}); another tab may run a newer version, reload: ${detail}`, { cause: error });
  }
  if (names.some((n) => ABORTED.includes(n))) return new StorageError(`The storage transaction was aborted (${what}): ${detail}`, { cause: error });
  if (names.some((n) => UNAVAILABLE.includes(n))) return new StorageError(`IndexedDB unavailable or database closed (${what}): ${detail}`, { cause: error });
  return error;
}
