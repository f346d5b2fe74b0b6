// The lead-form suite's second run: every tests/lead-form test file on a page served with a strict
// Content-Security-Policy and a hostile host stylesheet (web-test-runner group "lead-form-strict", see
// web-test-runner.config.mjs). The page has no inline script or style of its own; the two inline bootstrap
// scripts the test runner injects (its config and its log capture) are allowed by their exact sha256 hashes,
// computed from the page as served, so nothing else inline can run. A CSP violation fails the running test
// (strict-page/runner.ts).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import process from 'node:process';

/** Marks the group's runner page; the middleware puts the policy only on pages that carry it. */
const MARKER = '<meta name="crmkit-strict-page" content="lead-form" />';

/**
 * Other origins the lead-form tests talk to, as a site would list them: the CRMs its connectors post to (answered by
 * msw in the page), and 127.0.0.1 on the runner's port, standing in for a CDN that serves definitions without CORS.
 */
export const CONNECTOR_ORIGINS = ['http://127.0.0.1:*', 'https://api.pipedrive.com', 'https://*.pipedrive.com', 'https://*.bitrix24.ru', 'https://*.amocrm.ru', 'https://api.hsforms.com'];

/** The policy, given the hashes of the runner's inline scripts. */
export function strictPolicy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`,
    "style-src 'self'",
    `connect-src 'self' ${CONNECTOR_ORIGINS.join(' ')}`,
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/** The group's runner page: the violation probe first, the hostile sheet, then the external bootstrap module. */
export function strictRunnerHtml() {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${MARKER}
    <script src="/tests/lead-form/fixtures/csp-probe.js"></script>
    <link rel="stylesheet" href="/tests/lead-form/strict-page/hostile-host.css" />
  </head>
  <body>
    <script type="module" src="/tests/lead-form/strict-page/runner.ts"></script>
  </body>
</html>`;
}

/** Sends the strict policy with the group's runner page, allowing exactly the inline scripts it was served with. */
export function strictPageMiddleware() {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== '/' || !ctx.response.is('html')) return;
    const body = typeof ctx.body === 'string' ? ctx.body : Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : null;
    if (body === null || !body.includes('name="crmkit-strict-page"')) return; // the runner page, re-serialized by the test runner
    const hashes = [...body.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => createHash('sha256').update(m[1], 'utf8').digest('base64'));
    ctx.body = body;
    ctx.set('Content-Security-Policy', strictPolicy(hashes));
  };
}

/**
 * The group: every lead-form test file, or those the command line names; none when the command line names only
 * other tests (an engineer running another package's tests does not pay for a second lead-form run).
 */
export function leadFormStrictGroups(argv = process.argv.slice(2)) {
  const valueFlags = new Set(['--port', '--config', '--group', '--concurrency', '--root-dir', '--hostname', '--static-logging']);
  const globs = argv.filter((a, i) => !a.startsWith('-') && !valueFlags.has(argv[i - 1] ?? '') && !a.startsWith('!'));
  // Not here: csp.test.ts opens its own strict pages in iframes (a second copy adds nothing), and
  // chunk-load.test.ts, which cuts its page's network before the submit chunk loads: a copy of it running while
  // csp.test.ts's page loads that chunk sees the chunk arrive without any request (two tries of three), so it
  // cannot prove what it tests. Its failure state is styled like every other refusal, which the suite covers.
  const skip = ['!**/*.node.test.ts', '!tests/lead-form/csp.test.ts', '!tests/lead-form/chunk-load.test.ts'];
  const all = ['tests/lead-form/**/*.test.ts', ...skip];
  const named = globs.filter((g) => g.startsWith('tests/lead-form/'));
  const files = globs.length === 0 || globs.some((g) => g === 'tests/**/*.test.ts' || g === 'tests/lead-form/**/*.test.ts') ? all : [...named, ...skip];
  if (files.length === skip.length) return [];
  return [{ name: 'lead-form-strict', files, testRunnerHtml: strictRunnerHtml }];
}
