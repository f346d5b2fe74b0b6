// The strict lead-form page's test bootstrap (an external module: the page allows no inline script of its own).
// It starts mocha like web-test-runner's own autorun does, but first adds root hooks that fail the running test
// on any Content-Security-Policy violation the page reported while it ran.
import { runTests } from '@web/test-runner-mocha';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source?: string;
  line?: number;
}
const violations = (globalThis as unknown as { __cspViolations: Violation[] }).__cspViolations;

function check(): void {
  const seen = violations.splice(0);
  if (seen.length === 0) return;
  const lines = [...new Set(seen.map((v) => `${v.directive} blocked ${v.blocked || 'inline'} (${v.sample || 'no sample'}) at ${v.source ?? '?'}:${v.line ?? '?'}`))];
  throw new Error(`Content-Security-Policy violation(s) on the strict page: ${lines.join('; ')}`);
}

// Trusted Types are required on the page; the one sink the test tooling itself needs is msw registering its
// service worker. This default policy lets exactly that URL through; anything else stays blocked and reported.
const tt = (globalThis as unknown as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string | null }): unknown } }).trustedTypes;
tt?.createPolicy('default', {
  createScriptURL: (url) => (new URL(url, location.href).href === new URL('/mockServiceWorker.js', location.href).href ? url : null),
});

await runTests(async () => {
  afterEach(check);
  after(check);
  const { testFile } = (window as unknown as { __WTR_CONFIG__: { testFile: string } }).__WTR_CONFIG__;
  await import(new URL(testFile, location.href).href);
});
