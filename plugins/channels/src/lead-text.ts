import type { LeadSubmission } from '@crmkit/core';

/** One labelled line of the note a connector writes next to a lead. */
interface Line {
  label: string;
  value: string;
}

/** What a lead's note says besides its fields: the message, where the lead came from, consent evidence and the idempotency key. */
function lines(submission: LeadSubmission): { message?: string; details: Line[] } {
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
  return { ...(lead.message ? { message: lead.message } : {}), details };
}

/** The note as plain text: the visitor's message, then `label: value` lines. */
export function leadNoteText(submission: LeadSubmission): string {
  const { message, details } = lines(submission);
  return [...(message ? [message, ''] : []), ...details.map((d) => `${d.label}: ${d.value}`)].join('\n');
}

/** Escapes text for an HTML context (for CRMs whose notes are HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** The note as HTML (every value escaped: what a visitor typed never becomes markup). */
export function leadNoteHtml(submission: LeadSubmission): string {
  const { message, details } = lines(submission);
  const parts = message ? [`<p>${escapeHtml(message).replace(/\n/g, '<br>')}</p>`] : [];
  if (details.length) parts.push(`<p>${details.map((d) => `<b>${escapeHtml(d.label)}:</b> ${escapeHtml(d.value)}`).join('<br>')}</p>`);
  return parts.join('');
}

/** A short lead title: `Web form: Ivan` (the form id when known), falling back to phone, then email. */
export function defaultLeadTitle(submission: LeadSubmission): string {
  const { lead } = submission;
  const who = lead.name ?? lead.companyName ?? lead.phone ?? lead.email ?? 'visitor';
  return `${submission.formId ?? lead.source?.formId ?? 'Web form'}: ${who}`;
}

/** The outcome for a spam-flagged lead a connector does not deliver. */
export const SKIPPED_SPAM = { ok: true as const, duplicate: false };
