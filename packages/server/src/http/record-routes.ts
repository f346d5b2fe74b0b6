import { ConflictError, type Crm, type ListQuery } from '@crmkit/core';
import type { Context, Hono } from 'hono';
import { HttpError } from './error-response.js';
import { decodeCursor, ifMatch, jsonBody, keysetPage, limitParam, queryParams, recordResponse, type ServerEnv } from './request-helpers.js';

/** The REST collections, by URL segment. */
export const ENTITIES = ['contacts', 'companies', 'leads', 'deals', 'activities'] as const;
/** One REST collection. */
export type Entity = (typeof ENTITIES)[number];

/** Query parameters of each collection's list (the core's list-query names). */
export const LIST_PARAMS: Record<Entity, readonly string[]> = {
  contacts: ['ownerId', 'companyId', 'text', 'sort', 'cursor', 'limit'],
  companies: ['ownerId', 'text', 'sort', 'cursor', 'limit'],
  leads: ['ownerId', 'pipelineId', 'stageId', 'status', 'contactId', 'text', 'sort', 'cursor', 'limit'],
  deals: ['ownerId', 'pipelineId', 'stageId', 'status', 'companyId', 'contactId', 'text', 'sort', 'cursor', 'limit'],
  activities: ['recordId', 'recordType', 'assigneeId', 'state', 'dueFrom', 'dueBefore', 'cursor', 'limit'],
};

const SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt'];
const STATUSES = ['open', 'won', 'lost'];

type Service = Crm['contacts'] | Crm['companies'] | Crm['leads'] | Crm['deals'];

/** Mounts list, create, read, update and delete for every collection. */
export function mountRecordRoutes(app: Hono<ServerEnv>): void {
  for (const entity of ENTITIES) {
    const base = `/api/v1/${entity}`;
    app.get(base, async (c) => {
      const params = queryParams(c, LIST_PARAMS[entity]);
      const limit = limitParam(params['limit']);
      if (entity === 'activities') {
        const { cursor, limit: _l, ...query } = params;
        if (query['state'] && !['pending', 'done'].includes(query['state'])) throw badParam('state', 'pending, done');
        for (const name of ['dueFrom', 'dueBefore']) if (query[name] && Number.isNaN(Date.parse(query[name]))) throw badParam(name, 'an ISO date-time');
        // Soonest due first, keyset on (dueAt, id) in the store (SQL); one row more tells whether a page follows.
        const after = cursor ? decodeCursor(cursor) : undefined;
        const items = await c.var.crm.activities.list({ ...query, ...(after ? { after: { key: after[0], id: after[1] } } : {}), limit: limit + 1 } as never);
        return c.json(keysetPage(items, limit, (a) => a.dueAt));
      }
      const { cursor, limit: _l, ...filters } = params;
      if (filters['sort'] && !SORTS.includes(filters['sort'])) throw badParam('sort', SORTS.join(', '));
      if (filters['status'] && !STATUSES.includes(filters['status'])) throw badParam('status', STATUSES.join(', '));
      const query = filters as ListQuery;
      const field = (query.sort ?? '-createdAt').replace('-', '') as 'createdAt' | 'updatedAt';
      // Keyset paging in the store (SQL): one row more than the page tells whether another page follows.
      const after = cursor ? decodeCursor(cursor) : undefined;
      const items = (await service(c.var.crm, entity).list({ ...query, ...(after ? { after: { key: after[0], id: after[1] } } : {}), limit: limit + 1 })) as { id: string; createdAt: string; updatedAt: string }[];
      return c.json(keysetPage(items, limit, (r) => r[field]));
    });

    app.post(base, async (c) => {
      const body = await jsonBody(c);
      const created = entity === 'activities' ? await c.var.crm.activities.schedule(body as never) : await service(c.var.crm, entity).create(body as never);
      c.header('Location', `${base}/${encodeURIComponent(created.id)}`);
      return recordResponse(c, created, 201);
    });

    app.get(`${base}/:id{[^/]+}`, async (c) => {
      const record = await read(c.var.crm, entity, c.req.param('id'));
      const etag = `"${record.version}"`;
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
      return recordResponse(c, record);
    });

    app.patch(`${base}/:id{[^/]+}`, async (c) => {
      const expected = ifMatch(c);
      const body = await jsonBody(c);
      return recordResponse(
        c,
        await withPrecondition<{ version: number }>(expected, () =>
          entity === 'activities'
            ? c.var.crm.activities.update(c.req.param('id'), { ...body, ...(expected !== undefined ? { version: expected } : {}) } as never)
            : service(c.var.crm, entity).update(c.req.param('id'), body as never, expected !== undefined ? { version: expected } : {}),
        ),
      );
    });

    app.delete(`${base}/:id{[^/]+}`, async (c) => {
      const id = c.req.param('id');
      const expected = ifMatch(c);
      const current = await read(c.var.crm, entity, id);
      if (expected !== undefined && current.version !== expected) throw precondition(new ConflictError(entity.slice(0, -1), id, expected, current.version));
      if (entity === 'activities') await c.var.crm.activities.remove(id);
      else await service(c.var.crm, entity).remove(id);
      return c.body(null, 204);
    });
  }
}

/** The service of a collection other than activities. */
export function service(crm: Crm, entity: Exclude<Entity, 'activities'>): Service {
  return crm[entity];
}

/** Reads one record of a collection as the request's user. */
export async function read(crm: Crm, entity: Entity, id: string): Promise<{ id: string; version: number }> {
  return entity === 'activities' ? crm.activities.get(id) : service(crm, entity).get(id);
}

/** Runs a write that was conditioned on `If-Match`: a stale version answers 412 instead of 409. */
export async function withPrecondition<T>(expected: number | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (expected !== undefined && error instanceof ConflictError) throw precondition(error);
    throw error;
  }
}

function precondition(error: ConflictError): HttpError {
  const refusal = new HttpError(412, 'precondition_failed', error.message);
  Object.assign(refusal, { expectedVersion: error.expectedVersion, actualVersion: error.actualVersion });
  return refusal;
}

function badParam(name: string, allowed: string): HttpError {
  return new HttpError(400, 'bad_request', `"${name}" must be one of: ${allowed}`, [{ path: [name], code: 'invalid_option', message: `"${name}" must be one of: ${allowed}` }]);
}

/** The type for Hono handlers of this server. @internal */
export type ServerContext = Context<ServerEnv>;
