/** Where the visitor came from, captured when they arrive (first touch of the browser session). */
export interface Attribution {
  /** UTM parameters of the landing URL. */
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
  /** `document.referrer` on arrival (empty referrers are left out). */
  referrer?: string;
  /** The URL the visitor first landed on. */
  landingPage?: string;
}

const KEY = 'crmkit-attribution';
const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // sandboxed iframe or storage disabled
  }
}

/**
 * Records UTM parameters, referrer and landing page once per browser session
 * (in `sessionStorage`, so it survives navigation inside the site). A later
 * landing URL that carries UTM parameters replaces the first touch: it is a
 * new campaign visit. Called by the self-registering bundle on load.
 */
export function captureAttribution(loc: Location = location, referrer: string = document.referrer): Attribution {
  const params = new URL(loc.href).searchParams;
  const utm: NonNullable<Attribution['utm']> = {};
  for (const k of UTM) {
    const v = params.get(`utm_${k}`)?.trim();
    if (v) utm[k] = v.slice(0, 200);
  }
  const store = session();
  const stored = readAttribution();
  if (stored && Object.keys(utm).length === 0) return stored;
  const a: Attribution = { landingPage: loc.href.slice(0, 2000) };
  if (Object.keys(utm).length) a.utm = utm;
  if (referrer) a.referrer = referrer.slice(0, 2000);
  try {
    store?.setItem(KEY, JSON.stringify(a));
  } catch {
    /* quota or disabled: attribution is best-effort */
  }
  return a;
}

/** The attribution captured for this session, if any. */
export function readAttribution(): Attribution | undefined {
  try {
    const raw = session()?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Attribution) : undefined;
  } catch {
    return undefined;
  }
}
