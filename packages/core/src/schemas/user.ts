import * as z from 'zod/mini';
import { IdSchema, text } from './common.js';

/** Roles: managers see and change their own records; heads and admins see all. */
export const RoleSchema = z.enum(['admin', 'head', 'manager']);

/** A CRM user. */
export const UserSchema = z.object({
  id: IdSchema,
  name: text(200, 1),
  role: RoleSchema,
  /** Team (for round-robin hand-over of overdue next steps). */
  team: z.optional(text(100)),
});

/** `admin`, `head` or `manager`. */
export type Role = z.infer<typeof RoleSchema>;
/** A CRM user. */
export type User = z.infer<typeof UserSchema>;
