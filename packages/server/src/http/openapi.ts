import { ActivityInputSchema, ActivitySchema, CompanyInputSchema, CompanySchema, ContactInputSchema, ContactSchema, DealInputSchema, DealSchema, HistoryEntrySchema, LeadInputSchema, LeadSchema } from '@crmkit/core';
import * as z from 'zod';
import type { $ZodType } from 'zod/v4/core';
import { ENTITIES, LIST_PARAMS, type Entity } from './record-routes.js';

const SCHEMAS: Record<Entity, { input: $ZodType; record: $ZodType; name: string }> = {
  contacts: { input: ContactInputSchema, record: ContactSchema, name: 'Contact' },
  companies: { input: CompanyInputSchema, record: CompanySchema, name: 'Company' },
  leads: { input: LeadInputSchema, record: LeadSchema, name: 'Lead' },
  deals: { input: DealInputSchema, record: DealSchema, name: 'Deal' },
  activities: { input: ActivityInputSchema, record: ActivitySchema, name: 'Activity' },
};

let cached: Record<string, unknown> | undefined;

function jsonSchema(schema: $ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete out['$schema'];
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errorResponses = {
  '400': { description: 'Malformed request', content: json(ref('Error')) },
  '401': { description: 'Not signed in', content: json(ref('Error')) },
  '403': { description: 'Not allowed for this user (managers work only their own records)', content: json(ref('Error')) },
  '404': { description: 'Not found', content: json(ref('Error')) },
  '409': { description: 'Stale `version` in the body, or a refused stage move', content: json(ref('Error')) },
  '412': { description: '`If-Match` names a stale version', content: json(ref('Error')) },
  '422': { description: 'Invalid fields: one issue per field', content: json(ref('Error')) },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag you last saw; a stale one answers 412' };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  description:
    'Makes a retry safe: the first request with a key runs and its answer (any status below 500) is kept per user for 24 hours (configurable); ' +
    'a repeat gets the same answer with `Idempotent-Replayed: true` and changes nothing. A repeat while the first still runs answers 409 with `Retry-After`; ' +
    'the key reused for another method or path answers 422. After it expires, the key runs as a new request.',
};
const intakeIdempotencyKey = {
  ...idempotencyKey,
  required: true,
  description:
    'Required, one per submission: a retry with the same key stores no second lead and is answered 200 with the lead stored first; ' +
    'the key sent with a different submission answers 422 `idempotency_mismatch`. Keys are shared by every server process.',
};
const etag = { ETag: { schema: { type: 'string' }, description: 'The record version, quoted' } };

/** The OpenAPI 3.1 document of the REST API, generated from the core's zod schemas. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            title: { type: 'string', description: 'Short sentence in the Accept-Language locale' },
            message: { type: 'string' },
            issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'array', items: { type: ['string', 'integer'] } }, code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    HistoryEntry: jsonSchema(HistoryEntrySchema, 'output'),
  };
  const paths: Record<string, unknown> = {};
  for (const entity of ENTITIES) {
    const { input, record, name } = SCHEMAS[entity];
    schemas[name] = jsonSchema(record, 'output');
    schemas[`${name}Input`] = jsonSchema(input, 'input');
    const listParams = LIST_PARAMS[entity].map((p) => ({ name: p, in: 'query', required: false, schema: { type: p === 'limit' ? 'integer' : 'string' } }));
    paths[`/api/v1/${entity}`] = {
      get: { summary: `List ${entity}`, parameters: listParams, responses: { '200': { description: 'One page', content: json({ type: 'object', properties: { items: { type: 'array', items: ref(name) }, nextCursor: { type: ['string', 'null'] } } }) }, ...errorResponses } },
      post: { summary: `Create a ${name.toLowerCase()}`, parameters: [idempotencyKey], requestBody: { required: true, content: json(ref(`${name}Input`)) }, responses: { '201': { description: 'Created', headers: etag, content: json(ref(name)) }, ...errorResponses } },
    };
    paths[`/api/v1/${entity}/{id}`] = {
      parameters: [idParam],
      get: { summary: `Read a ${name.toLowerCase()}`, responses: { '200': { description: 'The record', headers: etag, content: json(ref(name)) }, '304': { description: 'Unchanged (If-None-Match)' }, ...errorResponses } },
      patch: { summary: `Change a ${name.toLowerCase()}`, parameters: [ifMatch, idempotencyKey], requestBody: { required: true, content: json({ ...(schemas[`${name}Input`] as object), required: [] }) }, responses: { '200': { description: 'Changed', headers: etag, content: json(ref(name)) }, ...errorResponses } },
      delete: { summary: `Remove a ${name.toLowerCase()}`, parameters: [ifMatch, idempotencyKey], responses: { '204': { description: 'Removed' }, ...errorResponses } },
    };
  }
  const action = (summary: string, body: Record<string, unknown> | undefined, result: unknown) => ({
    post: { summary, parameters: [idParam, ifMatch, idempotencyKey], ...(body ? { requestBody: { required: true, content: json({ type: 'object', ...body }) } } : {}), responses: { '200': { description: 'Done', headers: etag, content: json(result) }, ...errorResponses } },
  });
  const move = { required: ['stageId'], properties: { stageId: { type: 'string' }, reason: { type: 'string' }, comment: { type: 'string' } } };
  const reason = { required: ['reason'], properties: { reason: { type: 'string' }, comment: { type: 'string' } } };
  Object.assign(paths, {
    '/api/v1/deals/{id}/move': action('Move a deal to a stage', move, ref('Deal')),
    '/api/v1/leads/{id}/move': action('Move a lead to a stage', move, ref('Lead')),
    '/api/v1/deals/{id}/win': action('Win a deal', undefined, ref('Deal')),
    '/api/v1/deals/{id}/lose': action('Lose a deal with a reason', reason, ref('Deal')),
    '/api/v1/leads/{id}/close': action('Close a lead as junk/lost with a reason', reason, ref('Lead')),
    '/api/v1/leads/{id}/convert': action('Convert a lead into a deal, contact and company', { properties: { pipelineId: { type: 'string' }, title: { type: 'string' }, amount: { type: 'number' }, currency: { type: 'string' } } }, { type: 'object', properties: { deal: ref('Deal'), contact: ref('Contact'), company: ref('Company') } }),
    '/api/v1/activities/{id}/complete': action('Complete a next step (optionally scheduling the next)', { properties: { result: { type: 'string' }, next: ref('ActivityInput') } }, { type: 'object', properties: { activity: ref('Activity'), next: ref('Activity') } }),
    '/api/v1/activities/overdue': { get: { summary: 'Next steps past due', responses: { '200': { description: 'Steps', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Activity') } } }) } } } },
    '/api/v1/activities/missing-next-step': { get: { summary: 'Open leads and deals with no pending next step', responses: { '200': { description: 'Records' } } } },
    '/api/v1/history': {
      get: {
        summary: 'A record’s timeline, oldest first, a page at a time',
        parameters: [
          ...['recordType', 'recordId'].map((name) => ({ name, in: 'query', required: true, schema: { type: 'string' } })),
          { name: 'cursor', in: 'query', required: false, description: 'The `nextCursor` of the previous page', schema: { type: 'string' } },
          { name: 'limit', in: 'query', required: false, description: 'Entries per page, 1–500 (default 50)', schema: { type: 'integer', minimum: 1, maximum: 500 } },
        ],
        responses: { '200': { description: 'Entries', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('HistoryEntry') }, nextCursor: { type: ['string', 'null'] } } }) }, ...errorResponses },
      },
      post: { summary: 'Add a note to a timeline', parameters: [idempotencyKey], requestBody: { required: true, content: json({ type: 'object', required: ['recordType', 'recordId', 'text'], properties: { recordType: { type: 'string' }, recordId: { type: 'string' }, text: { type: 'string' } } }) }, responses: { '201': { description: 'Added', content: json(ref('HistoryEntry')) }, ...errorResponses } },
    },
    '/api/v1/deals/summary': { get: { summary: 'Per stage: count and money per currency', parameters: [{ name: 'pipelineId', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'Stages' } } } },
    '/api/v1/leads/summary': { get: { summary: 'Per stage: count', parameters: [{ name: 'pipelineId', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'Stages' } } } },
    '/api/v1/changes': { get: { summary: 'Change feed (Server-Sent Events; resumable with Last-Event-ID)', responses: { '200': { description: 'text/event-stream of `change` events', content: { 'text/event-stream': { schema: { type: 'string' } } } } } } },
    '/api/v1/intake': { post: { summary: 'Public lead intake (docs/rest-api.md)', security: [], parameters: [intakeIdempotencyKey], responses: { '201': { description: 'Stored' }, '200': { description: 'Duplicate idempotency key' }, '422': { description: 'Invalid fields' }, '429': { description: 'Rate limited' } } } },
    '/api/v1/session': {
      post: { summary: 'Sign in with an API token; sets an HttpOnly session cookie', security: [], requestBody: { required: true, content: json({ type: 'object', required: ['token'], properties: { token: { type: 'string' } } }) }, responses: { '200': { description: 'Signed in' }, '401': { description: 'Bad token' } } },
      delete: { summary: 'Sign out', responses: { '204': { description: 'Signed out' } } },
    },
  });
  cached = {
    openapi: '3.1.0',
    info: { title: 'crmkit team server', version: '1' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'crmkit_session' } } },
    paths,
  };
  return cached;
}
