// Analytics benchmark: funnel + metrics over 100,000 and 1,000,000 synthetic
// deals (~3 history rows each) — the plugin, a plain typed-array loop (the
// floor) and arquero, side by side in one run; a report right after a single
// move; and (headless Chromium) the first report after opening 100,000 deals
// from IndexedDB — from the saved index, after 100 moves made without the
// analytics — beside the raw read and the first session's full build. Prints
// figures; never fails on time.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dexieEsmPath, root } from '../dev-plugins.mjs';

const self = fileURLToPath(import.meta.url);
if (!process.env.CRMKIT_ANALYTICS_BENCH) {
  // A million deals and their history need more heap than Node's default.
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--expose-gc', self, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, CRMKIT_ANALYTICS_BENCH: '1' } });
  process.exit(r.status ?? 1);
}

const outDir = path.join(root, '.bench/analytics');
mkdirSync(outDir, { recursive: true });
const common = { bundle: true, format: 'esm', tsconfig: path.join(root, 'tsconfig.json'), logLevel: 'warning', target: 'es2022' };
// Node: workspace packages from source, npm packages from node_modules.
await build({ ...common, stdin: { contents: "export * from '@crmkit/core'; export * from '@crmkit/plugin-analytics';", resolveDir: root, loader: 'ts' }, outfile: path.join(outDir, 'node.mjs'), platform: 'node', packages: 'external' });
// Browser: one file with Dexie's ESM build, plus the data generator.
await build({ ...common, stdin: { contents: "export * from '@crmkit/core'; export * from '@crmkit/plugin-analytics'; export * from './scripts/bench/lib/analytics-bench-data.mjs';", resolveDir: root, loader: 'ts' }, outfile: path.join(outDir, 'browser.mjs'), platform: 'browser', alias: { dexie: dexieEsmPath } });

const lib = await import(path.join(outDir, 'node.mjs'));
const aq = await import('arquero');
const { fillStore, PERIOD } = await import('./lib/analytics-bench-data.mjs');
const body = await import('./lib/analytics-bench-body.mjs');
const { plainStore } = await import('./lib/plain-store.mjs');

// `npm run bench analytics` runs everything; `node scripts/bench/analytics.mjs 100000 --no-browser` or `--browser-only` a part.
const sizeArg = process.argv.slice(2).find((a) => /^[\d,]+$/.test(a));
const sizes = process.argv.includes('--browser-only') ? [] : (sizeArg ?? '100000,1000000').split(',').map(Number);
// `--browser-only 20000` tries the IndexedDB part on fewer deals.
const browserDeals = process.argv.includes('--browser-only') && sizeArg ? Number(sizeArg.split(',')[0]) : 100_000;
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const gc = () => (globalThis.gc ? globalThis.gc() : undefined);

for (const n of sizes) {
  gc();
  const store = plainStore();
  let t = performance.now();
  await fillStore(store, n);
  const fillMs = performance.now() - t;
  const crm = await lib.createCrm({ store, automationIntervalMs: false });
  t = performance.now();
  const analytics = lib.createAnalytics(crm);
  await analytics.ready();
  const buildMs = performance.now() - t;
  const query = { pipelineId: 'sales', ...PERIOD };
  const report = async () => [await analytics.funnel(query), await analytics.metrics(query)];
  const [funnel, metrics] = await report();
  // A query not asked before: one pass over the columns (the period moves by 1 ms each run, so nothing is reused).
  let shift = 0;
  const fresh = async () => {
    const q = { pipelineId: 'sales', from: PERIOD.from, to: new Date(PERIOD.to.getTime() + ++shift) };
    return [await analytics.funnel(q), await analytics.metrics(q)];
  };
  const pluginMs = await body.median(fresh, n > 500_000 ? 7 : 15);
  // The same query again: the running totals the index keeps.
  const repeatMs = await body.median(report, 15);

  const probs = body.stageProbabilities(crm.pipelines.get('sales'));
  const cols = body.floorColumns(n);
  const floor = body.floorReport(cols, PERIOD, probs);
  const floorMs = await body.median(() => body.floorReport(cols, PERIOD, probs), n > 500_000 ? 7 : 15);
  const table = body.arqueroTable(aq, cols, probs);
  const arq = body.arqueroReport(aq, table, PERIOD);
  const arqueroMs = await body.median(() => body.arqueroReport(aq, table, PERIOD), 5, 1);

  const same =
    JSON.stringify(funnel.stages.map((s) => s.count)) === JSON.stringify(floor.counts) &&
    JSON.stringify(floor.counts) === JSON.stringify(arq.counts) &&
    metrics.won === floor.won && metrics.lost === floor.lost && arq.won === floor.won && arq.lost === floor.lost &&
    Math.abs(metrics.cycleDays - floor.cycleDays) < 1e-6 && Math.abs(arq.cycleDays - floor.cycleDays) < 1e-6 &&
    Object.keys(floor.weightedPipeline).every((c) => Math.abs(metrics.weightedPipeline[c] - floor.weightedPipeline[c]) < 1e-3 * Math.max(1, floor.weightedPipeline[c]));

  // A report right after one move: the change feed updates a few slots; nothing is re-read.
  const open = (await crm.deals.list({ stageId: 'new', limit: 40 })).map((d) => d.id);
  const afterMove = [];
  const moveAndReport = [];
  for (const id of open) {
    const t0 = performance.now();
    await crm.deals.moveToStage(id, 'qualified');
    const t1 = performance.now();
    await report();
    const t2 = performance.now();
    afterMove.push(t2 - t1);
    moveAndReport.push(t2 - t0);
  }
  afterMove.sort((a, b) => a - b);
  moveAndReport.sort((a, b) => a - b);
  const label = n.toLocaleString('en-US');
  console.log(`${label} deals (${(n * 3).toLocaleString('en-US')} history rows) — funnel + metrics, one quarter, warm median:`);
  console.log(`  plugin, a new query (one pass over the columnar index)  ${ms(pluginMs)}`);
  console.log(`  plugin, the same query again (running totals)          ${ms(repeatMs)}`);
  console.log(`  typed-array loop (the floor)                           ${ms(floorMs)}   → a new query is ${(pluginMs / floorMs).toFixed(2)}× the floor`);
  console.log(`  arquero 8                                              ${ms(arqueroMs)}   → ${(arqueroMs / pluginMs).toFixed(1)}× a new query`);
  console.log(`  same answers from all three: ${same ? 'yes' : 'NO'} (funnel ${floor.counts.join(' / ')}, won ${floor.won}, lost ${floor.lost})`);
  console.log(`  report after a single move: median ${ms(afterMove[afterMove.length >> 1])} (move + report ${ms(moveAndReport[moveAndReport.length >> 1])}), over ${open.length} moves`);
  console.log(`  one-time: fill a plain Map store ${(fillMs / 1000).toFixed(1)} s; build the index from it ${ms(buildMs)}`);
  await crm.close();
}

