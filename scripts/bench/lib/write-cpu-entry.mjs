// Bundled and run by scripts/bench/write-cpu.mjs (one source tree per bundle): CPU per write
// (create + move) of the team server in-process, through its fetch handler — routing, auth,
// JSON, core, store, driver; no sockets — against PostgreSQL, and the CPU of the database's
// backends over the same writes (from /proc, so PostgreSQL must run on this machine).
// Arguments: database URL, label, writes, concurrency.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createServer, postgresStore } from '@crmkit/server';

const [url, label, writes = '2000', concurrency = '20'] = process.argv.slice(2);
const N = Number(writes);
const C = Number(concurrency);

/** CPU milliseconds a process has used so far (0 when it is gone). */
function procCpu(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

const server = await createServer({ store: postgresStore(url), intake: false });
const { token } = await server.accounts.add({ id: 'bench', role: 'head' });
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const call = async (path, body) => {
  const r = await server.fetch(new globalThis.Request(`http://bench${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};
const run = async (n) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next++ < n) {
        const deal = await call('/api/v1/deals', { title: 'Bench', amount: 100 });
        await call(`/api/v1/deals/${deal.id}/move`, { stageId: 'qualified' });
      }
    }),
  );
};
await run(300); // unmeasured: JIT, prepared statements, the token cache
const admin = postgres(url, { max: 1, onnotice: () => undefined });
const backends = (await admin.unsafe('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).map((r) => Number(r.pid));
const pg0 = backends.reduce((n, pid) => n + procCpu(pid), 0);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await run(N);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const pg = backends.reduce((n, pid) => n + procCpu(pid), 0) - pg0;
console.log(`${label.padEnd(12)} ${N} writes in ${(wall / 1000).toFixed(1)} s   CPU per write: server ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms, PostgreSQL ${(pg / N).toFixed(2)} ms`);
await admin.end();
await server.close(1000);
