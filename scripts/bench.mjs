// `npm run bench`: runs every scripts/bench/*.mjs in name order and prints
// their figures. Benchmarks print; they never fail on time.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './dev-plugins.mjs';

const dir = path.join(root, 'scripts/bench');
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (!only || f.includes(only))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n━━━ ${f}`);
  const r = spawnSync(process.execPath, [path.join(dir, f)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
