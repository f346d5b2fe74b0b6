/** What the visitor has typed so far, and when they started. */
export interface LeadDraft {
  /** Field key → value (text fields and custom fields; never the consent tick or the honeypot). */
  values: Record<string, string | boolean>;
  /** Epoch ms of the first keystroke: the minimum fill time counts from here across reloads. */
  startedAt: number;
}

function local(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The `localStorage` key of a form's draft: per form id, else per page path and field list. */
export function draftKey(formId: string | undefined, fields: string): string {
  return `crmkit-lead-draft:${formId || `${location.pathname}|${fields}`}`;
}

/** Reads a draft; `undefined` when there is none or storage is unavailable. */
export function loadDraft(key: string): LeadDraft | undefined {
  try {
    const raw = local()?.getItem(key);
    return raw ? (JSON.parse(raw) as LeadDraft) : undefined;
  } catch {
    return undefined;
  }
}

/** Saves a draft (best-effort: private modes may refuse). */
export function saveDraft(key: string, draft: LeadDraft): void {
  try {
    local()?.setItem(key, JSON.stringify(draft));
  } catch {
    /* storage full or disabled */
  }
}

/** Forgets a draft once its lead is safely in the outbox. */
export function clearDraft(key: string): void {
  try {
    local()?.removeItem(key);
  } catch {
    /* ignore */
  }
}
