import type { ValidationIssue } from '../errors.js';
import type { LeadInput } from '../schemas/lead.js';

/**
 * One lead on its way from a form to a CRM. The idempotency key is created
 * once, when the visitor submits, and sent with every attempt, so a receiver
 * that sees the same key twice stores the lead once.
 */
export interface LeadSubmission {
  /** Created once per submission; the same on every retry. */
  idempotencyKey: string;
  /** The lead as the visitor entered it, with source and consent evidence. */
  lead: LeadInput;
  /** ISO time the visitor pressed submit. */
  submittedAt: string;
  /** Which form sent it. */
  formId?: string;
  /** The signed form token the form got from a crmkit intake when it rendered (sent back as `formToken`). */
  formToken?: string;
  /** The visitor's country (ISO 3166-1 alpha-2): the receiver reads a phone typed without `+` in its format. */
  phoneCountry?: string;
}

/** The result of one delivery attempt. */
export type DeliveryOutcome =
  | {
      /** Delivered (or already delivered earlier: `duplicate`). */
      ok: true;
      /** The id the receiver gave the lead, when it says. */
      leadId?: string;
      /** The receiver had already stored this idempotency key. */
      duplicate?: boolean;
    }
  | {
      /** Not delivered. */
      ok: false;
      /** True for network errors, 408, 429 and 5xx: try again later. False for other 4xx refusals: show, don't retry. */
      retry: boolean;
      /** HTTP status, when there was a response. */
      status?: number;
      /** From a `Retry-After` header, in milliseconds. */
      retryAfterMs?: number;
      /** Human explanation. */
      message: string;
      /** Field errors (from a 422), mapped to the lead's fields. */
      fieldErrors?: ValidationIssue[];
    };

/**
 * Delivers leads to a target: crmkit's REST endpoint, the local store, or
 * an existing CRM (Bitrix24, HubSpot, amoCRM/Kommo, Pipedrive). A connector
 * never throws for a failed delivery: it returns an outcome saying whether
 * to retry.
 */
export interface LeadConnector {
  /** Short name for messages and logs, e.g. `bitrix24`. */
  readonly name: string;
  /** Makes one delivery attempt. */
  deliver(submission: LeadSubmission, signal: AbortSignal): Promise<DeliveryOutcome>;
}

/** Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Classifies an HTTP status for delivery: retry on 408, 425, 429 and 5xx; refuse on other 4xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
