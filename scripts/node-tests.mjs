// Runs every *.node.test.ts under Node's own test runner. Node 20 cannot run
// TypeScript, so each file is bundled with esbuild first (workspace packages
// resolved through tsconfig paths, npm packages left external).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bundleForNode, root } from './dev-plugins.mjs';

const outDir = path.join(root, '.bench/node-tests');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// Node 20 has no fs.globSync: walk the source folders for *.node.test.ts.
function walk(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(walk(rel));
    else if (e.name.endsWith('.node.test.ts')) out.push(rel);
  }
  return out;
}
// Optional arguments keep only the files whose path contains one of them
// (`node scripts/node-tests.mjs intake server/`); none runs every file.
const filters = process.argv.slice(2);
const files = ['packages', 'plugins', 'tests', 'examples']
  .flatMap(walk)
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('node tests: no *.node.test.ts files found');
  process.exit(1);
}

const outFiles = [];
for (const file of files) {
  const outfile = path.join(outDir, file.replace(/[\\/]/g, '__').replace(/\.ts$/, '.mjs'));
  await bundleForNode(path.join(root, file), outfile, { sourcemap: 'inline' });
  outFiles.push(outfile);
}

const tapFile = path.join(outDir, 'results.tap');
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...outFiles],
  { stdio: 'inherit', cwd: root },
);

const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
if (existsSync(tapFile)) {
  const tap = readFileSync(tapFile, 'utf8');
  // Each failing test, named with its file and the first line of its error, for the summary of `npm test`.
  const lines = tap.split('\n');
  lines.forEach((line, i) => {
    const head = /^(\s*)not ok \d+ - (.*)$/.exec(line);
    if (!head) return;
    let where = '';
    let why = '';
    for (let j = i + 1; j < lines.length && lines[j].startsWith(`${head[1]}  `); j++) {
      const field = /^\s*(location|error): (.*)$/.exec(lines[j]);
      if (field?.[1] === 'location') where = /([^/]+)\.mjs/.exec(field[2])?.[1]?.replaceAll('__', '/') ?? '';
      if (field?.[1] === 'error' && !why) why = /^[|>]-?$/.test(field[2]) ? (lines[j + 1] ?? '').trim() : field[2];
    }
    counts.failures.push(`${where ? `${where}.ts: ` : ''}${head[2]} — ${why.slice(0, 200)}`);
  });
  counts.passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  counts.failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(tap)?.[1] ?? 0);
  counts.skipped = Number(/^# skipped (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# todo (\d+)/m.exec(tap)?.[1] ?? 0);
}
writeFileSync(path.join(root, '.bench/node-counts.json'), JSON.stringify(counts));
console.log(`node tests: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(result.status ?? 1);
