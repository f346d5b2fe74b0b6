import type { ValidationIssue } from '@crmkit/core/form';
import { isRetryableStatus, parseRetryAfter, type DeliveryOutcome, type LeadConnector } from '@crmkit/core/intake';

/** Options of {@link restConnector}. */
export interface RestConnectorOptions {
  /** Extra request headers (e.g. a public site key). */
  headers?: Record<string, string>;
  /** The fetch to use (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * Delivers to an endpoint speaking crmkit's REST intake contract
 * (docs/rest-api.md): `POST` JSON `{ lead, submittedAt, formId, formToken, phoneCountry }` with an
 * `Idempotency-Key` header; `201`/`200` mean stored (`duplicate: true` on a
 * replay), `422` carries field errors, `429`/`503` may say `Retry-After`.
 */
export function restConnector(endpoint: string, options: RestConnectorOptions = {}): LeadConnector {
  return {
    name: 'rest',
    async deliver(submission, signal): Promise<DeliveryOutcome> {
      let res: Response;
      try {
        res = await (options.fetch ?? fetch)(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': submission.idempotencyKey, ...options.headers },
          body: JSON.stringify({ lead: submission.lead, submittedAt: submission.submittedAt, formId: submission.formId, formToken: submission.formToken, phoneCountry: submission.phoneCountry }),
          credentials: 'omit',
          signal,
        });
      } catch (e) {
        return { ok: false, retry: true, message: e instanceof Error ? e.message : 'network error' };
      }
      let body: { id?: string; duplicate?: boolean; errors?: ValidationIssue[]; error?: { code?: string; message?: string } } = {};
      try {
        body = await res.json();
      } catch {
        /* no or non-JSON body */
      }
      if (res.ok) return { ok: true, leadId: body.id, duplicate: body.duplicate ?? res.status === 200 };
      return {
        ok: false,
        retry: isRetryableStatus(res.status),
        status: res.status,
        retryAfterMs: parseRetryAfter(res.headers.get('Retry-After')),
        message: body.error?.message ?? (body.errors?.length ? body.errors.map((e) => e.message).join('; ') : `HTTP ${res.status}`),
        fieldErrors: Array.isArray(body.errors) ? body.errors : undefined,
      };
    },
  };
}
