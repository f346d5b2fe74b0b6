import type { Emulation, StoredRecord } from './emulation.js';

const HOST = /\.(amocrm\.ru|amocrm\.com|kommo\.com)$/;

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ title, type: `https://httpstatus.es/${status}`, status, detail, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

function hal(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/hal+json' } });
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldErrors(values: unknown, path: string): { code: string; path: string; detail: string }[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) return [{ code: 'InvalidType', path, detail: 'This value should be of type array.' }];
  const out: { code: string; path: string; detail: string }[] = [];
  values.forEach((f, i) => {
    if (!isObj(f) || (f['field_id'] === undefined && f['field_code'] === undefined)) out.push({ code: 'NotSupportedChoice', path: `${path}.${i}`, detail: 'field_id or field_code is required.' });
    else if (!Array.isArray(f['values']) || f['values'].length === 0) out.push({ code: 'InvalidType', path: `${path}.${i}.values`, detail: 'This value should be of type array.' });
  });
  return out;
}

/**
 * @internal amoCRM/Kommo API v4 (any `*.amocrm.ru`, `*.amocrm.com`,
 * `*.kommo.com`, Bearer token): `POST /api/v4/leads/complex` (an array of
 * leads with `_embedded.contacts`/`companies`, answering
 * `[{ id, contact_id, company_id, request_id, merged }]`),
 * `POST /api/v4/leads/notes` and `GET /api/v4/leads?query=` (204 when
 * nothing matches). Errors are `application/problem+json`.
 */
export function amocrmEmulation(token: string | undefined): Emulation {
  const stored: StoredRecord[] = [];
  let nextId = 1000;
  return {
    target: 'amocrm',
    stored,
    matches: (url) => HOST.test(url.hostname) && url.pathname.startsWith('/api/v4/leads'),
    async handle(request, received) {
      const auth = request.headers.get('authorization') ?? '';
      if (!auth.startsWith('Bearer ') || (token !== undefined && auth !== `Bearer ${token}`)) return problem(401, 'Unauthorized', 'Invalid access token');
      const url = new URL(request.url);
      const path = url.pathname.replace(/\/+$/, '');
      if (path === '/api/v4/leads' && request.method === 'GET') {
        const query = url.searchParams.get('query') ?? '';
        const leads = stored.filter((r) => r.type === 'lead' && query && JSON.stringify(r.data).includes(JSON.stringify(query).slice(1, -1)));
        if (leads.length === 0) return new Response(null, { status: 204 });
        return hal(200, { _page: 1, _embedded: { leads: leads.map((l) => ({ id: l.id, name: l.data['name'], custom_fields_values: l.data['custom_fields_values'] ?? null })) } });
      }
      if (path === '/api/v4/leads/notes' && request.method === 'POST') {
        const notes = received.body;
        if (!Array.isArray(notes) || notes.length === 0) return problem(400, 'Bad Request', 'Request validation failed');
        const bad = notes.findIndex((n) => !isObj(n) || typeof n['entity_id'] !== 'number' || typeof n['note_type'] !== 'string' || !isObj(n['params']));
        if (bad >= 0) return problem(400, 'Bad Request', 'Request validation failed', { 'validation-errors': [{ request_id: String(bad), errors: [{ code: 'InvalidType', path: 'entity_id', detail: 'entity_id, note_type and params are required.' }] }] });
        const created = (notes as Obj[]).map((n, i) => {
          const id = nextId++;
          stored.push({ id, type: 'note', data: n });
          return { id, entity_id: n['entity_id'], request_id: String(n['request_id'] ?? i) };
        });
        return hal(200, { _total_items: created.length, _embedded: { notes: created } });
      }
      if (path !== '/api/v4/leads/complex' || request.method !== 'POST') return problem(404, 'Not Found', 'No such method');
      const leads = received.body;
      if (!Array.isArray(leads) || leads.length === 0) return problem(400, 'Bad Request', 'Request validation failed', { 'validation-errors': [{ request_id: '0', errors: [{ code: 'InvalidType', path: '', detail: 'A non-empty array of leads is required.' }] }] });
      if (leads.length > 50) return problem(400, 'Bad Request', 'No more than 50 leads per request');
      const validation: { request_id: string; errors: { code: string; path: string; detail: string }[] }[] = [];
      leads.forEach((lead, i) => {
        const rid = isObj(lead) && typeof lead['request_id'] === 'string' ? lead['request_id'] : String(i);
        if (!isObj(lead)) return validation.push({ request_id: rid, errors: [{ code: 'InvalidType', path: '', detail: 'A lead must be an object.' }] });
        const errors = fieldErrors(lead['custom_fields_values'], 'custom_fields_values');
        const embedded = isObj(lead['_embedded']) ? lead['_embedded'] : {};
        const contacts = Array.isArray(embedded['contacts']) ? embedded['contacts'] : [];
        if (contacts.length > 1) errors.push({ code: 'InvalidCount', path: '_embedded.contacts', detail: 'No more than one contact per lead.' });
        contacts.forEach((c, j) => errors.push(...fieldErrors(isObj(c) ? c['custom_fields_values'] : undefined, `_embedded.contacts.${j}.custom_fields_values`)));
        if (errors.length) validation.push({ request_id: rid, errors });
        return undefined;
      });
      if (validation.length) return problem(400, 'Bad Request', 'Request validation failed', { 'validation-errors': validation });
      const result = (leads as Obj[]).map((lead, i) => {
        const embedded = isObj(lead['_embedded']) ? lead['_embedded'] : {};
        const contact = Array.isArray(embedded['contacts']) && isObj(embedded['contacts'][0]) ? embedded['contacts'][0] : undefined;
        const company = Array.isArray(embedded['companies']) && isObj(embedded['companies'][0]) ? embedded['companies'][0] : undefined;
        const id = nextId++;
        const contactId = contact ? nextId++ : null;
        const companyId = company ? nextId++ : null;
        stored.push({ id, type: 'lead', data: lead });
        if (contact && contactId) stored.push({ id: contactId, type: 'contact', data: contact });
        if (company && companyId) stored.push({ id: companyId, type: 'company', data: company });
        return { id, contact_id: contactId, company_id: companyId, request_id: [String(lead['request_id'] ?? i)], merged: false };
      });
      return hal(200, result);
    },
    errorBody: (status) => ({ title: status === 429 ? 'Too Many Requests' : 'Error', type: `https://httpstatus.es/${status}`, status, detail: `Injected failure (${status})` }),
    reset() {
      stored.length = 0;
    },
  };
}