// IndexedDB in headless Chromium: fill 100,000 deals once, close, reopen, first report.
if (process.argv.includes('--no-browser')) process.exit(0);
const files = { '/lib.mjs': path.join(outDir, 'browser.mjs') };
const server = createServer((req, res) => {
  const file = files[req.url ?? ''];
  if (!file) return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
  res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { default: puppeteer } = await import('puppeteer-core');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 900_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const r = await page.evaluate(async (n) => {
    const lib = await import('/lib.mjs');
    const name = `analytics-bench-${Date.now()}`;
    let t = performance.now();
    const filling = lib.dexieStore(name);
    await lib.fillStore(filling, n);
    await filling.close();
    const fillMs = performance.now() - t;
    // Baseline: just reading every deal and history row.
    const raw = lib.dexieStore(name);
    await raw.open();
    t = performance.now();
    await Promise.all([raw.query('deals'), raw.query('history')]);
    const readMs = performance.now() - t;
    await raw.close();
    const query = { pipelineId: 'sales', ...lib.PERIOD };
    const options = (plugins) => ({ store: lib.dexieStore(name), plugins, automationIntervalMs: false });
    // First session ever: no saved index yet, so it is built from every record, then saved.
    t = performance.now();
    const first = await lib.createCrm(options([lib.analyticsPlugin()]));
    const firstAnalytics = lib.createAnalytics(first);
    await firstAnalytics.funnel(query);
    await firstAnalytics.metrics(query);
    const buildMs = performance.now() - t;
    t = performance.now();
    await firstAnalytics.persist();
    const saveMs = performance.now() - t;
    await first.close();
    // A session without the analytics moves 100 deals: the next open replays them from the change log.
    const plain = await lib.createCrm(options([]));
    for (const deal of await plain.deals.list({ stageId: 'new', limit: 100 })) await plain.deals.moveToStage(deal.id, 'qualified');
    await plain.close();
    // Floor of any first report: opening the CRM itself.
    t = performance.now();
    const bare = await lib.createCrm(options([]));
    const openMs = performance.now() - t;
    await bare.close();
    t = performance.now();
    const crm = await lib.createCrm(options([lib.analyticsPlugin()]));
    const analytics = lib.createAnalytics(crm);
    const funnel = await analytics.funnel(query);
    await analytics.metrics(query);
    const firstMs = performance.now() - t;
    t = performance.now();
    await analytics.funnel(query);
    await analytics.metrics(query);
    const warmMs = performance.now() - t;
    const meta = await crm.store.query('meta');
    const savedBytes = meta.filter((r) => r.id.startsWith('crmkit:analytics-index')).reduce((n, r) => n + JSON.stringify(r).length, 0);
    await crm.close();
    globalThis.indexedDB.deleteDatabase(name);
    return { fillMs, readMs, openMs, buildMs, saveMs, savedBytes, firstMs, warmMs, first: funnel.stages[0].count };
  }, browserDeals);
  console.log(`${browserDeals.toLocaleString('en-US')} deals in IndexedDB (headless Chromium):`);
  console.log(`  first report after opening (open CRM + saved index + replay 100 moves + funnel + metrics): ${ms(r.firstMs)}`);
  console.log(`  floor, opening the CRM alone (no analytics):                                           ${ms(r.openMs)}`);
  console.log(`  baseline, only reading every deal and history row:                                    ${ms(r.readMs)}`);
  console.log(`  the first session ever (no saved index: build from every record + funnel + metrics):  ${ms(r.buildMs)}`);
  console.log(`  saving the index: ${ms(r.saveMs)} (${(r.savedBytes / 1e6).toFixed(1)} MB in the store's meta table)`);
  console.log(`  next report, warm: ${ms(r.warmMs)}; one-time fill: ${(r.fillMs / 1000).toFixed(1)} s`);
} finally {
  await browser.close();
  server.close();
}
