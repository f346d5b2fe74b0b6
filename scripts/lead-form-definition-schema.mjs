// Writes docs/lead-form-definition.schema.json, the JSON Schema of a lead form
// definition, generated from core's zod schema (leadFormDefinitionJsonSchema).
// `--check` only compares (the Node test in core does the same).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { root } from './dev-plugins.mjs';

const out = path.join(root, 'docs/lead-form-definition.schema.json');
const result = await build({
  entryPoints: [path.join(root, 'packages/core/src/schemas/lead-form-definition-json-schema.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const mod = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
const json = `${JSON.stringify(mod.leadFormDefinitionJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const same = existsSync(out) && readFileSync(out, 'utf8') === json;
  console.log(same ? 'docs/lead-form-definition.schema.json is up to date' : 'docs/lead-form-definition.schema.json is stale: run node scripts/lead-form-definition-schema.mjs');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, json);
console.log(`wrote ${path.relative(root, out)} (${json.length} bytes)`);
