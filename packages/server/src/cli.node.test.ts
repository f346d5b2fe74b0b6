import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabase, TEST_DATABASE_URL } from './testing/databases.js';
import { openFeed } from './testing/harness.js';
import type { SuiteApi } from './testing/server-suite.js';

const { describe, it, before, after } = (await import('node:test')) as unknown as SuiteApi;

// node scripts/node-tests.mjs runs from the repository root.
const root = process.cwd();
const bin = path.join(root, 'packages/server/dist/crmkit-server.mjs');

function equal(actual: unknown, expected: unknown, message: string): void {
  const [a, b] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== b) throw new Error(`${message}: expected ${b}, got ${a}`);
}

/** Runs a one-shot command of the built bin. */
function run(args: string[], env: Record<string, string> = {}, cwd = root): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the server; resolves with the process and its URL once it listens. */
function start(args: string[], env: Record<string, string> = {}, cwd = root): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, exited });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`crmkit-server exited (${code}) before listening:\n${out}`)));
  });
}

const tokenOf = (stdout: string) => /^(crm_\S+)$/m.exec(stdout)?.[1] ?? '';

describe('crmkit-server command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'crmkit-cli-'));
  before(async () => {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-server.mjs')], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  });
  after(async () => rmSync(dir, { recursive: true, force: true }));

  it('adds a user (token shown once), serves PGlite data, drains on SIGTERM and keeps the data over a restart', async () => {
    const data = path.join(dir, 'data');
    const added = run(['users', 'add', 'ann', '--name', 'Ann', '--role', 'manager', '--data', data]);
    equal(added.status, 0, `users add: ${added.stderr}`);
    const token = tokenOf(added.stdout);
    equal(/^crm_[\w-]+\.[\w-]+$/.test(token), true, 'a token line');
    equal(run(['users', 'list', '--data', data]).stdout.includes(token), false, 'the token is never shown again');
    equal(run(['users', 'add', 'x', '--role', 'boss', '--data', data]).status, 2, 'a bad role is refused');

    writeFileSync(path.join(dir, 'crm.config.js'), "export const config = { locale: 'ru', currency: 'RUB' };\nexport const server = { intake: false };\n");
    const first = await start(['--data', data, '--port', '0', '--config', 'crm.config.js'], {}, dir);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const created = (await (await fetch(`${first.url}/api/v1/deals`, { method: 'POST', headers: auth, body: JSON.stringify({ title: 'Kept', amount: 5 }) })).json()) as { id: string; currency: string };
    equal(created.currency, 'RUB', 'the config module’s options are used');
    const refused = (await (await fetch(`${first.url}/api/v1/deals`, { method: 'POST', headers: auth, body: '{}' })).json()) as { error: { title: string } };
    equal(/[а-я]/i.test(refused.error.title), true, `errors in the configured locale: ${refused.error.title}`);
    equal((await fetch(`${first.url}/api/v1/intake`, { method: 'POST', body: '{}' })).status, 401, 'the config module’s server options are used (public intake off)');
    first.child.kill('SIGTERM');
    equal(await first.exited, 0, 'a clean exit on SIGTERM');

    const second = await start(['--port', '0'], { CRMKIT_DATA: data });
    try {
      const again = (await (await fetch(`${second.url}/api/v1/deals/${created.id}`, { headers: auth })).json()) as { title: string };
      equal(again.title, 'Kept', 'the deal survived the restart');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('two processes on one PostgreSQL see each other’s writes (DATABASE_URL)', async () => {
    if (!TEST_DATABASE_URL) {
      console.warn('crmkit-server on PostgreSQL SKIPPED (CRMKIT_TEST_DATABASE_URL unset)');
      return;
    }
    const env = { DATABASE_URL: await freshDatabase('cli') };
    const token = tokenOf(run(['users', 'add', 'boss', '--role', 'head'], env).stdout);
    const [a, b] = [await start(['--port', '0'], env), await start(['--port', '0'], env)];
    try {
      const feed = await openFeed(b.url, token);
      await feed.next((e) => e.event === 'ready');
      const created = (await (await fetch(`${a.url}/api/v1/contacts`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Shared' }) })).json()) as { id: string };
      await feed.next((e) => e.event === 'change' && e.data.id === created.id);
      feed.close();
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      equal([await a.exited, await b.exited], [0, 0], 'both drain and exit');
    }
  });
});
