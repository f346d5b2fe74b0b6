import type { Crm } from '@crmkit/core';
import type { DeliveryOutcome, LeadConnector, LeadSubmission } from '@crmkit/core/intake';

/**
 * Delivers to a `crm` on the same page (`crm.leads.create`). A submission
 * whose idempotency key is already stored is reported as a duplicate, not
 * stored twice. Validation and plugin refusals are final; storage failures
 * are retried.
 */
export function localStoreConnector(crm: Pick<Crm, 'leads'>): LeadConnector {
  return {
    name: 'crm',
    async deliver(submission): Promise<DeliveryOutcome> {
      try {
        const known = (await crm.leads.list()).find((l) => l.idempotencyKey === submission.idempotencyKey);
        if (known) return { ok: true, leadId: known.id, duplicate: true };
        const lead = await crm.leads.create({ ...(await inVisitorCountry(submission)), idempotencyKey: submission.idempotencyKey });
        // Like the REST intake: a lead flagged by spam control is kept for review, closed as junk at once.
        if (lead.spam) await crm.leads.close(lead.id, { reason: 'spam', comment: 'Flagged as spam by the lead form' }).catch(() => undefined);
        return { ok: true, leadId: lead.id, duplicate: false };
      } catch (e) {
        const err = e as { code?: string; message?: string; issues?: { path: (string | number)[]; code: string; message: string }[] };
        const message = err.message ?? String(e);
        if (err.code === 'validation') return { ok: false, retry: false, status: 422, message, fieldErrors: err.issues };
        if (err.code === 'storage' || !err.code) return { ok: false, retry: true, message };
        return { ok: false, retry: false, message };
      }
    },
  };
}

/**
 * Like the REST intake: a phone typed without "+" is read in the visitor's
 * country, not the CRM's, so it is stored in E.164 and matches the same
 * person stored earlier. The phone metadata loads only here, on pages with a
 * crm (which carries its own copy anyway), never in what every visitor fetches.
 */
async function inVisitorCountry(submission: LeadSubmission): Promise<LeadSubmission['lead']> {
  const { phone } = submission.lead;
  const country = submission.phoneCountry;
  if (!phone || !country || phone.trim().startsWith('+')) return submission.lead;
  const { isPhoneCountry, phoneInCountry } = await import('@crmkit/core/phone');
  return isPhoneCountry(country) ? { ...submission.lead, phone: phoneInCountry(phone, country) } : submission.lead;
}
