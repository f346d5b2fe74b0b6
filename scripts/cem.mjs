// Custom elements manifests: analyses the element sources of every package
// that ships custom elements with @custom-elements-manifest/analyzer (Lit
// mode) into that package's custom-elements.json (build output, gitignored;
// declared by the package's `customElements` field), tidies it, then renders
// the generated reference section of the package's guide from it.
//   node scripts/cem.mjs          write the manifests and update the guides
//   node scripts/cem.mjs --check  write the manifests; fail if a guide is out of date
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './dev-plugins.mjs';
import { renderWidgetsDoc } from './widgets-doc.mjs';

/**
 * Every package with custom elements. A plugin that ships widgets adds one
 * entry here — its folder (where the manifest is written; its package.json
 * declares `"customElements": "custom-elements.json"`), the globs of its
 * element sources (base classes included, so inherited attributes are
 * documented), and the guide whose reference section is generated between the
 * `widgets-reference` markers (appended at the end when the guide has none).
 * The import plugin's wizard, for instance:
 *   { dir: 'plugins/import', globs: ['plugins/import/src/wizard/**\/*.ts'], doc: 'docs/import.md' }
 */
export const ELEMENT_PACKAGES = [
  { dir: 'packages/widgets', globs: ['packages/widgets/src/**/crm-*.ts'], doc: 'docs/widgets.md' },
  { dir: 'plugins/analytics', globs: ['plugins/analytics/src/widgets/**/*.ts'], doc: 'docs/analytics.md' },
  { dir: 'plugins/import', globs: ['plugins/import/src/widgets/**/*.ts'], doc: 'docs/import.md' },
];

const bin = path.join(root, 'node_modules/.bin/custom-elements-manifest');
const check = process.argv.includes('--check');
let stale = 0;

for (const pkg of ELEMENT_PACKAGES) {
  const manifestPath = path.join(root, pkg.dir, 'custom-elements.json');
  const args = ['analyze', '--litelement', ...pkg.globs.flatMap((g) => ['--globs', g]), '--exclude', '**/*.test.ts', '--outdir', pkg.dir];
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    console.error(`custom elements manifest: the analyzer failed on ${pkg.dir}`);
    process.exit(1);
  }

  // Tidy: `define…(tagName)` registers an anonymous subclass, which the analyzer
  // lists as a bogus element named "tagName"; it also picks up stray object
  // literals. Keep what each module exports, and register each element under the
  // tag its class documents with `@tagname`.
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const mod of manifest.modules) {
    const exported = new Set((mod.exports ?? []).filter((e) => e.kind === 'js').map((e) => e.name));
    mod.declarations = (mod.declarations ?? []).filter((d) => exported.has(d.name));
    mod.exports = (mod.exports ?? []).filter((e) => e.kind === 'js');
    for (const d of mod.declarations) {
      if (d.customElement && d.tagName) mod.exports.push({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: mod.path } });
    }
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  const elements = manifest.modules.flatMap((m) => m.declarations.filter((d) => d.customElement && d.tagName).map((d) => d.tagName));
  if (elements.length === 0) {
    console.error(`custom elements manifest: no element found in ${pkg.globs.join(', ')} (does each element class document its tag with \`@tagname\`?)`);
    process.exit(1);
  }
  console.log(`custom elements manifest: ${path.relative(root, manifestPath)} (${elements.join(', ')})`);

  const docPath = path.join(root, pkg.doc);
  const current = readFileSync(docPath, 'utf8');
  const next = renderWidgetsDoc(manifest, current);
  if (next === current) {
    console.log(`${pkg.doc} is up to date with the manifest`);
  } else if (check) {
    console.error(`${pkg.doc} is out of date with the custom elements manifest: run \`node scripts/cem.mjs\` (or \`npm run build\`) and commit it`);
    stale++;
  } else {
    writeFileSync(docPath, next);
    console.log(`${pkg.doc} updated from the manifest`);
  }
}
if (stale) process.exit(1);
