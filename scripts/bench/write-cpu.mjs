// Write CPU benchmark (`npm run bench write-cpu`): CPU per write (create + move) of the team
// server in-process and of PostgreSQL's backends, for this source tree and optionally another
// one, alternating — the comparison that holds on a machine shared with other work, where rates
// and latencies move with the load (see docs/server.md). Needs PostgreSQL on this machine:
// CRMKIT_BENCH_DATABASE_URL (or CRMKIT_TEST_DATABASE_URL); skipped without it.
// BENCH_COMPARE_ROOT: a checkout of other code to compare with (e.g. `git archive <commit>
// packages tsconfig.json | tar -x -C DIR`); BENCH_ROUNDS (default 3) pairs, BENCH_WRITES (2000)
// writes each at BENCH_CONCURRENCY (20) concurrent. Prints figures only.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { bundleForNode, root } from '../dev-plugins.mjs';

const url = process.env.CRMKIT_BENCH_DATABASE_URL ?? process.env.CRMKIT_TEST_DATABASE_URL;
if (!url) {
  console.log('write CPU: skipped (set CRMKIT_BENCH_DATABASE_URL to a PostgreSQL on this machine)');
  process.exit(0);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const writes = process.env.BENCH_WRITES ?? '2000';
const concurrency = process.env.BENCH_CONCURRENCY ?? '20';
const trees = [...(process.env.BENCH_COMPARE_ROOT ? [['compared', path.resolve(process.env.BENCH_COMPARE_ROOT)]] : []), ['this tree', root]];

/** Bundles the entry against one source tree; the bundle sits in packages/server/dist so its npm imports resolve. */
async function bundle(label, tree, i) {
  const outfile = path.join(root, `packages/server/dist/write-cpu-${i}.mjs`);
  await bundleForNode(path.join(root, 'scripts/bench/lib/write-cpu-entry.mjs'), outfile, {
    tsconfig: path.join(tree, 'packages/server/tsconfig.json'),
    alias: { '@crmkit/server': path.join(tree, 'packages/server/src/index.ts'), '@crmkit/core': path.join(tree, 'packages/core/src/index.ts') },
  });
  return { label, outfile };
}

const bundles = await Promise.all(trees.map(([label, tree], i) => bundle(label, tree, i)));
const admin = postgres(url, { max: 1, onnotice: () => undefined });
const u = new URL(url);
u.pathname = '/crmkit_write_cpu';
console.log(`write CPU, ${writes} writes at ${concurrency} concurrent per run, ${rounds} round(s), load average ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')}`);
try {
  for (let r = 1; r <= rounds; r++) {
    for (const b of bundles) {
      await admin.unsafe('DROP DATABASE IF EXISTS crmkit_write_cpu');
      await admin.unsafe('CREATE DATABASE crmkit_write_cpu');
      const run = spawnSync(process.execPath, [b.outfile, u.toString(), `${b.label} ${r}`, writes, concurrency], { cwd: root, encoding: 'utf8' });
      process.stdout.write(run.status === 0 ? run.stdout : `${b.label} ${r}: failed ${run.stderr.slice(-500)}\n`);
    }
  }
} finally {
  await admin.unsafe('DROP DATABASE IF EXISTS crmkit_write_cpu').catch(() => undefined);
  await admin.end();
}
