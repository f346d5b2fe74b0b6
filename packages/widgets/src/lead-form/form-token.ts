// The client side of the intake's signed form token (docs/rest-api.md, "Spam and consent"). A form posting to an
// endpoint asks it once (`GET`) for a token when it has rendered; a crmkit intake with `formToken` set answers
// `{ token }`, anything else (405, 404, no CORS) means "no tokens here" and the form never asks that endpoint
// again on this page. The token goes out with the submission as `formToken`. Nothing here ever blocks or loses a
// submission: without a token the lead is sent anyway and the server flags it for review.

/** A held token older than this is replaced on the visitor's next keystroke (a tab left open for hours). */
export const FORM_TOKEN_REFRESH_MS = 60 * 60 * 1000;

interface Held {
  token?: string;
  fetchedAt: number;
  loading?: Promise<void>;
  waitingOnline?: boolean;
}

const held = new WeakMap<object, Held>();
/** Endpoints that answered the token request with something other than a token. */
const noTokens = new Set<string>();

async function fetchToken(endpoint: string, h: Held): Promise<void> {
  let res: Response;
  try {
    res = await fetch(endpoint, { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
  } catch {
    // Offline: ask again when the network returns (or on the next keystroke).
    if (!h.waitingOnline) {
      h.waitingOnline = true;
      addEventListener('online', () => ((h.waitingOnline = false), void (h.loading ??= fetchToken(endpoint, h).finally(() => (h.loading = undefined)))), { once: true });
    }
    return;
  }
  let token: unknown;
  try {
    token = res.ok ? ((await res.json()) as { token?: unknown }).token : undefined;
  } catch {
    /* not JSON */
  }
  if (typeof token === 'string' && token.length > 0 && token.length <= 200) {
    h.token = token;
    h.fetchedAt = Date.now();
  } else if (res.status < 500 && res.status !== 429 && res.status !== 408) {
    noTokens.add(endpoint);
  }
}

/**
 * Makes sure `form` holds a fresh token for `endpoint`: fetches one when it has none or its token is older than
 * {@link FORM_TOKEN_REFRESH_MS}. Returns at once; the fetch runs in the background.
 */
export function prepareFormToken(form: object, endpoint: string): void {
  if (noTokens.has(endpoint)) return;
  let h = held.get(form);
  if (!h) held.set(form, (h = { fetchedAt: 0 }));
  if (h.loading || (h.token && Date.now() - h.fetchedAt < FORM_TOKEN_REFRESH_MS)) return;
  const state = h;
  state.loading = fetchToken(endpoint, state).finally(() => (state.loading = undefined));
}

/** The token `form` holds now, if any (never waits for one). */
export function formTokenOf(form: object): string | undefined {
  return held.get(form)?.token;
}
