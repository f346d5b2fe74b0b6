// Shared @web/dev-server plugins for the test runner and the demo server.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Dexie's `import` entry wraps its UMD build; browsers need the real ESM file. */
export const dexieEsmPath = path.join(path.dirname(require.resolve('dexie/package.json')), 'dist/modern/dexie.mjs');

/** The workspace packages and their subpath entry points, resolved to their TypeScript sources (keep in step with each package.json `exports` and tsconfig `paths`). */
export const workspaceAliases = {
  '@crmkit/core': 'packages/core/src/index.ts',
  '@crmkit/core/intake': 'packages/core/src/intake/index.ts',
  '@crmkit/core/schemas': 'packages/core/src/schemas/index.ts',
  '@crmkit/core/form': 'packages/core/src/form.ts',
  '@crmkit/core/i18n': 'packages/core/src/i18n/index.ts',
  '@crmkit/core/phone': 'packages/core/src/phone.ts',
  '@crmkit/core/testing': 'packages/core/src/testing.ts',
  '@crmkit/widgets': 'packages/widgets/src/index.ts',
  '@crmkit/server': 'packages/server/src/index.ts',
  '@crmkit/plugin-channels': 'plugins/channels/src/index.ts',
  '@crmkit/plugin-channels/smtp': 'plugins/channels/src/smtp.ts',
  '@crmkit/plugin-analytics': 'plugins/analytics/src/index.ts',
  '@crmkit/plugin-analytics/widgets': 'plugins/analytics/src/widgets/index.ts',
  '@crmkit/plugin-import': 'plugins/import/src/index.ts',
  '@crmkit/plugin-import/widgets': 'plugins/import/src/widgets/index.ts',
};

/** Resolves bare `dexie` to its ESM build (dev server / test runner plugin). */
export function dexieEsmPlugin() {
  return {
    name: 'crmkit-dexie-esm',
    resolveImport({ source }) {
      if (source === 'dexie') return '/' + path.relative(root, dexieEsmPath).split(path.sep).join('/');
      return undefined;
    },
  };
}

/**
 * CommonJS-only packages that browser code imports, with the names it uses.
 * Browsers need ES modules: these are re-bundled by esbuild on the fly.
 */
export const cjsPackages = { chardet: ['analyse', 'detect'], papaparse: ['parse', 'unparse'] };

/** The ES module text for a package of `cjsPackages`. */
export async function cjsAsEsm(name) {
  const { build } = await import('esbuild');
  const names = cjsPackages[name].join(', ');
  const out = await build({
    stdin: { contents: `export { ${names} } from '${name}';`, resolveDir: root },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  return out.outputFiles[0].text;
}

/** Serves the `cjsPackages` as ES modules (dev server / test runner plugin). */
export function cjsEsmPlugin() {
  const prefix = '/__cjs-esm/';
  return {
    name: 'crmkit-cjs-esm',
    resolveImport({ source }) {
      return Object.hasOwn(cjsPackages, source) ? `${prefix}${source}.js` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length, -'.js'.length);
      return Object.hasOwn(cjsPackages, name) ? { body: await cjsAsEsm(name), type: 'js' } : undefined;
    },
  };
}

/** Serves msw's service worker at the site root, always matching the installed msw. */
export function mswWorkerPlugin() {
  const workerPath = path.join(path.dirname(require.resolve('msw/package.json')), 'lib/mockServiceWorker.js');
  return {
    name: 'crmkit-msw-worker',
    async serve(context) {
      if (context.path === '/mockServiceWorker.js') {
        return { body: await readFile(workerPath, 'utf8'), type: 'js' };
      }
      return undefined;
    },
  };
}

/**
 * Serves a module worker written in TypeScript (`x.worker.ts`) at the URL the
 * built package uses (`x.worker.js`), as a one-line module importing the
 * source, which the esbuild plugin then compiles with its imports.
 */
export function tsWorkerPlugin() {
  return {
    name: 'crmkit-ts-worker',
    async serve(context) {
      if (!context.path.endsWith('.worker.js')) return undefined;
      const ts = context.path.slice(0, -'.js'.length) + '.ts';
      try {
        await readFile(path.join(root, ts));
      } catch {
        return undefined;
      }
      return { body: `import ${JSON.stringify('./' + path.posix.basename(ts))};\n`, type: 'js' };
    },
  };
}

/**
 * Bundles one entry for Node with esbuild (ESM, Node 20, npm packages left
 * external so they resolve from node_modules): the Node tests, the team
 * server of the demo and the server benches run TypeScript this way.
 * `options` are passed on to esbuild (tsconfig, alias, sourcemap…).
 */
export async function bundleForNode(entry, outfile, options = {}) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
    ...options,
  });
  return outfile;
}
