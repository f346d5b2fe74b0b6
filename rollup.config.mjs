// Production builds. Each entry is a self-contained ES module (no bundler
// needed by the site developer); lazily loaded parts become separate chunks.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import path from 'node:path';
import { cjsAsEsm, cjsPackages, dexieEsmPath, root, workspaceAliases } from './scripts/dev-plugins.mjs';

/**
 * Resolves workspace packages (and their subpath entry points) to their sources
 * and bare `dexie` to its ESM build. Every workspace package declares
 * `"sideEffects": false`; an alias bypasses node-resolve, which would have read
 * that flag, so it is passed on here — without it rollup keeps unused zod
 * schemas alive through the entry module (the lead form grew by 2.7 KB gzip).
 */
function crmkitResolve() {
  return {
    name: 'crmkit-resolve',
    resolveId(source) {
      if (source === 'dexie') return dexieEsmPath;
      if (workspaceAliases[source]) return { id: path.join(root, workspaceAliases[source]), moduleSideEffects: false };
      if (Object.hasOwn(cjsPackages, source)) return `\0cjs-esm:${source}`;
      return null;
    },
    load(id) {
      return id.startsWith('\0cjs-esm:') ? cjsAsEsm(id.slice('\0cjs-esm:'.length)) : null;
    },
  };
}

/** In the lead form's build, its definition module is the separately built `chunks/lead-form-definition.js`. */
function leadFormDefinitionExternal() {
  return {
    name: 'lead-form-definition-external',
    resolveId(source, importer) {
      return source === './definition.js' && importer?.endsWith('definition-controller.ts') ? { id: './chunks/lead-form-definition.js', external: 'absolute' } : null;
    },
  };
}

const plugins = () => [
  crmkitResolve(),
  nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js'] }),
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: false }),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: { core: 'packages/core/src/index.ts' },
    // remoteCrm loads its client as a chunk on first use; that chunk imports the shared code from core.js itself
    // (rather than rollup moving all of core into a shared chunk behind a facade).
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'packages/core/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: plugins(),
  },
  // The lead form: one self-registering module for `<script type="module">`;
  // what it loads lazily lands in dist/chunks/. The form-definition code is
  // built on its own (next entry) and only referenced here, so the submit
  // chunk every visitor fetches does not carry the zod parsers only definitions use.
  {
    input: { 'lead-form': 'packages/widgets/src/lead-form/lead-form.entry.ts' },
    output: { dir: 'packages/widgets/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: [leadFormDefinitionExternal(), ...plugins()],
  },
  {
    input: { 'lead-form-definition': 'packages/widgets/src/lead-form/definition.ts' },
    output: { dir: 'packages/widgets/dist/chunks', format: 'es', entryFileNames: '[name].js', sourcemap: true, inlineDynamicImports: true },
    plugins: plugins(),
  },
  // The sales workspace: funnel board + client card, self-registering.
  {
    input: { workspace: 'packages/widgets/src/workspace.entry.ts' },
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'packages/widgets/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: plugins(),
  },
  // The analytics widgets (funnel report, KPIs, report), self-registering.
  {
    input: { 'analytics-widgets': 'plugins/analytics/src/widgets/analytics-widgets.entry.ts' },
    output: { dir: 'plugins/analytics/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: plugins(),
  },
  // Import and export: readTable, suggestMapping, importRecords, undoImport, exportRecords.
  {
    input: { import: 'plugins/import/src/index.ts' },
    output: { dir: 'plugins/import/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: plugins(),
  },
  // The import wizard, self-registering; it reads big files in the worker below (same folder, found by import.meta.url).
  {
    // Chunks stay next to the entry (not in chunks/), so `new URL('./read-table.worker.js', import.meta.url)` finds the worker from any of them.
    input: { 'import-widgets': 'plugins/import/src/widgets/import-widgets.entry.ts' },
    output: { dir: 'plugins/import/dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
    preserveEntrySignatures: 'allow-extension',
    plugins: plugins(),
  },
  // The module worker of readTableOffThread: one self-contained file next to import.js and import-widgets.js.
  {
    input: { 'read-table.worker': 'plugins/import/src/read/read-table.worker.ts' },
    output: { dir: 'plugins/import/dist', format: 'es', entryFileNames: '[name].js', sourcemap: true, inlineDynamicImports: true },
    plugins: plugins(),
  },
];
