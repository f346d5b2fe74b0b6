import { newId, type LeadSubmission } from '@crmkit/core/intake';
import type { Consent, LeadInput, ValidationIssue } from '@crmkit/core/form';
import { captureAttribution, readAttribution } from './attribution.js';
import type { CrmLeadForm } from './crm-lead-form.js';
import { pageDrainer, restConnector, type DeliveryEvent, type OutboxDrainer } from './delivery.js';
import { clearDraft } from './draft.js';
import { formTokenOf, prepareFormToken } from './form-token.js';
import { pickText } from './pick-text.js';
import { visitorCountry } from './visitor-country.js';
import { registerLeadFormResultStrings } from './result-strings.js';
import type { LeadCreatedDetail, LeadErrorDetail, LeadQueuedDetail, LeadSubmitDetail } from './types.js';
import { FORM_KEY, formKeyOf, type FieldError } from './field-defs.js';

// The submit path of <crm-lead-form> with its validator, loaded lazily (with
// the outbox and the REST connector) so the initial module stays small.
// Fetched when the browser is first idle after the form has rendered, so an
// offline submit still reaches the outbox.

export { pageDrainer } from './delivery.js';
registerLeadFormResultStrings();
/** The form's validator travels with the submit code: zod and every message stay out of the first download. */
export { validateLeadForm } from './validation.js';
/** The error summary appears only after validation, so it travels here too. */
export { renderErrorSummary } from './error-summary.js';

/** The endpoint a form posts to when that is its target (not a connector or a crm on the page). */
function endpointOf(form: CrmLeadForm): string | undefined {
  return !form.connector && !form.crm && form.endpoint ? new URL(form.endpoint, location.href).href : undefined;
}

/**
 * Runs once the submit code is here (at idle after the first render) and on every keystroke: a form posting to an
 * intake gets (or refreshes) its signed form token in the background.
 */
export function prepareForm(form: CrmLeadForm): void {
  const endpoint = endpointOf(form);
  if (endpoint) prepareFormToken(form, endpoint);
}

/** Registers the form's target with the drainer; returns its target key. */
export async function registerTarget(form: CrmLeadForm, drainer: OutboxDrainer): Promise<string> {
  if (form.delivery) drainer.configure(form.delivery);
  if (form.connector) {
    const key = `connector:${form.connector.name}`;
    drainer.register(key, form.connector);
    return key;
  }
  if (form.crm) {
    const { localStoreConnector } = await import('./local-connector.js');
    drainer.register('crm', localStoreConnector(form.crm));
    return 'crm';
  }
  if (form.endpoint) {
    const url = new URL(form.endpoint, location.href).href;
    // 422 messages in the form's language (docs/rest-api.md); after a reload the drainer makes a plain one.
    drainer.register(`endpoint:${url}`, restConnector(url, { headers: { 'Accept-Language': form.effectiveLocale } }));
    return `endpoint:${url}`;
  }
  throw new Error('crm-lead-form: set `endpoint`, `crm` or `connector`');
}

/** Keys of earlier page loads' leads a form on this page already reports (one event per lead, however many forms). */
const reported = new Set<string>();

/**
 * Sends whatever this page can deliver from the outbox. A lead queued in an
 * earlier page load by this form (same target and form id) fires
 * `crm-lead-created` with `restored: true` once delivered, so site analytics
 * count it.
 */
export async function flush(form: CrmLeadForm): Promise<void> {
  const drainer = pageDrainer();
  const target = await registerTarget(form, drainer);
  for (const rec of await drainer.list()) {
    if (rec.status !== 'pending' || rec.target !== target || rec.submission.formId !== form.formId || rec.key === form.pendingKey || reported.has(rec.key)) continue;
    reported.add(rec.key);
    const stop = drainer.watch(rec.key, (ev) => {
      if (ev.type !== 'delivered' && ev.type !== 'refused') return;
      stop();
      if (ev.type === 'delivered') {
        const o = ev.outcome?.ok ? ev.outcome : undefined;
        form.fire<LeadCreatedDetail>('crm-lead-created', { lead: rec.submission.lead, idempotencyKey: rec.key, leadId: o?.leadId ?? ev.record.leadId, duplicate: o?.duplicate, spam: rec.submission.lead.spam === true, restored: true });
      }
    });
  }
  await drainer.drain();
}

