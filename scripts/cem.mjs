// Custom elements manifest: analyses the widget sources with
// @custom-elements-manifest/analyzer (Lit mode) into
// packages/widgets/custom-elements.json (build output, gitignored), tidies it,
// then renders the generated part of docs/widgets.md from it.
//   node scripts/cem.mjs          write the manifest and update docs/widgets.md
//   node scripts/cem.mjs --check  write the manifest; fail if docs/widgets.md is out of date
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './dev-plugins.mjs';
import { renderWidgetsDoc } from './widgets-doc.mjs';

const outdir = 'packages/widgets';
const manifestPath = path.join(root, outdir, 'custom-elements.json');
const bin = path.join(root, 'node_modules/.bin/custom-elements-manifest');
const r = spawnSync(bin, ['analyze', '--litelement', '--globs', 'packages/widgets/src/**/crm-*.ts', '--exclude', '**/*.test.ts', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  console.error('custom elements manifest: the analyzer failed');
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
console.log(`custom elements manifest: ${path.relative(root, manifestPath)} (${elements.join(', ') || 'no elements'})`);

const docPath = path.join(root, 'docs/widgets.md');
const current = readFileSync(docPath, 'utf8');
const next = renderWidgetsDoc(manifest, current);
if (next === current) {
  console.log('docs/widgets.md is up to date with the manifest');
} else if (process.argv.includes('--check')) {
  console.error('docs/widgets.md is out of date with the custom elements manifest: run `node scripts/cem.mjs` (or `npm run build`) and commit it');
  process.exit(1);
} else {
  writeFileSync(docPath, next);
  console.log('docs/widgets.md updated from the manifest');
}
