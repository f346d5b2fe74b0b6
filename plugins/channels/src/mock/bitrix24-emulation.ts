import { jsonResponse, type Emulation, type StoredRecord } from './emulation.js';

const PATH = /^\/rest\/(\d+)\/([^/]+)\/(crm\.lead\.(?:add|list))(?:\.json)?\/?$/;

function timing(): Record<string, unknown> {
  const now = Date.now() / 1000;
  return { start: now, finish: now, duration: 0, processing: 0, date_start: new Date().toISOString(), date_finish: new Date().toISOString() };
}

function error(status: number, code: string, description: string): Response {
  return jsonResponse(status, { error: code, error_description: description });
}

function multiFieldProblem(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return `${name} must be an array of { VALUE, VALUE_TYPE }`;
  for (const item of value) {
    if (typeof item !== 'object' || item === null || typeof (item as Record<string, unknown>)['VALUE'] !== 'string') return `${name} items need a string VALUE`;
  }
  return undefined;
}

/**
 * @internal Bitrix24 REST through an inbound webhook: `crm.lead.add` (with
 * `fields`, answering `{ result: <id>, time }`) and `crm.lead.list` (filter by
 * `ORIGINATOR_ID`/`ORIGIN_ID`). Errors are `{ error, error_description }`.
 */
export function bitrix24Emulation(token: string | undefined): Emulation {
  const stored: StoredRecord[] = [];
  let nextId = 1;
  return {
    target: 'bitrix24',
    stored,
    matches: (url) => PATH.test(url.pathname),
    async handle(request, received) {
      const [, , hookToken, method] = PATH.exec(new URL(request.url).pathname) ?? [];
      if (token !== undefined && hookToken !== token) return error(401, 'INVALID_CREDENTIALS', 'Invalid request credentials');
      if (request.method !== 'POST' && request.method !== 'GET') return error(405, 'ERROR_METHOD_NOT_ALLOWED', 'Use POST');
      const body = (received.body ?? {}) as Record<string, unknown>;
      if (method === 'crm.lead.list') {
        const filter = (body['filter'] ?? {}) as Record<string, unknown>;
        const rows = stored.filter((r) => Object.entries(filter).every(([k, v]) => String(r.data[k] ?? '') === String(v)));
        return jsonResponse(200, { result: rows.map((r) => ({ ID: String(r.id) })), total: rows.length, time: timing() });
      }
      const fields = body['fields'];
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return error(400, 'ERROR_CORE', "Parameter 'fields' must be an object");
      const f = fields as Record<string, unknown>;
      const problem = multiFieldProblem('PHONE', f['PHONE']) ?? multiFieldProblem('EMAIL', f['EMAIL']);
      if (problem) return error(400, 'ERROR_CORE', problem);
      const id = nextId++;
      stored.push({ id, type: 'lead', data: { ...f, ID: String(id) } });
      return jsonResponse(200, { result: id, time: timing() });
    },
    errorBody: (status) =>
      status === 503 || status === 429
        ? { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }
        : { error: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'ERROR_CORE', error_description: `Injected failure (${status})` },
    reset() {
      stored.length = 0;
    },
  };
}
