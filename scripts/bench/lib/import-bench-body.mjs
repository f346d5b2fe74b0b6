/* global PerformanceObserver, TextEncoder, Blob -- runs in the browser page */
// The import benchmark body, bundled by scripts/bench/import.mjs and run in
// headless Chromium. Returns figures; prints nothing.
import { createCrm, dexieStore, STORE_INDEXES } from '@crmkit/core';
import { readTable, readTableOffThread, suggestMapping, importRecords } from '@crmkit/plugin-import';
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

export async function runImportBench({ rows = 50_000, withShapes = false, batchSize } = {}) {
  const csv = makeCsv(rows);
  const bytes = new TextEncoder().encode(csv);

  const papa = await measured(() => parse(csv, { delimiter: ',' }).data.length);
  const udsv = await measured(() => initParser(inferSchema(csv.slice(0, 65536), { header: () => [] })).stringArrs(csv).length);

  const name = `bench-import-${Date.now()}`;
  const crm = await createCrm({ store: dexieStore(name), automationIntervalMs: false, phoneCountry: 'RU' });
  const read = await measured(() => readTable(bytes, { fileName: 'contacts.csv' }));
  // What the wizard does: the file read in a module worker, the rows back in slices.
  const off = await measured(() => readTableOffThread(new Blob([bytes]), { fileName: 'contacts.csv' }));
  const crmkit = await measured(() => importRecords(crm, off.value, { entity: 'contact', mapping: suggestMapping(off.value.headers, { entity: 'contact' }), ...(batchSize ? { batchSize } : {}) }));
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
    // The largest chunk the store writes (CHUNK_MAX_ROWS, 500), one put each: does serialising one make a long task?
    const big = await measured(async () => {
      for (let i = 0; i < stored.length; i += 500) {
        const rows = stored.slice(i, i + 500);
        await db.table('contactsChunks').put({ ...chunks[0], id: `big-${i}`, rows, ids: rows.map((r) => r.id) });
      }
    });
    db.close();
    return { ms: contacts.ms, restMs: rest.ms, longestTaskMs: contacts.longestTaskMs, bigChunkMs: big.ms, bigChunkLongestTaskMs: big.longestTaskMs, bigChunkLongTasks: big.longTasks };
  })();
  const [floor, floorHistory] = await floorOf('default');
  const [floorRelaxed] = await floorOf('relaxed');
  const [floorStrict] = await floorOf('strict');
  const r = crmkit.value;
  const shapes = withShapes ? await storeShapes(stored) : undefined;
  return {
    shapes,
    rows, batchSize, csvBytes: bytes.length,
    papaMs: papa.ms, udsvMs: udsv.ms, papaRows: papa.value, udsvRows: udsv.value,
    readMs: read.ms, readLongestTaskMs: read.longestTaskMs,
    offThreadMs: off.ms, offThreadLongestTaskMs: off.longestTaskMs,
    crmkitMs: off.ms + crmkit.ms, longTasks: crmkit.longTasks, longestTaskMs: crmkit.longestTaskMs,
    created: r.created, failed: r.failed, skipped: r.skipped, storedContacts: stored.length, storedCompanies: companies.length, storedHistory: history.length,
    chunkCount: chunks.length, chunkRows: chunks.map((c) => c.rows.length), perRecordContacts: perRecord,
    floorChunksMs: floorChunks.ms, floorChunksRestMs: floorChunks.restMs, floorChunksLongestTaskMs: floorChunks.longestTaskMs,
    bigChunkMs: floorChunks.bigChunkMs, bigChunkLongestTaskMs: floorChunks.bigChunkLongestTaskMs, bigChunkLongTasks: floorChunks.bigChunkLongTasks,
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
