// Core SDK benchmark: create 10,000 deals (memory store in Node, IndexedDB in
// headless Chromium), list one stage, move 1,000 deals. Prints figures only.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { root } from '../dev-plugins.mjs';
import { printCoreBench, runCoreBench } from './lib/core-bench-body.mjs';

const dist = path.join(root, 'packages/core/dist/core.js');
if (!existsSync(dist)) spawnSync('npx', ['rollup', '-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });

const core = await import(dist);
printCoreBench('memory (Node)', await runCoreBench(core, () => core.memoryStore()));

// IndexedDB needs a browser: serve the built core and the bench body, run them in Chromium.
const files = { '/core.js': dist, '/body.mjs': path.join(root, 'scripts/bench/lib/core-bench-body.mjs') };
const server = createServer((req, res) => {
  const file = files[req.url ?? ''];
  if (!file) {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  const result = await page.evaluate(async () => {
    const core = await import('/core.js');
    const { runCoreBench } = await import('/body.mjs');
    return runCoreBench(core, () => core.dexieStore(`bench-${Date.now()}`));
  });
  printCoreBench('IndexedDB (Chromium)', result);
} finally {
  await browser.close();
  server.close();
}
