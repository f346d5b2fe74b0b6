import type { LeadSubmission } from '@crmkit/core';

/** One labelled line of the note a connector writes next to a lead. */
interface Line {
  label: string;
  value: string;
}

/** What a lead's note says besides its fields: the message, where the lead came from, consent evidence and the idempotency key. */
function lines(submission: LeadSubmission): { review?: string; message?: string; details: Line[] } {
  const { lead } = submission;
  const details: Line[] = [];
  const add = (label: string, value: unknown) => {
    if (value !== undefined && value !== null && String(value).trim() !== '') details.push({ label, value: String(value) });
  };
  const src = lead.source;
  add('Channel', src?.channel);
  add('Form', submission.formId ?? src?.formId);
  for (const k of ['source', 'medium', 'campaign', 'term', 'content'] as const) add(`utm_${k}`, src?.utm?.[k]);
  add('Referrer', src?.referrer);
  add('Landing page', src?.landingPage);
  add('Page', src?.pageUrl);
  add('Submitted at', submission.submittedAt);
  const c = lead.consent;
  if (c) {
    add('Consent text', c.text);
    add('Consent text SHA-256', c.textHash);
    add('Consent version', c.version);
    add('Consent policy', c.url);
    add('Consent locale', c.locale);
    add('Consent page', c.pageUrl);
    add('Consent given at', c.at);
  }
  add('Idempotency key', submission.idempotencyKey);
  return { ...(lead.spam ? { review: `Review: ${REVIEW_NOTE}` } : {}), ...(lead.message ? { message: lead.message } : {}), details };
}

/** The note as plain text: the review flag when flagged, the visitor's message, then `label: value` lines. */
export function leadNoteText(submission: LeadSubmission): string {
  const { review, message, details } = lines(submission);
  return [...(review ? [review, ''] : []), ...(message ? [message, ''] : []), ...details.map((d) => `${d.label}: ${d.value}`)].join('\n');
}

/** Escapes text for an HTML context (for CRMs whose notes are HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** The note as HTML (every value escaped: what a visitor typed never becomes markup). */
export function leadNoteHtml(submission: LeadSubmission): string {
  const { review, message, details } = lines(submission);
  const parts = review ? [`<p><b>${escapeHtml(review)}</b></p>`] : [];
  if (message) parts.push(`<p>${escapeHtml(message).replace(/\n/g, '<br>')}</p>`);
  if (details.length) parts.push(`<p>${details.map((d) => `<b>${escapeHtml(d.label)}:</b> ${escapeHtml(d.value)}`).join('<br>')}</p>`);
  return parts.join('');
}

/**
 * What a connector writes on a lead the form flagged (`lead.spam`: sent faster than a person fills a form in):
 * it is delivered, marked so someone looks at it before working it. A honeypot hit (a bot) never reaches a
 * third-party CRM; the form keeps it in the visitor's outbox.
 */
export const REVIEW_NOTE = 'possible spam: sent faster than a person usually fills the form in; check before working it (flagged by the crmkit lead form)';

/** The prefix of a flagged lead's title, so it stands out in the vendor's lead list. */
export const REVIEW_TITLE_PREFIX = '[Review] ';

/** A short lead title: `Web form: Ivan` (the form id when known), falling back to phone, then email; `[Review] …` when flagged. */
export function defaultLeadTitle(submission: LeadSubmission): string {
  const { lead } = submission;
  const who = lead.name ?? lead.companyName ?? lead.phone ?? lead.email ?? 'visitor';
  return `${lead.spam ? REVIEW_TITLE_PREFIX : ''}${submission.formId ?? lead.source?.formId ?? 'Web form'}: ${who}`;
}
