import type { DeliveryOutcome, LeadConnector, LeadSubmission } from '@crmkit/core';
import { httpFailure, isOutcome, pick, send, type ConnectorBaseOptions, type HttpReply } from './http.js';
import { defaultLeadTitle, leadNoteHtml } from './lead-text.js';

/** Options of {@link pipedriveConnector}. */
export interface PipedriveConnectorOptions extends ConnectorBaseOptions {
  /**
   * The account's API host: `https://api.pipedrive.com` (default),
   * `https://{company}.pipedrive.com`, or your relay. `/api/v2/…` (persons,
   * organizations) and `/api/v1/…` (leads, notes) are appended; a trailing
   * `/api` or `/v1` given by older configurations is ignored.
   */
  baseUrl?: string;
  /** The API token (Settings → Personal preferences → API), sent in the `x-api-token` header (never in the URL). Leave it out when a relay adds it: it gives full access, never ship it to browsers. */
  apiToken?: string;
  /** Lead title; default `"{formId or 'Web form'}: {name}"`. */
  title?: (submission: LeadSubmission) => string;
  /** `owner_id` of the person, organization and lead. */
  ownerId?: number;
  /** `label_ids` of the lead. */
  labelIds?: readonly string[];
  /** Also these `label_ids` (your account's lead label UUIDs, e.g. one named "Review") on a lead the form flagged for review. */
  reviewLabelIds?: readonly string[];
  /** `channel` of the lead (an option id of the Source channel field). */
  channel?: number;
  /** Reuse a person found by exact email (then phone) instead of creating one. Default `true`. */
  reusePerson?: boolean;
  /** Add a note to the lead with the message, source and consent evidence. Default `true`. */
  note?: boolean;
}

function failure(response: Response, body: unknown): DeliveryOutcome {
  const error = pick(body, 'error');
  const out = httpFailure(response, `Pipedrive: ${typeof error === 'string' ? error : `HTTP ${response.status}`}`);
  // Pipedrive announces its rate-limit reset in seconds.
  if (!out.ok && out.retryAfterMs === undefined) {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (reset > 0) return { ...out, retryAfterMs: reset * 1000 };
  }
  return out;
}

/**
 * Delivers leads to Pipedrive on its current API (request shapes checked
 * against the official `pipedrive` SDK 33.7: persons and organizations on
 * API v2, leads and notes on API v1, where Pipedrive keeps them): finds the
 * person by exact email or phone (`GET /api/v2/persons/search`) or creates
 * one (`POST /api/v2/persons` with `emails`/`phones` lists), creates an
 * organization for the company name (`POST /api/v2/organizations`, reused
 * by exact name via `GET /api/v2/organizations/search`), then the lead
 * (`POST /api/v1/leads` with `title`, `person_id`, `organization_id`,
 * `origin_id` = the idempotency key), then a note on it (`POST /api/v1/notes`).
 *
 * Idempotency: when the person already existed, its leads — open ones
 * (`GET /api/v1/leads?person_id=`) and archived ones
 * (`GET /api/v1/leads/archived?person_id=`) — are checked for this
 * `origin_id` first, so a retry after a lost response finds the lead
 * (even if a manager archived it meanwhile) instead of adding another;
 * persons and organizations are reused by search, so retries of a
 * half-done delivery do not duplicate them.
 *
 * Failures: `429` (honouring `Retry-After` or `X-RateLimit-Reset`), `5xx`
 * and network errors are retried; `400`, `401`, `402`, `403`, `404`, `410`
 * are refused with Pipedrive's `error`. Note contents are HTML, so every
 * value is escaped. A failed note does not fail the delivery.
 */
