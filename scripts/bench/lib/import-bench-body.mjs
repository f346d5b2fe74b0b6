/* global PerformanceObserver, TextEncoder, Blob -- runs in the browser page */
// The import benchmark body, bundled by scripts/bench/import.mjs and run in
// headless Chromium. Returns figures; prints nothing.
import { createCrm, dexieStore, STORE_INDEXES } from '@crmkit/core';
import { readTable, readTableOffThread, suggestMapping, importRecords, undoImport } from '@crmkit/plugin-import';
import { Dexie } from 'dexie';
import { parse } from 'papaparse';
import { inferSchema, initParser } from 'udsv';

const FIRST = ['Иван', 'Ольга', 'Пётр', 'Анна', 'John', 'Mary', 'Bat-Erdene', 'Dilnoza', '伟', '娜', '强', '敏'];
const LAST = ['Петров', 'Смирнова', 'Иванов', 'Smith', 'Brown', 'Ganbold', 'Karimova', '张', '王', '李', '刘'];

/** A CSV of `n` contacts: names in Cyrillic, CJK and Latin, phones, emails, companies (one per ten people). */
export function makeCsv(n) {
  const lines = ['Имя,Фамилия,Телефон,Email,Компания,Город'];
  for (let i = 0; i < n; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    const phone = `+7 9${String(10 + (i % 89)).padStart(2, '0')} ${String(1000000 + i).slice(-7, -4)}-${String(i).padStart(4, '0').slice(-4, -2)}-${String(i).slice(-2).padStart(2, '0')}`;
    lines.push(`${first},${last},${phone},user${i}@example.com,"Компания ${i % (n / 10)}, ООО",${i % 2 ? 'Москва' : '北京'}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** Runs `fn` and reports its time and the longest main-thread task while it ran. */
async function measured(fn) {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  return { ms, value, longTasks: tasks.length, longestTaskMs: tasks.length ? Math.max(...tasks) : 0 };
}

/**
 * Only a dry run of the import (BENCH_DRY=1): read off the main thread, then every row checked and matched, nothing
 * written — the CPU the page spends checking rows, without the store's writes.
 */
export async function runDryImportBench({ rows = 10_000, batchSize } = {}) {
  const bytes = new TextEncoder().encode(makeCsv(rows));
  const crm = await createCrm({ store: dexieStore(`bench-import-dry-${Date.now()}`), automationIntervalMs: false, phoneCountry: 'RU' });
  const off = await measured(() => readTableOffThread(new Blob([bytes]), { fileName: 'contacts.csv' }));
  const options = { entity: 'contact', mapping: suggestMapping(off.value.headers, { entity: 'contact' }), dryRun: true, ...(batchSize ? { batchSize } : {}) };
  const dry = await measured(() => importRecords(crm, off.value, options));
  // The wizard checks the same rows twice: the preview's dry run, then the import. The second check, timed alone.
  const again = await measured(() => importRecords(crm, off.value, options));
  await crm.close();
  const r = dry.value;
  return { rows, batchSize, offThreadMs: off.ms, dryMs: dry.ms, longTasks: dry.longTasks, longestTaskMs: dry.longestTaskMs, againMs: again.ms, againLongestTaskMs: again.longestTaskMs, created: r.created, skipped: r.skipped, failed: r.failed };
}

/**
 * Wraps a store so every transaction is timed: when it was asked for, when the callback returned (its writes issued
 * and done inside IndexedDB), when the commit was reported. The import's breakdown is built from these.
 */
function tracedStore(store, trace) {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return (tables, fn) => {
        const t = { tables: tables.join(','), asked: performance.now(), begun: 0, bodyDone: 0, committed: 0 };
        trace.push(t);
        return target.transaction(tables, async (tx) => {
          t.begun = performance.now();
          const timed = new Proxy(tx, {
            get(ops, name) {
              const op = Reflect.get(ops, name);
              if (typeof op !== 'function') return op;
              return (table, ...rest) => {
                const s0 = performance.now();
                return op.call(ops, table, ...rest).finally(() => {
                  const key = `${String(name)} ${table}`;
                  (t.ops ??= {})[key] = (t.ops[key] ?? 0) + performance.now() - s0;
                });
              };
            },
          });
          try {
            return await fn(timed);
          } finally {
            t.bodyDone = performance.now();
          }
        }).finally(() => {
          t.committed = performance.now();
        });
      };
    },
  });
}

/** Sums the time covered by a union of [from, to] intervals. */
function covered(intervals) {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...intervals].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/**
 * The import's time, split (BENCH_FLOORS=0 prints it without running the floors, so a profile shows only crmkit):
 * how long a write transaction was open (its body: serialising and writing chunks, history, undo log), how long
 * after its body it took to report the commit, and the rest of the wall time — checking rows on the page, or idle.
 */
function breakdown(trace, ms, t0) {
  const writes = trace.filter((t) => t.begun > t0);
  const body = covered(writes.map((t) => [t.begun, t.bodyDone]));
  const commit = covered(writes.map((t) => [t.bodyDone, t.committed]));
  const any = covered(writes.map((t) => [t.begun, t.committed]));
  const wait = covered(writes.map((t) => [t.asked, t.begun]));
  const ops = {};
  for (const t of writes) for (const [k, v] of Object.entries(t.ops ?? {})) ops[k] = (ops[k] ?? 0) + v;
  return { ops, transactions: writes.length, bodyMs: body, commitMs: commit, inTransactionMs: any, waitToBeginMs: wait, outsideMs: ms - any };
}

export async function runImportBench({ rows = 50_000, withShapes = false, batchSize, floors = true, durability } = {}) {
  const csv = makeCsv(rows);
  const bytes = new TextEncoder().encode(csv);

  const papa = await measured(() => parse(csv, { delimiter: ',' }).data.length);
  const udsv = await measured(() => initParser(inferSchema(csv.slice(0, 65536), { header: () => [] })).stringArrs(csv).length);

  const name = `bench-import-${Date.now()}`;
  const trace = [];
  // BENCH_DURABILITY=relaxed|strict: crmkit's store opened with that transaction durability (the option any caller has).
  const crm = await createCrm({ store: tracedStore(dexieStore(name, durability ? { dexie: { chromeTransactionDurability: durability } } : {}), trace), automationIntervalMs: false, phoneCountry: 'RU' });
  const read = await measured(() => readTable(bytes, { fileName: 'contacts.csv' }));
  // What the wizard does: the file read in a module worker, the rows back in slices.
  const off = await measured(() => readTableOffThread(new Blob([bytes]), { fileName: 'contacts.csv' }));
  // BENCH_PROFILE=1: the page asks the bench to profile the import alone (not reading, floors or read-backs).
  await globalThis.benchProfile?.('start');
  const t0 = performance.now();
  const crmkit = await measured(() => importRecords(crm, off.value, { entity: 'contact', mapping: suggestMapping(off.value.headers, { entity: 'contact' }), ...(batchSize ? { batchSize } : {}) }));
  const split = breakdown(trace, crmkit.ms, t0);
  await globalThis.benchProfile?.('stop');
  const stored = await crm.store.query('contacts');
  const history = await crm.store.query('history');
  const companies = await crm.store.query('companies');
  await crm.close();
  // How crmkit stored the contacts: its chunk records and their key lists, read raw (for the chunked floor below).
  const raw = new Dexie(name);
  await raw.open();
  const chunks = await raw.table('contactsChunks').toArray();
  const chunkKeys = await raw.table('_chunkKeys').toArray();
  const perRecord = await raw.table('contacts').count();
  raw.close();
  // The import undone again (what the wizard's Undo does), timed: every contact and company it made removed.
  const reopened = await createCrm({ store: dexieStore(name), automationIntervalMs: false, phoneCountry: 'RU' });
  const undo = await measured(() => undoImport(reopened, crmkit.value.batchId));
  const leftAfterUndo = (await reopened.store.query('contacts')).length + (await reopened.store.query('companies')).length;
  await reopened.close();
  const undone = { undoMs: undo.ms, undoLongestTaskMs: undo.longestTaskMs, undoRemoved: undo.value.removed, leftAfterUndo };

  if (!floors) {
    return {
      rows, batchSize, durability, csvBytes: bytes.length, noFloors: true, split, papaMs: papa.ms, udsvMs: udsv.ms, papaRows: papa.value, udsvRows: udsv.value,
      readMs: read.ms, readLongestTaskMs: read.longestTaskMs, offThreadMs: off.ms, offThreadLongestTaskMs: off.longestTaskMs,
      crmkitMs: off.ms + crmkit.ms, importMs: crmkit.ms, longTasks: crmkit.longTasks, longestTaskMs: crmkit.longestTaskMs,
      created: crmkit.value.created, failed: crmkit.value.failed, skipped: crmkit.value.skipped, storedContacts: stored.length, storedCompanies: companies.length, storedHistory: history.length,
      chunkCount: chunks.length, chunkRows: chunks.map((c) => c.rows.length), perRecordContacts: perRecord, ...undone,
    };
  }
  // The floor: the same rows, a raw Dexie bulkPut into a table with the same indexes, with the browser's default
  // transaction durability (what crmkit's store uses) and with 'relaxed' durability, side by side.
  const floorOf = async (durability) => {
    const db = new Dexie(`bench-floor-${durability}-${Date.now()}`, durability === 'default' ? {} : { chromeTransactionDurability: durability });
    const spec = (t) => ['id', ...STORE_INDEXES[t]].join(', ');
    db.version(1).stores({ contacts: spec('contacts'), companies: spec('companies'), history: spec('history') });
    await db.open();
    const contacts = await measured(() => db.table('contacts').bulkPut(stored));
    const rest = await measured(async () => {
      await db.table('companies').bulkPut(companies);
      await db.table('history').bulkPut(history);
    });
    db.close();
    return [contacts, rest];
  };
  // The second floor: the raw cost of the chunked layout — the same chunk records (same rows, same chunk indexes) and
  // key lists, one bulkPut each, no crmkit — plus the same companies and history rows.
  const floorChunks = await (async () => {
    const db = new Dexie(`bench-floor-chunks-${Date.now()}`);
    const spec = (t) => ['id', ...STORE_INDEXES[t]].join(', ');
    db.version(1).stores({ contactsChunks: 'id, *ids, *ownerId, *companyId', _chunkKeys: 'id', companies: spec('companies'), history: spec('history') });
    await db.open();
    const contacts = await measured(() => db.transaction('rw', ['contactsChunks', '_chunkKeys'], async () => {
      await db.table('contactsChunks').bulkPut(chunks);
      await db.table('_chunkKeys').bulkPut(chunkKeys);
    }));
    const rest = await measured(async () => {
      await db.table('companies').bulkPut(companies);
      await db.table('history').bulkPut(history);
    });
    // The largest chunk the store wrote (CHUNK_MAX_ROWS at most), one put each: does serialising one make a long task?
    const bigRows = Math.max(1, ...chunks.map((c) => c.rows.length));
    const big = await measured(async () => {
      for (let i = 0; i < stored.length; i += bigRows) {
        const rows = stored.slice(i, i + bigRows);
        await db.table('contactsChunks').put({ ...chunks[0], id: `big-${i}`, rows, ids: rows.map((r) => r.id) });
      }
    });
    db.close();
    return { ms: contacts.ms, restMs: rest.ms, longestTaskMs: contacts.longestTaskMs, bigChunkRows: bigRows, bigChunkMs: big.ms, bigChunkLongestTaskMs: big.longestTaskMs, bigChunkLongTasks: big.longTasks };
  })();
  const [floor, floorHistory] = await floorOf('default');
  const [floorRelaxed] = await floorOf('relaxed');
  const [floorStrict] = await floorOf('strict');
  const r = crmkit.value;
  const shapes = withShapes ? await storeShapes(stored) : undefined;
  return {
    shapes,
    rows, batchSize, durability, csvBytes: bytes.length,
    papaMs: papa.ms, udsvMs: udsv.ms, papaRows: papa.value, udsvRows: udsv.value,
    readMs: read.ms, readLongestTaskMs: read.longestTaskMs,
    offThreadMs: off.ms, offThreadLongestTaskMs: off.longestTaskMs,
    split, importMs: crmkit.ms,
    crmkitMs: off.ms + crmkit.ms, longTasks: crmkit.longTasks, longestTaskMs: crmkit.longestTaskMs,
    created: r.created, failed: r.failed, skipped: r.skipped, storedContacts: stored.length, storedCompanies: companies.length, storedHistory: history.length,
    chunkCount: chunks.length, chunkRows: chunks.map((c) => c.rows.length), perRecordContacts: perRecord, ...undone,
    floorChunksMs: floorChunks.ms, floorChunksRestMs: floorChunks.restMs, floorChunksLongestTaskMs: floorChunks.longestTaskMs,
    bigChunkRows: floorChunks.bigChunkRows, bigChunkMs: floorChunks.bigChunkMs, bigChunkLongestTaskMs: floorChunks.bigChunkLongestTaskMs, bigChunkLongTasks: floorChunks.bigChunkLongTasks,
    floorMs: floor.ms, floorHistoryMs: floorHistory.ms, floorRelaxedMs: floorRelaxed.ms, floorStrictMs: floorStrict.ms, floorLongestTaskMs: floor.longestTaskMs,
  };
}

/**
 * The same stored contacts written in other store designs (BENCH_SHAPES=1): what per-record storage costs and what
 * each change would save — fewer indexes, smaller rows, rows kept in chunks, slices in flight, transactions.
 */
async function storeShapes(stored) {
  const spec = ['id', ...STORE_INDEXES.contacts].join(', ');
  const shape = async (stores, write) => {
    const db = new Dexie(`bench-shape-${Math.random().toString(36).slice(2)}`);
    db.version(1).stores(stores);
    await db.open();
    const m = await measured(() => write(db));
    db.close();
    return { ms: m.ms, longestTaskMs: m.longestTaskMs };
  };
  const put = (rows) => (db) => db.table('contacts').bulkPut(rows);
  const sliced = (inFlight) => (db) =>
    db.transaction('rw', db.table('contacts'), async () => {
      const pending = [];
      for (let i = 0; i < stored.length; i += 100) {
        pending.push(db.table('contacts').bulkPut(stored.slice(i, i + 100)));
        if (pending.length >= inFlight) await pending.shift();
      }
      await Promise.all(pending);
    });
  const chunked = (withKeys) => (db) => {
    const chunks = [];
    for (let i = 0; i < stored.length; i += 1000) {
      const part = stored.slice(i, i + 1000);
      chunks.push({
        id: `chunk-${i}`, rows: part, ids: part.map((p) => p.id), owners: [...new Set(part.map((p) => p.ownerId))],
        companies: [...new Set(part.map((p) => p.companyId).filter(Boolean))], ...(withKeys ? { dupKeys: part.flatMap((p) => p.dupKeys ?? []) } : {}),
      });
    }
    return db.table('chunks').bulkPut(chunks);
  };
  // Derivable fields left out: duplicate keys (from phones and emails), the import's entry id, an unchanged updatedAt.
  const smaller = stored.map((row) => {
    const r = { ...row };
    delete r.dupKeys;
    delete r.importEntryId;
    if (r.updatedAt === r.createdAt) delete r.updatedAt;
    return r;
  });
  return [
    ['one bulkPut, today\'s indexes (' + spec + ')', await shape({ contacts: spec }, put(stored))],
    ['one bulkPut, no secondary index', await shape({ contacts: 'id' }, put(stored))],
    ['one bulkPut, without *dupKeys', await shape({ contacts: 'id, ownerId, companyId' }, put(stored))],
    [`one bulkPut, smaller rows (${JSON.stringify(smaller[0]).length} vs ${JSON.stringify(stored[0]).length} bytes), without *dupKeys`, await shape({ contacts: 'id, ownerId, companyId' }, put(smaller))],
    ['slices of 100, 2 in flight (crmkit before)', await shape({ contacts: spec }, sliced(2))],
    ['slices of 100, 8 in flight (crmkit now)', await shape({ contacts: spec }, sliced(8))],
    ['one transaction per 250 rows', await shape({ contacts: spec }, async (db) => { for (let i = 0; i < stored.length; i += 250) await db.table('contacts').bulkPut(stored.slice(i, i + 250)); })],
    ['4 transactions in parallel', await shape({ contacts: spec }, (db) => Promise.all([0, 1, 2, 3].map((k) => db.table('contacts').bulkPut(stored.slice((k * stored.length) / 4, ((k + 1) * stored.length) / 4)))))],
    ['chunks of 1,000 rows: *ids, *owners, *companies', await shape({ chunks: 'id, *ids, *owners, *companies' }, chunked(false))],
    ['chunks of 1,000 rows: the same + *dupKeys', await shape({ chunks: 'id, *ids, *owners, *companies, *dupKeys' }, chunked(true))],
  ];
}
