// Test-runner middleware for the strict-CSP test: serves a page whose response
// carries a strict Content-Security-Policy (with Trusted Types required), and
// a tiny same-origin lead intake (connect-src 'self') the form posts to.
// Used by web-test-runner.config.mjs.
import { Buffer } from 'node:buffer';

/** The policy under test. */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

const page = (entry) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>crm-lead-form under a strict CSP</title>
    <script src="/tests/lead-form/fixtures/csp-probe.js"></script>
    <script type="module" src="${entry}"></script>
  </head>
  <body>
    <crm-lead-form endpoint="/__csp/intake" form-id="csp" min-fill-ms="0" required="name" consent="https://example.com/privacy"></crm-lead-form>
  </body>
</html>`;

/** @returns {import('koa').Middleware} */
export function cspTestMiddleware() {
  /** @type {Map<string, unknown>} */
  const leads = new Map();
  return async (ctx, next) => {
    if (ctx.path === '/__csp/lead-form.html') {
      // `?built` serves the rollup bundle (run `npm run build` first); default: the sources.
      const entry = 'built' in ctx.query ? '/packages/widgets/dist/lead-form.js' : '/packages/widgets/src/lead-form/lead-form.entry.ts';
      ctx.set('Content-Security-Policy', STRICT_CSP);
      ctx.type = 'html';
      ctx.body = page(entry);
      return;
    }
    if (ctx.path === '/__csp/intake') {
      if (ctx.method === 'GET') {
        ctx.type = 'json';
        ctx.body = JSON.stringify([...leads.values()]);
        return;
      }
      if (ctx.method === 'POST') {
        const key = ctx.get('Idempotency-Key');
        const chunks = [];
        for await (const c of ctx.req) chunks.push(c);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const duplicate = leads.has(key);
        if (!duplicate) leads.set(key, { key, ...body });
        ctx.status = duplicate ? 200 : 201;
        ctx.type = 'json';
        ctx.body = JSON.stringify({ id: `csp-${[...leads.keys()].indexOf(key) + 1}`, duplicate });
        return;
      }
    }
    return next();
  };
}
