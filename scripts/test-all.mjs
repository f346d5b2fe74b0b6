// `npm test`: every check that can fail, in order, with a pass/fail count at the end.
// Runs all steps even after a failure so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root } from './dev-plugins.mjs';

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['typecheck (server, with Node types)', 'npx', ['tsc', '-p', 'packages/server/tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['build', 'npx', ['rollup', '-c', 'rollup.config.mjs']],
  ['custom elements manifest (docs/widgets.md up to date)', process.execPath, ['scripts/cem.mjs', '--check']],
  ['browser tests', 'npx', ['web-test-runner']],
  ['node tests', process.execPath, ['scripts/node-tests.mjs']],
  ['api docs (typedoc)', 'npx', ['typedoc']],
  ['api docs of the server (typedoc, Node types)', 'npx', ['typedoc', '--options', 'packages/server/typedoc.json']],
  ['size budgets', process.execPath, ['scripts/size-budget.mjs']],
];

for (const f of ['.bench/browser-counts.json', '.bench/node-counts.json']) rmSync(path.join(root, f), { force: true });

const results = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n━━━ ${name}: ${cmd === process.execPath ? 'node' : cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  console.log(`━━━ ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function counts(file) {
  const p = path.join(root, file);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
}
const b = counts('.bench/browser-counts.json');
const n = counts('.bench/node-counts.json');

console.log('\n━━━ summary');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(1)} s)`);
console.log(`browser tests: ${b.passed} passed, ${b.failed} failed${b.skipped ? `, ${b.skipped} skipped` : ''}`);
console.log(`node tests: ${n.passed} passed, ${n.failed} failed${n.skipped ? `, ${n.skipped} skipped` : ''}`);
// The failing tests by name, last, so the tail of a CI log says what failed.
for (const f of [...(b.failures ?? []), ...(n.failures ?? [])]) console.log(`failed: ${f}`);
const failedSteps = results.filter((r) => !r.ok).length;
const passed = b.passed + n.passed;
const failed = b.failed + n.failed + (failedSteps > 0 && b.failed + n.failed === 0 ? failedSteps : 0);
console.log(`steps: ${results.length - failedSteps} of ${results.length} ok`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 ? 1 : 0);
