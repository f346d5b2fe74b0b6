// Channels: what the plugin costs. Prints figures side by side with baselines
// measured in the same run; never fails on time.
// 1. Bytes: the browser entry of @crmkit/plugin-channels (minified, gzip), and
//    postal-mime alone; nodemailer is only in the separate Node entry (checked).
// 2. Standard Webhooks sign + verify: ours (Web Crypto) beside the official
//    standardwebhooks package (pure-JS SHA-256).
// 3. Inbound Telegram: 1,000 updates through the handler (parse, de-duplicate,
//    new lead, message on its timeline) beside 1,000 plain crm.leads.create.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { root } from '../dev-plugins.mjs';
import { Webhook } from 'standardwebhooks';

const alias = { '@crmkit/core': path.join(root, 'packages/core/src/index.ts') };
async function bundle(entry, options = {}) {
  const r = await build({ entryPoints: [entry], bundle: true, write: false, minify: true, format: 'esm', platform: 'browser', logLevel: 'silent', metafile: true, ...options });
  return { bytes: r.outputFiles[0].contents, inputs: Object.keys(r.metafile.inputs) };
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const channelsOnly = await bundle(path.join(root, 'plugins/channels/src/index.ts'), { external: ['@crmkit/core', 'msw', 'msw/*'] });
const postal = await bundle('postal-mime');
console.log(`bytes  plugin-channels browser entry (core external): ${kb(channelsOnly.bytes.length)} min, ${kb(gzipSync(channelsOnly.bytes).length)} gzip`);
console.log(`       postal-mime alone:                              ${kb(postal.bytes.length)} min, ${kb(gzipSync(postal.bytes).length)} gzip`);
console.log(`       nodemailer in the browser entry: ${channelsOnly.inputs.some((i) => i.includes('nodemailer')) ? 'YES (leak)' : 'no'}`);

const out = path.join(root, '.bench/channels-bench.mjs');
await build({ entryPoints: [path.join(root, 'scripts/bench/lib/channels-bench-body.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', alias: { ...alias, '@crmkit/plugin-channels': path.join(root, 'plugins/channels/src/index.ts') }, logLevel: 'warning' });
const body = await import(out);

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const payload = JSON.stringify({ id: 'evt_1', type: 'stage:changed', data: { record: { id: 'd1', title: 'x'.repeat(800) } } });
const N = 2000;
let t = performance.now();
for (let i = 0; i < N; i++) {
  const h = await body.signWebhook(secret, payload, { id: `msg_${i}` });
  await body.verifyWebhook(secret, payload, h);
}
const ours = performance.now() - t;
const wh = new Webhook(secret);
t = performance.now();
for (let i = 0; i < N; i++) {
  const now = new Date();
  const h = { 'webhook-id': `msg_${i}`, 'webhook-timestamp': String(Math.floor(now / 1000)), 'webhook-signature': wh.sign(`msg_${i}`, now, payload) };
  wh.verify(payload, h);
}
const theirs = performance.now() - t;
console.log(`sign+verify ${N} × ${payload.length} B: ours (Web Crypto) ${ours.toFixed(0)} ms (${((ours * 1000) / N).toFixed(0)} µs each) | standardwebhooks ${theirs.toFixed(0)} ms (${((theirs * 1000) / N).toFixed(0)} µs each)`);

const r = await body.inboundBench(1000);
console.log(`telegram 1,000 new chats through the handler: ${r.handlerMs.toFixed(0)} ms (${((r.handlerMs * 1000) / 1000).toFixed(0)} µs each) | baseline 1,000 leads.create: ${r.baselineMs.toFixed(0)} ms | repeated deliveries: ${r.duplicateMs.toFixed(0)} ms, leads stored ${r.leads}`);
