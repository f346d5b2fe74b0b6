// Move benchmark: 1,000 deals moved through crmkit on IndexedDB (headless
// Chromium), side by side with a raw Dexie baseline in the same page.
// `npm run bench move`. Prints figures only; never fails on time.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import puppeteer from 'puppeteer-core';
import { root } from '../dev-plugins.mjs';
import { printMoveBench } from './lib/move-bench-body.mjs';

// Always rebuild: a stale bundle would measure old code.
const build = spawnSync('npx', ['rollup', '-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const files = {
  '/core.js': path.join(root, 'packages/core/dist/core.js'),
  '/dexie.mjs': path.join(root, 'node_modules/dexie/dist/modern/dexie.mjs'),
  '/body.mjs': path.join(root, 'scripts/bench/lib/move-bench-body.mjs'),
};
const server = createServer((req, res) => {
  const url = (req.url ?? '').split('?')[0];
  const file = files[url] ?? (url.startsWith('/chunks/') ? path.join(root, 'packages/core/dist', path.normalize(url).replace(/^(\.\.[/\\])+/, '')) : undefined);
  if (!file) {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(async () => {
    const core = await import('/core.js');
    const { default: Dexie } = await import('/dexie.mjs');
    const { runMoveBench } = await import('/body.mjs');
    return runMoveBench(core, Dexie);
  });
  printMoveBench(result);
} finally {
  await browser.close();
  server.close();
}