/** Builds the lead from the form's values, attribution, consent evidence and hidden fields. */
export function buildLead(form: CrmLeadForm, idempotencyKey: string, now: number): LeadInput {
  const locale = form.effectiveLocale;
  const lead: Record<string, unknown> = {};
  const custom: Record<string, unknown> = { ...form.hiddenFields };
  for (const d of form.defs) {
    const v = form.values[d.key];
    if (v === undefined || v === '' || (typeof v === 'string' && !v.trim())) continue;
    const value = typeof v === 'string' ? (d.type === 'number' ? Number(v) : v.trim()) : v;
    if (d.leadPath[0] === 'custom') custom[d.leadPath[1]!] = value;
    else lead[d.leadPath[0]] = value;
  }
  const a = readAttribution() ?? captureAttribution();
  const pageUrl = location.href.slice(0, 2000);
  lead['source'] = {
    channel: 'web-form',
    ...(a.utm ? { utm: a.utm } : {}),
    ...(a.referrer ? { referrer: a.referrer } : {}),
    ...(a.landingPage ? { landingPage: a.landingPage } : {}),
    pageUrl,
    ...(form.formId ? { formId: form.formId } : {}),
  };
  const c = form.consentInfo;
  if (c) {
    // The evidence: the exact sentence the visitor ticked, the policy link, version, language, page and time.
    const consent: Consent = { text: c.text, locale, pageUrl, at: new Date(now).toISOString() };
    if (c.url) consent.url = c.url;
    if (c.version) consent.version = c.version;
    lead['consent'] = consent;
  }
  if (form.pipeline) lead['pipelineId'] = form.pipeline;
  if (Object.keys(custom).length) lead['custom'] = custom;
  lead['idempotencyKey'] = idempotencyKey;
  return lead as LeadInput;
}

/**
 * The submit path after validation: spam check, `crm-lead-submit`, hooks,
 * outbox (committed before any network call), then delivery.
 */
export async function submitLead(form: CrmLeadForm): Promise<void> {
  const now = Date.now();
  // The form's own spam signals (the spam model, docs/embedding.md). A filled honeypot is a bot: it sees success,
  // and its lead goes only to crmkit targets (stored for review), never to another company's CRM. Sent faster than
  // `min-fill-ms` may well be a person (autofill): delivered everywhere, flagged for review.
  const bot = form.honeypot.trim() !== '';
  const spam = bot || now - (form.startedAt ?? form.renderedAt) < form.minFillMs;
  const idempotencyKey = newId('lf_');
  let lead = buildLead(form, idempotencyKey, now);
  if (!form.fire<LeadSubmitDetail>('crm-lead-submit', { lead, formId: form.formId }, true)) {
    form.setState('idle', '');
    return;
  }
  form.errors = new Map();
  form.setState('sending', '');

  if (bot) {
    lead = { ...lead, spam: true };
  } else {
    try {
      if (form.crm) lead = (await form.crm.hooks.transform('form:beforeSubmit', { formId: form.formId, lead })).lead;
      if (form.beforeSubmit) lead = (await form.beforeSubmit({ formId: form.formId, lead }))?.lead ?? lead;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      form.fail(form.t.refused, { lead, idempotencyKey, kind: 'hook', message });
      return;
    }
    if (spam) lead = { ...lead, spam: true };
  }

  const endpoint = endpointOf(form);
  const formToken = endpoint ? formTokenOf(form) : undefined;
  const phoneCountry = lead.phone ? visitorCountry(form) : undefined;
  const submission: LeadSubmission = {
    idempotencyKey,
    lead,
    submittedAt: new Date(now).toISOString(),
    ...(form.formId ? { formId: form.formId } : {}),
    ...(formToken ? { formToken } : {}),
    ...(phoneCountry ? { phoneCountry } : {}),
  };
  const drainer = pageDrainer();
  let target: string;
  try {
    target = await registerTarget(form, drainer);
    await drainer.enqueue(submission, target, bot && target.startsWith('connector:') ? 'spam' : 'pending');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    form.fail(form.t.failedStorage, { lead, idempotencyKey, kind: 'storage', message });
    return;
  }
  // Safe on disk: the draft is no longer needed, and a refused earlier version is replaced.
  clearDraft(form.draftKey);
  if (form.refusedKey) void drainer.outbox.delete(form.refusedKey).catch(() => undefined);
  form.refusedKey = undefined;
  form.startedAt = undefined;

  if (bot) {
    // A bot sees the same success a person does.
    succeed(form, { lead, idempotencyKey, spam: true });
    if (!target.startsWith('connector:')) void drainer.drain();
    return;
  }
  form.pendingKey = idempotencyKey;
  form.unwatch?.();
  form.unwatch = drainer.watch(idempotencyKey, (ev) => onDelivery(form, ev, lead));
  if (!navigator.onLine) queue(form, lead, idempotencyKey, 'offline');
  void drainer.drain();
}

