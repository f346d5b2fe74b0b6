import type { DeliveryOutcome, LeadConnector, LeadSubmission, ValidationIssue } from '@crmkit/core';
import { httpFailure, isOutcome, pick, send, type ConnectorBaseOptions } from './http.js';
import { REVIEW_NOTE } from './lead-text.js';

/** A HubSpot subscription type the visitor opts into by giving consent. */
export interface HubspotCommunication {
  /** The subscription type id (Settings → Marketing → Email → Subscription types). */
  subscriptionTypeId: number;
  /** The text shown for it. */
  text: string;
}

/** Options of {@link hubspotConnector}. */
export interface HubspotConnectorOptions extends ConnectorBaseOptions {
  /** The HubSpot account (portal) id. */
  portalId: string | number;
  /** The form's GUID (in the form editor's URL). Create a "non-HubSpot" or regular form with the fields you map to. */
  formGuid: string;
  /** API host; default `https://api.hsforms.com` (change it for a relay or a test server). */
  baseUrl?: string;
  /**
   * HubSpot property names per lead field. Defaults: name → `firstname`
   * (the whole name: splitting names is language-dependent), phone →
   * `phone`, email → `email`, companyName → `company`, message → `message`.
   * Map a field to `null` to leave it out. The form must have these fields.
   */
  fieldNames?: Partial<Record<'name' | 'phone' | 'email' | 'companyName' | 'message', string | null>>;
  /**
   * Also send UTM parameters as fields with these property names (your
   * portal needs such contact properties and form fields), e.g.
   * `{ source: 'utm_source', campaign: 'utm_campaign' }`. By default UTM
   * parameters are added to `context.pageUri`, from which HubSpot attributes
   * the visit.
   */
  utmFields?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
  /** Send the idempotency key in this (hidden) form field, for audits. HubSpot itself does not de-duplicate submissions. */
  keyField?: string;
  /**
   * A (hidden) form field set to a review note on a lead the form flagged (sent faster than a person fills it in),
   * e.g. a contact property you filter a "to review" list by. Without it the note leads the message field.
   */
  reviewField?: string;
  /** Subscription types the consent checkbox opts into (`legalConsentOptions.consent.communications`). Default none. */
  communications?: readonly HubspotCommunication[];
  /** The HubSpot tracking cookie (`hubspotutk`) for `context.hutk`. Default: read from `document.cookie` in a browser. */
  hutk?: () => string | undefined;
  /** `context.pageName`; default the document title in a browser. */
  pageName?: () => string | undefined;
}

const ERROR_CODES: Record<string, string> = {
  INVALID_EMAIL: 'invalid_email',
  BLOCKED_EMAIL: 'invalid_email',
  REQUIRED_FIELD: 'required',
  FIELD_TOO_LONG: 'too_long',
  NUM_OUT_OF_RANGE: 'invalid',
  INVALID_NUMBER: 'invalid',
};

function browserCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

function withUtm(page: string | undefined, utm: Record<string, string | undefined>): string | undefined {
  if (!page) return undefined;
  try {
    const url = new URL(page);
    for (const [k, v] of Object.entries(utm)) if (v && !url.searchParams.has(`utm_${k}`)) url.searchParams.set(`utm_${k}`, v);
    return url.toString();
  } catch {
    return page;
  }
}

