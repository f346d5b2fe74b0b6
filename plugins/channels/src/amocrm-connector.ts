import type { DeliveryOutcome, LeadConnector, LeadSubmission } from '@crmkit/core';
import { httpFailure, isOutcome, pick, send, type ConnectorBaseOptions } from './http.js';
import { defaultLeadTitle, leadNoteText } from './lead-text.js';

/** Options of {@link amocrmConnector}. */
export interface AmocrmConnectorOptions extends ConnectorBaseOptions {
  /** Account URL: `https://{subdomain}.amocrm.ru` (or `.amocrm.com`, `.kommo.com`), or your relay. */
  baseUrl: string;
  /**
   * OAuth access token (or a long-lived token of a private integration),
   * sent as `Authorization: Bearer …`. Leave it out when a relay adds it —
   * the token gives full API access: never ship it to visitors' browsers.
   */
  accessToken?: string;
  /** Lead name; default `"{formId or 'Web form'}: {name}"`. */
  title?: (submission: LeadSubmission) => string;
  /** `pipeline_id`; default the main pipeline. */
  pipelineId?: number;
  /** `status_id` (stage); default the pipeline's first stage. */
  statusId?: number;
  /** `responsible_user_id`. */
  responsibleUserId?: number;
  /** Tags for the lead. Default `['crmkit']`. */
  tags?: readonly string[];
  /** The extra tag of a lead the form flagged for review (sent faster than a person fills it in). Default `'crmkit-review'`. */
  reviewTag?: string;
  /**
   * Also write UTM parameters into the lead's tracking fields by
   * `field_code` (`UTM_SOURCE`, `UTM_MEDIUM`, `UTM_CAMPAIGN`, `UTM_TERM`,
   * `UTM_CONTENT`). Only when your account has fields with these codes —
   * an unknown code makes amoCRM refuse the whole lead. Default `false`
   * (UTM goes to the note).
   */
  utmFieldCodes?: boolean;
  /**
   * Id of a text custom field of leads to hold the idempotency key. When
   * set, the connector first searches leads for the key (`GET
   * /api/v4/leads?query=`), so a retry after a lost response does not
   * create a second lead.
   */
  keyFieldId?: number;
  /** Add a note with the message, the source and the consent evidence. Default `true`. */
  note?: boolean;
}

type Json = Record<string, unknown>;

/** The one-lead array body of `POST /api/v4/leads/complex`. */
export function amocrmComplexBody(submission: LeadSubmission, options: Omit<AmocrmConnectorOptions, 'baseUrl' | 'accessToken'> = {}): Json[] {
  const { lead } = submission;
  const contactFields: Json[] = [];
  if (lead.phone) contactFields.push({ field_code: 'PHONE', values: [{ value: lead.phone, enum_code: 'WORK' }] });
  if (lead.email) contactFields.push({ field_code: 'EMAIL', values: [{ value: lead.email, enum_code: 'WORK' }] });
  const contact: Json = { name: lead.name ?? lead.phone ?? lead.email, ...(contactFields.length ? { custom_fields_values: contactFields } : {}) };
  const leadFields: Json[] = [];
  if (options.utmFieldCodes) {
    const utm = lead.source?.utm ?? {};
    for (const k of ['source', 'medium', 'campaign', 'term', 'content'] as const) if (utm[k]) leadFields.push({ field_code: `UTM_${k.toUpperCase()}`, values: [{ value: utm[k] }] });
  }
  if (options.keyFieldId !== undefined) leadFields.push({ field_id: options.keyFieldId, values: [{ value: submission.idempotencyKey }] });
  const body: Json = {
    name: (options.title ?? defaultLeadTitle)(submission),
    request_id: 'crmkit',
    _embedded: {
      contacts: [contact],
      ...(lead.companyName ? { companies: [{ name: lead.companyName }] } : {}),
      tags: [...(options.tags ?? ['crmkit']), ...(lead.spam ? [options.reviewTag ?? 'crmkit-review'] : [])].map((name) => ({ name })),
    },
  };
  if (options.pipelineId !== undefined) body['pipeline_id'] = options.pipelineId;
  if (options.statusId !== undefined) body['status_id'] = options.statusId;
  if (options.responsibleUserId !== undefined) body['responsible_user_id'] = options.responsibleUserId;
  if (leadFields.length) body['custom_fields_values'] = leadFields;
  return [body];
}

