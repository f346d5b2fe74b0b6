/**
 * `@crmkit/core/intake` — how a lead travels from a form to a CRM: the
 * submission and connector contract a lead form and connectors share, and the
 * Fetch-API intake handler a server mounts to receive leads.
 *
 * @packageDocumentation
 */

export { parseRetryAfter, isRetryableStatus, type LeadConnector, type LeadSubmission, type DeliveryOutcome } from './lead-connector.js';
export { createIntakeHandler, type IntakeHandler, type IntakeHandlerOptions, type IntakeRateLimit, type IntakeResult } from './intake-handler.js';
export { createFormToken, verifyFormToken, type FormTokenOptions, type FormTokenCheck, type FormTokenProblem, type FormTokenVerdict } from './form-token.js';
export type { SpamSignal, IntakeFormTokenOptions } from './spam-signals.js';
export { resolveClientAddress, type TrustProxy } from './client-address.js';
export { newId } from '../ids.js';
export type { ValidationIssue } from '../errors.js';
