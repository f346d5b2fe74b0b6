import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CrmOptions, Role } from '@crmkit/core';
import { Accounts } from './auth/accounts.js';
import { createServer, type ServerOptions } from './server.js';
import { pgliteStore } from './store/pglite-store.js';
import { postgresStore } from './store/postgres-store.js';
import type { SqlStore } from './store/sql-store.js';

const USAGE = `Usage:
  crmkit-server [--data DIR] [--port 8787] [--host 127.0.0.1] [--config crm.config.js]
  crmkit-server users add ID [--name NAME] [--role manager|head|admin]   prints the user's API token (shown once)
  crmkit-server users list
  crmkit-server users remove ID

Data: PostgreSQL when DATABASE_URL is set, else PGlite in --data (default ./crmkit-data).
Environment: PORT, HOST, CRMKIT_DATA, DATABASE_URL.`;

/** What the CLI needs from its surroundings (tests pass their own). */
export interface CliIo {
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /** Working directory. */
  cwd: string;
  /** Prints a line for the user. */
  out(line: string): void;
  /** Prints an error line. */
  err(line: string): void;
}

/**
 * Runs `crmkit-server` with `argv` (without node and the script). Resolves
 * to the exit code for one-shot commands; for the server itself, resolves
 * once it listens and keeps running until SIGTERM/SIGINT.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`crmkit-server: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const databaseUrl = io.env['DATABASE_URL'];
  const dataDir = path.resolve(io.cwd, values.data ?? io.env['CRMKIT_DATA'] ?? 'crmkit-data');
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;

  if (positionals[0] === 'users') {
    const [, action, id] = positionals;
    if (!['add', 'list', 'remove'].includes(action ?? '') || (action !== 'list' && !id)) {
      io.err(`crmkit-server: say "users add ID", "users list" or "users remove ID"\n${USAGE}`);
      return 2;
    }
    if (action === 'add' && values.role !== undefined && !['manager', 'head', 'admin'].includes(values.role)) {
      io.err(`crmkit-server: --role is one of manager, head, admin (got "${values.role}")`);
      return 2;
    }
    const release = databaseUrl ? () => undefined : lockDataDir(dataDir, 'users');
    if (!release) {
      io.err(`crmkit-server: a server is running on ${dataDir}; PGlite allows one process per folder — stop it first (or use PostgreSQL)`);
      return 1;
    }
    const store = openStore(databaseUrl, dataDir);
    try {
      const accounts = new Accounts(store);
      if (action === 'add') {
        const { account, token } = await accounts.add({ id: id!, ...(values.name ? { name: values.name } : {}), role: (values.role ?? 'manager') as Role });
        io.out(`Added ${account.name} (${account.id}, ${account.role}). API token — shown once, keep it safe:`);
        io.out(token);
      } else if (action === 'list') {
        for (const a of await accounts.list()) io.out(`${a.id}\t${a.role}\t${a.name}`);
      } else {
        if (!(await accounts.remove(id!))) {
          io.err(`crmkit-server: no user "${id}"`);
          return 1;
        }
        io.out(`Removed ${id}; their token and sessions no longer work (their records stay).`);
      }
      return 0;
    } catch (error) {
      io.err(`crmkit-server: ${(error as Error).message}`);
      return 1;
    } finally {
      await store.close();
      release();
    }
  }
  if (positionals.length > 0) {
    io.err(`crmkit-server: unknown command "${positionals.join(' ')}"\n${USAGE}`);
    return 2;
  }

  const port = Number(values.port ?? io.env['PORT'] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`crmkit-server: --port must be a port number, got "${values.port ?? io.env['PORT']}"`);
    return 2;
  }
  let config: Omit<CrmOptions, 'store'> = {};
  let serverOptions: Omit<ServerOptions, 'store' | 'crm'> = {};
  if (values.config) {
    const file = path.resolve(io.cwd, values.config);
    const module = (await import(pathToFileURL(file).href)) as { config?: CrmOptions; default?: CrmOptions; server?: Omit<ServerOptions, 'store' | 'crm'> };
    config = module.config ?? module.default ?? {};
    serverOptions = module.server ?? {};
    if (typeof config !== 'object') {
      io.err(`crmkit-server: ${values.config} must export the createCrm options as "config" or as its default export`);
      return 2;
    }
  }
  const release = databaseUrl ? () => undefined : lockDataDir(dataDir, 'server');
  if (!release) {
    io.err(`crmkit-server: another crmkit-server already uses ${dataDir} (PGlite allows one process per folder; for several use PostgreSQL)`);
    return 1;
  }
  const server = await createServer({ ...serverOptions, store: openStore(databaseUrl, dataDir), crm: config });
  const url = await server.listen(port, values.host ?? io.env['HOST'] ?? '127.0.0.1');
  io.out(`crmkit-server listening on ${url} — data: ${where}`);
  if ((await server.accounts.list()).length === 0) io.out('No users yet: add one with "crmkit-server users add ann --name Ann --role manager" (stop the server first when on PGlite).');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.out(`crmkit-server: ${signal}, finishing running requests…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void server
      .close(10_000)
      .then(() => {
        release();
        process.exit(0);
      })
      .catch(() => process.exit(1));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return 0;
}

function openStore(databaseUrl: string | undefined, dataDir: string): SqlStore {
  if (databaseUrl) return postgresStore(databaseUrl);
  mkdirSync(dataDir, { recursive: true });
  return pgliteStore(dataDir);
}

/** Takes the folder's lock file for this process; `undefined` when a live process holds it. */
function lockDataDir(dataDir: string, purpose: string): (() => void) | undefined {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '.crmkit-server.lock');
  try {
    const holder = Number(readFileSync(file, 'utf8').split(' ')[0]);
    if (holder && holder !== process.pid) {
      try {
        process.kill(holder, 0);
        return undefined;
      } catch {
        // the holder is gone: a stale lock
      }
    }
  } catch {
    // no lock yet
  }
  writeFileSync(file, `${process.pid} ${purpose}\n`);
  return () => rmSync(file, { force: true });
}
