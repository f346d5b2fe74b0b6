import { ConflictError, RecordTypeSchema, type MoveOptions } from '@crmkit/core';
import type { Hono } from 'hono';
import { HttpError } from './error-response.js';
import { withPrecondition } from './record-routes.js';
import { decodeCursor, ifMatch, jsonBody, keysetPage, limitParam, queryParams, recordResponse, type ServerEnv } from './request-helpers.js';

/**
 * Mounts the funnel actions (move, win, lose, close, convert), next steps
 * (complete, overdue, missing), history, summaries, pipelines and users.
 * Registered before the record routes, so `/deals/summary` is not read as a deal id.
 */
export function mountFunnelRoutes(app: Hono<ServerEnv>): void {
  for (const entity of ['leads', 'deals'] as const) {
    app.get(`/api/v1/${entity}/summary`, async (c) => {
      const { pipelineId } = queryParams(c, ['pipelineId']);
      return c.json(await c.var.crm[entity].summary(pipelineId ? { pipelineId } : {}));
    });
    app.post(`/api/v1/${entity}/:id/move`, async (c) => {
      const body = await jsonBody(c);
      const stageId = requiredString(body, 'stageId');
      const expected = ifMatch(c);
      const options: MoveOptions = { ...optionalStrings(body, ['reason', 'comment']), ...(expected !== undefined ? { version: expected } : {}) };
      return recordResponse(c, await withPrecondition<{ version: number }>(expected, () => c.var.crm[entity].moveToStage(c.req.param('id'), stageId, options)));
    });
  }

  app.post('/api/v1/deals/:id/win', async (c) => {
    const expected = ifMatch(c);
    return recordResponse(c, await withPrecondition(expected, () => c.var.crm.deals.win(c.req.param('id'), expected !== undefined ? { version: expected } : {})));
  });
  app.post('/api/v1/deals/:id/lose', async (c) => {
    const body = await jsonBody(c);
    const expected = ifMatch(c);
    const options = { reason: requiredString(body, 'reason'), ...optionalStrings(body, ['comment']), ...(expected !== undefined ? { version: expected } : {}) };
    return recordResponse(c, await withPrecondition(expected, () => c.var.crm.deals.lose(c.req.param('id'), options)));
  });
  app.post('/api/v1/leads/:id/close', async (c) => {
    const body = await jsonBody(c);
    const expected = ifMatch(c);
    const options = { reason: requiredString(body, 'reason'), ...optionalStrings(body, ['comment']), ...(expected !== undefined ? { version: expected } : {}) };
    return recordResponse(c, await withPrecondition(expected, () => c.var.crm.leads.close(c.req.param('id'), options)));
  });
  app.post('/api/v1/leads/:id/convert', async (c) => {
    const expected = ifMatch(c);
    const body = c.req.header('content-length') === '0' ? {} : await jsonBody(c);
    const id = c.req.param('id');
    const result = await withPrecondition(expected, async () => {
      // A lead converted (or changed) by someone else since the caller's version is a conflict, not "already converted".
      const current = await c.var.crm.leads.get(id);
      if (expected !== undefined && current.version !== expected) throw new ConflictError('lead', id, expected, current.version);
      return c.var.crm.leads.convert(id, { ...(body as object), ...(expected !== undefined ? { version: expected } : {}) } as never);
    });
    return c.json(result, 201);
  });

  app.get('/api/v1/activities/overdue', async (c) => c.json({ items: await c.var.crm.activities.overdue() }));
  app.get('/api/v1/activities/missing-next-step', async (c) => c.json({ items: await c.var.crm.activities.missingNextStep() }));
  app.post('/api/v1/activities/:id/complete', async (c) => {
    const body = c.req.header('content-length') === '0' ? {} : await jsonBody(c);
    const result = await c.var.crm.activities.complete(c.req.param('id'), body as never);
    if (result.activity.version) c.header('ETag', `"${result.activity.version}"`);
    return c.json(result);
  });

  app.get('/api/v1/history', async (c) => {
    const { recordType, recordId, cursor, limit: limitText } = queryParams(c, ['recordType', 'recordId', 'cursor', 'limit']);
    const limit = limitParam(limitText);
    const type = RecordTypeSchema.safeParse(recordType);
    if (!type.success || !recordId) {
      throw new HttpError(400, 'bad_request', 'History needs "recordType" (contact, company, lead, deal) and "recordId"', [
        ...(!type.success ? [{ path: ['recordType'], code: 'invalid_option', message: '"recordType" is one of contact, company, lead, deal' }] : []),
        ...(!recordId ? [{ path: ['recordId'], code: 'required', message: '"recordId" is required' }] : []),
      ]);
    }
    // Oldest first, keyset on (at, id) in the store (SQL); one entry more tells whether a page follows.
    const after = cursor ? decodeCursor(cursor) : undefined;
    const items = await c.var.crm.history.list({ recordType: type.data, recordId, ...(after ? { after: { key: after[0], id: after[1] } } : {}), limit: limit + 1 });
    return c.json(keysetPage(items, limit, (h) => h.at));
  });
  app.post('/api/v1/history', async (c) => {
    const body = await jsonBody(c);
    const type = RecordTypeSchema.safeParse(body['recordType']);
    if (!type.success) throw new HttpError(422, 'validation', '"recordType" is one of contact, company, lead, deal', [{ path: ['recordType'], code: 'invalid_option', message: '"recordType" is one of contact, company, lead, deal' }]);
    const entry = await c.var.crm.history.addNote(type.data, requiredString(body, 'recordId'), requiredString(body, 'text'));
    return c.json(entry, 201);
  });

  app.get('/api/v1/pipelines', (c) => c.json({ items: c.var.crm.pipelines.list() }));
  app.get('/api/v1/pipelines/:id', (c) => c.json(c.var.crm.pipelines.get(c.req.param('id'))));
  app.get('/api/v1/users', (c) => c.json({ items: c.var.crm.users.list().map(({ id, name, role }) => ({ id, name, role })) }));
  app.get('/api/v1/me', (c) => c.json(c.var.user));
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !value.trim()) throw new HttpError(422, 'validation', `"${field}" is required`, [{ path: [field], code: 'required', message: `"${field}" is required` }]);
  return value;
}

function optionalStrings(body: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new HttpError(422, 'validation', `"${field}" must be text`, [{ path: [field], code: 'invalid_type', message: `"${field}" must be text` }]);
    out[field] = value;
  }
  return out;
}
