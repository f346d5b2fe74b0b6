// Test-runner middleware: serves the funnel board on a page whose response
// carries the strict Content-Security-Policy of the lead-form CSP test
// (tests/widgets/board-csp.test.ts). Used by web-test-runner.config.mjs.
import { STRICT_CSP } from '../lead-form/csp-middleware.mjs';

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>crm-funnel-board under a strict CSP</title>
    <script src="/tests/lead-form/fixtures/csp-probe.js"></script>
    <script type="module" src="/tests/widgets/csp-board.fixture.ts"></script>
  </head>
  <body>
    <crm-funnel-board pipeline="sales" locale="en"></crm-funnel-board>
  </body>
</html>`;

/** @returns {import('koa').Middleware} */
export function cspBoardMiddleware() {
  return async (ctx, next) => {
    if (ctx.path !== '/__csp/board.html') return next();
    ctx.set('Content-Security-Policy', STRICT_CSP);
    ctx.type = 'html';
    ctx.body = page;
  };
}
