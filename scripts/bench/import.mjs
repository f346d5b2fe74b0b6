// Import benchmark: 10,000 and 50,000 contacts (Cyrillic, CJK and Latin names, phones,
// emails, companies) read + mapped + imported into IndexedDB in headless
// Chromium, next to a raw Dexie bulkPut of the same rows with the same
// indexes (the floor); the longest main-thread task during the import; CSV
// parse time with PapaParse and uDSV. Prints figures; never fails on time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { dexieEsmPath, root, workspaceAliases } from '../dev-plugins.mjs';

const out = path.join(root, '.bench/import-bench.js');
mkdirSync(path.dirname(out), { recursive: true });
// The page's bundle, and the file reader's module worker next to it (where readTableOffThread looks for it).
const worker = path.join(root, '.bench/read-table.worker.js');
const entries = [
  [path.join(root, 'scripts/bench/lib/import-bench-body.mjs'), out],
  [path.join(root, 'plugins/import/src/read/read-table.worker.ts'), worker],
];
for (const [entry, outfile] of entries) {
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    plugins: [{
      name: 'crmkit-aliases',
      setup(b) {
        b.onResolve({ filter: /^(@crmkit\/[\w-]+|dexie)$/ }, (args) => ({ path: args.path === 'dexie' ? dexieEsmPath : path.join(root, workspaceAliases[args.path]) }));
      },
    }],
  });
}

/** The import-only profile the page asked for (BENCH_PROFILE=1), if it did, and how to start and stop it. */
const importProfileOut = { value: undefined };
const profileHooks = { start: undefined, stop: undefined };

const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(out));
  else if (req.url === '/read-table.worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(worker));
  else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>import bench</title>');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  // 50,000 rows on a busy 2-core machine can take minutes in one evaluate call (puppeteer's default gives up at 180 s).
  protocolTimeout: 1_200_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
