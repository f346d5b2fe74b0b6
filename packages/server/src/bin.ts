import { runCli } from './cli.js';

// The `crmkit-server` command (built into dist/crmkit-server.mjs by scripts/build-server.mjs).
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
if (code !== 0) process.exit(code);
