// Builds the `crmkit-server` bin: one ES module for Node 20 with the core bundled in (its
// package exports TypeScript sources) and every npm dependency left external — PGlite
// must stay external, it loads its .wasm and data files next to its own module.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './dev-plugins.mjs';

const pkg = JSON.parse(readFileSync(path.join(root, 'packages/server/package.json'), 'utf8'));
const core = JSON.parse(readFileSync(path.join(root, 'packages/core/package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(core.dependencies)].filter((name) => !name.startsWith('@crmkit/'));

await build({
  entryPoints: [path.join(root, 'packages/server/src/bin.ts')],
  outfile: path.join(root, 'packages/server/dist/crmkit-server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...external, ...external.map((name) => `${name}/*`)],
  tsconfig: path.join(root, 'packages/server/tsconfig.json'),
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
console.log('built packages/server/dist/crmkit-server.mjs');
