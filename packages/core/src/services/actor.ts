import { ForbiddenError } from '../errors.js';
import type { Role } from '../schemas/user.js';

/** Who performs an operation: a user, or `system` (robots, intake, policies). */
export interface Actor {
  /** User id, or `system`. */
  id: string;
  /** The user's role; `system` may do anything. */
  role: Role | 'system';
}

/** The actor used when no user is signed in or for automation. */
export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/** True when `actor` may see and change a record owned by `ownerId`. Managers: only their own. */
export function canAccess(actor: Actor, ownerId: string | undefined, extraOwnerIds: readonly string[] = []): boolean {
  if (actor.role !== 'manager') return true;
  return ownerId === actor.id || extraOwnerIds.includes(actor.id);
}

/** Throws `ForbiddenError` when `actor` may not touch a record owned by `ownerId`. */
export function assertAccess(actor: Actor, what: string, ownerId: string | undefined, action: string, extraOwnerIds: readonly string[] = []): void {
  if (!canAccess(actor, ownerId, extraOwnerIds)) {
    throw new ForbiddenError(actor.id, `User "${actor.id}" (manager) cannot ${action} ${what} owned by "${ownerId ?? 'nobody'}": managers work only their own records`);
  }
}