export function pipedriveConnector(options: PipedriveConnectorOptions = {}): LeadConnector {
  const base = (options.baseUrl ?? 'https://api.pipedrive.com').replace(/\/+$/, '').replace(/(?:\/api)?(?:\/v1)?$/, '');
  const url = (version: 'v1' | 'v2', path: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return `${base}/api/${version}${path}${qs ? `?${qs}` : ''}`;
  };
  const auth: Record<string, string> = options.apiToken ? { 'x-api-token': options.apiToken } : {};
  const json = { 'Content-Type': 'application/json', Accept: 'application/json', ...auth };
  const get = (version: 'v1' | 'v2', path: string, query: Record<string, string>, signal: AbortSignal) =>
    send(options.fetch, url(version, path, query), { method: 'GET', headers: { Accept: 'application/json', ...auth }, signal }, 'Pipedrive');
  const post = (version: 'v1' | 'v2', path: string, body: unknown, signal: AbortSignal) =>
    send(options.fetch, url(version, path), { method: 'POST', headers: json, body: JSON.stringify(body), signal }, 'Pipedrive');
  const ok = (r: HttpReply) => r.response.ok && pick(r.body, 'success') !== false;

  async function search(path: string, term: string, field: string, signal: AbortSignal): Promise<number | undefined | DeliveryOutcome> {
    const r = await get('v2', path, { term, fields: field, exact_match: 'true', limit: '1' }, signal);
    if (isOutcome(r)) return r;
    if (!ok(r)) return failure(r.response, r.body);
    const items = pick(r.body, 'data', 'items');
    const id = Array.isArray(items) ? pick(items[0], 'item', 'id') : undefined;
    return typeof id === 'number' ? id : undefined;
  }

  return {
    name: 'pipedrive',
    async deliver(submission, signal): Promise<DeliveryOutcome> {
      const { lead } = submission;
      const owner = options.ownerId !== undefined ? { owner_id: options.ownerId } : {};

      // 1. The person: found, or created.
      let personId: number | undefined;
      if (options.reusePerson !== false) {
        for (const [term, field] of [
          [lead.email, 'email'],
          [lead.phone, 'phone'],
        ] as const) {
          if (!term || personId !== undefined) continue;
          const found = await search('/persons/search', term, field, signal);
          if (typeof found === 'object') return found;
          personId = found;
        }
      }
      const existed = personId !== undefined;
      if (personId === undefined) {
        const r = await post(
          'v2',
          '/persons',
          {
            name: lead.name ?? lead.email ?? lead.phone,
            ...(lead.email ? { emails: [{ value: lead.email, primary: true, label: 'work' }] } : {}),
            ...(lead.phone ? { phones: [{ value: lead.phone, primary: true, label: 'work' }] } : {}),
            ...owner,
          },
          signal,
        );
        if (isOutcome(r)) return r;
        const id = pick(r.body, 'data', 'id');
        if (!ok(r) || typeof id !== 'number') return failure(r.response, r.body);
        personId = id;
      }

      // 2. Already delivered? (a retry after the response was lost) Open and archived leads are listed apart.
      if (existed) {
        for (const path of ['/leads', '/leads/archived']) {
          const r = await get('v1', path, { person_id: String(personId), limit: '500' }, signal);
          if (isOutcome(r)) return r;
          if (!ok(r)) return failure(r.response, r.body);
          const leads = pick(r.body, 'data');
          const same = Array.isArray(leads) ? leads.find((l) => pick(l, 'origin_id') === submission.idempotencyKey) : undefined;
          if (same) return { ok: true, leadId: String(pick(same, 'id')), duplicate: true };
        }
      }

      // 3. The organization, when a company was named.
      let organizationId: number | undefined;
      if (lead.companyName) {
        const found = await search('/organizations/search', lead.companyName, 'name', signal);
        if (typeof found === 'object') return found;
        organizationId = found;
        if (organizationId === undefined) {
          const r = await post('v2', '/organizations', { name: lead.companyName, ...owner }, signal);
          if (isOutcome(r)) return r;
          const id = pick(r.body, 'data', 'id');
          if (!ok(r) || typeof id !== 'number') return failure(r.response, r.body);
          organizationId = id;
        }
      }

      // 4. The lead (a flagged one titled `[Review] …`, with the review labels and a Review line in its note).
      const labelIds = [...(options.labelIds ?? []), ...(lead.spam ? (options.reviewLabelIds ?? []) : [])];
      const r = await post(
        'v1',
        '/leads',
        {
          title: (options.title ?? defaultLeadTitle)(submission),
          person_id: personId,
          ...(organizationId !== undefined ? { organization_id: organizationId } : {}),
          ...owner,
          ...(labelIds.length ? { label_ids: labelIds } : {}),
          ...(options.channel !== undefined ? { channel: options.channel } : {}),
          origin_id: submission.idempotencyKey,
        },
        signal,
      );
      if (isOutcome(r)) return r;
      const leadId = pick(r.body, 'data', 'id');
      if (!ok(r) || typeof leadId !== 'string') return failure(r.response, r.body);

      // 5. The note (best effort).
      if (options.note !== false) await post('v1', '/notes', { content: leadNoteHtml(submission), lead_id: leadId }, signal);
      return { ok: true, leadId, duplicate: false };
    },
  };
}