function onDelivery(form: CrmLeadForm, ev: DeliveryEvent, lead: LeadInput): void {
  if (ev.record.key !== form.pendingKey) return;
  const key = ev.record.key;
  if (ev.type === 'delivered') {
    form.pendingKey = undefined;
    const o = ev.outcome?.ok ? ev.outcome : undefined;
    succeed(form, { lead, idempotencyKey: key, leadId: o?.leadId ?? ev.record.leadId, duplicate: o?.duplicate, spam: lead.spam === true });
  } else if (ev.type === 'refused') {
    form.pendingKey = undefined;
    form.refusedKey = key;
    const err = ev.record.lastError ?? { message: '' };
    const detail: LeadErrorDetail = { lead, idempotencyKey: key, kind: 'refused', status: err.status, message: err.message, fieldErrors: err.fieldErrors };
    form.persistDraft();
    const mapped = mapServerErrors(form, err.fieldErrors ?? []);
    if (mapped.size) {
      form.fire('crm-lead-error', detail);
      form.showErrors(mapped);
    } else {
      // The server's own message (often English) is for the developer, in the event; the visitor reads the form's language.
      form.fail(refusalText(form, err.status), detail);
    }
  } else if (form.state === 'sending') {
    queue(form, lead, key, navigator.onLine ? 'retrying' : 'offline', ev.record.nextAttemptAt);
  }
}

/** What a visitor reads when the target refused the lead: the reason class by HTTP status, in the form's language. */
function refusalText(form: CrmLeadForm, status: number | undefined): string {
  return status === 401 || status === 403 || status === 404 || status === 410 ? form.t.refusedClosed : form.t.refused;
}

/** Maps a target's field errors (422, paths relative to the lead) onto the form's fields. */
function mapServerErrors(form: CrmLeadForm, issues: ValidationIssue[]): Map<string, FieldError> {
  const defs = form.defs;
  const out = new Map<string, FieldError>();
  for (const i of issues) {
    const key = (i.code === 'phone_or_email' ? defs.find((d) => d.key === 'phone' || d.key === 'email')?.key : formKeyOf(i.path, defs)) ?? FORM_KEY;
    if (!out.has(key)) out.set(key, { code: i.code, message: i.message });
  }
  return out;
}

function queue(form: CrmLeadForm, lead: LeadInput, idempotencyKey: string, reason: LeadQueuedDetail['reason'], nextAttemptAt?: number): void {
  form.setState('queued', reason === 'offline' ? form.t.queued : form.t.retrying);
  form.fire<LeadQueuedDetail>('crm-lead-queued', { lead, idempotencyKey, reason, ...(nextAttemptAt ? { nextAttemptAt } : {}) });
  void form.focusStatus();
}

function succeed(form: CrmLeadForm, detail: LeadCreatedDetail): void {
  form.values = {};
  form.honeypot = '';
  form.submitted = false;
  const definition = form.definitionCtl.definition;
  form.setState('success', form.successMessage || pickText(definition?.successMessage, form.localeTag) || form.t.success);
  form.fire('crm-lead-created', detail);
  // A definition's redirect (resolved and checked as http(s) when it was read), unless the tag sets its own success message.
  if (definition?.redirect && !form.successMessage) setTimeout(() => location.assign(definition.redirect!));
  void form.focusStatus();
}
