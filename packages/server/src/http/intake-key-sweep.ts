import { IDEMPOTENCY_META_PREFIX } from '@crmkit/core';
import { sqlTable } from '../store/schema.js';
import type { SqlStore } from '../store/sql-store.js';

/**
 * The intake's sweep of expired idempotency keys as one SQL `DELETE` (the
 * core's default reads the whole `meta` table). The intake handler decides
 * when to call it: at most every `idempotencyTtlMs / 24`, once across the
 * server processes sharing the database.
 */
export function intakeKeySweep(store: SqlStore): (expiredBefore: number) => Promise<void> {
  return async (expiredBefore) => {
    const sql = await store.sql();
    await sql.query(`DELETE FROM ${sqlTable('meta')} WHERE id LIKE $1 AND jsonb_typeof(data->'at') = 'number' AND (data->>'at')::float8 < $2`, [`${IDEMPOTENCY_META_PREFIX.replace(/[\\%_]/g, '\\$&')}%`, expiredBefore]);
  };
}