function failure(response: Response, body: unknown): DeliveryOutcome {
  const detail = pick(body, 'detail') ?? pick(body, 'title');
  const validation = pick(body, 'validation-errors');
  const details = Array.isArray(validation)
    ? validation.flatMap((v) => {
        const errors = pick(v, 'errors');
        return Array.isArray(errors) ? errors.map((e) => `${String(pick(e, 'path') ?? '')}: ${String(pick(e, 'detail') ?? pick(e, 'code') ?? '')}`) : [];
      })
    : [];
  const hint = response.status === 401 ? ' (the access token is missing, invalid or expired)' : response.status === 402 ? ' (the account subscription has expired)' : '';
  return httpFailure(response, `amoCRM: ${[typeof detail === 'string' ? detail : `HTTP ${response.status}`, ...details].join('; ')}${hint}`);
}

/**
 * Delivers leads to amoCRM / Kommo with the complex lead creation method,
 * `POST {baseUrl}/api/v4/leads/complex` (a lead with its contact and
 * company in one request, Bearer token), then adds a note to the lead
 * (`POST /api/v4/leads/notes`, `note_type: 'common'`).
 *
 * Mapping: name → contact `name`; phone and email → contact
 * `custom_fields_values` with `field_code` `PHONE`/`EMAIL` and `enum_code`
 * `WORK`; company → embedded company; message, source, UTM and consent
 * evidence → the note (and UTM optionally into tracking fields, see
 * `utmFieldCodes`). amoCRM has no idempotency key; see `keyFieldId`. Its
 * duplicate control (if enabled for the integration) may merge the contact
 * (`merged: true`).
 *
 * Failures: `429`, `5xx` and network errors are retried; `400` (validation,
 * with amoCRM's `validation-errors`), `401`, `402`, `403` are refused. A
 * failed note does not fail the delivery (the lead exists).
 */
export function amocrmConnector(options: AmocrmConnectorOptions): LeadConnector {
  if (!options.baseUrl) throw new TypeError('amocrmConnector: baseUrl is required');
  const base = options.baseUrl.replace(/\/+$/, '');
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', ...(options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {}) };
  return {
    name: 'amocrm',
    async deliver(submission, signal): Promise<DeliveryOutcome> {
      if (options.keyFieldId !== undefined) {
        const found = await send(options.fetch, `${base}/api/v4/leads?query=${encodeURIComponent(submission.idempotencyKey)}`, { method: 'GET', headers, signal }, 'amoCRM');
        if (isOutcome(found)) return found;
        if (found.response.status !== 204 && !found.response.ok) return failure(found.response, found.body);
        const leads = pick(found.body, '_embedded', 'leads');
        const match = Array.isArray(leads)
          ? leads.find((l) => {
              const cf = pick(l, 'custom_fields_values');
              return Array.isArray(cf) && cf.some((f) => pick(f, 'field_id') === options.keyFieldId && JSON.stringify(pick(f, 'values')).includes(JSON.stringify(submission.idempotencyKey)));
            })
          : undefined;
        if (match) return { ok: true, leadId: String(pick(match, 'id')), duplicate: true };
      }
      const reply = await send(options.fetch, `${base}/api/v4/leads/complex`, { method: 'POST', headers, body: JSON.stringify(amocrmComplexBody(submission, options)), signal }, 'amoCRM');
      if (isOutcome(reply)) return reply;
      const created = Array.isArray(reply.body) ? (reply.body[0] as unknown) : undefined;
      const id = pick(created, 'id');
      if (!reply.response.ok || typeof id !== 'number') return failure(reply.response, reply.body);
      if (options.note !== false) {
        // Best effort: the lead exists now; a missing note must not make the form resend it.
        await send(options.fetch, `${base}/api/v4/leads/notes`, { method: 'POST', headers, body: JSON.stringify([{ entity_id: id, note_type: 'common', params: { text: leadNoteText(submission) } }]), signal }, 'amoCRM');
      }
      return { ok: true, leadId: String(id), duplicate: pick(created, 'merged') === true };
    },
  };
}
