import { STORE_INDEXES, StorageError, TABLE_NAMES, type IndexQuery, type ScanQuery, type TableName } from '@crmkit/core';
import { decodeRowText } from './row-codec.js';
import { sqlTable } from './schema.js';
import type { SqlSession } from './sql-driver.js';

/** The reads of the SQL stores: one row, an index query, and a keyset window (lists). */

/** Throws `StorageError` for a table crmkit does not have. */
export function checkTable(table: TableName): void {
  if (!TABLE_NAMES.includes(table)) throw new StorageError(`unknown table "${String(table)}"`);
}

/** One row by id. */
export async function getRow<T>(session: SqlSession, table: TableName, id: string): Promise<T | undefined> {
  checkTable(table);
  const [row] = await sqlCall(() => session.query<{ data: string }>(`SELECT data::text AS data FROM ${sqlTable(table)} WHERE id = $1`, [id]));
  return row ? decodeRowText<T>(row.data) : undefined;
}

/** Rows by one store index (or all), in id order. */
export async function queryRows<T>(session: SqlSession, table: TableName, query: IndexQuery): Promise<T[]> {
  checkTable(table);
  const params: unknown[] = [];
  let where = '';
  if (query.index !== undefined) {
    const spec = query.index === 'id' ? 'id' : STORE_INDEXES[table].find((s) => s === query.index || s === `*${query.index}`);
    if (!spec) throw new StorageError(`table "${table}" has no index "${query.index}"`);
    if (query.equals === undefined && query.anyOf === undefined) throw new StorageError(`query by index "${query.index}" needs a value`);
    const field = spec.replace('*', '');
    if (query.anyOf !== undefined) {
      // Several values in one query (an import's duplicate keys for a whole batch).
      params.push(JSON.stringify(query.anyOf));
      const values = 'SELECT v FROM jsonb_array_elements($1::text::jsonb) AS v';
      where =
        spec === 'id' ? `WHERE to_jsonb(id) IN (${values})` : spec.startsWith('*') ? `WHERE EXISTS (SELECT 1 FROM jsonb_array_elements($1::text::jsonb) AS v WHERE data -> '${field}' @> jsonb_build_array(v))` : `WHERE data -> '${field}' IN (${values})`;
    } else if (spec === 'id') {
      params.push(query.equals);
      where = 'WHERE id = $1';
    } else {
      params.push(JSON.stringify(spec.startsWith('*') ? [query.equals] : query.equals));
      where = spec.startsWith('*') ? `WHERE data -> '${field}' @> $1::text::jsonb` : `WHERE data -> '${field}' = $1::text::jsonb`;
    }
  }
  let limit = '';
  if (query.limit !== undefined) {
    params.push(Math.max(0, Math.floor(query.limit)));
    limit = `LIMIT $${params.length}`;
  }
  const rows = await sqlCall(() => session.query<{ data: string }>(`SELECT data::text AS data FROM ${sqlTable(table)} ${where} ORDER BY id ${limit}`, params));
  return rows.map((r) => decodeRowText<T>(r.data));
}

/** A field name that may be written into SQL (top-level, letters and digits). */
function fieldName(field: string, what: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(field)) throw new StorageError(`${what} "${field}" is not a field name this store can query`);
  return field;
}

/**
 * A keyset window in SQL: equality, containment and "one of these equals"
 * on top-level fields, a range on the sort key, the
 * order on the field's text (byte order, like the in-memory comparison) then
 * id, resumed after `after` with a row comparison, at most `limit` rows. The
 * `(field, createdAt, id)` expression indexes of migration 3 serve the lists'
 * common shapes without a sort.
 */
export async function scanRows<T>(session: SqlSession, table: TableName, query: ScanQuery): Promise<T[]> {
  checkTable(table);
  const params: unknown[] = [];
  const param = (value: unknown) => (params.push(value), `$${params.length}`);
  const where: string[] = [];
  for (const [field, value] of Object.entries(query.equals ?? {})) where.push(`data -> '${fieldName(field, 'filter')}' = ${param(JSON.stringify(value))}::text::jsonb`);
  for (const [field, value] of Object.entries(query.contains ?? {})) where.push(`data -> '${fieldName(field, 'filter')}' @> ${param(JSON.stringify([value]))}::text::jsonb`);
  const either = Object.entries(query.either ?? {}).map(([field, value]) => `data -> '${fieldName(field, 'filter')}' = ${param(JSON.stringify(value))}::text::jsonb`);
  if (either.length > 0) where.push(`(${either.join(' OR ')})`);
  const key = `(data ->> '${fieldName(query.orderBy, 'sort field')}') COLLATE "C"`;
  const dir = query.descending ? 'DESC' : 'ASC';
  for (const [bound, op] of [[query.from, '>='], [query.below, '<']] as const) {
    if (bound === undefined) continue;
    if (typeof bound !== 'string') throw new StorageError('scan: "from" and "below" must be strings');
    where.push(`${key} ${op} ${param(bound)}::text COLLATE "C"`);
  }
  if (query.after) {
    if (!Array.isArray(query.after) || typeof query.after[0] !== 'string' || typeof query.after[1] !== 'string') throw new StorageError('scan: "after" must be [sort key, id]');
    where.push(`(${key}, id) ${query.descending ? '<' : '>'} (${param(query.after[0])}::text COLLATE "C", ${param(query.after[1])}::text COLLATE "C")`);
  }
  const limit = query.limit === undefined ? '' : `LIMIT ${param(Math.max(0, Math.floor(query.limit)))}`;
  const sql = `SELECT data::text AS data FROM ${sqlTable(table)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key} ${dir}, id ${dir} ${limit}`;
  const rows = await sqlCall(() => session.query<{ data: string }>(sql, params));
  return rows.map((r) => decodeRowText<T>(r.data));
}

/** Runs a SQL call, turning driver failures into `StorageError` (crmkit errors pass through). */
export async function sqlCall<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof StorageError) throw cause;
    throw new StorageError(`database error: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
