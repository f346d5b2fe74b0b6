import { jsonResponse, type Emulation, type StoredRecord } from './emulation.js';

const PATH = /^\/submissions\/v3\/integration\/submit\/([^/]+)\/([^/]+)\/?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(errors: { message: string; errorType: string }[]): Response {
  return jsonResponse(400, { status: 'error', message: 'The request is not valid', correlationId: crypto.randomUUID(), errors });
}

/**
 * @internal HubSpot's unauthenticated Forms API v3 on `api.hsforms.com`:
 * `fields: [{ objectTypeId?, name, value }]`, `context`, `legalConsentOptions`,
 * answering `{ inlineMessage }` or `400 { status: 'error', errors: [{ message, errorType }] }`.
 */
export function hubspotEmulation(): Emulation {
  const stored: StoredRecord[] = [];
  let nextId = 1;
  return {
    target: 'hubspot',
    stored,
    matches: (url) => url.hostname === 'api.hsforms.com' && PATH.test(url.pathname),
    async handle(request, received) {
      if (request.method !== 'POST') return jsonResponse(405, { status: 'error', message: 'Method not allowed' });
      const [, portalId, formGuid] = PATH.exec(new URL(request.url).pathname) ?? [];
      const body = received.body as Record<string, unknown> | undefined;
      const fields = body?.['fields'];
      if (!Array.isArray(fields)) return invalid([{ message: "Error in 'fields'. The fields list is required", errorType: 'INVALID_FIELDS' }]);
      const errors: { message: string; errorType: string }[] = [];
      for (const item of fields as Record<string, unknown>[]) {
        if (typeof item?.['name'] !== 'string' || typeof item['value'] !== 'string') {
          errors.push({ message: "Error in 'fields'. Each field needs a name and a string value", errorType: 'INVALID_FIELDS' });
        } else if (item['name'] === 'email' && !EMAIL.test(item['value'])) {
          errors.push({ message: "Error in 'fields.email'. Invalid email address", errorType: 'INVALID_EMAIL' });
        }
      }
      if (errors.length) return invalid(errors);
      stored.push({ id: nextId++, type: 'submission', data: { portalId, formGuid, ...body } });
      return jsonResponse(200, { inlineMessage: 'Thanks for submitting the form.' });
    },
    errorBody: (status) => ({ status: 'error', message: status === 429 ? 'You have reached your secondly limit.' : `Injected failure (${status})`, correlationId: crypto.randomUUID() }),
    reset() {
      stored.length = 0;
    },
  };
}
