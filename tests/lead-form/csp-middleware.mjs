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

const FORM = '<crm-lead-form endpoint="/__csp/intake" form-id="csp" min-fill-ms="0" required="name" consent="https://example.com/privacy"></crm-lead-form>';

/** The same form described by a JSON child (tests/lead-form/definition-csp.test.ts): a data block, never executed. */
const DEFINED_FORM = `<crm-lead-form endpoint="/__csp/intake" form-id="csp-definition" min-fill-ms="0" locale="ru"><script type="application/json">${JSON.stringify({
  fields: [{ name: 'name', required: true }, { name: 'email' }, { name: 'topic', type: 'select', label: { en: 'Topic', ru: 'Тема' }, options: [{ value: 'demo', label: { en: 'Demo', ru: 'Демо' } }] }],
  consent: { text: { en: 'I agree', ru: 'Согласен(на)' }, version: 'csp-1' },
  redirect: '/tests/lead-form/fixtures/thanks.html',
})}</script></crm-lead-form>`;

const page = (entry, form = FORM) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>crm-lead-form under a strict CSP</title>
    <script src="/tests/lead-form/fixtures/csp-probe.js"></script>
    <script type="module" src="${entry}"></script>
  </head>
  <body>
    ${form}
  </body>
</html>`;

/**
 * A browser context's network switch for the offline tests. A page is named by
 * the cookie `lf-net=<id>` (module loads carry it; cookies belong to one
 * browser context, so other test files never see it) and posts its leads to
 * `/__net/<id>/intake` (the form sends no cookies). `GET /__net/switch?id=<id>&state=off|on`
 * flips it; while off, the connection is dropped before any answer, as when a
 * visitor's network goes away. `GET /__net/log?id=<id>` lists the paths requested.
 */
const netLog = new Map();
const netOff = new Set();

/** @returns {import('koa').Middleware} */
export function cspTestMiddleware() {
  /** @type {Map<string, unknown>} */
  const leads = new Map();
  return async (ctx, next) => {
    if (ctx.path === '/__net/log') {
      ctx.type = 'json';
      ctx.body = JSON.stringify(netLog.get(ctx.query.id) ?? []);
      return;
    }
    if (ctx.path === '/__net/switch') {
      if (ctx.query.state === 'off') netOff.add(ctx.query.id);
      else netOff.delete(ctx.query.id);
      ctx.body = 'ok';
      return;
    }
    const netId = /^\/__net\/(\w+)\//.exec(ctx.path)?.[1] ?? ctx.cookies.get('lf-net');
    if (netId) {
      netLog.set(netId, [...(netLog.get(netId) ?? []), ctx.path]);
      if (netOff.has(netId)) {
        ctx.req.socket.destroy();
        ctx.respond = false;
        return;
      }
    }
    if (ctx.path.includes('/lead-form/')) {
      // Never from the browser's HTTP cache (shared between test files): each page's loads reach the switch above.
      await next();
      ctx.set('Cache-Control', 'no-store');
      ctx.remove('ETag');
      ctx.remove('Last-Modified');
      return;
    }
    if (ctx.path === '/__csp/lead-form.html' || ctx.path === '/__csp/lead-form-definition.html') {
      // `?built` serves the rollup bundle (run `npm run build` first); default: the sources.
      const entry = 'built' in ctx.query ? '/packages/widgets/dist/lead-form.js' : '/packages/widgets/src/lead-form/lead-form.entry.ts';
      ctx.set('Content-Security-Policy', STRICT_CSP);
      ctx.type = 'html';
      ctx.body = page(entry, ctx.path.endsWith('definition.html') ? DEFINED_FORM : FORM);
      return;
    }
    if (ctx.path === '/__csp/intake' || /^\/__net\/\w+\/intake$/.test(ctx.path)) {
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
