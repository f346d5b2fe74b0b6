// Team server benchmark (`npm run bench server`): the built crmkit-server on PGlite and on
// PostgreSQL, one and two processes, loaded by autocannon over loopback at 50 connections
// for a bounded time. Reads: list one stage (a page of 50). Writes: create a deal, then move
// it (each request counts as one write). Baseline in the same run: a bare Node HTTP server
// answering a small fixed JSON (the ceiling of HTTP + autocannon on this machine), and
// PostgreSQL through the driver alone: the list's SELECT and a one-row write transaction.
// Each load runs 1 s unmeasured first (connections, prepared statements, the token cache),
// then SECONDS measured; next to each figure: the CPU the server process(es) used (% of one
// core, summed over processes), the CPU of this process (autocannon) and, when it runs on this
// machine, of PostgreSQL — on a 2-core machine the three share the same two cores.
// After the closed loop, on PostgreSQL: the same reads and writes rate-bounded at the goal's
// rates (READ_RATE reads/s, WRITE_RATE writes/s, same 50 connections), printing the achieved
// rate, whether the target was reached, and p50/p99/max at that rate (see `paced`).
// PostgreSQL: CRMKIT_BENCH_DATABASE_URL / CRMKIT_TEST_DATABASE_URL, else a throw-away cluster
// is started when Debian's binaries are there (as root, like .ci/run). BENCH_STORES (default
// `pglite,postgres`) picks the stores. BENCH_SERVER_BIN runs another build of the server bin
// instead of building this one (an A/B: keep a build of the old code, e.g. copied beside
// packages/server/dist so its imports resolve, and alternate runs); BENCH_LOADS (default
// `reads,writes`) picks the loads, BENCH_RAW=0 leaves out the driver-alone rows, BENCH_CLOSED=0
// the closed loops; BENCH_READ_RATE / BENCH_WRITE_RATE change the rate-bounded targets (an A/B
// at a rate both builds sustain compares CPU per request at equal throughput). Prints figures only.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { root } from '../dev-plugins.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
/** The goal's rates on this machine: reads and writes per second the rate-bounded rows send. */
const READ_RATE = Number(process.env.BENCH_READ_RATE ?? 2000);
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 1000);
/** A rate-bounded row "reached" its target when it achieved at least this share of it. */
const REACHED = 0.97;
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',');
const LOADS = (process.env.BENCH_LOADS ?? 'reads,writes').split(',');
const bin = process.env.BENCH_SERVER_BIN ? path.resolve(process.env.BENCH_SERVER_BIN) : path.join(root, 'packages/server/dist/crmkit-server.mjs');
if (!process.env.BENCH_SERVER_BIN) spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'inherit' });
const cleanups = [];
const rows = [];
/** The rate-bounded rows, printed in a table of their own. */
const rates = [];
/** The postmaster of the PostgreSQL benchmarked when it runs on this machine (its backends' CPU is reported). */
let postmasterPid;

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the postmaster's backends (those still running; ours are, during a load). */
function postgresCpuSeconds() {
  if (!postmasterPid) return undefined;
  let total = cpuSeconds(postmasterPid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(postmasterPid)) total += cpuSeconds(entry);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** Runs `work` and returns its result with the CPU shares (% of one core) of the server pids, this process and PostgreSQL. */
async function withCpu(pids, work) {
  const before = { servers: pids.map(cpuSeconds), self: process.cpuUsage(), pg: postgresCpuSeconds(), at: performance.now() };
  const result = await work();
  const wall = (performance.now() - before.at) / 1000;
  const self = process.cpuUsage(before.self);
  const pg = postgresCpuSeconds();
  return {
    ...result,
    cpu: {
      server: pids.length ? (100 * pids.reduce((n, pid, i) => n + cpuSeconds(pid) - before.servers[i], 0)) / wall : undefined,
      client: (100 * (self.user + self.system)) / 1e6 / wall,
      postgres: pg === undefined ? undefined : (100 * (pg - before.pg)) / wall,
    },
  };
}

function cli(args, env) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`crmkit-server ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function startServer(env) {
  const child = spawn(process.execPath, [bin, '--port', '0'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1], pid: child.pid, stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

function load(url, options) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs the same load against each URL at once (connections split), and sums the rates; 1 s of it unmeasured first. */
async function loadAll(urls, makeOptions, pids = []) {
  await Promise.all(urls.map((url) => load(url, { ...makeOptions(url), connections: Math.ceil(CONNECTIONS / urls.length), duration: 1 })));
  return withCpu(pids, () => loadOnce(urls, makeOptions));
}

/**
 * The load at a fixed target rate, open loop as far as autocannon allows: CONNECTIONS
 * connections (split over the URLs), each allowed target ÷ CONNECTIONS requests a second.
 * autocannon's limiter gives a connection its whole share at the start of each second (sent
 * back to back), and all connections of one run start their seconds together — at 1,000/s
 * that is 50 requests at once, then 50 more as each answers, until the share is used: a
 * burst at saturation, then idle, i.e. the closed loop again. So each connection is its own
 * autocannon run, their starts spread evenly over the first second: the target's requests
 * arrive spread over each second. Latency is what autocannon measures, from the moment a
 * request is written to the socket: a request waiting for its connection (the previous one
 * still unanswered) is not timed while it waits. A server slower than the target therefore
 * shows as an achieved rate below the target (printed, with `reached`), not only as latency.
 * The raw response times are kept (autocannon's coordinated-omission correction assumes 1 ms
 * between requests at any rate, so its histogram is not used).
 */
async function paced(urls, makeOptions, target, pids) {
  return withCpu(pids, async () => {
    const latencies = [];
    let errors = 0;
    const runs = Array.from({ length: CONNECTIONS }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, (i * 1000) / CONNECTIONS)).then(() => {
        const url = urls[i % urls.length];
        const rate = Math.floor(target / CONNECTIONS) + (i < target % CONNECTIONS ? 1 : 0);
        return new Promise((resolve, reject) => {
          const run = autocannon({ url, ...makeOptions(url), connections: 1, connectionRate: rate, duration: SECONDS, ignoreCoordinatedOmission: true }, (error, result) => {
            if (error) reject(error);
            else resolve((errors += result.errors + result.non2xx));
          });
          run.on('response', (_client, status, _bytes, ms) => {
            if (status < 400) latencies.push(ms);
          });
        });
      }),
    );
    await Promise.all(runs);
    latencies.sort((a, b) => a - b);
    const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    const perSecond = latencies.length / SECONDS;
    return { perSecond, target, reached: perSecond >= REACHED * target, p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0), errors };
  });
}

async function loadOnce(urls, makeOptions) {
  const results = await Promise.all(urls.map((url) => load(url, { ...makeOptions(url), connections: Math.ceil(CONNECTIONS / urls.length) })));
  return {
    perSecond: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.non2xx, 0),
  };
}

async function scenario(label, env, processes, { rateBounded = false } = {}) {
  const token = /^(crm_\S+)$/m.exec(cli(['users', 'add', 'bench', '--role', 'head'], env))[1];
  const servers = [];
  for (let i = 0; i < processes; i++) servers.push(await startServer(env));
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    // Seed: 1,000 deals, a fifth of them moved to "qualified" (the stage the reads list).
    for (let i = 0; i < 1000; i++) {
      const r = await fetch(`${servers[0].url}/api/v1/deals`, { method: 'POST', headers, body: JSON.stringify({ title: `Seed ${i}`, amount: i }) });
      const deal = await r.json();
      if (i % 5 === 0) await fetch(`${servers[0].url}/api/v1/deals/${deal.id}/move`, { method: 'POST', headers, body: JSON.stringify({ stageId: 'qualified' }) });
    }
    const urls = servers.map((s) => s.url);
    const pids = servers.map((s) => s.pid);
    const what = `${label}, ${processes} process${processes > 1 ? 'es' : ''}`;
    const readLoad = () => ({ headers, requests: [{ method: 'GET', path: '/api/v1/deals?stageId=qualified&limit=50' }] });
    const writeLoad = () => ({
      headers,
      requests: [
        { method: 'POST', path: '/api/v1/deals', body: JSON.stringify({ title: 'Bench', amount: 100 }), onResponse: (status, body, context) => (context.id = status === 201 ? JSON.parse(body).id : undefined) },
        { method: 'POST', body: JSON.stringify({ stageId: 'qualified' }), setupRequest: (req, context) => ({ ...req, path: `/api/v1/deals/${context.id}/move` }) },
      ],
    });
    const closed = process.env.BENCH_CLOSED !== '0';
    if (closed && LOADS.includes('reads')) rows.push({ what: `${what}: reads (list one stage)`, ...(await loadAll(urls, readLoad, pids)) });
    if (closed && LOADS.includes('writes')) rows.push({ what: `${what}: writes (create + move)`, ...(await loadAll(urls, writeLoad, pids)) });
    if (rateBounded && LOADS.includes('reads')) rates.push({ what: `${what}: reads (list one stage)`, ...(await paced(urls, readLoad, READ_RATE, pids)) });
    if (rateBounded && LOADS.includes('writes')) rates.push({ what: `${what}: writes (create + move)`, ...(await paced(urls, writeLoad, WRITE_RATE, pids)) });
  } finally {
    for (const s of servers) await s.stop();
  }
}

/** 50 workers in a closed loop for SECONDS, each awaiting `call` again and again: the driver alone, no HTTP, no crmkit. */
function driverLoad(call) {
  return withCpu([], () => driverLoadOnce(call));
}

async function driverLoadOnce(call) {
  const latencies = [];
  const until = Date.now() + SECONDS * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = 0; Date.now() < until; i++) {
        const t0 = performance.now();
        try {
          await call(worker, i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { perSecond: latencies.length / SECONDS, p50: at(0.5), p99: at(0.99), errors };
}

/** The same list SELECT and a one-row write transaction through the `postgres` driver alone (pool of 10, like the server). */
async function rawPostgres(url) {
  const sql = postgres(url, { max: 10, onnotice: () => undefined });
  try {
    const list = `SELECT data::text AS data FROM crm_deals WHERE data -> 'stageId' = $1::text::jsonb ORDER BY (data ->> 'createdAt') COLLATE "C" DESC, id DESC LIMIT 51`;
    rows.push({ what: 'PostgreSQL raw: the list SELECT via the driver', ...(await driverLoad(() => sql.unsafe(list, ['"qualified"'], { prepare: true }))) });
    await sql.unsafe('CREATE TABLE IF NOT EXISTS bench_raw (id text PRIMARY KEY, data jsonb NOT NULL)');
    const body = JSON.stringify({ title: 'Bench', amount: 100, stageId: 'new', createdAt: new Date().toISOString() });
    rows.push({
      what: 'PostgreSQL raw: BEGIN, upsert one row, COMMIT',
      ...(await driverLoad((w, i) => sql.begin((tx) => tx.unsafe('INSERT INTO bench_raw (id, data) VALUES ($1, $2::text::jsonb) ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data', [`${w}-${i}`, body], { prepare: true })))),
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function postgresUrl() {
  const given = process.env.CRMKIT_BENCH_DATABASE_URL ?? process.env.CRMKIT_TEST_DATABASE_URL;
  if (given) return given;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  if (!versions.length || process.getuid?.() !== 0) return undefined;
  const pgBin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
  const dir = mkdtempSync(path.join(tmpdir(), 'crmkit-bench-pg-'));
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  chownSync(dir, uid, uid);
  const as = (cmd, args) => spawnSync('runuser', ['-u', 'postgres', '--', `${pgBin}/${cmd}`, ...args], { encoding: 'utf8' });
  as('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres']);
  for (const port of [55442, 55443, 55444]) {
    if (as('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']).status === 0) {
      postmasterPid = Number(readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]);
      cleanups.push(() => (as('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']), rmSync(dir, { recursive: true, force: true })));
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    }
  }
  return undefined;
}

/** The postmaster's pid when PostgreSQL runs on this machine: the parent of our backend (undefined for a remote one). */
async function localPostmaster(url) {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [{ pid }] = await sql.unsafe('SELECT pg_backend_pid() AS pid');
    const [, rest] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
    return /^postgres/.test(readFileSync(`/proc/${rest.split(' ')[1]}/comm`, 'utf8')) ? Number(rest.split(' ')[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function freshDatabase(url, name) {
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const loadBefore = (await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ');
try {
  const baseline = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"nextCursor":null}'));
  await new Promise((r) => baseline.listen(0, '127.0.0.1', r));
  rows.push({ what: 'baseline: bare node:http, fixed JSON', ...(await loadAll([`http://127.0.0.1:${baseline.address().port}/`], () => ({}))) });
  baseline.close();

  if (STORES.includes('pglite')) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'crmkit-bench-pglite-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await scenario('PGlite', { CRMKIT_DATA: dataDir, DATABASE_URL: '' }, 1);
    rows.push({ what: 'PGlite, 2 processes: not possible (one process per data folder; use PostgreSQL to scale out)' });
  }

  const url = STORES.includes('postgres') ? await postgresUrl() : undefined;
  if (url) {
    postmasterPid ??= await localPostmaster(url);
    const first = await freshDatabase(url, 'crmkit_bench_1');
    await scenario('PostgreSQL', { DATABASE_URL: first }, 1, { rateBounded: true });
    if (process.env.BENCH_RAW !== '0') await rawPostgres(first);
    await scenario('PostgreSQL', { DATABASE_URL: await freshDatabase(url, 'crmkit_bench_2') }, 2, { rateBounded: true });
  } else if (STORES.includes('postgres')) {
    rows.push({ what: 'PostgreSQL: skipped (set CRMKIT_BENCH_DATABASE_URL, or run as root with Debian postgresql installed)' });
  }
} finally {
  for (const cleanup of cleanups.reverse()) cleanup();
}

