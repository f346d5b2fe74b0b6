/* global Headers, Request */
// A crmkit team server (PGlite) running inside a dev server process, its API
// served on the same origin under /api/ — for the "team" demo page
// (scripts/serve.mjs) and the remote-client browser tests
// (web-test-runner.config.mjs). It starts on the first request that needs it.
// The server package is TypeScript: it is bundled once with esbuild into
// .bench/ (npm packages stay external; PGlite must load its own files).
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { bundleForNode, root } from './dev-plugins.mjs';

/** The demo team: two managers and their head. Their tokens are issued anew on every start. */
export const DEMO_TEAM = [
  { id: 'ann', name: 'Ann', role: 'manager' },
  { id: 'bob', name: 'Bob', role: 'manager' },
  { id: 'boss', name: 'Bo', role: 'head' },
];

let serverModule;
function loadServer() {
  serverModule ??= (async () => {
    const outfile = path.join(root, '.bench/team-server/server.mjs');
    await bundleForNode(path.join(root, 'packages/server/src/index.ts'), outfile);
    return import(pathToFileURL(outfile).href);
  })();
  return serverModule;
}

/** A few deals and leads so the demo funnel is not empty (only into an empty database). */
async function seed(crm) {
  if ((await crm.deals.list({ limit: 1 })).length > 0) return;
  const sales = crm.pipelines.defaultFor('deal');
  const open = sales.stages.filter((s) => s.kind === 'open');
  const deals = [
    ['Boiler for the Petrov dacha', 1800, 'ann', 0],
    ['Heating for a bakery', 5200, 'ann', 1],
    ['Office radiators, 12 rooms', 9400, 'ann', 2],
    ['Warehouse heat pump', 21000, 'bob', 0],
    ['School boiler room service', 7600, 'bob', 1],
  ];
  for (const [title, amount, ownerId, stage] of deals) {
    const deal = await crm.deals.create({ title, amount, currency: 'USD', ownerId });
    if (stage > 0) await crm.deals.moveToStage(deal.id, open[Math.min(stage, open.length - 1)].id);
    await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: 'call', title: 'Call to agree the next step', dueAt: new Date(Date.now() + (stage + 1) * 86_400_000), assigneeId: ownerId });
  }
  await crm.leads.create({ name: 'Olga Ivanova', phone: '+7 999 555-01-02', message: 'Need a quote for a boiler', ownerId: 'ann' });
  await crm.leads.create({ name: 'Bat-Erdene', email: 'bat@example.mn', message: 'Heat pump for a ger camp', ownerId: 'bob' });
}

/**
 * Creates the same-origin team server: `middleware` answers `/api/*` from
 * the server (streaming, so the SSE change feed works) and
 * `/__team/users` with the demo users and their fresh tokens (a demo
 * convenience: a real deployment hands tokens out with `crmkit-server users add`).
 * @param {{ dataDir?: string, seed?: boolean }} options `dataDir` omitted: in memory.
 */
export function teamServer(options = {}) {
  let started;
  const start = () =>
    (started ??= (async () => {
      const { createServer, pgliteStore } = await loadServer();
      const server = await createServer({ store: pgliteStore(options.dataDir) });
      const users = [];
      for (const user of DEMO_TEAM) users.push({ ...user, token: (await server.accounts.add(user)).token });
      if (options.seed) await seed(server.crm());
      return { server, users };
    })());

  /** @type {import('koa').Middleware} */
  const middleware = async (ctx, next) => {
    if (ctx.path === '/__team/users') {
      const { users } = await start();
      ctx.type = 'json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = users;
      return;
    }
    if (!ctx.path.startsWith('/api/')) return next();
    const { server } = await start();
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const hasBody = !['GET', 'HEAD'].includes(ctx.method);
    const request = new Request(`http://${ctx.host}${ctx.url}`, { method: ctx.method, headers, ...(hasBody ? { body: Readable.toWeb(ctx.req), duplex: 'half' } : {}) });
    const response = await server.fetch(request);
    ctx.respond = false;
    const out = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out['set-cookie'] = cookies;
    ctx.res.writeHead(response.status, out);
    if (!response.body) {
      ctx.res.end();
      return;
    }
    const body = Readable.fromWeb(response.body);
    ctx.res.on('close', () => body.destroy());
    body.on('error', () => ctx.res.destroy());
    body.pipe(ctx.res);
  };

  return {
    middleware,
    start,
    async close() {
      if (started) await (await started).server.close(2000);
    },
  };
}
