import type { DeliveryOutcome, LeadConnector, LeadSubmission } from '@crmkit/core';
import { httpFailure, isOutcome, pick, send, type ConnectorBaseOptions } from './http.js';
import { defaultLeadTitle, leadNoteText } from './lead-text.js';

/** Options of {@link bitrix24Connector}. */
export interface Bitrix24ConnectorOptions extends ConnectorBaseOptions {
  /**
   * The inbound webhook URL from Bitrix24 (Developer resources → Other →
   * Inbound webhook, with the `crm` scope), e.g.
   * `https://acme.bitrix24.ru/rest/1/abc123xyz/` — or your own relay that
   * forwards to it (the token in this URL gives the webhook user's rights:
   * do not ship it to visitors' browsers; see docs/rest-api.md).
   */
  webhookUrl: string;
  /** Lead title; default `"{formId or 'Web form'}: {name}"`. */
  title?: (submission: LeadSubmission) => string;
  /** `SOURCE_ID` (a value from the portal's Source list). Default `WEB` (website). */
  sourceId?: string;
  /** `ASSIGNED_BY_ID`: the responsible user's id. Default: the webhook's user. */
  assignedById?: number;
  /** `STATUS_ID` of the new lead. Default: the portal's first status. */
  statusId?: string;
  /** More fields to set (e.g. your `UF_CRM_…` custom fields); they win over the mapped ones. */
  extraFields?: (submission: LeadSubmission) => Record<string, unknown>;
  /**
   * Before adding, look for a lead with this submission's key
   * (`crm.lead.list` filtered by `ORIGINATOR_ID`/`ORIGIN_ID`), so a retry
   * after a lost response does not create a second lead. Costs one request.
   * Default `true`.
   */
  checkDuplicates?: boolean;
}

/** `ORIGINATOR_ID` crmkit writes, so its leads can be found by `ORIGIN_ID`. */
export const BITRIX24_ORIGINATOR = 'crmkit';

function methodUrl(webhookUrl: string, method: string): string {
  const base = webhookUrl.replace(/\/crm\.lead\.add(\.json)?\/?$/, '').replace(/\/+$/, '');
  return `${base}/${method}.json`;
}

function failure(response: Response, body: unknown): DeliveryOutcome {
  const code = pick(body, 'error');
  const description = pick(body, 'error_description');
  const text = [typeof code === 'string' && code ? code : undefined, typeof description === 'string' ? description : undefined].filter(Boolean).join(': ');
  const base = httpFailure(response, `Bitrix24: ${text || `HTTP ${response.status}`}`);
  // A rate-limit refusal is retried whatever the status says.
  if (!base.ok && code === 'QUERY_LIMIT_EXCEEDED') return { ...base, retry: true };
  return base;
}

/** The `fields` of `crm.lead.add` for a submission. */
export function bitrix24LeadFields(submission: LeadSubmission, options: Omit<Bitrix24ConnectorOptions, 'webhookUrl'> = {}): Record<string, unknown> {
  const { lead } = submission;
  const utm = lead.source?.utm ?? {};
  const fields: Record<string, unknown> = {
    TITLE: (options.title ?? defaultLeadTitle)(submission),
    OPENED: 'Y',
    SOURCE_ID: options.sourceId ?? 'WEB',
    COMMENTS: leadNoteText(submission),
    ORIGINATOR_ID: BITRIX24_ORIGINATOR,
    ORIGIN_ID: submission.idempotencyKey,
  };
  if (lead.name) fields['NAME'] = lead.name;
  if (lead.phone) fields['PHONE'] = [{ VALUE: lead.phone, VALUE_TYPE: 'WORK' }];
  if (lead.email) fields['EMAIL'] = [{ VALUE: lead.email, VALUE_TYPE: 'WORK' }];
  if (lead.companyName) fields['COMPANY_TITLE'] = lead.companyName;
  const where = lead.source?.pageUrl ?? lead.source?.landingPage;
  if (where) fields['SOURCE_DESCRIPTION'] = where;
  for (const k of ['source', 'medium', 'campaign', 'content', 'term'] as const) if (utm[k]) fields[`UTM_${k.toUpperCase()}`] = utm[k];
  if (options.assignedById !== undefined) fields['ASSIGNED_BY_ID'] = options.assignedById;
  if (options.statusId) fields['STATUS_ID'] = options.statusId;
  return { ...fields, ...options.extraFields?.(submission) };
}

/**
 * Delivers leads to Bitrix24 with the REST method `crm.lead.add` through an
 * inbound webhook (`POST {webhookUrl}/crm.lead.add.json` with `fields` and
 * `params.REGISTER_SONET_EVENT = 'Y'`, so the responsible user is notified).
 *
 * Mapping: name → `NAME`, phone → `PHONE [{ VALUE, VALUE_TYPE: 'WORK' }]`,
 * email → `EMAIL`, company → `COMPANY_TITLE`, UTM → `UTM_SOURCE` …
 * `UTM_TERM`, page → `SOURCE_DESCRIPTION`; the message, the source details
 * and the consent evidence go to `COMMENTS`. Bitrix24 has no idempotency
 * header: the key is stored in `ORIGIN_ID` (with `ORIGINATOR_ID: 'crmkit'`)
 * and looked up before adding (see `checkDuplicates`).
 *
 * Failures: `QUERY_LIMIT_EXCEEDED`, `5xx`, `429` and network errors are
 * retried; other errors (`400 ERROR_CORE`, `401` bad webhook) are refused
 * with Bitrix24's `error_description`.
 */
export function bitrix24Connector(options: Bitrix24ConnectorOptions): LeadConnector {
  if (!options.webhookUrl) throw new TypeError('bitrix24Connector: webhookUrl is required');
  const post = (method: string, body: unknown, signal: AbortSignal) =>
    send(options.fetch, methodUrl(options.webhookUrl, method), { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body), signal }, 'Bitrix24');
  return {
    name: 'bitrix24',
    async deliver(submission, signal) {
      if (options.checkDuplicates !== false) {
        const found = await post('crm.lead.list', { filter: { ORIGINATOR_ID: BITRIX24_ORIGINATOR, ORIGIN_ID: submission.idempotencyKey }, select: ['ID'] }, signal);
        if (isOutcome(found)) return found;
        if (!found.response.ok || pick(found.body, 'error')) return failure(found.response, found.body);
        const rows = pick(found.body, 'result');
        const first = Array.isArray(rows) ? (rows[0] as unknown) : undefined;
        const id = pick(first, 'ID');
        if (id !== undefined) return { ok: true, leadId: String(id), duplicate: true };
      }
      const reply = await post('crm.lead.add', { fields: bitrix24LeadFields(submission, options), params: { REGISTER_SONET_EVENT: 'Y' } }, signal);
      if (isOutcome(reply)) return reply;
      const result = pick(reply.body, 'result');
      if (reply.response.ok && !pick(reply.body, 'error') && (typeof result === 'number' || typeof result === 'string')) return { ok: true, leadId: String(result), duplicate: false };
      return failure(reply.response, reply.body);
    },
  };
}
