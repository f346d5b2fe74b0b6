// Memory store: list one stage of 100,000 deals. The store keeps per-index
// buckets of ids in primary-key order, so a query reads its bucket only.
// Printed side by side with baselines measured in the same run over the same
// rows: a plain Array.filter (no copies, no ordering), and sorting every id
// then filtering (what the store did before the buckets). Prints figures;
// never fails on time.
import { build } from 'esbuild';
import path from 'node:path';
import { root } from '../dev-plugins.mjs';

const out = path.join(root, '.bench/memory-store-bench.mjs');
await build({ entryPoints: [path.join(root, 'packages/core/src/store/memory-store.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const { memoryStore } = await import(out);

const TOTAL = 100_000;
const stages = ['new', 'qualified', 'proposal', 'invoice'];
// 1,000 deals won, the rest spread over the open stages.
const rows = Array.from({ length: TOTAL }, (_, i) => ({
  id: `d${String(i).padStart(7, '0')}`,
  title: `Deal ${i}`,
  pipelineId: 'sales',
  stageId: i % 100 === 0 ? 'won' : stages[i % 4],
  status: i % 100 === 0 ? 'won' : 'open',
  ownerId: `u${i % 20}`,
  amount: (i % 97) * 1000,
  currency: i % 3 ? 'RUB' : 'USD',
  contactIds: [`c${i % 5000}`],
  createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
}));
const store = memoryStore();
await store.bulkPut('deals', rows);

function time(fn, runs = 15) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(runs / 2)], result };
}
async function timeAsync(fn, runs = 15) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(runs / 2)], result };
}

const byId = new Map(rows.map((r) => [r.id, r]));
const fmt = (r) => `${r.ms.toFixed(2)} ms (${(r.result.length ?? 0).toLocaleString('en')} deals)`;
for (const stage of ['won', 'new']) {
  const query = await timeAsync(() => store.query('deals', { index: 'stageId', equals: stage }));
  const filter = time(() => rows.filter((r) => r.stageId === stage));
  const sortAll = time(() => {
    const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const found = [];
    for (const id of ids) if (byId.get(id).stageId === stage) found.push(byId.get(id));
    return found;
  }, 5);
  console.log(`memory store: list one stage of 100,000 deals ("${stage}"): ${fmt(query)}, with copies out`);
  console.log(`  baseline, same rows: Array.filter ${fmt(filter)} (no copies, no ordering); sorting every id, then filtering, no copies (what the store did before): ${fmt(sortAll)}`);
}
// Rows restored in any order (not the order ids are made in) keep bulk loads at n log n.
const shuffled = [...rows];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
for (const [label, input] of [['in id order', rows], ['in random order', shuffled]]) {
  const fresh = memoryStore();
  const t = performance.now();
  await fresh.bulkPut('deals', input);
  const loadMs = performance.now() - t;
  const t2 = performance.now();
  const won = await fresh.query('deals', { index: 'stageId', equals: 'won' });
  console.log(`memory store: bulkPut 100,000 deals ${label}: ${loadMs.toFixed(0)} ms; first list of a stage after it: ${(performance.now() - t2).toFixed(2)} ms (${won.length} deals)`);
}
const limited = await timeAsync(() => store.query('deals', { index: 'stageId', equals: 'new', limit: 50 }));
console.log(`memory store: first 50 deals of the "new" stage: ${fmt(limited)}`);
