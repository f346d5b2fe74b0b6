// `npm start` (after the build): serves the demo pages in examples/ on localhost.
// TypeScript sources are compiled on the fly; built bundles are served from dist/.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import path from 'node:path';
import { cjsEsmPlugin, dexieEsmPlugin, mswWorkerPlugin, root, tsWorkerPlugin } from './dev-plugins.mjs';
import { teamServer } from './team-server.mjs';

// The team demo's crmkit-server (PGlite, data kept between runs), served under /api/ on the same origin.
const team = teamServer({ dataDir: path.join(root, '.bench/team-demo-data'), seed: true });

const port = Number(process.env.PORT ?? 8080);
const server = await startDevServer({
  config: {
    rootDir: root,
    port,
    hostname: '127.0.0.1',
    nodeResolve: { exportConditions: ['browser', 'production'] },
    appIndex: undefined,
    plugins: [dexieEsmPlugin(), cjsEsmPlugin(), mswWorkerPlugin(), tsWorkerPlugin(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: `${root}/tsconfig.json` })],
    middleware: [
      (ctx, next) => {
        if (ctx.path === '/' || ctx.path === '') ctx.redirect('/examples/');
        return next();
      },
      team.middleware,
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const url = `http://127.0.0.1:${server.config.port}/examples/`;
console.log(`\ncrmkit demo: ${url}\n(Ctrl+C to stop)`);

// PGlite must be closed cleanly, or its data folder may not reopen.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await team.close();
    await server.stop();
    process.exit(0);
  });
}
