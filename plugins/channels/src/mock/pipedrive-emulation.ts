import { jsonResponse, type Emulation, type StoredRecord } from './emulation.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(status: number, error: string): Response {
  return jsonResponse(status, { success: false, error, error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.', data: null, additional_data: null });
}

function values(list: unknown): string[] {
  return Array.isArray(list) ? list.map((x) => (isObj(x) ? String(x['value'] ?? '') : String(x))) : [];
}

/**
 * @internal Pipedrive as its current API stands (checked against the
 * official `pipedrive` SDK 33.7): persons and organizations on API v2
 * (`/api/v2/persons`, `/api/v2/persons/search`, `/api/v2/organizations`,
 * `/api/v2/organizations/search`; persons carry `emails`/`phones` lists),
 * leads and notes on API v1 (`/api/v1/leads` lists open leads only,
 * `/api/v1/leads/archived` the archived ones; `POST /api/v1/leads`,
 * `POST /api/v1/notes`). The v1 persons and organizations endpoints, out of
 * support since August 2026, answer `410 Gone`. Authentication: the
 * `x-api-token` header (or the legacy `api_token` query parameter).
 * Answers `{ success, data }`; errors `{ success: false, error, error_info }`.
 * A stored lead with `data.is_archived = true` counts as archived.
 */
export function pipedriveEmulation(token: string | undefined): Emulation {
  const stored: StoredRecord[] = [];
  let nextId = 1;
  const route = (url: URL) => /^(?:\/api)?\/(v1|v2)(\/.*?)\/?$/.exec(url.pathname);
  const save = (type: string, data: Obj, id: string | number = nextId++) => {
    stored.push({ id, type, data: { ...data, id } });
    return { ...data, id };
  };
  return {
    target: 'pipedrive',
    stored,
    matches: (url) => /(^|\.)pipedrive\.com$/.test(url.hostname) && route(url) !== null,
    async handle(request, received) {
      const url = new URL(request.url);
      const given = request.headers.get('x-api-token') ?? url.searchParams.get('api_token');
      if (!given || (token !== undefined && given !== token)) return jsonResponse(401, { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' });
      const [, version, path = ''] = route(url) ?? [];
      const body = isObj(received.body) ? received.body : {};
      const entity = /^\/(persons|organizations)(?:\/|$)/.exec(path)?.[1];
      if (entity && version === 'v1') return fail(410, `The v1 ${entity} endpoints are no longer supported: use /api/v2/${entity}.`);
      if (version === 'v2' && !entity) return fail(404, 'Unknown method');
      if (request.method === 'GET' && (path === '/persons/search' || path === '/organizations/search')) {
        const term = (url.searchParams.get('term') ?? '').toLowerCase();
        const type = path === '/persons/search' ? 'person' : 'organization';
        const fields = (url.searchParams.get('fields') ?? 'email,phone,name').split(',');
        const digits = (v: string) => v.replace(/\D/g, '');
        const items = stored
          .filter((r) => r.type === type)
          .filter(
            (r) =>
              (fields.includes('name') && String(r.data['name'] ?? '').toLowerCase() === term) ||
              (fields.includes('email') && values(r.data['emails']).some((v) => v.toLowerCase() === term)) ||
              (fields.includes('phone') && digits(term) !== '' && values(r.data['phones']).some((v) => digits(v) === digits(term))),
          )
          .map((r) => ({ result_score: 1, item: { id: r.id, type, name: r.data['name'], ...(type === 'person' ? { emails: values(r.data['emails']), phones: values(r.data['phones']) } : {}) } }));
        return jsonResponse(200, { success: true, data: { items }, additional_data: { next_cursor: null } });
      }
      if (request.method === 'GET' && (path === '/leads' || path === '/leads/archived')) {
        const personId = url.searchParams.get('person_id');
        const archived = path === '/leads/archived';
        const leads = stored
          .filter((r) => r.type === 'lead' && Boolean(r.data['is_archived']) === archived && (personId === null || String(r.data['person_id']) === personId))
          .map((r) => r.data);
        return jsonResponse(200, { success: true, data: leads, additional_data: { pagination: { start: 0, limit: 100, more_items_in_collection: false } } });
      }
      if (request.method !== 'POST') return fail(404, 'Unknown method');
      switch (path) {
        case '/persons':
          if (typeof body['name'] !== 'string' || !body['name'].trim()) return fail(400, 'Name must be given.');
          if ('email' in body || 'phone' in body) return fail(400, 'Unknown fields: use emails and phones.');
          return jsonResponse(200, { success: true, data: save('person', body) });
        case '/organizations':
          if (typeof body['name'] !== 'string' || !body['name'].trim()) return fail(400, 'Name must be given.');
          return jsonResponse(200, { success: true, data: save('organization', body) });
        case '/leads':
          if (typeof body['title'] !== 'string' || !body['title'].trim()) return fail(400, 'Title must be given.');
          if (body['person_id'] === undefined && body['organization_id'] === undefined) return fail(400, 'A lead must be linked to a person or an organization.');
          for (const [key, type] of [['person_id', 'person'], ['organization_id', 'organization']] as const) {
            if (body[key] !== undefined && !stored.some((r) => r.type === type && r.id === body[key])) return fail(400, `${type} with id ${String(body[key])} does not exist.`);
          }
          return jsonResponse(201, { success: true, data: save('lead', { ...body, origin: 'API', is_archived: false }, crypto.randomUUID()) });
        case '/notes':
          if (typeof body['content'] !== 'string' || !body['content'].trim()) return fail(400, 'Content must be given.');
          if (!['lead_id', 'deal_id', 'person_id', 'org_id'].some((k) => body[k] !== undefined)) return fail(400, 'The note must be attached to a lead, deal, person or organization.');
          return jsonResponse(201, { success: true, data: save('note', body) });
        default:
          return fail(404, 'Unknown method');
      }
    },
    errorBody: (status) => ({ success: false, error: status === 429 ? 'Request over limit' : `Injected failure (${status})`, errorCode: status, data: null }),
    reset() {
      stored.length = 0;
    },
  };
}
