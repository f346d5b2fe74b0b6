import { VALIDATION_MESSAGES, isCrmError, resolveLocale, type ValidationIssue } from '@crmkit/core';
import type { ClientCardStrings } from './client-card-strings.js';

/**
 * A validation issue in the card's locale. The core words its messages in
 * the CRM's locale; the card re-words them by their stable `code` (with the
 * limit `{n}` taken from the core's message), falling back to the core's text.
 */
export function issueMessage(issue: ValidationIssue, locale: string): string {
  const template = (VALIDATION_MESSAGES[resolveLocale(locale)] as Record<string, string>)[issue.code];
  if (!template) return issue.message;
  if (!template.includes('{n}')) return template;
  const n = /\d+/.exec(issue.message)?.[0];
  return n ? template.replace('{n}', n) : issue.message;
}

/**
 * A localised sentence for any error the card's actions may meet. Errors are
 * recognised by their stable `code` (`isCrmError`), so this also works when
 * the page's core is another copy than the one the card was bundled with.
 */
export function errorText(error: unknown, t: ClientCardStrings, locale: string): string {
  if (isCrmError(error, 'validation')) return [...new Set(error.issues.map((i) => issueMessage(i, locale)))].join('; ');
  if (isCrmError(error, 'conflict')) return t.conflictShort;
  if (isCrmError(error, 'forbidden')) return t.forbiddenAction;
  if (isCrmError(error, 'refused') || isCrmError(error, 'stage_transition')) return t.refused(error.reason);
  if (isCrmError(error, 'storage')) return t.storageFailed;
  return t.unexpected;
}