/** The JSON body of a Forms API v3 submission. */
export function hubspotSubmissionBody(submission: LeadSubmission, options: Omit<HubspotConnectorOptions, 'portalId' | 'formGuid'> = {}): Record<string, unknown> {
  const { lead } = submission;
  const names = { name: 'firstname', phone: 'phone', email: 'email', companyName: 'company', message: 'message', ...options.fieldNames };
  const fields: { objectTypeId: string; name: string; value: string }[] = [];
  const add = (name: string | null | undefined, value: string | undefined) => {
    if (name && value) fields.push({ objectTypeId: '0-1', name, value });
  };
  add(names.name, lead.name);
  add(names.email, lead.email);
  add(names.phone, lead.phone);
  add(names.companyName, lead.companyName);
  const review = lead.spam ? `Review: ${REVIEW_NOTE}` : undefined;
  add(names.message, review && !options.reviewField ? [review, lead.message].filter(Boolean).join('\n\n') : lead.message);
  add(options.reviewField, review);
  const utm = lead.source?.utm ?? {};
  for (const [k, prop] of Object.entries(options.utmFields ?? {})) add(prop, utm[k as keyof typeof utm]);
  add(options.keyField, submission.idempotencyKey);

  const context: Record<string, string> = {};
  const hutk = (options.hutk ?? (() => browserCookie('hubspotutk')))();
  if (hutk) context['hutk'] = hutk;
  const pageUri = withUtm(lead.source?.pageUrl ?? lead.source?.landingPage ?? lead.consent?.pageUrl, utm);
  if (pageUri) context['pageUri'] = pageUri;
  const pageName = (options.pageName ?? (() => (typeof document !== 'undefined' ? document.title : undefined)))();
  if (pageName) context['pageName'] = pageName;

  const body: Record<string, unknown> = { submittedAt: String(Date.parse(submission.submittedAt) || Date.now()), fields, context };
  const c = lead.consent;
  if (c) {
    const text = c.text ?? [c.version && `Consent version ${c.version}`, c.textHash && `text SHA-256 ${c.textHash}`, c.url].filter(Boolean).join(', ');
    body['legalConsentOptions'] = {
      consent: {
        consentToProcess: true,
        text: text || 'Consent given',
        communications: (options.communications ?? []).map((x) => ({ value: true, subscriptionTypeId: x.subscriptionTypeId, text: x.text })),
      },
    };
  }
  return body;
}

/**
 * Delivers leads to HubSpot through the Forms API v3
 * (`POST https://api.hsforms.com/submissions/v3/integration/submit/{portalId}/{formGuid}`,
 * unauthenticated, CORS-enabled: safe to call from a visitor's browser).
 *
 * Mapping: lead fields → `fields [{ objectTypeId: '0-1', name, value }]` (see
 * `fieldNames`), page and UTM → `context.pageUri`, tracking cookie →
 * `context.hutk`, consent → `legalConsentOptions.consent` (text, or version
 * and hash when only those were stored). HubSpot has no idempotency key: a
 * resubmission after a lost response is recorded as a second form
 * submission, but HubSpot keeps one contact per email address.
 *
 * Failures: `400` is refused, with `errors[].errorType` mapped to field
 * errors (`Error in 'fields.email'` → `email`); `404` (unknown form) is
 * refused; `429`, `5xx` and network errors are retried.
 */
export function hubspotConnector(options: HubspotConnectorOptions): LeadConnector {
  if (!options.portalId || !options.formGuid) throw new TypeError('hubspotConnector: portalId and formGuid are required');
  const base = (options.baseUrl ?? 'https://api.hsforms.com').replace(/\/+$/, '');
  const url = `${base}/submissions/v3/integration/submit/${encodeURIComponent(String(options.portalId))}/${encodeURIComponent(options.formGuid)}`;
  const leadField = new Map<string, string>();
  for (const [field, prop] of Object.entries({ name: 'firstname', phone: 'phone', email: 'email', companyName: 'company', message: 'message', ...options.fieldNames })) if (prop) leadField.set(prop, field);
  return {
    name: 'hubspot',
    async deliver(submission, signal): Promise<DeliveryOutcome> {
      const reply = await send(options.fetch, url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(hubspotSubmissionBody(submission, options)), signal }, 'HubSpot');
      if (isOutcome(reply)) return reply;
      if (reply.response.ok) return { ok: true, duplicate: false };
      const errors = pick(reply.body, 'errors');
      const list = Array.isArray(errors) ? (errors as Record<string, unknown>[]) : [];
      const fieldErrors: ValidationIssue[] = [];
      for (const e of list) {
        const message = String(e['message'] ?? '');
        const prop = /'fields\.([^']+)'/.exec(message)?.[1];
        const field = prop ? leadField.get(prop) : undefined;
        if (field) fieldErrors.push({ path: [field], code: ERROR_CODES[String(e['errorType'])] ?? 'invalid', message });
      }
      const summary = list.map((e) => String(e['message'] ?? e['errorType'] ?? '')).filter(Boolean).join('; ') || String(pick(reply.body, 'message') ?? `HTTP ${reply.response.status}`);
      return httpFailure(reply.response, `HubSpot: ${summary}`, fieldErrors);
    },
  };
}
