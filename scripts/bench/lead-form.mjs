// Lead form benchmark: the size of the built <crm-lead-form> (initial module
// and each chunk it loads after first render, gzip and brotli) and its time to
// first render in headless Chromium from a page that embeds it with one script
// tag: median of 10 cold loads (fresh browser context each) at 1× and 4× CPU
// slowdown; beside them, in the same run, the official @typeform/embed loader
// (build/embed.js, a dev dependency used only here). Prints figures only; never fails on time (the size budget lives in
// scripts/size-budget.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { root } from '../dev-plugins.mjs';

const distDir = path.join(root, 'packages/widgets/dist');
const entry = path.join(distDir, 'lead-form.js');
if (!existsSync(entry)) spawnSync('npx', ['rollup', '-c', 'rollup.config.mjs'], { cwd: root, stdio: 'inherit' });
if (!existsSync(entry)) {
  console.log('lead form: dist/lead-form.js is missing and the build failed; nothing measured');
  process.exit(1);
}

// ── sizes: the entry, then every chunk reachable from it by import()/import ──
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
function sizes(file) {
  const buf = readFileSync(file);
  return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length, br: brotliCompressSync(buf).length };
}
const seen = new Map();
function walk(file, lazy) {
  if (seen.has(file)) return;
  const code = readFileSync(file, 'utf8');
  seen.set(file, { ...sizes(file), lazy });
  for (const m of code.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)) walk(path.resolve(path.dirname(file), m[1]), true);
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.[^"']+)["']/g)) walk(path.resolve(path.dirname(file), m[1]), lazy);
}
walk(entry, false);
console.log('lead form size (minified; gzip -9 / brotli):');
let lazyGz = 0;
let lazyBr = 0;
// The form-definition chunk loads only on a page that sets `definition` (self-contained: it shares nothing with the submit chunk).
const isDefinition = (file) => path.basename(file) === 'lead-form-definition.js';
for (const [file, s] of seen) {
  const name = path.relative(root, file);
  if (s.lazy && !isDefinition(file)) {
    lazyGz += s.gz;
    lazyBr += s.br;
  }
  console.log(`  ${s.lazy ? 'lazy   ' : 'initial'} ${name}: ${kb(s.gz)} gzip, ${kb(s.br)} brotli (${kb(s.raw)} raw)`);
}
const initial = seen.get(entry);
for (const [file, s] of seen) if (isDefinition(file)) console.log(`  form definitions chunk (${path.relative(root, file)}), fetched only when \`definition\` is set: ${kb(s.gz)} gzip, ${kb(s.br)} brotli`);
console.log(`  initial module: ${kb(initial.gz)} gzip, ${kb(initial.br)} brotli, of the 14 KB gzip budget (${kb(14 * 1024 - initial.gz)} under); fetched at idle after first render: ${kb(lazyGz)} gzip, ${kb(lazyBr)} brotli`);

// ── baseline, same run: the official Typeform embed loader (a dev dependency used only here) ──
const typeformPkg = path.join(root, 'node_modules/@typeform/embed');
const typeformLoader = path.join(typeformPkg, 'build/embed.js');
if (existsSync(typeformLoader)) {
  const { version } = JSON.parse(readFileSync(path.join(typeformPkg, 'package.json'), 'utf8'));
  const t = sizes(typeformLoader);
  console.log(`  baseline @typeform/embed ${version} build/embed.js (its loader only; the form itself then loads in an iframe from Typeform's servers): ${kb(t.gz)} gzip, ${kb(t.br)} brotli (${kb(t.raw)} raw)`);
  console.log(`  lead form initial module vs Typeform loader: ${kb(initial.gz - t.gz)} gzip, ${kb(initial.br - t.br)} brotli (negative = smaller)`);
} else {
  console.log('  baseline @typeform/embed: not installed (npm install adds it as a dev dependency); not measured');
}

// ── time to first render, from one <script type="module"> on a static page ──
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lead form bench</title>
<script type="module" src="/lead-form.js"></script></head>
<body><crm-lead-form endpoint="/api/leads" fields="name,phone,email,message" consent="https://example.com/privacy"></crm-lead-form>
<script type="module">
  await customElements.whenDefined('crm-lead-form');
  const form = document.querySelector('crm-lead-form');
  await form.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  window.rendered = performance.now();
</script></body></html>`;
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end(page);
  }
  const file = path.join(distDir, path.normalize(url.pathname));
  if (!file.startsWith(distDir) || !existsSync(file)) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { 'content-type': 'text/javascript' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
});
try {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Cold loads: each in a fresh browser context (empty cache), at 1× and 4× CPU slowdown (a mid-range phone).
  for (const rate of [1, 4]) {
    const runs = [];
    let requested = [];
    for (let i = 0; i < 10; i++) {
      const ctx = await browser.createBrowserContext();
      const tab = await ctx.newPage();
      await tab.emulateCPUThrottling(rate);
      requested = [];
      tab.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await tab.goto(base, { waitUntil: 'load' });
      await tab.waitForFunction('window.rendered !== undefined');
      runs.push(await tab.evaluate(`({ rendered: window.rendered, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN })`));
      if (i === 9) {
        // Nobody touches the form: the submit chunk still arrives (idle prefetch, 2 s at the latest).
        await new Promise((r) => setTimeout(r, 2500));
        console.log(`  ${rate}× CPU, requests without any interaction: ${[...new Set(requested)].join(', ')}`);
      }
      await ctx.close();
    }
    console.log(`lead form time to first render at ${rate}× CPU (median of ${runs.length} cold loads, local server, from navigation start): ${median(runs.map((r) => r.rendered)).toFixed(1)} ms; first contentful paint ${median(runs.map((r) => r.fcp)).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  server.close();
}
