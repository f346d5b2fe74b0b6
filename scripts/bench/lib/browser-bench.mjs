// What the browser benchmarks share (funnel board, planner): an up-to-date
// dist/workspace.js, a page served with it, headless Chromium with CPU
// throttling, and how figures are printed. Benchmarks print; they never fail
// on time.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { root } from '../../dev-plugins.mjs';

/** The built sales workspace bundle the benchmarks load. */
export const workspaceBundle = path.join(root, 'packages/widgets/dist/workspace.js');

/** CPU throttling rates measured: this machine, and Chromium's 4× slowdown (roughly a mid-range phone). */
export const CPU_RATES = [1, 4];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/workspace.js (only that entry of rollup.config.mjs, the same
 * plugins as `npm run build`) when it is missing or older than the widget or
 * core sources, so the figures always describe the code as it is.
 */
export async function ensureWorkspaceBundle() {
  const sources = Math.max(newestSource(path.join(root, 'packages/widgets/src')), newestSource(path.join(root, 'packages/core/src')));
  if (existsSync(workspaceBundle) && statSync(workspaceBundle).mtimeMs >= sources) return workspaceBundle;
  const { default: configs } = await import(path.join(root, 'rollup.config.mjs'));
  const config = configs.find((c) => c.input && typeof c.input === 'object' && 'workspace' in c.input);
  if (!config) throw new Error('rollup.config.mjs has no workspace entry');
  process.stdout.write('building dist/workspace.js … ');
  const bundle = await rollup({ ...config, onwarn: () => {} });
  await bundle.write(config.output);
  await bundle.close();
  console.log('done');
  return workspaceBundle;
}

/**
 * Serves `html` at `/` and dist/workspace.js at `/workspace.js`, opens it in
 * headless Chromium (CHROME_PATH or Debian's chromium) and waits for
 * `window.ready`. Returns the tab, a CDP session for throttling, and `close`.
 * With `bundle`, serves that file as /workspace.js instead.
 */
export async function openBenchPage(html, { viewport = { width: 1400, height: 900 }, bundle: given } = {}) {
  // `bundle`: another build of the workspace (e.g. of the main branch) to compare with, served in its place.
  const bundle = given ?? (await ensureWorkspaceBundle());
  const server = createServer((req, res) => {
    if (req.url === '/workspace.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(bundle));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
    defaultViewport: viewport,
  });
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const tab = await browser.newPage();
    if (process.env.LOGS) tab.on('console', (m) => console.log('  page:', m.text()));
    tab.on('pageerror', (e) => console.log('page error:', e.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction('window.ready === true', { timeout: 120_000 });
    const cdp = await tab.createCDPSession();
    return { tab, cdp, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Sets Chromium's CPU throttling (1 = none). */
export async function throttle(cdp, rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * At 4× CPU, after one unrecorded warm first render (`tab.evaluate(render)`), samples `steps` calls of
 * `tab.evaluate(step, arg(i))` every 0.1 ms into one CPU profile written to `file` (open it in DevTools' Performance
 * panel); returns the profile and what each call returned.
 */
async function profileAt4x(cdp, tab, { render, step, steps, arg, file }) {
  await throttle(cdp, 4);
  await tab.evaluate(render);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const results = [];
  for (let i = 0; i < steps; i++) results.push(await tab.evaluate(step, arg(i)));
  const { profile } = await cdp.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  return { profile, results };
}

/**
 * Records `runs` warm first renders at 4× CPU (after one unrecorded) as one
 * CPU profile written to `file`, prints their times, and returns the profile
 * and the renders. `tab.evaluate(render)` runs one first render in the page.
 */
export async function profileWarmRenders(cdp, tab, render, { file, runs = 1 }) {
  const { profile, results: renders } = await profileAt4x(cdp, tab, { render, step: render, steps: runs, arg: () => undefined, file });
  console.log(` profiled ${renders.length} warm first render(s) at 4× (${renders.map((r) => ms(r.ms)).join(', ')}) → ${file}`);
  return { profile, renders };
}

/**
 * Ten moves at 4× after a warm first render, in one CPU profile written to `file` (where a move's time goes).
 * `move(n)` runs in the page and returns `{ ms }`; move `i` gets `n = i * stride`, so moves pick different cards or steps.
 */
export async function profileMoves(cdp, tab, { render, move, file, what, stride = 1 }) {
  const { results: moves } = await profileAt4x(cdp, tab, { render, step: move, steps: 10, arg: (i) => i * stride, file });
  console.log(` profiled 10 ${what} at 4× (each to the next frame: ${moves.map((m) => m.ms.toFixed(1)).join(', ')} ms) → ${file}`);
}

/** The median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A duration in milliseconds, one decimal. */
export const ms = (x) => `${x.toFixed(1)} ms`;