const loadAfter = (await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ');
const share = (n) => (n === undefined ? '    –' : `${n.toFixed(0).padStart(4)}%`);
/** CPU milliseconds per request, server + client + PostgreSQL (what one request costs the machine). */
/** …and its server and PostgreSQL parts (the figures an A/B of two builds compares: they depend least on the machine's load). */
const perRequest = (r) => {
  if (r.cpu?.server === undefined || r.cpu.postgres === undefined || !r.perSecond) return '     –';
  const ms = (share) => ((10 * share) / r.perSecond).toFixed(2);
  return `${ms(r.cpu.server + r.cpu.client + r.cpu.postgres).padStart(6)} (server ${ms(r.cpu.server)}, postgres ${ms(r.cpu.postgres)})`;
};
console.log(`\nteam server${process.env.BENCH_SERVER_BIN ? ` (${path.basename(bin)})` : ''}, autocannon, ${CONNECTIONS} connections, ${SECONDS} s each after 1 s warm-up, loopback, ${(await import('node:os')).cpus().length} cores (load average before: ${loadBefore}; after: ${loadAfter})`);
console.log(`  ${''.padEnd(58)} ${'req/s'.padStart(6)}   ${'p50'.padStart(7)}   ${'p99'.padStart(7)}   CPU: server  client  postgres (% of one core)   CPU ms/req`);
for (const r of rows) {
  if (r.perSecond === undefined) console.log(`  ${r.what}`);
  else console.log(`  ${r.what.padEnd(58)} ${r.perSecond.toFixed(0).padStart(6)}   ${String(r.p50).padStart(4)} ms   ${String(r.p99).padStart(4)} ms          ${share(r.cpu?.server)}   ${share(r.cpu?.client)}     ${share(r.cpu?.postgres)}   ${perRequest(r)}${r.errors ? `   errors ${r.errors}` : ''}`);
}
if (rates.length) {
  console.log(`\nrate-bounded at the goal's rates (${READ_RATE} reads/s, ${WRITE_RATE} writes/s), same ${CONNECTIONS} connections, each its own autocannon run, starts spread over 1 s; ${SECONDS} s; latency from when a request is sent`);
  console.log(`  ${''.padEnd(58)} ${'target'.padStart(6)}  ${'req/s'.padStart(6)}  reached   ${'p50'.padStart(7)}   ${'p99'.padStart(7)}   ${'max'.padStart(7)}   CPU: server  client  postgres   CPU ms/req`);
  for (const r of rates) {
    console.log(`  ${r.what.padEnd(58)} ${String(r.target).padStart(6)}  ${r.perSecond.toFixed(0).padStart(6)}  ${(r.reached ? 'yes' : 'no').padEnd(7)}   ${String(r.p50).padStart(4)} ms   ${String(r.p99).padStart(4)} ms   ${String(r.max).padStart(4)} ms          ${share(r.cpu?.server)}   ${share(r.cpu?.client)}     ${share(r.cpu?.postgres)}   ${perRequest(r)}${r.errors ? `   errors ${r.errors}` : ''}`);
  }
}
