import type { DeliveryOutcome, LeadConnector, LeadSubmission, ValidationIssue } from '@crmkit/core';
import { httpFailure, isOutcome, pick, send, type ConnectorBaseOptions } from './http.js';

/** Options of {@link restConnector}. */
export interface RestConnectorOptions extends ConnectorBaseOptions {
  /** The intake URL, e.g. `https://api.example.com/leads` or `/api/leads` (same origin). */
  endpoint: string;
  /** Extra request headers (e.g. an API key for a server-to-server sender). */
  headers?: Record<string, string>;
  /** Sent as `Accept-Language` so 422 messages come in the visitor's language. Default: the lead's consent locale, if any. */
  locale?: string;
  /** `credentials` of the request; default `'omit'` (the contract needs no cookies). */
  credentials?: RequestCredentials;
}

function toIssues(value: unknown): ValidationIssue[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    .map((i) => ({
      path: Array.isArray(i['path']) ? (i['path'] as (string | number)[]) : typeof i['path'] === 'string' ? [i['path']] : [],
      code: typeof i['code'] === 'string' ? i['code'] : 'invalid',
      message: typeof i['message'] === 'string' ? i['message'] : 'Invalid value',
    }));
}

/**
 * Delivers leads to a server speaking crmkit's REST intake contract
 * (docs/rest-api.md), such as `createIntakeHandler` from `@crmkit/core`:
 * `POST {endpoint}` with JSON `{ lead, submittedAt, formId? }` and the
 * submission's `Idempotency-Key` header, the same on every retry.
 *
 * `201`/`200` are delivered (`200` with `duplicate: true` is a replay the
 * server had already stored); `422` is refused with the server's field
 * errors; other `4xx` are refused; network errors, `408`, `425`, `429` and
 * `5xx` are retried, honouring `Retry-After`.
 */
export function restConnector(options: RestConnectorOptions): LeadConnector {
  const { endpoint } = options;
  if (!endpoint) throw new TypeError('restConnector: endpoint is required');
  return {
    name: 'rest',
    async deliver(submission: LeadSubmission, signal: AbortSignal): Promise<DeliveryOutcome> {
      const locale = options.locale ?? submission.lead.consent?.locale;
      const reply = await send(
        options.fetch,
        endpoint,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Idempotency-Key': submission.idempotencyKey,
            ...(locale ? { 'Accept-Language': locale } : {}),
            ...options.headers,
          },
          body: JSON.stringify({
            lead: { ...submission.lead, idempotencyKey: submission.idempotencyKey },
            submittedAt: submission.submittedAt,
            ...(submission.formId ? { formId: submission.formId } : {}),
            ...(submission.formToken ? { formToken: submission.formToken } : {}),
            ...(submission.phoneCountry ? { phoneCountry: submission.phoneCountry } : {}),
          }),
          credentials: options.credentials ?? 'omit',
          signal,
        },
        'rest',
      );
      if (isOutcome(reply)) return reply;
      const { response, body } = reply;
      if (response.ok) {
        const id = pick(body, 'id');
        return { ok: true, ...(typeof id === 'string' || typeof id === 'number' ? { leadId: String(id) } : {}), duplicate: pick(body, 'duplicate') === true };
      }
      const message = pick(body, 'error', 'message');
      if (response.status === 422) {
        // Field errors, or one error for the whole request (e.g. `idempotency_mismatch`).
        const fieldErrors = toIssues(pick(body, 'errors'));
        return httpFailure(response, fieldErrors?.map((e) => e.message).join('; ') || (typeof message === 'string' ? message : 'The server refused the lead (422)'), fieldErrors);
      }
      return httpFailure(response, typeof message === 'string' ? message : `The server answered ${response.status}`);
    },
  };
}