try {
  // BENCH_ROWS: one size or several, comma-separated (default 10,000 and 50,000), each in a fresh page.
  const sizes = String(process.env.BENCH_ROWS ?? '10000,50000').split(',').map(Number).filter((n) => n > 0);
  // BENCH_PROFILE=1: a CPU profile of the page's main thread (the last size); prints the functions with the most self time.
  const profiled = process.env.BENCH_PROFILE === '1';
  for (const [i, rows] of sizes.entries()) {
    const page = await browser.newPage();
    page.setDefaultTimeout(300_000);
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const cdp = profiled && i === sizes.length - 1 ? await startProfile(page) : undefined;
    // BENCH_TRACE=1: a Chromium trace of the import (the last size), and what ran in each task over 50 ms.
    if (process.env.BENCH_TRACE === '1' && i === sizes.length - 1) {
      // With BENCH_PROFILE=1 too, each long task also lists the functions the profile sampled in it.
      const [profileStart, profileStop] = [profileHooks.start, profileHooks.stop];
      profileHooks.start = async () => {
        await profileStart?.();
        await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
      };
      profileHooks.stop = async () => {
        const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString("utf8"));
        await profileStop?.();
        writeFileSync(path.join(root, '.bench/import.trace.json'), JSON.stringify(trace));
        printLongTasks(trace, importProfileOut.value);
      };
    }
    const cpu = await cpuMeter(page);
    // BENCH_SHAPES=1: the same contacts also written in other store designs (the last size).
    const withShapes = process.env.BENCH_SHAPES === '1' && i === sizes.length - 1;
    // BENCH_BATCH: importRecords' batchSize (default: the library's).
    const batchSize = Number(process.env.BENCH_BATCH) || undefined;
    // BENCH_DRY=1: only a dry run (rows checked and matched, nothing written) — the CPU of checking rows.
    if (process.env.BENCH_DRY === '1') {
      const d = await page.evaluate(async (n, size) => (await import('/bench.js')).runDryImportBench({ rows: n, batchSize: size }), rows, batchSize);
      printDryRun(d);
    } else {
      // BENCH_FLOORS=0: crmkit's import alone, without the raw Dexie floors (a profile then shows only crmkit).
      const floors = process.env.BENCH_FLOORS !== '0';
      // BENCH_DURABILITY=relaxed|strict: crmkit's store with that IndexedDB transaction durability (default: the browser's).
      const durability = process.env.BENCH_DURABILITY || undefined;
      const r = await page.evaluate(async (n, shapes, size, withFloors, d) => (await import('/bench.js')).runImportBench({ rows: n, withShapes: shapes, batchSize: size, floors: withFloors, durability: d }), rows, withShapes, batchSize, floors, durability);
      printRun(r, cpu.value);
    }
    if (cdp) {
      const profile = importProfileOut.value ?? (await cdp.send('Profiler.stop')).profile;
      // Opens in Chromium DevTools (Performance panel) for the call tree.
      writeFileSync(path.join(root, '.bench/import.cpuprofile'), JSON.stringify(profile));
      printProfile(profile);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

/**
 * Starts the CDP profiler on the page's main thread for the whole run; a page that calls `benchProfile('start')` and
 * `benchProfile('stop')` around crmkit's import (the full import bench does) gets a profile of the import alone.
 */
async function startProfile(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  profileHooks.start = async () => {
    await cdp.send('Profiler.stop');
    await cdp.send('Profiler.start');
  };
  profileHooks.stop = async () => {
    importProfileOut.value = (await cdp.send('Profiler.stop')).profile;
  };
  return cdp;
}

/**
 * The page's CPU time during crmkit's import (the renderer's `ProcessTime` from `Performance.getMetrics`, main
 * thread and workers; IndexedDB's own work runs in the browser process), between the page's `benchProfile('start')`
 * and `benchProfile('stop')`. Unlike wall time it hardly depends on what else the shared machine runs, so it
 * compares versions of the code run at different loads; it leaves out the time the page waits for the store.
 */
async function cpuMeter(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const out = { value: undefined };
  let at;
  await page.exposeFunction('benchProfile', async (what) => {
    if (what === 'start') {
      await profileHooks.start?.();
      at = await read();
    } else {
      const end = await read();
      await profileHooks.stop?.();
      out.value = { processS: end.ProcessTime - at.ProcessTime, taskS: end.TaskDuration - at.TaskDuration, scriptS: end.ScriptDuration - at.ScriptDuration };
    }
  });
  return out;
}

/** The sampled stacks' top frames between two trace times (µs, the same clock as a CPU profile's), most samples first. */
function sampledBetween(profile, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const names = [];
    for (let cur = id; cur !== undefined && names.length < 3; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      if (f.functionName === '(root)') break;
      names.push(`${f.functionName || '(anonymous)'}:${f.lineNumber + 1}`);
    }
    const key = names.join(' < ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${n}× ${k}`);
}

/** Prints the main thread's tasks over 50 ms in a trace, each with the longest events inside it (what it ran). */
function printLongTasks(trace, profile) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
  console.log(`  trace: ${tasks.length} main-thread task(s) over 50 ms`);
  for (const t of tasks.slice(0, 15)) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 5_000);
    const what = inside.sort((a, b) => b.dur - a.dur).slice(0, 4).map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.url ? ` ${String(e.args.data.url).split('/').pop()}:${e.args.data.lineNumber}` : ''} ${(e.dur / 1000).toFixed(0)} ms`);
    console.log(`    ${(t.dur / 1000).toFixed(0).padStart(5)} ms: ${what.join(' · ')}`);
    if (profile) for (const line of sampledBetween(profile, t.ts, t.ts + t.dur)) console.log(`             ${line}`);
  }
}

/** Prints the 25 functions with the most self time (sampled), with their file and line. */
function printProfile(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const us = dt[i + 1] ?? 0;
    total += us;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  console.log(`  profile of the run (self time, ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

/** Prints one size's dry-run figures. */
function printDryRun(d) {
  console.log(`${d.rows.toLocaleString('en')} contacts${d.batchSize ? ` in batches of ${d.batchSize}` : ''}, dry run (checked and matched, nothing written), headless Chromium`);
  console.log(`  read off thread        ${d.offThreadMs.toFixed(0)} ms`);
  console.log(`  importRecords dryRun   ${(d.dryMs / 1000).toFixed(2)} s  (${(d.dryMs * 1000 / d.rows).toFixed(0)} µs a row; created ${d.created}, skipped ${d.skipped}, failed ${d.failed}); ${d.longTasks} task(s) over 50 ms, longest ${d.longestTaskMs.toFixed(0)} ms`);
  console.log(`  the same dry run again ${(d.againMs / 1000).toFixed(2)} s  (${(d.againMs * 1000 / d.rows).toFixed(0)} µs a row; the rows checked a second time, as the wizard's import does after its preview); longest task ${d.againLongestTaskMs.toFixed(0)} ms`);
  console.log(`  load average           ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`);
}

/** Prints one size's figures. */
function printRun(r, cpu) {
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`${r.rows.toLocaleString('en')} contacts${r.batchSize ? ` in batches of ${r.batchSize}` : ''}${r.durability ? `, crmkit's store with durability '${r.durability}'` : ''}, CSV ${(r.csvBytes / 1e6).toFixed(1)} MB, headless Chromium, IndexedDB`);
  console.log(`  CSV parse              PapaParse ${r.papaMs.toFixed(0)} ms · uDSV ${r.udsvMs.toFixed(0)} ms (${r.papaRows} / ${r.udsvRows} rows)`);
  console.log(`  crmkit read+map+import ${s(r.crmkitMs)}  (readTableOffThread ${r.offThreadMs.toFixed(0)} ms; created ${r.created}, skipped ${r.skipped}, failed ${r.failed}; ${r.storedContacts} contacts, ${r.storedCompanies} companies, ${r.storedHistory} history rows)`);
  const b = r.split;
  if (cpu) console.log(`  the page's CPU         ${cpu.processS.toFixed(2)} s of renderer process time during importRecords (main-thread tasks ${cpu.taskS.toFixed(2)} s, of which script ${cpu.scriptS.toFixed(2)} s) — less dependent on the machine's load than the wall time`);
  console.log(`  where importRecords' ${s(r.importMs)} went: ${b.transactions} write transactions; a transaction's body running ${s(b.bodyMs)}, its commit being reported ${s(b.commitMs)} (together ${s(b.inTransactionMs)}); waiting to begin ${s(b.waitToBeginMs)}; no transaction open ${s(b.outsideMs)} (checking rows, or idle)`);
  console.log(`                         inside transactions (summed): ${Object.entries(b.ops).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${s(v)}`).join(' · ')}`);
  console.log(`  undoImport             ${s(r.undoMs)}  (${r.undoRemoved} records removed, ${r.leftAfterUndo} contacts and companies left; longest task ${r.undoLongestTaskMs.toFixed(0)} ms)`);
  if (r.noFloors) {
    console.log(`  crmkit stored          ${r.chunkCount} chunk records and ${r.perRecordContacts} contacts one record each`);
    console.log(`  main thread            importRecords: ${r.longTasks} task(s) over 50 ms; longest ${r.longestTaskMs.toFixed(0)} ms (goal: none over 50 ms)`);
    console.log(`  load average           ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`);
    return;
  }
  console.log(`  raw Dexie bulkPut      ${s(r.floorMs)}  contacts only (same rows, same indexes, browser's default durability like crmkit's store) — the floor`);
  console.log(`                         ${s(r.floorRelaxedMs)}  the same with durability 'relaxed' · ${s(r.floorStrictMs)} with 'strict'`);
  console.log(`                         ${s(r.floorHistoryMs)}  + crmkit's companies (${r.storedCompanies}) and history rows (${r.storedHistory}), bulkPut the same way; the floor's longest task ${r.floorLongestTaskMs.toFixed(0)} ms`);
  const sizes = r.chunkRows.length ? `${Math.min(...r.chunkRows)}–${Math.max(...r.chunkRows)} rows` : 'none';
  console.log(`  crmkit stored          ${r.chunkCount} chunk records (${sizes} each) and ${r.perRecordContacts} contacts one record each`);
  if (r.chunkCount) console.log(`  raw chunked layout     ${s(r.floorChunksMs)}  the same chunk records and key lists, one bulkPut each, no crmkit (longest task ${r.floorChunksLongestTaskMs.toFixed(0)} ms); + companies and history ${s(r.floorChunksRestMs)} — the chunked floor`);
  console.log(`  ratio                  ${(r.crmkitMs / r.floorMs).toFixed(2)}× the contacts floor · ${(r.crmkitMs / (r.floorMs + r.floorHistoryMs)).toFixed(2)}× contacts + companies + history floor (goal ≤ 1.2×, < 5 s)`);
  if (r.chunkCount) console.log(`                         chunks of ${r.bigChunkRows} rows one put at a time: ${s(r.bigChunkMs)}, ${r.bigChunkLongTasks} task(s) over 50 ms, longest ${r.bigChunkLongestTaskMs.toFixed(0)} ms (serialising the largest chunk the store writes)`);
  if (r.chunkCount) console.log(`                         ${(r.crmkitMs / r.floorChunksMs).toFixed(2)}× the chunked floor · ${(r.crmkitMs / (r.floorChunksMs + r.floorChunksRestMs)).toFixed(2)}× chunked + companies + history floor`);
  console.log(`  main thread            readTable (on the calling thread): longest task ${r.readLongestTaskMs.toFixed(0)} ms; readTableOffThread (worker) ${r.offThreadMs.toFixed(0)} ms, longest task ${r.offThreadLongestTaskMs.toFixed(0)} ms`);
  console.log(`                         importRecords: ${r.longTasks} task(s) over 50 ms; longest ${r.longestTaskMs.toFixed(0)} ms (goal: none over 50 ms)`);
  if (r.shapes) {
    console.log(`  store designs, the same ${r.storedContacts.toLocaleString('en')} stored contacts (time · longest task):`);
    for (const [what, m] of r.shapes) console.log(`    ${s(m.ms).padStart(8)} · ${m.longestTaskMs.toFixed(0).padStart(5)} ms  ${what}`);
  }
  console.log(`  load average           ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min; the machine is shared)`);
}
